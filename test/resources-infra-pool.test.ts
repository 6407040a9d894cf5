/** xcp_pool and xcp_host lifecycle against the simulator over HTTP. */
import { planResourceChange } from '../src/plan/diff';
import { poolResource } from '../src/resources/pool';
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
