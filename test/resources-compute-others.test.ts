import { join } from 'node:path';
/** xcp_vm_snapshot, xcp_appliance and the xcp_template / xcp_vm data sources against the simulator over HTTP. */
import { applianceResource } from '../src/resources/appliance';
import { applianceSchema } from '../src/resources/appliance/schema';
import { ResourceError } from '../src/resources/resource';
import { vmResource } from '../src/resources/vm';
import { vmSchema } from '../src/resources/vm/schema';
import { vmSnapshotResource } from '../src/resources/vm-snapshot';
import { vmSnapshotSchema } from '../src/resources/vm-snapshot/schema';
import { templateDataSource } from '../src/data-sources/template';
import { vmDataSource } from '../src/data-sources/vm';
import { allDataSourceTypes, allResourceTypes } from '../src/resources/registry';
import type { ObjectValue } from '../src/values/value';
import { configOf, knownMismatches, planWith, startResourceHarness, type ResourceHarness } from './helpers/resource-context';

const GiB = 1024 ** 3;
let hx: ResourceHarness;
let vm: ObjectValue;
let vmConfig: ObjectValue;

beforeAll(async () => {
  hx = await startResourceHarness();
  vmConfig = configOf(vmSchema, { name_label: 'snap-me', template: 'Debian Bookworm 12', pool: 'dc1', disk: [{ size: 10 * GiB }], nic: [{ network: 'Pool-wide network associated with eth0' }], tags: ['team-a'] });
  const world = await hx.world(vmResource.classes);
  const planned = planWith(vmResource, null, vmConfig, world).hook.planned;
  vm = (await vmResource.create({ planned, config: vmConfig, ctx: hx.ctx('xcp_vm.base') })).state;
});
afterAll(async () => {
  if (vm) await vmResource.delete({ prior: vm, ctx: hx.ctx('xcp_vm.base') }).catch(() => undefined);
  await hx?.close();
});

test('the compute types are registered', () => {
  expect(allResourceTypes().map((t) => t.schema.typeName)).toEqual(expect.arrayContaining(['xcp_vm', 'xcp_vm_snapshot', 'xcp_appliance']));
  expect(allDataSourceTypes().map((t) => t.schema.typeName)).toEqual(expect.arrayContaining(['xcp_vm', 'xcp_template']));
});

describe('xcp_vm_snapshot', () => {
  for (const withMemory of [false, true]) {
    test(`${withMemory ? 'checkpoint' : 'snapshot'}: create, read, rename, revert (power state restored), import, delete`, async () => {
      const config = configOf(vmSnapshotSchema, { name_label: `s-${withMemory}`, vm: vm.uuid, pool: 'dc1', with_memory: withMemory, tags: ['nightly'] });
      const world = await hx.world(vmSnapshotResource.classes);
      const { hook } = planWith(vmSnapshotResource, null, config, world);
      const before = await hx.records('dc1');
      const created = await vmSnapshotResource.create({ planned: hook.planned, config, ctx: hx.ctx('xcp_vm_snapshot.s') });
      expect(knownMismatches(hook.planned, created.state)).toEqual([]);
      expect(created.state.with_memory).toBe(withMemory);
      expect((created.state.vdis as string[]).length).toBe(1);
      let w = await hx.world(vmSnapshotResource.classes);
      expect(vmSnapshotResource.read({ prior: created.state, world: w }).state).toEqual(created.state);
      expect(planWith(vmSnapshotResource, created.state, config, w).diff.action).toBe('no-op');
      const renamed = { ...config, name_label: 'renamed', other_config: { keep: 'yes' } };
      const upd = await vmSnapshotResource.update({ prior: created.state, planned: planWith(vmSnapshotResource, created.state, renamed, w).diff.planned, config: renamed, ctx: hx.ctx('xcp_vm_snapshot.s') });
      expect([upd.state.name_label, upd.state.other_config]).toEqual(['renamed', { keep: 'yes' }]);
      const revert = { ...renamed, revert_generation: 1 };
      const d = planWith(vmSnapshotResource, upd.state, revert, await hx.world(vmSnapshotResource.classes)).diff;
      expect(d.action).toBe('update');
      const reverted = await vmSnapshotResource.update({ prior: upd.state, planned: d.planned, config: revert, ctx: hx.ctx('xcp_vm_snapshot.s') });
      expect(reverted.state.revert_generation).toBe(1);
      const r = await hx.records('dc1');
      expect(r.byUuid('VM', vm.uuid as string)?.record.power_state).toBe('Running'); // restored after VM.revert
      w = await hx.world(vmSnapshotResource.classes);
      const imported = vmSnapshotResource.import!({ id: `dc1/${reverted.state.uuid}`, world: w, defaultPool: 'dc1' });
      expect(planWith(vmSnapshotResource, imported.state, revert, w).diff.action).toBe('no-op'); // no second revert after import
      await vmSnapshotResource.delete({ prior: reverted.state, ctx: hx.ctx('xcp_vm_snapshot.s') });
      const after = await hx.records('dc1');
      expect(after.byUuid('VM', reverted.state.uuid as string)).toBeUndefined();
      for (const v of reverted.state.vdis as string[]) expect(after.byUuid('VDI', v)).toBeUndefined();
      expect(after.all('VDI').size).toBe(before.all('VDI').size);
      expect(vmSnapshotResource.read({ prior: reverted.state, world: await hx.world(vmSnapshotResource.classes) }).state).toBeNull();
    });
  }
});

describe('xcp_appliance', () => {
  test('create, members joined by xcp_vm.appliance read back with their common power state, import, delete keeps the VMs', async () => {
    const config = configOf(applianceSchema, { name_label: 'app', pool: 'dc1' });
    const world = await hx.world(applianceResource.classes);
    const { hook } = planWith(applianceResource, null, config, world);
    expect(hook.diagnostics ?? []).toEqual([]);
    const created = await applianceResource.create({ planned: hook.planned, config, ctx: hx.ctx('xcp_appliance.a') });
    expect(knownMismatches(hook.planned, created.state)).toEqual([]);
    expect([created.state.vms, created.state.power_state]).toEqual([[], null]);
    // The member joins the way xcp_vm.appliance makes it join; the appliance only reads it.
    const c = hx.client('dc1');
    const vmRef = await c.call<string>('VM.get_by_uuid', vm.uuid as string);
    await c.call('VM.set_appliance', vmRef, await c.call<string>('VM_appliance.get_by_uuid', created.state.uuid as string));
    let w = await hx.world(applianceResource.classes);
    const joined = applianceResource.read({ prior: created.state, world: w }).state!;
    const state = String((await hx.records('dc1')).byUuid('VM', vm.uuid as string)!.record.power_state).toLowerCase();
    expect([joined.vms, joined.power_state]).toEqual([[vm.uuid], state]);
    expect(planWith(applianceResource, joined, config, w).diff.action).toBe('no-op');
    const renamed = { ...config, name_description: 'web tier' };
    const p = planWith(applianceResource, joined, renamed, w);
    expect(p.diff.action).toBe('update');
    const upd = await applianceResource.update({ prior: joined, planned: p.hook.planned, config: renamed, ctx: hx.ctx('xcp_appliance.a') });
    expect(knownMismatches(p.hook.planned, upd.state)).toEqual([]);
    expect((await hx.records('dc1')).byUuid('VM', vm.uuid as string)!.record.power_state.toLowerCase()).toBe(state); // members' power is theirs
    w = await hx.world(applianceResource.classes);
    const imported = applianceResource.import!({ id: `dc1/${upd.state.uuid}`, world: w, defaultPool: 'dc1' });
    expect(imported.state?.vms).toEqual([vm.uuid]);
    await applianceResource.delete({ prior: upd.state, ctx: hx.ctx('xcp_appliance.a') });
    const r = await hx.records('dc1');
    expect(r.byUuid('VM_appliance', created.state.uuid as string)).toBeUndefined();
    expect(r.byUuid('VM', vm.uuid as string)).toBeDefined();
    vm = vmResource.read({ prior: vm, world: await hx.world(vmResource.classes) }).state!;
  });

  test('ovf_source imports the package at create; a bad package is a diagnostic; tags and other_config are plan errors', async () => {
    const config = configOf(applianceSchema, { name_label: 'ovf', ovf_source: 'https://example.com/app.ova', tags: ['x'] });
    const world = await hx.world(applianceResource.classes);
    const { hook } = planWith(applianceResource, null, config, world);
    expect(hook.diagnostics?.map((d) => d.code)).toEqual(['xcp_appliance.unsupported-attribute']);
    const err = await applianceResource.create({ planned: hook.planned, config, ctx: hx.ctx('xcp_appliance.ovf') }).catch((e) => e);
    expect(err).toBeInstanceOf(ResourceError);
    expect((err as ResourceError).diagnostic.address).toBe('xcp_appliance.ovf');

    const three = configOf(applianceSchema, {
      name_label: 'three', ovf_source: join(__dirname, 'fixtures', 'ovf', 'collection-3', 'three-tier.ovf'),
      import_network_map: { front: 'Pool-wide network associated with eth0', back: 'Pool-wide network associated with eth0' },
    });
    const planned = planWith(applianceResource, null, three, world).hook.planned;
    const made = await applianceResource.create({ planned, config: three, ctx: hx.ctx('xcp_appliance.three') });
    expect(made.state.name_label).toBe('three');
    expect(made.state.vms).toHaveLength(3);
    const r = await hx.records('dc1');
    const members = [...r.all('VM').values()].filter((vm) => vm.appliance && r.get('VM_appliance', vm.appliance)?.uuid === made.state.uuid);
    expect(members.map((vm) => vm.order).sort()).toEqual([1, 2, 3]);
  });
});

describe('data sources', () => {
  test('xcp_template: by name per pool, default_only, provisioned disks; ambiguity lists candidates', async () => {
    const world = await hx.world(templateDataSource.classes);
    const dc1 = templateDataSource.read({ config: { name_label: 'Debian Bookworm 12', pool: 'dc1' }, world, defaultPool: 'dc1' });
    const cloud = templateDataSource.read({ config: { name_label: 'Debian Bookworm 12', pool: 'cloud1' }, world, defaultPool: 'dc1' });
    expect(dc1.diagnostics ?? []).toEqual([]);
    expect(dc1.state).toMatchObject({ pool: 'dc1', firmware: 'bios', is_default: true, install_methods: ['cdrom', 'nfs', 'http', 'ftp'] });
    expect((dc1.state!.disks as ObjectValue[])[0]).toMatchObject({ userdevice: '0', size: 10 * GiB });
    expect(cloud.state!.pool).toBe('cloud1');
    expect(cloud.state!.uuid).not.toBe(dc1.state!.uuid);
    const c = hx.client('dc1');
    const tpl = dc1.state!.uuid as string;
    const ref = await c.call<string>('VM.get_by_uuid', tpl);
    const copy = await c.callAsync<string>('VM.clone', ref, 'Debian Bookworm 12');
    const w2 = await hx.world(templateDataSource.classes);
    const amb = templateDataSource.read({ config: { name_label: 'Debian Bookworm 12' }, world: w2, defaultPool: 'dc1' });
    expect(amb.state).toBeNull();
    expect(amb.diagnostics?.[0].code).toBe('data.ambiguous');
    expect(amb.diagnostics?.[0].detail).toContain(tpl);
    const only = templateDataSource.read({ config: { name_label: 'Debian Bookworm 12', default_only: true }, world: w2, defaultPool: 'dc1' });
    expect(only.state?.uuid).toBe(tpl);
    const none = templateDataSource.read({ config: { name_label: 'Nope' }, world: w2, defaultPool: 'dc1' });
    expect(none.diagnostics?.[0].code).toBe('data.not-found');
    await c.call('VM.destroy', copy);
  });

  test('xcp_vm: by name, uuid or tags, with power state, host, IPs, disks, NICs', async () => {
    const world = await hx.world(vmDataSource.classes);
    const byTag = vmDataSource.read({ config: { tags: ['team-a'] }, world, defaultPool: 'dc1' });
    expect(byTag.diagnostics ?? []).toEqual([]);
    expect(byTag.state).toMatchObject({ uuid: vm.uuid, name_label: 'snap-me', power_state: 'running', is_template: false });
    expect((byTag.state!.disks as ObjectValue[]).length).toBe(1);
    expect((byTag.state!.nics as ObjectValue[])[0]).toMatchObject({ device: '0' });
    expect(vmDataSource.read({ config: { uuid: vm.uuid }, world, defaultPool: 'dc1' }).state?.name_label).toBe('snap-me');
    expect(vmDataSource.read({ config: { name_label: 'snap-me', pool: 'cloud1' }, world, defaultPool: 'dc1' }).diagnostics?.[0].code).toBe('data.not-found');
  });
});
