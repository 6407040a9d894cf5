/**
 * vCPU and memory changes in both directions, against the simulator over HTTP (which checks
 * XAPI's invariants after every call, as xapi does): a VPN gateway and an xcp_vm shrink and
 * grow. Setting `VCPUs_max` below the current `VCPUs_at_startup` fails with INVALID_VALUE, so a
 * shrink in the wrong call order fails here.
 */
import { planResourceChange } from '../src/plan/diff';
import { vmResource } from '../src/resources/vm';
import { vmSchema } from '../src/resources/vm/schema';
import { vpnLinkResource } from '../src/resources/vpn-link';
import { findGateway } from '../src/resources/vpn-link/gateway';
import type { ObjectValue } from '../src/values/value';
import { configOf, planWith, startResourceHarness, type ResourceHarness } from './helpers/resource-context';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
let h: ResourceHarness;
beforeAll(async () => { h = await startResourceHarness(); });
afterAll(async () => { await h.close(); });

describe('the simulator enforces XAPI\'s sizing invariants per call', () => {
  test('VCPUs_max below VCPUs_at_startup and an out-of-order memory range are refused', async () => {
    const c = h.client('dc1');
    const [template] = await c.call<string[]>('VM.get_by_name_label', 'Debian Bookworm 12');
    const vm = await c.call<string>('VM.clone', template, 'sizing-probe');
    await c.call('VM.set_is_a_template', vm, false);
    await c.call('VM.set_VCPUs_max', vm, 4);
    await c.call('VM.set_VCPUs_at_startup', vm, 4);
    await expect(c.call('VM.set_VCPUs_max', vm, 2)).rejects.toMatchObject({ code: 'INVALID_VALUE' });
    await expect(c.call('VM.set_memory_limits', vm, GiB, GiB, 2 * GiB, GiB)).rejects.toMatchObject({ code: 'MEMORY_CONSTRAINT_VIOLATION' });
    await c.call('VM.destroy', vm);
  });
});

describe('a VPN gateway shrinks and grows', () => {
  const config = (gateway: ObjectValue): ObjectValue => configOf(vpnLinkResource.schema, {
    name_label: 'sized', pool: 'dc1', remote_pool: 'cloud1', network: 'Pool-wide network associated with eth0', remote_network: 'Pool-wide network associated with eth0',
    protocol: 'ipsec', psk: 'correct-horse-battery-staple-42', local_cidrs: ['10.10.0.0/16'], remote_cidrs: ['10.20.0.0/16'], gateway: [gateway],
  });

  async function sizes(state: ObjectValue): Promise<number[][]> {
    const out: number[][] = [];
    for (const [pool, role] of [['dc1', 'local'], ['cloud1', 'remote']] as const) {
      const gw = findGateway(await h.records(pool, ['VM']), state.uuid as string, role)!.record;
      out.push([gw.VCPUs_at_startup, gw.VCPUs_max, gw.memory_static_min, gw.memory_dynamic_min, gw.memory_dynamic_max, gw.memory_static_max]);
    }
    return out;
  }

  test('2 vCPUs / 1 GiB → 1 vCPU / 512 MiB → 3 vCPUs / 2 GiB, both sides, running after each change', async () => {
    let cfg = config({ vcpus: 2, memory: GiB });
    let state = (await vpnLinkResource.create({ planned: planResourceChange(vpnLinkResource.schema, null, cfg).planned, config: cfg, ctx: h.ctx('xcp_vpn_link.sized') })).state;
    expect(await sizes(state)).toEqual([[2, 2, GiB, GiB, GiB, GiB], [2, 2, GiB, GiB, GiB, GiB]]);
    for (const [vcpus, memory] of [[1, 512 * MiB], [3, 2 * GiB]]) {
      cfg = config({ vcpus, memory });
      const prior = vpnLinkResource.read({ prior: state, world: await h.world() }).state!;
      const diff = planResourceChange(vpnLinkResource.schema, prior, cfg);
      expect(diff.action).toBe('update');
      state = (await vpnLinkResource.update({ prior, planned: diff.planned, config: cfg, ctx: h.ctx('xcp_vpn_link.sized') })).state;
      expect(await sizes(state)).toEqual([[vcpus, vcpus, memory, memory, memory, memory], [vcpus, vcpus, memory, memory, memory, memory]]);
      expect(state.status).toBe('up');
      expect(planResourceChange(vpnLinkResource.schema, vpnLinkResource.read({ prior: state, world: await h.world() }).state, cfg).action).toBe('no-op');
    }
    await vpnLinkResource.delete({ prior: state, ctx: h.ctx('xcp_vpn_link.sized') });
  }, 60_000);
});

describe('an xcp_vm shrinks and grows', () => {
  test('halted: 4/4 vCPUs and 4 GiB → 1/1 and 1 GiB → 6/8 and 8 GiB', async () => {
    const cfg = (extra: ObjectValue): ObjectValue => configOf(vmSchema, { name_label: 'sized-vm', template: 'Debian Bookworm 12', pool: 'dc1', power_state: 'halted', ...extra });
    let config = cfg({ vcpus: 4, vcpus_max: 4, memory: 4 * GiB, memory_dynamic_min: 4 * GiB, memory_dynamic_max: 4 * GiB, memory_static_min: 2 * GiB });
    let world = await h.world(vmResource.classes);
    let plan = planWith(vmResource, null, config, world);
    let state = (await vmResource.create({ planned: plan.hook.planned, config, ctx: h.ctx('xcp_vm.sized') })).state;
    const steps: [ObjectValue, number[]][] = [
      [{ vcpus: 1, vcpus_max: 1, memory: GiB, memory_dynamic_min: 512 * MiB, memory_dynamic_max: GiB, memory_static_min: 256 * MiB }, [1, 1, 256 * MiB, 512 * MiB, GiB, GiB]],
      [{ vcpus: 6, vcpus_max: 8, memory: 8 * GiB, memory_dynamic_min: 4 * GiB, memory_dynamic_max: 6 * GiB, memory_static_min: 2 * GiB }, [6, 8, 2 * GiB, 4 * GiB, 6 * GiB, 8 * GiB]],
    ];
    for (const [extra, want] of steps) {
      config = cfg(extra);
      world = await h.world(vmResource.classes);
      const prior = vmResource.read({ prior: state, world }).state!;
      plan = planWith(vmResource, prior, config, world);
      expect(plan.hook.action).toBe('update');
      state = (await vmResource.update({ prior, planned: plan.hook.planned, config, ctx: h.ctx('xcp_vm.sized') })).state;
      const vm = (await h.records('dc1', ['VM'])).byUuid('VM', state.uuid as string)!.record;
      expect([vm.VCPUs_at_startup, vm.VCPUs_max, vm.memory_static_min, vm.memory_dynamic_min, vm.memory_dynamic_max, vm.memory_static_max]).toEqual(want);
    }
    await vmResource.delete({ prior: state, ctx: h.ctx('xcp_vm.sized') });
  }, 60_000);
});
