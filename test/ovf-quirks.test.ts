/**
 * OVF as real tools write it, one fixture per tool (test/fixtures/ovf-quirks, written from
 * DSP0243 in the shape each tool exports) and one test per quirk: OVF 0.9, VirtualBox's USB and
 * sound items, ovftool's compressed disks and floppy/serial items, vCloud's shared and repeated
 * ids and unconnected NICs, Ganeti's missing capacity, a Cisco-style DeploymentOptionSection with
 * its ISO, gzip-compressed OVAs, and a descriptor alone (`--no-disks`). The imports run in
 * process; the applies run the CLI against the embedded simulator.
 */
import { copyFileSync, mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import { register } from '../src/cli/commands/ovf';
import type { CliIo } from '../src/cli/io';
import { readOvfPackage } from '../src/ovf/package-reader';
import { importOvfAppliance } from '../src/resources/appliance/ovf-create';
import { xcpform, ROOT } from './helpers/cli';
import { startResourceHarness } from './helpers/resource-context';
import { sha256, vdiContents } from './helpers/world-contents';

const Q = join(ROOT, 'test', 'fixtures', 'ovf-quirks');
const NET = 'Pool-wide network associated with eth0';
const MiB = 2 ** 20;
const GiB = 2 ** 30;
const SOURCE = gunzipSync(readFileSync(join(ROOT, 'test', 'fixtures', 'ovf-disks', 'source.raw.gz')));
const tmp = (tag: string): string => mkdtempSync(join(tmpdir(), `xcpform-quirk-${tag}-`));

async function ovfImport(args: string[]): Promise<{ code: number; out: string; err: string; doc?: { variable?: Record<string, unknown>; resource: Record<string, Record<string, Record<string, unknown>>> } }> {
  let out = '';
  let err = '';
  let code = -1;
  const dir = tmp('import');
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, env: {}, cwd: dir, isTty: false };
  const program = new Command('xcpform').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io, (c) => { code = c; });
  await program.parseAsync(['ovf', 'import', ...args, '-o', dir, '--offline'], { from: 'user' });
  const file = (await fs.readdir(dir)).find((f) => f.endsWith('.tf.json'));
  return { code, out, err, ...(file ? { doc: JSON.parse(await fs.readFile(join(dir, file), 'utf8')) } : {}) };
}

/** `ovf import` then `apply` in a fresh folder; the folder, for reading the world back. */
function importAndApply(pkg: string, vars: string[], extra: string[] = []): { dir: string; apply: string } {
  const dir = tmp('apply');
  const imp = xcpform(['ovf', 'import', pkg, '-o', dir, '--offline', ...extra]);
  expect(imp.code).toBe(0);
  const args = vars.flatMap((v) => ['-var', `${v}=${NET}`]);
  const apply = xcpform(['apply', '-auto-approve', ...args], { cwd: dir });
  expect(apply.stderr).toBe('');
  expect(apply.stdout).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 migrated, 0 destroyed\./);
  expect(xcpform(['plan', '-detailed-exitcode', ...args], { cwd: dir }).code).toBe(0);
  return { dir, apply: apply.stdout };
}

describe('OVF quirks of real tools', () => {
  test('OVF 0.9 (ESX 3.5-like): typed sections, Content, InstanceId/Caption and MegaBytes read like 1.0', async () => {
    const r = await ovfImport([join(Q, 'ovf-0.9', 'esx35.ovf')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const vm = r.doc!.resource.xcp_vm.legacy_app;
    expect(vm).toMatchObject({ vcpus: 2, memory: 512 * MiB, disk: [{ userdevice: '0', size: 4 * GiB, bootable: true }], nic: [{ device: '0', network: '${var.network_vm_network}' }] });
  });

  test('VirtualBox-like OVA: USB controller and sound card are warnings naming the item; the VMDK converts and the re-plan is empty', async () => {
    const r = await ovfImport([join(Q, 'virtualbox', 'vbox-like.ova')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('Warning: vbox-like.ovf: Item (InstanceID 5): USB controller "usb" (ResourceType 23) is left out');
    expect(r.err).toContain('Warning: vbox-like.ovf: Item (InstanceID 6): sound card "sound" (ResourceType 35) is left out');
    expect(r.err).not.toContain('Machine'); // vbox:Machine is ovf:required="false": skipped quietly
    const { dir, apply } = importAndApply(join(Q, 'virtualbox', 'vbox-like.ova'), ['network_nat']);
    expect(apply).toContain('converting vbox-like-disk001.vmdk from VMDK (stream-optimized) to raw while uploading it');
    expect(vdiContents(dir, 'vbox-like 0').sha256).toBe(sha256(SOURCE));
  }, 120_000);

  test('vSphere/ovftool-like: a gzip-compressed VMDK, floppy and serial port left out with warnings, vmw: extensions ignored', async () => {
    const r = await ovfImport([join(Q, 'vsphere', 'vsphere-like.ovf')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Disk vmdisk1 (vsphere-like-disk1.vmdk): VMDK (stream-optimized), gzip-compressed, converted to raw while uploading (1 MiB).');
    expect(r.err).toContain('Item (InstanceID 8): floppy drive "Floppy drive 1" (ResourceType 14) is left out');
    expect(r.err).toContain('Item (InstanceID 9): serial port "Serial port 1" (ResourceType 21) is left out');
    expect(r.doc!.resource.xcp_vm.vsphere_like).toMatchObject({ vcpus: 2, memory: 2 * GiB, disk: [{ size: MiB }] });
    const { dir } = importAndApply(join(Q, 'vsphere', 'vsphere-like.ovf'), ['network_vm_network']);
    expect(vdiContents(dir, 'vsphere-like 0').sha256).toBe(sha256(SOURCE));
  }, 120_000);

  test('vCloud-like: the vApp shares its id with a VM, two VMs share an id, "none" and undeclared connections become variables', async () => {
    const r = await ovfImport([join(Q, 'vcloud', 'vapp-like.ovf')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('VirtualSystem db: ovf:id is used by another VirtualSystem too');
    expect(r.err).toContain('this one becomes xcp_vm.db_2');
    expect(r.err).toContain('Item (InstanceID 1): Ethernet adapter is not connected to a network');
    expect(r.err).toContain('Connection "backend-isolated" is not a network of the NetworkSection');
    expect(r.err).not.toContain('GuestCustomizationSection'); // ovf:required="false"
    expect(Object.keys(r.doc!.variable!).sort()).toEqual(['network_backend_isolated', 'network_db_nic_1', 'network_frontend']);
    expect(Object.keys(r.doc!.resource.xcp_appliance)).toEqual(['web']);
    const vms = r.doc!.resource.xcp_vm;
    expect(Object.keys(vms).sort()).toEqual(['db', 'db_2', 'web']);
    expect([vms.db.name_label, vms.db_2.name_label, vms.web.name_label]).toEqual(['db', 'db-replica', 'web']);
    expect(vms.db.nic).toEqual([{ device: '0', network: '${var.network_db_nic_1}' }]);
    expect(vms.db_2.nic).toEqual([{ device: '0', network: '${var.network_backend_isolated}' }]);
    expect([vms.db.start_order, vms.db_2.start_order, vms.web.start_order, vms.web.start_delay]).toEqual([0, 0, 1, 30]);
    const { dir } = importAndApply(join(Q, 'vcloud', 'vapp-like.ovf'), ['network_frontend', 'network_db_nic_1', 'network_backend_isolated']);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(state.resources.filter((x: { type: string }) => x.type === 'xcp_vm').map((x: { name: string }) => x.name).sort()).toEqual(['db', 'db_2', 'web']);
  }, 120_000);

  test('Ganeti-like: a disk without ovf:capacity gets the size its (gzip-compressed) QCOW2 header states', async () => {
    const r = await ovfImport([join(Q, 'ganeti', 'ganeti-like.ovf')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('GanetiSection: section not understood: ignored');
    expect(r.doc!.resource.xcp_vm.ganeti_like_example_com).toMatchObject({ disk: [{ size: MiB }], nic: [{ mac: 'aa:00:00:35:d1:87' }] });
    const { dir } = importAndApply(join(Q, 'ganeti', 'ganeti-like.ovf'), ['network_routed0']);
    const got = vdiContents(dir, 'ganeti-like.example.com 0');
    expect([got.length, got.sha256, got.virtualSize]).toEqual([SOURCE.length, sha256(SOURCE), MiB]);
  }, 120_000);

  test('Cisco-CSR-like: the default deployment option gives 1 vCPU / 4 GiB and 3 NICs, not the sums', async () => {
    const r = await ovfImport([join(Q, 'cisco-csr', 'csr-like.ovf')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Deployment option "1CPU-4GB" (others: 2CPU-4GB, 4CPU-4GB; choose with --deployment).');
    const vm = r.doc!.resource.xcp_vm.csr_like as { vcpus: number; memory: number; nic: unknown[]; disk: unknown[] };
    expect([vm.vcpus, vm.memory, vm.nic.length]).toEqual([1, 4 * GiB, 3]);
    expect(vm.disk).toEqual([{ userdevice: '0', size: 8 * GiB, bootable: true }]);
    expect(r.doc!.resource.xcp_appliance.csr_like).toMatchObject({ ovf_deployment: '1CPU-4GB' });
    expect(r.doc!.resource.xcp_vm.csr_like.xenstore_data).toEqual({ 'ovf/com.example.router.throughput': '100M' });
    // Only the networks the chosen configuration's NICs use become variables.
    expect(Object.keys(r.doc!.variable!)).toEqual(['network_gigabitethernet1', 'network_gigabitethernet2', 'network_gigabitethernet3']);
  });

  test('--deployment NAME picks another configuration; an unknown name lists the offered ones', async () => {
    const large = await ovfImport([join(Q, 'cisco-csr', 'csr-like.ovf'), '--deployment', '4CPU-4GB']);
    const vm = large.doc!.resource.xcp_vm.csr_like as { vcpus: number; memory: number; nic: unknown[] };
    expect([vm.vcpus, vm.memory, vm.nic.length]).toEqual([4, 4 * GiB, 7]);
    expect(large.doc!.resource.xcp_appliance.csr_like).toMatchObject({ ovf_deployment: '4CPU-4GB' });
    expect(large.doc!.resource.xcp_vm.csr_like.xenstore_data).toEqual({ 'ovf/com.example.router.throughput': '1G' });
    const bad = await ovfImport([join(Q, 'cisco-csr', 'csr-like.ovf'), '--deployment', 'huge']);
    expect(bad.code).toBe(1);
    expect(bad.doc).toBeUndefined();
    expect(bad.err).toContain('Error: csr-like.ovf: DeploymentOptionSection: no deployment option "huge"');
    expect(bad.err).toContain('The package offers "1CPU-4GB", "2CPU-4GB", "4CPU-4GB": pass one of them to --deployment.');
    const none = await ovfImport([join(Q, 'ovf-0.9', 'esx35.ovf'), '--deployment', 'small']);
    expect(none.err).toContain('The package has no deployment options: leave out --deployment.');
  });

  test('Cisco-CSR-like apply: the chosen configuration is created and the package ISO is in the CD drive', () => {
    const { dir } = importAndApply(join(Q, 'cisco-csr', 'csr-like.ovf'), ['network_gigabitethernet1', 'network_gigabitethernet2', 'network_gigabitethernet3'], ['--deployment', '2CPU-4GB']);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const vm = state.resources.find((x: { type: string }) => x.type === 'xcp_vm').instances[0].attributes;
    const app = state.resources.find((x: { type: string }) => x.type === 'xcp_appliance').instances[0].attributes;
    expect([vm.vcpus, vm.memory, vm.nic.length]).toEqual([2, 4 * GiB, 3]);
    expect(vm.cdrom).toBe(`csr-like.iso (appliance ${app.uuid})`);
    const iso = vdiContents(dir, vm.cdrom);
    expect([iso.readOnly, iso.sha256]).toEqual([true, sha256(readFileSync(join(Q, 'cisco-csr', 'csr-like.iso')))]);
  }, 120_000);

  test('a gzip-compressed OVA is read through gunzip: manifest checked, disk uploaded', async () => {
    const { package: pkg, diagnostics } = await readOvfPackage(join(Q, 'gzip-ova', 'web.ova'));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(pkg!.manifestVerified).toBe(true);
    const { dir } = importAndApply(join(Q, 'gzip-ova', 'web.ova'), ['network_vm_network', 'network_backup']);
    const disk = readFileSync(join(ROOT, 'test', 'fixtures', 'ovf', 'single-1.0', 'web-disk1.img'));
    expect(vdiContents(dir, 'web-server 0').sha256).toBe(sha256(disk));
  }, 120_000);

  test('--no-disks imports a descriptor alone: blank disks of the declared sizes, no ovf_source; apply and re-plan', async () => {
    const dir = tmp('alone');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'ovf', 'single-1.0', 'web.ovf'), join(dir, 'web.ovf'));
    const without = await ovfImport([join(dir, 'web.ovf')]);
    expect(without.code).toBe(1);
    expect(without.err).toContain('"web-disk1.img" is not in the package');
    const r = await ovfImport([join(dir, 'web.ovf'), '--no-disks']);
    expect(r.code).toBe(0);
    expect(r.doc!.resource.xcp_appliance.web).not.toHaveProperty('ovf_source');
    expect((r.doc!.resource.xcp_vm.web as { disk: { size: number }[] }).disk.map((d) => d.size)).toEqual([GiB, 512 * MiB]);
    importAndApply(join(dir, 'web.ovf'), ['network_vm_network', 'network_backup'], ['--no-disks']);
    const noCapacity = await ovfImport([join(Q, 'ganeti', 'ganeti-like.ovf'), '--no-disks']);
    expect(noCapacity.err).toContain('Disk disk0: has no ovf:capacity, and --no-disks leaves its file out');
  }, 120_000);

  test('the appliance import itself creates the chosen deployment option (not the sums, nothing left for xcp_vm to correct)', async () => {
    const h = await startResourceHarness({ pools: [{ name: 'dc1', hosts: 1 }] });
    try {
      const c = h.client();
      const map = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`GigabitEthernet${i}`, NET]));
      for (const [deployment, vcpus, nics] of [[undefined, 1, 3], ['4CPU-4GB', 4, 7]] as const) {
        const res = await importOvfAppliance({ ctx: h.ctx('xcp_appliance.csr_like'), pool: 'dc1', source: join(Q, 'cisco-csr', 'csr-like.ovf'), importNetworkMap: map, ...(deployment ? { deployment } : {}) });
        const vm = await c.getRecord('VM', res.vms[0].ref as never);
        expect([vm.VCPUs_max, vm.VCPUs_at_startup, vm.memory_static_max, vm.VIFs.length]).toEqual([vcpus, vcpus, 4 * GiB, nics]);
        const cd = await Promise.all(vm.VBDs.map((b: string) => c.getRecord('VBD', b as never)));
        expect(cd.filter((b: { type: string; empty: boolean }) => b.type === 'CD' && !b.empty)).toHaveLength(1);
      }
    } finally {
      await h.close();
    }
  }, 60_000);

  test('a second ISO in another CD drive is named in a warning (an XCP VM gets one CD drive from the package)', async () => {
    const dir = tmp('isos');
    copyFileSync(join(Q, 'cisco-csr', 'csr-like.iso'), join(dir, 'csr-like.iso'));
    copyFileSync(join(Q, 'cisco-csr', 'csr-like.iso'), join(dir, 'tools.iso'));
    const text = readFileSync(join(Q, 'cisco-csr', 'csr-like.ovf'), 'utf8')
      .replace('</References>', '  <File ovf:href="tools.iso" ovf:id="file2" ovf:size="2048"/>\n  </References>')
      .replace('</VirtualHardwareSection>', '<Item><rasd:ElementName>CD-ROM 2</rasd:ElementName><rasd:HostResource>ovf:/file/file2</rasd:HostResource><rasd:InstanceID>40</rasd:InstanceID><rasd:ResourceType>15</rasd:ResourceType></Item>\n    </VirtualHardwareSection>');
    await fs.writeFile(join(dir, 'two-isos.ovf'), text);
    const r = await ovfImport([join(dir, 'two-isos.ovf')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('Warning: xcp_vm.csr_like: 2 CD drives with ISOs');
    expect(r.err).toContain('csr-like.iso is inserted, tools.iso is not imported.');
  });

  test('progress while converting: the conversion is named, then bytes up to the virtual size', async () => {
    const h = await startResourceHarness({ pools: [{ name: 'dc1', hosts: 1 }] });
    try {
      const ctx = h.ctx('xcp_appliance.vsphere_like');
      await importOvfAppliance({ ctx, pool: 'dc1', source: join(Q, 'vsphere', 'vsphere-like.ovf'), importNetworkMap: { 'VM Network': NET } });
      const texts = ctx.events.flatMap((e) => (e.kind === 'message' ? [e.text] : []));
      expect(texts).toContain('converting vsphere-like-disk1.vmdk from VMDK (stream-optimized) to raw while uploading it into disk 0 of vsphere-like');
      const bytes = ctx.events.flatMap((e) => (e.kind === 'bytes' ? [[e.done, e.total]] : []));
      expect(bytes.length).toBeGreaterThan(1);
      expect(bytes.every(([, total]) => total === MiB)).toBe(true);
      expect(bytes[bytes.length - 1]).toEqual([MiB, MiB]);
      expect(bytes.map(([done]) => done)).toEqual([...bytes.map(([done]) => done)].sort((a, b) => a - b));
    } finally {
      await h.close();
    }
  }, 60_000);
});
