/**
 * `xcpform ovf import FILE` (write the configuration of an OVF/OVA package) and
 * `xcpform ovf export ADDR -o FILE.ova|FILE.ovf` (write a VM as an OVF 2.0 package).
 */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { hasErrors, type Diagnostic } from '../../diagnostics';
import { renderDiagnostics } from '../../render/diagnostics';
import { useColor } from '../color';
import { exportVm } from '../../ovf/export-vm';
import { writeImportConfig, type ImportFormat } from '../../ovf/import-config';
import { diskConversionNotes } from '../../ovf/disk/plan-notes';
import { openPool, resolveVmAddress } from '../../ovf/pool-access';

interface ImportOpts { out?: string; format: ImportFormat; pool: string; poolUrl?: string; offline?: boolean; force?: boolean; deployment?: string; disks: boolean; color: boolean }
interface ExportOpts { out: string; poolUrl?: string; state: string; color: boolean }

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  const report = (diags: readonly Diagnostic[], color: boolean): boolean => {
    if (diags.length) io.stderr(renderDiagnostics(diags, { color: useColor(io, color) }));
    return hasErrors(diags);
  };
  const ovf = program.command('ovf').description('import OVF/OVA packages as configuration, export VMs as OVF packages');

  ovf.command('import <file>')
    .description('write the configuration (an xcp_appliance with its VMs) for the .ovf or .ova FILE')
    .option('-o, --out <dir>', 'folder to write the configuration into (default: the current folder)')
    .addOption(new Option('--format <format>', 'tf.json, or cdktf for a TypeScript CDKTF stack').choices(['tf.json', 'cdktf']).default('tf.json'))
    .option('--pool <name>', 'pool whose networks the package networks are matched to by name', 'dc1')
    .option('--pool-url <url>', 'XAPI URL of that pool (default: the embedded simulator)')
    .option('--offline', 'do not look at the pool: every package network becomes a variable')
    .option('--force', 'overwrite an existing output file')
    .option('--deployment <name>', "configuration of the package's DeploymentOptionSection (default: the package's default)")
    .option('--no-disks', 'read the descriptor alone (its disk files are not needed): the VMs get blank disks of the declared sizes')
    .option('--no-color', 'disable colours')
    .action(async (file: string, opts: ImportOpts) => {
      const diagnostics: Diagnostic[] = [];
      let poolNetworks = new Set<string>();
      if (!opts.offline) {
        const opened = await openPool({ pool: opts.pool, url: opts.poolUrl, workDir: io.cwd, env: io.env });
        diagnostics.push(...opened.diagnostics);
        if (!opened.runtime) return exit(report(diagnostics, opts.color) ? 1 : 0);
        try {
          const records = await opened.runtime.records(opts.pool, ['network']);
          poolNetworks = new Set([...records.all('network').values()].map((n) => n.name_label));
        } finally {
          await opened.runtime.close();
        }
      }
      const result = await writeImportConfig(resolve(io.cwd, file), { outDir: resolve(io.cwd, opts.out ?? '.'), format: opts.format, poolNetworks, force: opts.force, deployment: opts.deployment, noDisks: !opts.disks });
      diagnostics.push(...result.diagnostics);
      const failed = report(diagnostics, opts.color);
      if (result.written && result.spec) {
        io.stdout(`Wrote ${result.written}: xcp_appliance.${result.spec.name} with ${result.spec.resources.length - 1} VM(s).\n`);
        if (result.deployment) {
          const others = result.deployment.options.filter((o) => o.id !== result.deployment!.chosen).map((o) => o.id);
          io.stdout(`Deployment option "${result.deployment.chosen}"${others.length ? ` (others: ${others.join(', ')}; choose with --deployment)` : ''}.\n`);
        }
        if (opts.disks) for (const note of diskConversionNotes(resolve(io.cwd, file))) io.stdout(`Disk ${note.replace(/^disk /, '')}.\n`);
        const vars = result.spec.variables.filter((v) => v.name.startsWith('network_'));
        if (vars.length) io.stdout(`Set ${vars.map((v) => `var.${v.name}`).join(', ')} to networks of the pool before "xcpform plan".\n`);
      }
      exit(failed ? 1 : 0);
    });

  ovf.command('export <addr>')
    .description('export the VM at ADDR (a state address such as xcp_vm.web, or <pool>/<vm uuid>) as an OVF 2.0 package')
    .requiredOption('-o, --out <file>', 'FILE.ova (one archive) or FILE.ovf (with the disks and manifest beside it)')
    .option('--pool-url <url>', 'XAPI URL of the pool (default: the embedded simulator)')
    .option('--state <file>', 'state file to look state addresses up in', 'terraform.tfstate')
    .option('--no-color', 'disable colours')
    .action(async (addr: string, opts: ExportOpts) => {
      const where = await resolveVmAddress(addr, resolve(io.cwd, opts.state));
      if (!where.pool || !where.uuid) return exit(report(where.diagnostics, opts.color) ? 1 : 0);
      const opened = await openPool({ pool: where.pool, url: opts.poolUrl, workDir: io.cwd, env: io.env });
      if (!opened.runtime) return exit(report(opened.diagnostics, opts.color) ? 1 : 0);
      try {
        const result = await exportVm(await opened.runtime.client(where.pool), where.uuid, resolve(io.cwd, opts.out));
        const failed = report([...opened.diagnostics, ...result.diagnostics], opts.color);
        if (!failed) io.stdout(`Exported VM ${where.uuid} to ${result.files.join(', ')}.\n`);
        exit(failed ? 1 : 0);
      } finally {
        await opened.runtime.close();
      }
    });
}
