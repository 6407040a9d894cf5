/** xcp_sr and xcp_vdi lifecycles against the simulator over HTTP. */
import { planResourceChange } from '../src/plan/diff';
import { ResourceError, type ResourceType } from '../src/resources/resource';
import { srResource } from '../src/resources/sr';
import { vdiResource } from '../src/resources/vdi';
import type { ObjectValue } from '../src/values/value';
import type { XapiClass } from '../src/xenapi';
import { startResourceHarness, type ResourceHarness } from './helpers/resource-context';

const GiB = 2 ** 30;
let h: ResourceHarness;
let nfs: string;
let local1: string;
beforeAll(async () => {
  h = await startResourceHarness();
  const r = await h.records('dc1', ['SR', 'PBD', 'host']);
  nfs = r.byName('SR', 'NFS shared storage')[0].record.uuid;
  const host1 = [...r.all('host')].find(([, x]) => x.name_label === 'dc1-host1')![0];
  local1 = [...r.all('SR').values()].find((sr) => sr.type === 'ext' && sr.PBDs.some((p) => r.get('PBD', p)?.host === host1))!.uuid;
});
afterAll(async () => { await h.close(); });

async function create(rt: ResourceType, cfg: ObjectValue, address: string): Promise<ObjectValue> {
  return (await rt.create({ planned: planResourceChange(rt.schema, null, cfg).planned, config: cfg, ctx: h.ctx(address) })).state;
}
async function read(rt: ResourceType, prior: ObjectValue): Promise<ObjectValue | null> {
  return rt.read({ prior, world: await h.world(rt.classes) }).state;
}
async function uuids(cls: XapiClass): Promise<string[]> {
  return [...(await h.records('dc1', [cls])).all(cls).values()].map((x) => (x as { uuid: string }).uuid).sort();
}

describe('xcp_sr', () => {
  const cfg: ObjectValue = { pool: 'dc1', name_label: 'lc-sr', type: 'nfs', shared: true, device_config: { server: 'nfs.lc', serverpath: '/lc' }, device_config_secrets: { password: 'TopSecret-123' }, tags: ['t'], other_config: { owner: 'me' }, on_destroy: 'destroy' };

  it('creates with a plugged PBD on every host, reads back, imports, destroys without leftovers', async () => {
    const [srsBefore, pbdsBefore] = [await uuids('SR'), await uuids('PBD')];
    const state = await create(srResource, cfg, 'xcp_sr.lc');
    expect(planResourceChange(srResource.schema, state, cfg).action).toBe('no-op');
    expect(state.hosts).toHaveLength(2);
    expect(state.device_config).toEqual({ server: 'nfs.lc', serverpath: '/lc' });
    const r = await h.records('dc1', ['SR', 'PBD']);
    const sr = r.byUuid('SR', state.uuid as string)!.record;
    expect(sr.PBDs.map((p) => r.get('PBD', p)!.currently_attached)).toEqual([true, true]);
    expect(sr.other_config['xcpform:address']).toBe('xcp_sr.lc');
    const refreshed = await read(srResource, state);
    expect(planResourceChange(srResource.schema, refreshed, cfg).action).toBe('no-op');

    // Import: secrets and on_destroy are not readable; the rest round-trips.
    const imported = srResource.import!({ id: `dc1/${state.uuid}`, world: await h.world(srResource.classes), defaultPool: 'dc1' });
    const { device_config_secrets: _s, on_destroy: _o, ...importCfg } = cfg;
    expect(planResourceChange(srResource.schema, imported.state, importCfg).action).toBe('no-op');
    expect(JSON.stringify(imported.state)).not.toContain('TopSecret-123');

    await srResource.delete({ prior: refreshed!, ctx: h.ctx('xcp_sr.lc') });
    expect(await read(srResource, state)).toBeNull();
    expect([await uuids('SR'), await uuids('PBD')]).toEqual([srsBefore, pbdsBefore]);
  });

  it('forgets by default, reads an out-of-band forget as gone, adopts an interrupted create', async () => {
    const c = h.client('dc1');
    const hostRef = (await c.call<string[]>('host.get_all'))[0];
    const sr = await c.call<string>('SR.create', hostRef, { server: 'nfs.half', serverpath: '/half' }, 0, 'half', '', 'nfs', 'user', true, {});
    await c.call('SR.add_to_other_config', sr, 'xcpform:address', 'xcp_sr.half');
    const before = await uuids('SR');
    const half = { pool: 'dc1', name_label: 'half', type: 'nfs', shared: true, device_config: { server: 'nfs.half', serverpath: '/half' } };
    const adopted = await create(srResource, half, 'xcp_sr.half');
    expect(adopted.uuid).toBe(await c.call('SR.get_uuid', sr));
    expect(await uuids('SR')).toEqual(before);
    for (const pbd of await c.call<string[]>('SR.get_PBDs', sr)) await c.call('PBD.unplug', pbd);
    await c.call('SR.forget', sr);
    expect(await read(srResource, adopted)).toBeNull();
  });

  it('keeps device_config secrets out of XAPI failure diagnostics', async () => {
    const bad = { ...cfg, name_label: 'bad', device_config: { server: 'nfs.bad' }, device_config_secrets: { password: 'TopSecret-123' } };
    const err = await create(srResource, bad, 'xcp_sr.bad').then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceError);
    const d = (err as ResourceError).diagnostic;
    expect(d.detail).toContain('SR.create');
    expect(d.detail).toMatch(/SR_BACKEND_FAILURE/);
    expect(`${d.summary} ${d.detail}`).not.toContain('TopSecret-123');
  });

  it('default_for_pool reports the pool\'s default SR (xcp_pool.default_sr owns it); deleting that SR with on_destroy = forget clears the default', async () => {
    const created = await create(srResource, { pool: 'dc1', name_label: 'def', type: 'ext', device_config: { device: '/dev/sdz' } }, 'xcp_sr.def');
    expect(created.default_for_pool).toBe(false);
    const c = h.client('dc1');
    const [poolRef] = await c.call<string[]>('pool.get_all');
    await c.call('pool.set_default_SR', poolRef, await c.call('SR.get_by_uuid', created.uuid));
    const state = (await read(srResource, created))!;
    expect(state.default_for_pool).toBe(true);
    expect(state.host).not.toBeNull();
    await srResource.delete({ prior: state, ctx: h.ctx('xcp_sr.def') });
    expect(await read(srResource, state)).toBeNull();
  });
});

describe('xcp_vdi', () => {
  const cfg: ObjectValue = { pool: 'dc1', name_label: 'lc-vdi', sr: local1, size: GiB, tags: ['db'], other_config: { app: 'pg' } };

  it('creates, reads, imports, refuses a shrink at plan time, destroys without leftovers', async () => {
    const before = await uuids('VDI');
    const c = { ...cfg, sr: local1 };
    const state = await create(vdiResource, c, 'xcp_vdi.lc');
    expect(planResourceChange(vdiResource.schema, state, c).action).toBe('no-op');
    expect(planResourceChange(vdiResource.schema, await read(vdiResource, state), c).action).toBe('no-op');
    const imported = vdiResource.import!({ id: state.uuid as string, world: await h.world(vdiResource.classes), defaultPool: 'dc1' });
    expect(planResourceChange(vdiResource.schema, imported.state, c).action).toBe('no-op');

    const smaller = { ...c, size: GiB / 2 };
    const diff = planResourceChange(vdiResource.schema, state, smaller);
    const planned = vdiResource.plan!({ prior: state, planned: diff.planned, config: smaller, world: await h.world(vdiResource.classes) });
    expect(planned.diagnostics?.[0]).toMatchObject({ severity: 'error', code: 'plan.vdi-shrink', path: ['size'] });

    await vdiResource.delete({ prior: state, ctx: h.ctx('xcp_vdi.lc') });
    expect(await read(vdiResource, state)).toBeNull();
    expect(await uuids('VDI')).toEqual(before);
  });

  it('reads an out-of-band resize and deletion, and adopts an interrupted create', async () => {
    const cl = h.client('dc1');
    const srRef = await cl.call<string>('SR.get_by_uuid', local1);
    const vdi = await cl.call<string>('VDI.create', { SR: srRef, virtual_size: GiB, type: 'user', sharable: false, read_only: false, other_config: { 'xcpform:address': 'xcp_vdi.half' }, name_label: 'half' });
    const before = await uuids('VDI');
    const adopted = await create(vdiResource, { pool: 'dc1', name_label: 'half', sr: local1, size: GiB }, 'xcp_vdi.half');
    expect(adopted.uuid).toBe(await cl.call('VDI.get_uuid', vdi));
    expect(await uuids('VDI')).toEqual(before);
    await cl.call('VDI.resize', vdi, 2 * GiB);
    const drifted = await read(vdiResource, adopted);
    expect(drifted!.size).toBe(2 * GiB);
    await cl.call('VDI.destroy', vdi);
    expect(await read(vdiResource, adopted)).toBeNull();
  });

  it('moves a disk of a running VM by storage motion and of a halted VM by copy and VBD swap', async () => {
    const cl = h.client('dc1');
    const template = (await cl.call<string[]>('VM.get_by_name_label', 'Debian Bookworm 12'))[0];
    const poolRef = (await cl.call<string[]>('pool.get_all'))[0];
    await cl.call('pool.set_default_SR', poolRef, await cl.call<string>('SR.get_by_uuid', nfs));
    const vm = await cl.call<string>('VM.clone', template, 'mover');
    await cl.call('VM.provision', vm);
    await cl.call('VM.set_is_a_template', vm, false);
    await cl.callAsync('VM.start', vm, false, false);
    const vbd = (await cl.call<string[]>('VM.get_VBDs', vm))[0];
    const vdiUuid = await cl.call<string>('VDI.get_uuid', await cl.call<string>('VBD.get_VDI', vbd));
    const imported = vdiResource.import!({ id: `dc1/${vdiUuid}`, world: await h.world(vdiResource.classes), defaultPool: 'dc1' }).state!;
    const srOf = async (uuid: string) => cl.call<string>('SR.get_uuid', await cl.call<string>('VDI.get_SR', await cl.call<string>('VDI.get_by_uuid', uuid)));
    const from = await srOf(vdiUuid);
    const to = from === nfs ? local1 : nfs;
    const ctx = h.ctx('xcp_vdi.root');

    const cfgLive = { pool: 'dc1', name_label: imported.name_label, name_description: imported.name_description, sr: to, size: imported.size, type: imported.type, sharable: imported.sharable, read_only: imported.read_only };
    expect(planResourceChange(vdiResource.schema, imported, { ...cfgLive, sr: from }).changes).toEqual([]);
    const live = planResourceChange(vdiResource.schema, imported, cfgLive);
    expect(live.action).toBe('migrate');
    const note = vdiResource.plan!({ prior: imported, planned: live.planned, config: cfgLive, world: await h.world(vdiResource.classes) });
    expect(note.bytesToMove).toBe(imported.size);
    expect(note.notes?.[0]).toMatch(/live storage motion/);
    const moved = (await vdiResource.migrate!({ prior: imported, planned: live.planned, config: cfgLive, ctx })).state;
    expect(moved.sr).toBe(to);
    expect(await srOf(moved.uuid as string)).toBe(to);
    expect(ctx.events).toContainEqual({ kind: 'bytes', done: imported.size, total: imported.size });

    await cl.callAsync('VM.clean_shutdown', vm);
    const cfgBack = { ...cfgLive, sr: from };
    const back = planResourceChange(vdiResource.schema, moved, cfgBack);
    const returned = (await vdiResource.migrate!({ prior: moved, planned: back.planned, config: cfgBack, ctx })).state;
    expect(returned.sr).toBe(from);
    const vbds = await cl.call<string[]>('VM.get_VBDs', vm);
    const disks = await Promise.all(vbds.map(async (b) => cl.call<string>('VDI.get_uuid', await cl.call<string>('VBD.get_VDI', b))));
    expect(disks).toContain(returned.uuid);
    expect(await read(vdiResource, moved)).toBeNull();
    expect(planResourceChange(vdiResource.schema, await read(vdiResource, returned), cfgBack).action).toBe('no-op');
  });

  it('resumes a copy-and-swap interrupted after the source was destroyed, re-attaching the disk', async () => {
    const cl = h.client('dc1');
    const template = (await cl.call<string[]>('VM.get_by_name_label', 'Debian Bookworm 12'))[0];
    const vm = await cl.call<string>('VM.clone', template, 'crashed-mover');
    await cl.call('VM.provision', vm);
    await cl.call('VM.set_is_a_template', vm, false);
    const vbd = (await cl.call<string[]>('VM.get_VBDs', vm))[0];
    const source = await cl.call<string>('VBD.get_VDI', vbd);
    const sourceUuid = await cl.call<string>('VDI.get_uuid', source);
    const prior = vdiResource.import!({ id: sourceUuid, world: await h.world(vdiResource.classes), defaultPool: 'dc1' }).state!;
    const target = prior.sr === local1 ? nfs : local1;
    // What an apply killed between "destroy the old disk" and "unmark the copy" leaves behind:
    const copy = await cl.call<string>('VDI.copy', source, await cl.call<string>('SR.get_by_uuid', target), 'OpaqueRef:NULL', 'OpaqueRef:NULL');
    await cl.call('VDI.add_to_other_config', copy, 'xcpform:copy-of', sourceUuid);
    await cl.call('VDI.add_to_other_config', copy, 'xcpform:attach', JSON.stringify([{ vm: await cl.call<string>('VM.get_uuid', vm), userdevice: '0', bootable: true, mode: 'RW', type: 'Disk', unpluggable: true }]));
    await cl.call('VBD.destroy', vbd);
    await cl.call('VDI.destroy', source);
    const cfg = { pool: 'dc1', name_label: prior.name_label, name_description: prior.name_description, sr: target, size: prior.size, type: prior.type };
    const diff = planResourceChange(vdiResource.schema, prior, cfg);
    const state = (await vdiResource.migrate!({ prior, planned: diff.planned, config: cfg, ctx: h.ctx('xcp_vdi.resumed') })).state;
    expect(state.uuid).toBe(await cl.call('VDI.get_uuid', copy));
    const disks = await Promise.all((await cl.call<string[]>('VM.get_VBDs', vm)).map((b) => cl.call<string>('VBD.get_VDI', b)));
    expect(disks).toContain(copy);
    const oc = await cl.call<Record<string, string>>('VDI.get_other_config', copy);
    expect(Object.keys(oc).filter((k) => k === 'xcpform:copy-of' || k === 'xcpform:attach')).toEqual([]);
  });
});
