/**
 * OVF against the simulator over real HTTP: export a VM with disks and a NIC, re-import the
 * package to an equivalent configuration (round trip), and import packages as appliances
 * (VMs in start order with the right disks, sizes, contents, NICs and delays). Broken
 * packages create nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOvfAppliance } from '../src/resources/appliance/ovf-create';
import { exportVm } from '../src/ovf/export-vm';
import { buildImportSpec } from '../src/ovf/import-spec';
import { readOvfPackage } from '../src/ovf/package-reader';
import { uploadSegments } from '../src/ovf/upload';
import { parseXml } from '../src/ovf/xml-tree';
import { ResourceError } from '../src/resources/resource';
import type { XapiClient } from '../src/xenapi';
import { startResourceHarness, type ResourceHarness } from './helpers/resource-context';

const FIX = join(__dirname, 'fixtures', 'ovf');
const MiB = 2 ** 20;
const GiB = 2 ** 30;
const DATA = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 31 + 7) % 256));

let h: ResourceHarness;
let c: XapiClient;
let dir: string;
let vmUuid: string;

async function download(vdi: string): Promise<Buffer> {
  const url = new URL('/export_raw_vdi', c.url);
  url.searchParams.set('session_id', await c.session());
  url.searchParams.set('vdi', vdi);
  url.searchParams.set('format', 'raw');
  return Buffer.from(await (await fetch(url)).arrayBuffer());
}

async function count(cls: 'VM' | 'VM_appliance' | 'VDI'): Promise<number> {
  return (await c.call<string[]>(`${cls}.get_all`)).length;
}

beforeAll(async () => {
  h = await startResourceHarness({ pools: [{ name: 'dc1', hosts: 1 }] });
  c = h.client();
  dir = mkdtempSync(join(tmpdir(), 'ovf-sim-'));
  const lan = await c.call<string>('network.create', { name_label: 'lan', name_description: 'The LAN', MTU: 1500, other_config: {} });
  const tpl = (await c.call<string[]>('VM.get_by_name_label', 'Other install media'))[0];
  const vm = await c.call<string>('VM.clone', tpl, 'rt-vm');
  await c.call('VM.remove_from_other_config', vm, 'disks');
  await c.call('VM.set_is_a_template', vm, false);
  await c.call('VM.set_name_description', vm, 'round trip');
  await c.call('VM.set_memory_limits', vm, 512 * MiB, 512 * MiB, 512 * MiB, 512 * MiB);
  await c.call('VM.set_VCPUs_max', vm, 2);
  await c.call('VM.set_VCPUs_at_startup', vm, 2);
  const pool = (await c.call<string[]>('pool.get_all'))[0];
  const sr = await c.call<string>('pool.get_default_SR', pool);
  const file = join(dir, 'data.raw');
  await fs.writeFile(file, DATA);
  for (const [dev, size, data] of [['0', 64 * MiB, true], ['1', 32 * MiB, false]] as const) {
    const vdi = await c.call<string>('VDI.create', { name_label: `rt-vm ${dev}`, SR: sr, virtual_size: size, type: 'user', sharable: false, read_only: false, other_config: {} });
    if (data) await uploadSegments(c, vdi, [{ path: file, offset: 0, size: DATA.length }], { format: 'raw' });
    await c.call('VBD.create', { VM: vm, VDI: vdi, userdevice: dev, bootable: dev === '0', mode: 'RW', type: 'Disk', empty: false, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} });
  }
  await c.call('VIF.create', { device: '0', network: lan, VM: vm, MAC: 'aa:bb:cc:dd:ee:01', MTU: 1500, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} });
  vmUuid = await c.call<string>('VM.get_uuid', vm);
}, 60_000);

afterAll(async () => {
  await h.close();
});

describe('export then import', () => {
  test('OVA: OVF 2.0 sections in DSP0243 order, SHA-256 manifest, disk bytes, equivalent configuration', async () => {
    const target = join(dir, 'rt-vm.ova');
    const res = await exportVm(c, vmUuid, target);
    expect(res.diagnostics).toEqual([]);
    expect(res.files).toEqual([target]);
    const { package: pkg, diagnostics } = await readOvfPackage(target);
    expect(diagnostics).toEqual([]);
    expect(pkg!.manifestVerified).toBe(true);
    expect(pkg!.envelope.version).toBe('2');
    const ovfSeg = { ...pkg!.files.get('file1')![0] };
    const fh = await fs.open(target, 'r');
    const bytes = Buffer.alloc(ovfSeg.size);
    await fh.read(bytes, 0, ovfSeg.size, ovfSeg.offset);
    await fh.close();
    expect(bytes.equals(DATA)).toBe(true);

    const spec = buildImportSpec(pkg!.envelope, { source: target, poolNetworks: new Set(['lan']) });
    expect(spec.diagnostics).toEqual([]);
    expect(spec.spec.variables).toEqual([]);
    const vm = spec.spec.resources.find((r) => r.type === 'xcp_vm')!;
    expect(vm.name).toBe('rt_vm');
    expect(vm.attrs).toMatchObject({ name_label: 'rt-vm', name_description: 'round trip', vcpus: 2, memory: 512 * MiB });
    expect(vm.attrs.disk).toEqual([
      { kind: 'block', attrs: { userdevice: '0', size: 64 * MiB, bootable: true } },
      { kind: 'block', attrs: { userdevice: '1', size: 32 * MiB, bootable: false } },
    ]);
    expect(vm.attrs.nic).toEqual([{ kind: 'block', attrs: { device: '0', network: 'lan', mac: 'aa:bb:cc:dd:ee:01' } }]);
  });

  test('.ovf layout: descriptor, manifest and images side by side; section order', async () => {
    const target = join(dir, 'flat', 'rt-vm.ovf');
    await fs.mkdir(join(dir, 'flat'));
    const res = await exportVm(c, vmUuid, target);
    expect(res.diagnostics).toEqual([]);
    expect((await fs.readdir(join(dir, 'flat'))).sort()).toEqual(['rt-vm-disk0.raw', 'rt-vm-disk1.raw', 'rt-vm.mf', 'rt-vm.ovf']);
    const mf = await fs.readFile(join(dir, 'flat', 'rt-vm.mf'), 'utf8');
    expect(mf).toMatch(/^SHA256\(rt-vm\.ovf\)= [0-9a-f]{64}\nSHA256\(rt-vm-disk0\.raw\)= [0-9a-f]{64}\nSHA256\(rt-vm-disk1\.raw\)= [0-9a-f]{64}\n$/);
    const parsed = parseXml(await fs.readFile(target, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.root.children.map((e) => e.local)).toEqual(['References', 'DiskSection', 'NetworkSection', 'VirtualSystem']);
    expect(parsed.root.children[3].children.map((e) => e.local)).toEqual(['Info', 'Name', 'AnnotationSection', 'OperatingSystemSection', 'VirtualHardwareSection']);
    expect((await readOvfPackage(target)).package?.manifestVerified).toBe(true);
  });

  test('unknown VM and bad output names are diagnostics', async () => {
    const missing = await exportVm(c, '00000000-0000-4000-8000-000000000000', join(dir, 'x.ova'));
    expect(missing.diagnostics.map((d) => d.summary)).toEqual(['VM 00000000-0000-4000-8000-000000000000 not found']);
    const badExt = await exportVm(c, vmUuid, join(dir, 'x.zip'));
    expect(badExt.diagnostics[0].code).toBe('ovf.export-failed');
  });
});

describe('appliance import', () => {
  test('exported OVA re-imports as an appliance with the same disks, contents and NIC', async () => {
    const ova = join(dir, 'rt-vm.ova');
    const ctx = h.ctx('xcp_appliance.rt');
    const res = await importOvfAppliance({ ctx, pool: 'dc1', source: ova });
    expect(res.vms).toHaveLength(1);
    const vmRef = res.vms[0].ref;
    const vm = await c.getRecord('VM', vmRef as never);
    expect(vm.uuid).not.toBe(vmUuid);
    expect([vm.name_label, vm.VCPUs_at_startup, vm.memory_static_max, vm.is_a_template]).toEqual(['rt-vm', 2, 512 * MiB, false]);
    expect(vm.appliance).toBe(res.applianceRef);
    expect(vm.other_config['xcpform:address']).toBe('xcp_vm.rt_vm');
    expect(vm.other_config.HideFromXenCenter).toBeUndefined();
    const disks = await Promise.all(vm.VBDs.map(async (b) => {
      const vbd = await c.getRecord('VBD', b);
      const vdi = await c.getRecord('VDI', vbd.VDI);
      return { userdevice: vbd.userdevice, size: vdi.virtual_size, bootable: vbd.bootable, vdi: vbd.VDI, owner: vdi.other_config['xcpform:vm'] };
    }));
    disks.sort((a, b) => a.userdevice.localeCompare(b.userdevice));
    expect(disks.map((d) => [d.userdevice, d.size, d.bootable, d.owner])).toEqual([['0', 64 * MiB, true, vm.uuid], ['1', 32 * MiB, false, vm.uuid]]);
    expect((await download(disks[0].vdi)).equals(DATA)).toBe(true);
    const vif = await c.getRecord('VIF', vm.VIFs[0]);
    const net = await c.getRecord('network', vif.network);
    expect([vif.device, vif.MAC, net.name_label]).toEqual(['0', 'aa:bb:cc:dd:ee:01', 'lan']);
    expect(ctx.events.some((e) => e.kind === 'bytes' && e.done === DATA.length)).toBe(true);
  });

  test('collection of three: VMs created in start order with order, delays, disks and mapped networks', async () => {
    const res = await importOvfAppliance({
      ctx: h.ctx('xcp_appliance.three_tier'),
      pool: 'dc1',
      source: join(FIX, 'collection-3', 'three-tier.ovf'),
      importNetworkMap: { front: 'lan', back: 'Pool-wide network associated with eth0' },
    });
    const app = await c.getRecord('VM_appliance', res.applianceRef as never);
    expect(app.name_label).toBe('Three tier');
    expect(app.VMs.sort()).toEqual(res.vms.map((v) => v.ref).sort());
    expect(res.vms.map((v) => [v.nameLabel, v.order, v.address])).toEqual([['database', 1, 'xcp_vm.db'], ['app', 2, 'xcp_vm.app'], ['web', 3, 'xcp_vm.web']]);
    const recs = await Promise.all(res.vms.map((v) => c.getRecord('VM', v.ref as never)));
    expect(recs.map((r) => [r.order, r.start_delay, r.shutdown_delay, r.VCPUs_at_startup, r.memory_static_max])).toEqual([
      [1, 30, 60, 4, 4 * GiB], [2, 15, 20, 2, 2 * GiB], [3, 0, 10, 1, 512 * MiB],
    ]);
    const dbSizes = await Promise.all(recs[0].VBDs.map(async (b) => (await c.getRecord('VDI', (await c.getRecord('VBD', b)).VDI)).virtual_size));
    expect(dbSizes.sort()).toEqual([256 * MiB, 2 * GiB].sort());
    const appNets = await Promise.all(recs[1].VIFs.map(async (v) => { const vif = await c.getRecord('VIF', v); return [vif.device, (await c.getRecord('network', vif.network)).name_label]; }));
    expect(appNets.sort()).toEqual([['0', 'lan'], ['1', 'Pool-wide network associated with eth0']]);
    // The database VM was created first: start order, not document order.
    const created = await Promise.all(res.vms.map((v) => c.call<string>('VM.get_uuid', v.ref)));
    expect(created).toEqual(res.vms.map((v) => v.uuid));
  });

  test.each([
    ['wrong checksum', join('broken', 'wrong-checksum.ovf'), {}, 'ovf.checksum-mismatch'],
    ['unsupported ResourceType', join('broken', 'unsupported-type.ovf'), {}, 'ovf.unsupported-resource-type'],
    ['unmapped network', join('single-1.0', 'web.ovf'), {}, 'ovf.import-refused'],
    ['unknown SR', join('single-1.0', 'web.ovf'), { importSr: 'no-such-sr' }, 'ovf.import-refused'],
  ])('%s: a ResourceError and nothing created', async (_name, rel, extra, code) => {
    const before = [await count('VM'), await count('VM_appliance'), await count('VDI')];
    const err = await importOvfAppliance({ ctx: h.ctx('xcp_appliance.bad'), pool: 'dc1', source: join(FIX, rel), ...extra }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceError);
    expect((err as ResourceError).diagnostic.code).toBe(code);
    expect((err as ResourceError).diagnostic.summary).toMatch(/^xcp_appliance\.bad: /);
    expect([await count('VM'), await count('VM_appliance'), await count('VDI')]).toEqual(before);
  });

  test('an import that fails after creating objects removes them: no appliance, VM or disk left, however often it is retried', async () => {
    const before = [await count('VM'), await count('VM_appliance'), await count('VDI')];
    for (let attempt = 0; attempt < 2; attempt++) {
      // The third VM's NIC is refused: the appliance, two VMs and their disks exist by then.
      h.sim.world.faults.add({ method: 'VIF.create', kind: 'INTERNAL_ERROR', skip: 2, times: 1 });
      const err = await importOvfAppliance({
        ctx: h.ctx('xcp_appliance.failing'),
        pool: 'dc1',
        source: join(FIX, 'collection-3', 'three-tier.ovf'),
        importNetworkMap: { front: 'lan', back: 'Pool-wide network associated with eth0' },
      }).catch((e: unknown) => e);
      h.sim.world.faults.clear();
      expect(err).toBeInstanceOf(ResourceError);
      expect([await count('VM'), await count('VM_appliance'), await count('VDI')]).toEqual(before);
    }
  });

  test('single VM with an OVF 1.0 data disk, a CD drive and mapped networks', async () => {
    const res = await importOvfAppliance({
      ctx: h.ctx('xcp_appliance.web'),
      pool: 'dc1',
      source: join(FIX, 'single-1.0', 'web.ovf'),
      importNetworkMap: { 'VM Network': 'lan', backup: 'lan' },
    });
    const vm = await c.getRecord('VM', res.vms[0].ref as never);
    const vbds = await Promise.all(vm.VBDs.map((b) => c.getRecord('VBD', b)));
    expect(vbds.map((b) => [b.userdevice, b.type]).sort()).toEqual([['0', 'Disk'], ['1', 'Disk'], ['3', 'CD']]);
    const first = vbds.find((b) => b.userdevice === '0')!;
    const expected = await fs.readFile(join(FIX, 'single-1.0', 'web-disk1.img'));
    expect(createHash('sha256').update(await download(first.VDI)).digest('hex')).toBe(createHash('sha256').update(expected).digest('hex'));
    expect((await c.getRecord('VDI', first.VDI)).virtual_size).toBe(GiB);
  });
});
