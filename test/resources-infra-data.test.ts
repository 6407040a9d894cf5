/** The infra data sources against the simulator: exactly one match, or a diagnostic listing candidates. */
import { hostDataSource } from '../src/data-sources/host';
import { networkDataSource } from '../src/data-sources/network';
import { poolDataSource } from '../src/data-sources/pool';
import { srDataSource } from '../src/data-sources/sr';
import { planResourceChange } from '../src/plan/diff';
import { allDataSourceTypes, dataSourceType } from '../src/resources/registry';
import type { DataSourceType } from '../src/resources/resource';
import { vlanResource } from '../src/resources/vlan';
import type { ObjectValue } from '../src/values/value';
import { startResourceHarness, type ResourceHarness } from './helpers/resource-context';

let h: ResourceHarness;
beforeAll(async () => { h = await startResourceHarness(); });
afterAll(async () => { await h.close(); });

async function lookup(ds: DataSourceType, config: ObjectValue) {
  return ds.read({ config, world: await h.world(ds.classes), defaultPool: 'dc1' });
}

/** Every schema attribute is present in a data source's state. */
function expectComplete(ds: DataSourceType, state: ObjectValue | null): void {
  expect(state).not.toBeNull();
  expect(Object.keys(state!).sort()).toEqual(Object.keys(ds.schema.block.attributes).sort());
}

describe('infra data sources', () => {
  it('are registered', () => {
    for (const name of ['xcp_pool', 'xcp_host', 'xcp_sr', 'xcp_network']) expect(dataSourceType(name)).toBeDefined();
    expect(allDataSourceTypes().length).toBeGreaterThanOrEqual(4);
  });

  it('xcp_pool: the pool of the given pool name, with coordinator and hosts', async () => {
    const res = await lookup(poolDataSource, { pool: 'cloud1' });
    expectComplete(poolDataSource, res.state);
    expect(res.state).toMatchObject({ pool: 'cloud1', name_label: 'cloud1', ha_enabled: false });
    expect(res.state!.hosts).toHaveLength(2);
    const wrong = await lookup(poolDataSource, { pool: 'cloud1', name_label: 'dc1' });
    expect(wrong.state).toBeNull();
    expect(wrong.diagnostics?.[0]).toMatchObject({ severity: 'error', code: 'data.not-found' });
    expect(wrong.diagnostics?.[0].detail).toContain('"cloud1"');
  });

  it('xcp_host: by address, pool-qualified', async () => {
    const res = await lookup(hostDataSource, { pool: 'cloud1', address: '127.0.2.1' });
    expectComplete(hostDataSource, res.state);
    expect(res.state).toMatchObject({ name_label: 'cloud1-host1', is_coordinator: true, enabled: true });
    expect(res.state!.memory_free).toBeLessThan(res.state!.memory_total as number);
    expect((await lookup(hostDataSource, { address: '127.0.2.1' })).diagnostics?.[0].code).toBe('data.not-found');
  });

  it('xcp_sr: an ambiguous name lists the candidates; host narrows to one local SR', async () => {
    const amb = await lookup(srDataSource, { name_label: 'Local storage' });
    expect(amb.state).toBeNull();
    expect(amb.diagnostics?.[0]).toMatchObject({ severity: 'error', code: 'data.ambiguous' });
    const uuids = [...(await h.records('dc1', ['SR'])).byName('SR', 'Local storage')].map((x) => x.record.uuid);
    for (const u of uuids) expect(amb.diagnostics?.[0].detail).toContain(u);
    const one = await lookup(srDataSource, { name_label: 'Local storage', host: 'dc1-host2' });
    expectComplete(srDataSource, one.state);
    expect(one.state).toMatchObject({ type: 'ext', shared: false, host: 'dc1-host2' });
    expect(one.state!.hosts).toHaveLength(1);
    const nfs = await lookup(srDataSource, { type: 'nfs' });
    expect(nfs.state).toMatchObject({ name_label: 'NFS shared storage', shared: true });
  });

  it('xcp_network: by bridge, and by VLAN tag and device', async () => {
    const byBridge = await lookup(networkDataSource, { bridge: 'xenbr1' });
    expectComplete(networkDataSource, byBridge.state);
    expect(byBridge.state!.name_label).toBe('Pool-wide network associated with eth1');
    const cfg = { pool: 'dc1', tag: 30, device: 'eth1', name_label: 'storage-vlan' };
    const vlan = (await vlanResource.create({ planned: planResourceChange(vlanResource.schema, null, cfg).planned, config: cfg, ctx: h.ctx('xcp_vlan.ds') })).state;
    const byTag = await lookup(networkDataSource, { vlan: 30, device: 'eth1' });
    expect(byTag.state).toMatchObject({ uuid: vlan.uuid, vlan: 30, device: 'eth1' });
    expect((await lookup(networkDataSource, { vlan: 30, device: 'eth0' })).diagnostics?.[0].code).toBe('data.not-found');
  });
});
