/** xcp_pool and xcp_host lifecycles against the simulator over HTTP. */
import { planResourceChange } from '../src/plan/diff';
import { hostResource } from '../src/resources/host';
import { poolResource } from '../src/resources/pool';
import { ResourceError } from '../src/resources/resource';
import type { ObjectValue } from '../src/values/value';
import { startResourceHarness, type ResourceHarness } from './helpers/resource-context';

let w: ResourceHarness;
beforeAll(async () => { w = await startResourceHarness(); });
afterAll(async () => { await w.close(); });

function config(over: ObjectValue): ObjectValue {
  return { pool: 'dc1', ...over };
}

describe('xcp_pool', () => {
  it('adopts, reads, updates every in-place attribute, un-adopts', async () => {
    const ctx = w.ctx('xcp_pool.dc1');
    const cfg = config({ name_label: 'Datacenter 1', name_description: 'first', tags: ['prod'], other_config: { owner: 'ops' } });
    const { planned } = planResourceChange(poolResource.schema, null, cfg);
    const created = await poolResource.create({ planned, config: cfg, ctx });
    expect(created.state).toMatchObject({ name_label: 'Datacenter 1', name_description: 'first', tags: ['prod'], other_config: { owner: 'ops' } });
    const rec = (await w.records('dc1', ['pool'])).all('pool').values().next().value!;
    expect(rec.other_config['xcpform:address']).toBe('xcp_pool.dc1');
    const read = poolResource.read({ prior: created.state, world: await w.world(poolResource.classes) });
    expect(planResourceChange(poolResource.schema, read.state, cfg).action).toBe('no-op');

    const srs = await w.records('dc1', ['SR', 'host', 'pool']);
    const nfs = srs.byName('SR', 'NFS shared storage')[0].record.uuid;
    const host2 = [...srs.all('host').values()].find((h) => h.name_label === 'dc1-host2')!;
    const cfg2 = config({ name_label: 'DC one', name_description: 'second', tags: ['prod', 'eu'], other_config: { team: 'infra' },
      default_sr: 'NFS shared storage', suspend_image_sr: nfs, crash_dump_sr: nfs, master: host2.uuid, migration_compression: true, live_patching_disabled: true });
    const diff = planResourceChange(poolResource.schema, read.state, cfg2);
    expect(diff.action).toBe('update');
    const updated = await poolResource.update({ prior: read.state!, planned: diff.planned, config: cfg2, ctx });
    expect(updated.state).toMatchObject({ name_label: 'DC one', tags: ['eu', 'prod'], other_config: { team: 'infra' }, default_sr: 'NFS shared storage', master: host2.uuid, master_uuid: host2.uuid, migration_compression: true, live_patching_disabled: true });
    const after = (await w.records('dc1', ['pool'])).all('pool').values().next().value!;
    expect(after.other_config.owner).toBeUndefined();
    const reread = poolResource.read({ prior: updated.state, world: await w.world(poolResource.classes) });
    expect(planResourceChange(poolResource.schema, reread.state, cfg2).action).toBe('no-op');

    await poolResource.delete({ prior: reread.state!, ctx });
    const gone = (await w.records('dc1', ['pool'])).all('pool').values().next().value!;
    expect(Object.keys(gone.other_config).filter((k) => k.startsWith('xcpform:'))).toEqual([]);
    expect(gone.other_config.team).toBe('infra');
  });
});

describe('xcp_host', () => {
  let hw: ResourceHarness;
  beforeAll(async () => { hw = await startResourceHarness({ pools: [{ name: 'dc1', hosts: 2 }, { name: 'solo', hosts: 1 }] }); });
  afterAll(async () => { await hw.close(); });

  it('adopts a member by address, reads it back, refuses to eject without allow_eject', async () => {
    const cfg = { pool: 'dc1', address: '127.0.1.2', name_label: 'second', tags: ['rack2'], enabled: false };
    const state = (await hostResource.create({ planned: planResourceChange(hostResource.schema, null, cfg).planned, config: cfg, ctx: hw.ctx('xcp_host.second') })).state;
    expect(state).toMatchObject({ name_label: 'second', enabled: false, is_coordinator: false, address: '127.0.1.2' });
    expect(planResourceChange(hostResource.schema, state, cfg).action).toBe('no-op');
    const imported = hostResource.import!({ id: `dc1/${state.uuid}`, world: await hw.world(hostResource.classes), defaultPool: 'dc1' });
    expect(planResourceChange(hostResource.schema, imported.state, cfg).action).toBe('no-op');
    const err = await hostResource.delete({ prior: state, ctx: hw.ctx('xcp_host.second') }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceError);
    expect((err as ResourceError).diagnostic).toMatchObject({ code: 'resource.host-eject-not-allowed', address: 'xcp_host.second' });
    expect(hostResource.read({ prior: state, world: await hw.world(hostResource.classes) }).state).not.toBeNull();
  });

  it('joins a standalone host with pool.join, then ejects it when allow_eject is true', async () => {
    const cfg = { pool: 'dc1', address: '127.0.2.1', join_password: 'xcpform', allow_eject: true, name_label: 'joined' };
    const ctx = hw.ctx('xcp_host.joined');
    const state = (await hostResource.create({ planned: planResourceChange(hostResource.schema, null, cfg).planned, config: cfg, ctx })).state;
    expect(state).toMatchObject({ name_label: 'joined', address: '127.0.2.1', join_password: 'xcpform' });
    const dc1 = await hw.records('dc1', ['host']);
    expect([...dc1.all('host').values()].map((x) => x.address).sort()).toEqual(['127.0.1.1', '127.0.1.2', '127.0.2.1']);
    expect(JSON.stringify(ctx.events)).not.toContain('xcpform"');
    await hostResource.delete({ prior: state, ctx });
    expect(hostResource.read({ prior: state, world: await hw.world(hostResource.classes) }).state).toBeNull();
  });

  it('explains a failed join without the password', async () => {
    const cfg = { pool: 'dc1', address: '127.0.9.9', join_password: 'Wrong-Secret-9' };
    const err = await hostResource.create({ planned: planResourceChange(hostResource.schema, null, cfg).planned, config: cfg, ctx: hw.ctx('xcp_host.nowhere') }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceError);
    const d = (err as ResourceError).diagnostic;
    expect(d.summary).toContain('xcp_host.nowhere');
    expect(`${d.summary} ${d.detail}`).not.toContain('Wrong-Secret-9');
  });

  it('enters and leaves maintenance (disable + evacuate, XenCenter marker)', async () => {
    const cfg = { pool: 'dc1', address: '127.0.1.2', name_label: 'second' };
    const ctx = hw.ctx('xcp_host.maint');
    const state = (await hostResource.create({ planned: planResourceChange(hostResource.schema, null, cfg).planned, config: cfg, ctx })).state;
    const on = { ...cfg, maintenance: true };
    const d1 = planResourceChange(hostResource.schema, state, on);
    const plan = hostResource.plan!({ prior: state, planned: d1.planned, config: on, world: await hw.world(hostResource.classes) });
    expect(plan.notes?.[0]).toMatch(/disabled/);
    const inMaint = (await hostResource.update({ prior: state, planned: d1.planned, config: on, ctx })).state;
    const rec = (await hw.records('dc1', ['host'])).byUuid('host', state.uuid as string)!.record;
    expect([rec.enabled, rec.other_config.MAINTENANCE_MODE, inMaint.maintenance, inMaint.enabled]).toEqual([false, 'true', true, true]);
    const d2 = planResourceChange(hostResource.schema, inMaint, cfg);
    const out = (await hostResource.update({ prior: inMaint, planned: d2.planned, config: cfg, ctx })).state;
    expect([out.maintenance, out.enabled]).toEqual([false, true]);
  });
});
