/**
 * `xcpform ovf import`: fixture packages become a configuration that `validateConfigDir`
 * accepts (tf.json) or a CDKTF stack; broken packages write nothing and exit 1.
 */
import { mkdtempSync, promises as fs, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import ts from 'typescript';
import { register } from '../src/cli/commands/ovf';
import type { CliIo } from '../src/cli/io';
import { validateConfigDir } from '../src/config/validate';

const FIX = join(__dirname, 'fixtures', 'ovf');
const GiB = 2 ** 30;
const MiB = 2 ** 20;

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

const tmp = (): string => mkdtempSync(join(tmpdir(), 'ovf-import-'));

describe('ovf import --format tf.json', () => {
  test('single VM (OVF 1.0): appliance, VM, a variable per unmapped network; validates', async () => {
    const dir = tmp();
    const r = await run(['ovf', 'import', join(FIX, 'single-1.0', 'web.ovf'), '-o', dir, '--offline'], dir);
    expect(r.err).toContain('unsupported ResourceType 24: ignored');
    expect(r.code).toBe(0);
    expect(r.out).toContain('xcp_appliance.web with 1 VM(s)');
    const doc = JSON.parse(await fs.readFile(join(dir, 'web.tf.json'), 'utf8'));
    expect(Object.keys(doc.variable)).toEqual(['network_vm_network', 'network_backup']);
    expect(doc.resource.xcp_appliance.web).toEqual({
      name_label: 'web-server',
      name_description: 'A web server',
      ovf_source: join(FIX, 'single-1.0', 'web.ovf'),
      import_network_map: { 'VM Network': '${var.network_vm_network}', backup: '${var.network_backup}' },
    });
    expect(doc.resource.xcp_vm.web).toEqual({
      name_label: 'web-server',
      template: 'Other install media',
      vcpus: 2,
      memory: GiB,
      power_state: 'halted',
      appliance: '${xcp_appliance.web.uuid}',
      start_order: 0,
      start_delay: 0,
      shutdown_delay: 0,
      disk: [{ userdevice: '0', size: GiB, bootable: true }, { userdevice: '1', size: 512 * MiB, bootable: false }],
      nic: [{ device: '0', network: '${var.network_vm_network}', mac: '00:50:56:aa:bb:01' }, { device: '1', network: '${var.network_backup}' }],
    });
    const v = await validateConfigDir(dir, dir);
    expect(v.diagnostics).toEqual([]);
  });

  test('collection of three: VMs in start order with order and delays; validates', async () => {
    const dir = tmp();
    const r = await run(['ovf', 'import', join(FIX, 'collection-3', 'three-tier.ovf'), '-o', dir, '--offline'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(await fs.readFile(join(dir, 'three_tier.tf.json'), 'utf8'));
    const vms = doc.resource.xcp_vm;
    expect(Object.keys(vms)).toEqual(['db', 'app', 'web']);
    expect(Object.values(vms).map((x: any) => [x.name_label, x.start_order, x.start_delay, x.shutdown_delay, x.vcpus, x.memory])).toEqual([
      ['database', 1, 30, 60, 4, 4 * GiB],
      ['app', 2, 15, 20, 2, 2 * GiB],
      ['web', 3, 0, 10, 1, 512 * MiB],
    ]);
    expect(vms.db.disk.map((d: any) => d.size)).toEqual([2 * GiB, 256 * MiB]);
    expect(vms.app.nic.map((n: any) => n.network)).toEqual(['${var.network_front}', '${var.network_back}']);
    expect((await validateConfigDir(dir, dir)).diagnostics).toEqual([]);
  });

  test('OVF 2.0 ProductSection: properties in xenstore_data, user-configurable ones as variables', async () => {
    const dir = tmp();
    expect((await run(['ovf', 'import', join(FIX, 'product-2.0', 'appliance.ovf'), '-o', dir, '--offline'], dir)).code).toBe(0);
    const doc = JSON.parse(await fs.readFile(join(dir, 'monitor.tf.json'), 'utf8'));
    expect(doc.variable.monitor_hostname).toMatchObject({ type: 'string', default: 'monitor', description: 'Host name' });
    expect(doc.variable.monitor_admin_password).toMatchObject({ sensitive: true });
    expect(doc.resource.xcp_vm.monitor.xenstore_data).toEqual({
      'ovf/org.example.monitor.hostname': '${var.monitor_hostname}',
      'ovf/org.example.monitor.admin_password': '${var.monitor_admin_password}',
      'ovf/org.example.monitor.disk_size': '1024',
    });
    expect(doc.resource.xcp_vm.monitor.name_description).toBe('Monitoring appliance, 2.0');
    expect((await validateConfigDir(dir, dir)).diagnostics).toEqual([]);
  });

  test('an existing file is not overwritten without --force', async () => {
    const dir = tmp();
    const args = ['ovf', 'import', join(FIX, 'single-1.0', 'web.ovf'), '-o', dir, '--offline'];
    expect((await run(args, dir)).code).toBe(0);
    const again = await run(args, dir);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    expect((await run([...args, '--force'], dir)).code).toBe(0);
  });
});

describe('ovf import --format cdktf', () => {
  test('writes a TypeScript stack using xcpform/cdktf that parses', async () => {
    const dir = tmp();
    expect((await run(['ovf', 'import', join(FIX, 'collection-3', 'three-tier.ovf'), '-o', dir, '--format', 'cdktf', '--offline'], dir)).code).toBe(0);
    const src = await fs.readFile(join(dir, 'main.ts'), 'utf8');
    expect(src).toContain("import { appliance, provider, vm } from 'xcpform/cdktf';");
    expect(src).toContain('export class ThreeTierStack extends TerraformStack');
    expect(src).toContain("const applianceThreeTier = new appliance.Appliance(this, \"three_tier\"");
    expect(src).toContain('appliance: applianceThreeTier.uuid,');
    expect(src).toContain('network: varNetworkFront.stringValue,');
    expect(src).toContain('startOrder: 1,');
    expect(src).toContain('"front": varNetworkFront.stringValue,');
    const out = ts.transpileModule(src, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
    expect(out.diagnostics).toEqual([]);
  });
});

describe('ovf import: broken packages', () => {
  test.each([
    ['broken/malformed.ovf', 'malformed.ovf: descriptor: malformed XML'],
    ['broken/missing-file.ovf', 'missing-file.ovf: File file1: "missing-disk.img" is not in the package'],
    ['broken/wrong-checksum.ovf', 'wrong-checksum.mf: SHA1(wrong-checksum-disk1.img): checksum mismatch'],
    ['broken/unsupported-type.ovf', 'unsupported-type.ovf: Item (InstanceID 10): unsupported ResourceType 24'],
    ['broken/unknown-unit.ovf', 'unknown-unit.ovf: Disk vmdisk2: unknown capacityAllocationUnits'],
  ])('%s: exit 1, diagnostic, nothing written', async (rel, summary) => {
    const dir = tmp();
    const r = await run(['ovf', 'import', join(FIX, rel), '-o', join(dir, 'out'), '--offline'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(summary);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
