import { planResourceChange } from '../src/plan/diff';
import { vpnLinkResource } from '../src/resources/vpn-link';
import { findGateway, PARAMS_HASH_KEY } from '../src/resources/vpn-link/gateway';
import { wireGuardPublicKey } from '../src/resources/vpn-link/params';
import type { ObjectValue } from '../src/values/value';
import { startResourceHarness, type ResourceHarness } from './helpers/resource-context';

const PSK = 'correct-horse-battery-staple-42';

describe('xcp_vpn_link against the simulator', () => {
  let h: ResourceHarness;
  beforeAll(async () => { h = await startResourceHarness(); });
  afterAll(async () => { await h.close(); });

  const config = (over: ObjectValue = {}): ObjectValue => ({
    name_label: 'burst', pool: 'dc1', remote_pool: 'cloud1', network: 'Pool-wide network associated with eth0', remote_network: 'Pool-wide network associated with eth0',
    protocol: 'ipsec', psk: PSK, local_cidrs: ['10.10.0.0/16'], remote_cidrs: ['10.20.0.0/16'], ...over,
  });

  async function readState(prior: ObjectValue): Promise<ObjectValue | null> {
    return vpnLinkResource.read({ prior, world: await h.world() }).state;
  }

  test('create, read as up, plan is empty, rotate the key in place, drift, delete', async () => {
    const planned = planResourceChange(vpnLinkResource.schema, null, config()).planned;
    const { state } = await vpnLinkResource.create({ planned, config: config(), ctx: h.ctx('xcp_vpn_link.burst') });
    expect(state.status).toBe('up');
    expect(typeof state.gateway_vm).toBe('string');
    expect(state.psk).toBe(PSK);

    const read = await readState(state);
    expect(read!.status).toBe('up');
    expect(planResourceChange(vpnLinkResource.schema, read, config()).action).toBe('no-op');

    // Both pools record the link; no secret appears in any XAPI record.
    for (const pool of ['dc1', 'cloud1']) {
      const recs = await h.records(pool, ['pool', 'VM']);
      const [poolRec] = [...recs.all('pool').values()];
      expect(poolRec.other_config[`xcpform:vpn-link:${state.uuid as string}`]).toContain('"name":"burst"');
      expect(JSON.stringify([...recs.all('VM').values()])).not.toContain(PSK);
      expect(JSON.stringify(poolRec)).not.toContain(PSK);
    }

    // Rotating the key and changing CIDRs are in-place updates.
    const rotated = config({ psk: 'another-long-pre-shared-key', remote_cidrs: ['10.30.0.0/16'] });
    const diff = planResourceChange(vpnLinkResource.schema, read, rotated);
    expect(diff.action).toBe('update');
    const updated = (await vpnLinkResource.update({ prior: read!, planned: diff.planned, config: rotated, ctx: h.ctx('xcp_vpn_link.burst') })).state;
    expect(updated.remote_cidrs).toEqual(['10.30.0.0/16']);
    expect(updated.gateway_vm).toBe(state.gateway_vm);
    expect(planResourceChange(vpnLinkResource.schema, await readState(updated), rotated).action).toBe('no-op');

    // Changing the key outside xcpform (the fingerprint) is drift that plans a rekey.
    const recs = await h.records('dc1', ['VM']);
    const gw = findGateway(recs, updated.uuid as string, 'local')!;
    await h.client('dc1').call('VM.remove_from_other_config', gw.ref, 'xcpform:vpn-secret-hash');
    await h.client('dc1').call('VM.add_to_other_config', gw.ref, 'xcpform:vpn-secret-hash', '0000');
    const drifted = await readState(updated);
    expect(planResourceChange(vpnLinkResource.schema, drifted, rotated).action).toBe('update');

    // Parameters that differ between the two gateways: degraded; a stopped gateway: down.
    await h.client('dc1').call('VM.remove_from_other_config', gw.ref, PARAMS_HASH_KEY);
    await h.client('dc1').call('VM.add_to_other_config', gw.ref, PARAMS_HASH_KEY, 'different');
    expect((await readState(updated))!.status).toBe('degraded');
    await h.client('dc1').call('VM.hard_shutdown', gw.ref);
    expect((await readState(updated))!.status).toBe('down');

    // Changing an endpoint network forces replacement (decided by the schema).
    expect(planResourceChange(vpnLinkResource.schema, updated, { ...rotated, remote_pool: 'dc1' }).action).toBe('replace');

    await vpnLinkResource.delete({ prior: updated, ctx: h.ctx('xcp_vpn_link.burst') });
    expect(await readState(updated)).toBeNull();
    const after = await h.records('cloud1', ['pool', 'VM']);
    expect(JSON.stringify([...after.all('pool').values()])).not.toContain(updated.uuid as string);
    expect([...after.all('VM').values()].some((vm) => vm.other_config['xcpform:vpn-link'] === updated.uuid)).toBe(false);
  }, 60_000);

  test('WireGuard keys are generated when not given and only public keys are recorded', async () => {
    const cfg = config({ protocol: 'wireguard', psk: null, name_label: 'wg' });
    const planned = planResourceChange(vpnLinkResource.schema, null, cfg).planned;
    const { state } = await vpnLinkResource.create({ planned, config: cfg, ctx: h.ctx('xcp_vpn_link.wg') });
    expect(state.status).toBe('up');
    expect(typeof state.public_key).toBe('string');
    expect(Buffer.from(state.public_key as string, 'base64')).toHaveLength(32);
    expect(state.private_key).toBeNull();
    expect(planResourceChange(vpnLinkResource.schema, await readState(state), cfg).action).toBe('no-op');
    await vpnLinkResource.delete({ prior: state, ctx: h.ctx('xcp_vpn_link.wg') });
  }, 60_000);

  test('an interrupted create is adopted, not duplicated', async () => {
    const cfg = config({ name_label: 'adopt' });
    const planned = planResourceChange(vpnLinkResource.schema, null, cfg).planned;
    const first = await vpnLinkResource.create({ planned, config: cfg, ctx: h.ctx('xcp_vpn_link.adopt') });
    // The state write was lost: the next run creates again with the same address.
    const second = await vpnLinkResource.create({ planned, config: cfg, ctx: h.ctx('xcp_vpn_link.adopt') });
    expect(second.state.uuid).toBe(first.state.uuid);
    const gateways = [...(await h.records('dc1', ['VM'])).all('VM').values()].filter((vm) => vm.other_config['xcpform:address'] === 'xcp_vpn_link.adopt#local');
    expect(gateways).toHaveLength(1);
    await vpnLinkResource.delete({ prior: second.state, ctx: h.ctx('xcp_vpn_link.adopt') });
  }, 60_000);

  test('plan-time checks: IPsec without a key, both ends in one pool', () => {
    const res = vpnLinkResource.plan!({ prior: null, planned: { ...config({ psk: null, remote_pool: 'dc1' }) }, config: config(), world: undefined as never });
    expect(res.diagnostics!.map((d) => d.summary)).toEqual(['an IPsec link needs a pre-shared key', 'a VPN link joins two different pools']);
    expect(wireGuardPublicKey('not-a-key')).toBeUndefined();
  });
});
