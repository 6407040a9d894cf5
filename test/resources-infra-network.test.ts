/** xcp_network, xcp_vlan and xcp_private_network lifecycles against the simulator over HTTP. */
import { planResourceChange } from '../src/plan/diff';
import { networkResource } from '../src/resources/network';
import { privateNetworkResource } from '../src/resources/private-network';
import { ResourceError, type ResourceType } from '../src/resources/resource';
import { vlanResource } from '../src/resources/vlan';
import type { ObjectValue } from '../src/values/value';
import type { XapiClass } from '../src/xenapi';
import { startResourceHarness, type ResourceHarness } from './helpers/resource-context';

let h: ResourceHarness;
let eth0net: string;
let hosts: string[];
beforeAll(async () => {
  h = await startResourceHarness();
  const r = await h.records('dc1', ['network', 'host']);
  eth0net = r.byName('network', 'Pool-wide network associated with eth0')[0].record.uuid;
  hosts = [...r.all('host').values()].map((x) => x.uuid).sort();
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
async function importAndPlan(rt: ResourceType, id: string, cfg: ObjectValue): Promise<string> {
  const imported = rt.import!({ id, world: await h.world(rt.classes), defaultPool: 'dc1' });
  return planResourceChange(rt.schema, imported.state, cfg).action;
}

/** A create → read → import → delete round trip that leaves no object behind. */
async function roundTrip(rt: ResourceType, cfg: ObjectValue, address: string, classes: XapiClass[]): Promise<ObjectValue> {
  const before = await Promise.all(classes.map(uuids));
  const state = await create(rt, cfg, address);
  expect(planResourceChange(rt.schema, state, cfg).action).toBe('no-op');
  expect(planResourceChange(rt.schema, await read(rt, state), cfg).action).toBe('no-op');
  expect(await importAndPlan(rt, `dc1/${state.uuid}`, cfg)).toBe('no-op');
  await rt.delete({ prior: state, ctx: h.ctx(address) });
  expect(await read(rt, state)).toBeNull();
  expect(await Promise.all(classes.map(uuids))).toEqual(before);
  return state;
}

describe('xcp_network', () => {
  const cfg: ObjectValue = { pool: 'dc1', name_label: 'lc-net', name_description: 'app tier', mtu: 9000, tags: ['app'], other_config: { vlan_hint: '10' }, automatic: true };

  it('round-trips create, read, import and delete', async () => {
    const state = await roundTrip(networkResource, cfg, 'xcp_network.lc', ['network']);
    expect(state.bridge).toMatch(/^xapi\d+$/);
  });

  it('never reports or removes other tools\' other_config keys', async () => {
    const state = await create(networkResource, cfg, 'xcp_network.keys');
    const cl = h.client('dc1');
    const ref = await cl.call<string>('network.get_by_uuid', state.uuid as string);
    await cl.call('network.add_to_other_config', ref, 'XenCenter.CustomFields.owner', 'alice');
    const refreshed = (await read(networkResource, state))!;
    expect(refreshed.other_config).toEqual({ vlan_hint: '10' });
    const next = { ...cfg, other_config: { zone: 'b' } };
    const diff = planResourceChange(networkResource.schema, refreshed, next);
    await networkResource.update({ prior: refreshed, planned: diff.planned, config: next, ctx: h.ctx('xcp_network.keys') });
    const oc = await cl.call<Record<string, string>>('network.get_other_config', ref);
    expect(oc).toMatchObject({ 'XenCenter.CustomFields.owner': 'alice', zone: 'b', 'xcpform:address': 'xcp_network.keys' });
    expect(oc.vlan_hint).toBeUndefined();
    await cl.call('network.destroy', ref);
    expect(await read(networkResource, refreshed)).toBeNull();
  });

  it('adopts an interrupted create instead of duplicating it', async () => {
    const cl = h.client('dc1');
    const ref = await cl.call<string>('network.create', { name_label: 'half', other_config: { 'xcpform:address': 'xcp_network.half' } });
    const before = await uuids('network');
    const state = await create(networkResource, { pool: 'dc1', name_label: 'half' }, 'xcp_network.half');
    expect(state.uuid).toBe(await cl.call('network.get_uuid', ref));
    expect(await uuids('network')).toEqual(before);
  });

  it('turns a XAPI refusal into a diagnostic naming the resource, the call and the fix', async () => {
    const state = await create(networkResource, { pool: 'dc1', name_label: 'busy' }, 'xcp_network.busy');
    const vlanCfg = { pool: 'dc1', tag: 5, device: 'eth1', network: state.uuid };
    const vlan = await create(vlanResource, vlanCfg, 'xcp_vlan.on-busy');
    const err = await networkResource.delete({ prior: state, ctx: h.ctx('xcp_network.busy') }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceError);
    expect((err as ResourceError).diagnostic).toMatchObject({ code: 'resource.xapi-failed', address: 'xcp_network.busy' });
    expect((err as ResourceError).diagnostic.detail).toMatch(/network\.destroy.*NETWORK_CONTAINS_PIF.*remove the VLAN or tunnel first/);
    await vlanResource.delete({ prior: vlan, ctx: h.ctx('xcp_vlan.on-busy') });
    expect(await read(networkResource, state)).not.toBeNull(); // an existing network is not the VLAN's to destroy
    await networkResource.delete({ prior: state, ctx: h.ctx('xcp_network.busy') });
  });
});

describe('xcp_vlan', () => {
  const cfg: ObjectValue = { pool: 'dc1', name_label: 'lc-vlan', tag: 100, device: 'eth1', mtu: 1500, tags: ['v'] };

  it('creates a VLAN PIF on every host and round-trips read, import and delete', async () => {
    const before = await uuids('PIF');
    const state = await create(vlanResource, cfg, 'xcp_vlan.lc');
    expect(Object.keys(state.pifs as object).sort()).toEqual(hosts);
    expect(state.hosts).toEqual(hosts);
    const full = { ...cfg, hosts };
    expect(planResourceChange(vlanResource.schema, await read(vlanResource, state), cfg).action).toBe('no-op');
    expect(await importAndPlan(vlanResource, `dc1/${state.uuid}`, full)).toBe('no-op');
    await vlanResource.delete({ prior: state, ctx: h.ctx('xcp_vlan.lc') });
    expect(await read(vlanResource, state)).toBeNull();
    expect(await uuids('PIF')).toEqual(before);
    expect((await uuids('network')).includes(state.uuid as string)).toBe(false);
  });

  it('plans a VLAN PIF for a host that lost it, and re-creates it', async () => {
    const state = await create(vlanResource, { ...cfg, tag: 101 }, 'xcp_vlan.repair');
    const cl = h.client('dc1');
    const pifRef = await cl.call<string>('PIF.get_by_uuid', (state.pifs as Record<string, string>)[hosts[1]]);
    await cl.call('VLAN.destroy', await cl.call<string>('PIF.get_VLAN_master_of', pifRef));
    const refreshed = (await read(vlanResource, state))!;
    expect(refreshed.hosts).toEqual([hosts[0]]);
    const c = { ...cfg, tag: 101 };
    const diff = planResourceChange(vlanResource.schema, refreshed, c);
    const planned = vlanResource.plan!({ prior: refreshed, planned: diff.planned, config: c, world: await h.world(vlanResource.classes) }).planned;
    expect(planned.hosts).toEqual(hosts);
    const repaired = (await vlanResource.update({ prior: refreshed, planned, config: c, ctx: h.ctx('xcp_vlan.repair') })).state;
    expect(Object.keys(repaired.pifs as object).sort()).toEqual(hosts);
    await vlanResource.delete({ prior: repaired, ctx: h.ctx('xcp_vlan.repair') });
  });

  it('reads an out-of-band removal as gone and refuses a device the hosts lack', async () => {
    const state = await create(vlanResource, { ...cfg, tag: 102 }, 'xcp_vlan.oob');
    const cl = h.client('dc1');
    for (const pif of Object.values(state.pifs as Record<string, string>)) {
      await cl.call('VLAN.destroy', await cl.call<string>('PIF.get_VLAN_master_of', await cl.call<string>('PIF.get_by_uuid', pif)));
    }
    expect(await read(vlanResource, state)).toBeNull();
    await cl.call('network.destroy', await cl.call<string>('network.get_by_uuid', state.uuid as string));
    const err = await create(vlanResource, { ...cfg, tag: 103, device: 'eth7' }, 'xcp_vlan.nodev').then(() => undefined, (e: unknown) => e);
    expect((err as ResourceError).diagnostic.code).toBe('resource.vlan-no-device');
  });
});

describe('xcp_private_network', () => {
  const cfg = (): ObjectValue => ({ pool: 'dc1', name_label: 'lc-priv', transport_network: eth0net, protocol: 'vxlan', mtu: 1450 });

  it('creates a tunnel per host and round-trips read, import and delete', async () => {
    const state = await roundTrip(privateNetworkResource, cfg(), 'xcp_private_network.lc', ['network', 'PIF', 'tunnel']);
    expect(Object.keys(state.tunnels as object).sort()).toEqual(hosts);
    expect(Object.values(state.status as object)).toEqual(['connected', 'connected']);
  });

  it('refuses encryption with a diagnostic instead of creating plain tunnels', async () => {
    const err = await create(privateNetworkResource, { ...cfg(), encryption: true }, 'xcp_private_network.enc').then(() => undefined, (e: unknown) => e);
    expect((err as ResourceError).diagnostic).toMatchObject({ code: 'resource.private-network-encryption', path: ['encryption'] });
  });

  it('adopts an interrupted create and reads out-of-band deletion as gone', async () => {
    const cl = h.client('dc1');
    const ref = await cl.call<string>('network.create', { name_label: 'half', other_config: { 'xcpform:address': 'xcp_private_network.half' } });
    const state = await create(privateNetworkResource, { ...cfg(), name_label: 'half' }, 'xcp_private_network.half');
    expect(state.uuid).toBe(await cl.call('network.get_uuid', ref));
    expect(Object.keys(state.tunnels as object)).toHaveLength(2);
    for (const t of Object.values(state.tunnels as Record<string, string>)) await cl.call('tunnel.destroy', await cl.call<string>('tunnel.get_by_uuid', t));
    await cl.call('network.destroy', ref);
    expect(await read(privateNetworkResource, state)).toBeNull();
  });
});
