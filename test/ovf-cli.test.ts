/**
 * The `ovf` commands end to end on the embedded pool of a working folder: export a VM by
 * `<pool>/<uuid>` and by state address, then import the OVA with the pool's networks matched
 * by name (no variable for them) into a configuration that validates.
 */
import { mkdtempSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { register } from '../src/cli/commands/ovf';
import type { CliIo } from '../src/cli/io';
import { validateConfigDir } from '../src/config/validate';
import { resolveProviderSettings } from '../src/provider/endpoints';
import { ProviderRuntime } from '../src/provider/runtime';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = -1;
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, env: {}, cwd, isTty: false };
  const program = new Command('xcpform').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io, (c) => { code = c; });
  await program.parseAsync(args, { from: 'user' });
  return { code, out, err };
}

test('export by <pool>/<uuid> and by state address, import with networks matched by name', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'ovf-cli-'));
  const rt = await ProviderRuntime.open(resolveProviderSettings(null, {}).settings, { workDir: cwd, embeddedHosts: 1 });
  let uuid: string;
  try {
    const c = await rt.client('dc1');
    const lan = await c.call<string>('network.create', { name_label: 'lan', name_description: '', MTU: 1500, other_config: {} });
    const tpl = (await c.call<string[]>('VM.get_by_name_label', 'Other install media'))[0];
    const vm = await c.call<string>('VM.clone', tpl, 'cli-vm');
    await c.call('VM.remove_from_other_config', vm, 'disks');
    await c.call('VM.set_is_a_template', vm, false);
    const sr = await c.call<string>('pool.get_default_SR', (await c.call<string[]>('pool.get_all'))[0]);
    const vdi = await c.call<string>('VDI.create', { name_label: 'cli-vm 0', SR: sr, virtual_size: 16 * 2 ** 20, type: 'user', sharable: false, read_only: false, other_config: {} });
    await c.call('VBD.create', { VM: vm, VDI: vdi, userdevice: '0', bootable: true, mode: 'RW', type: 'Disk', empty: false, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} });
    await c.call('VIF.create', { device: '0', network: lan, VM: vm, MAC: '', MTU: 1500, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} });
    uuid = await c.call<string>('VM.get_uuid', vm);
  } finally {
    await rt.close();
  }

  const byUuid = await run(['ovf', 'export', `dc1/${uuid}`, '-o', 'cli-vm.ova'], cwd);
  expect(byUuid.err).toBe('');
  expect(byUuid.code).toBe(0);

  await fs.writeFile(join(cwd, 'terraform.tfstate'), JSON.stringify({
    version: 4, terraform_version: '1.11.4', serial: 1, lineage: '6f1c9a3e-0d1b-4c5e-9a61-1e2f3a4b5c6d', outputs: {},
    resources: [{ mode: 'managed', type: 'xcp_vm', name: 'app', provider: 'provider["registry.terraform.io/xcpform/xcp"]', instances: [{ schema_version: 0, attributes: { id: uuid, uuid, pool: 'dc1' }, sensitive_attributes: [] }] }],
    check_results: null,
  }));
  await fs.mkdir(join(cwd, 'out'));
  const byState = await run(['ovf', 'export', 'xcp_vm.app', '-o', join('out', 'app.ovf')], cwd);
  expect(byState.err).toBe('');
  expect(byState.code).toBe(0);
  expect((await fs.readdir(join(cwd, 'out'))).sort()).toEqual(['app-disk0.raw', 'app.mf', 'app.ovf']);

  const missing = await run(['ovf', 'export', 'xcp_vm.nope', '-o', 'x.ova'], cwd);
  expect(missing.code).toBe(1);
  expect(missing.err).toContain('xcp_vm.nope is not in the state');

  const imported = await run(['ovf', 'import', 'cli-vm.ova', '-o', 'config'], cwd);
  expect(imported.code).toBe(0);
  const doc = JSON.parse(await fs.readFile(join(cwd, 'config', 'cli_vm.tf.json'), 'utf8'));
  expect(doc.variable).toBeUndefined();
  expect(doc.resource.xcp_vm.cli_vm.nic).toEqual([{ device: '0', network: 'lan', mac: expect.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/) }]);
  expect(doc.resource.xcp_appliance.cli_vm.import_network_map).toEqual({ lan: 'lan' });
  expect((await validateConfigDir(join(cwd, 'config'), cwd)).diagnostics).toEqual([]);
}, 60_000);
