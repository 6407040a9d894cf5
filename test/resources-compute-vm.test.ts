/** xcp_vm lifecycle against the simulator over HTTP: create, read, plan no-op, delete. */
import { vmResource } from '../src/resources/vm';
import { vmSchema } from '../src/resources/vm/schema';
import type { ObjectValue } from '../src/values/value';
import { configOf, knownMismatches, planWith } from './helpers/compute-plan';
import { startResourceHarness, type ResourceHarness } from './helpers/resource-context';

const GiB = 1024 ** 3;
const NET0 = 'Pool-wide network associated with eth0';
const NET1 = 'Pool-wide network associated with eth1';

let hx: ResourceHarness;
beforeAll(async () => { hx = await startResourceHarness(); });
afterAll(async () => { await hx?.close(); });

function baseConfig(extra: ObjectValue = {}): ObjectValue {
  return configOf(vmSchema, {
    name_label: 'web-1', template: 'Debian Bookworm 12', pool: 'dc1', vcpus: 2, memory: 2 * GiB,
    disk: [{ size: 20 * GiB }], nic: [{ network: NET0 }], wait_for_ip: { timeout: 10 }, tags: ['web'],
    ...extra,
  });
}

async function createFrom(address: string, config: ObjectValue): Promise<ObjectValue> {
  const world = await hx.world(vmResource.classes);
  const { hook } = planWith(vmResource, null, config, world);
  expect(hook.diagnostics?.filter((d) => d.severity === 'error') ?? []).toEqual([]);
  const res = await vmResource.create({ planned: hook.planned, config, ctx: hx.ctx(address) });
  expect(knownMismatches(hook.planned, res.state)).toEqual([]);
  return res.state;
}

test('create, read equals the plan, a re-plan is a no-op, delete leaves nothing', async () => {
  const before = await hx.records('dc1');
  const config = baseConfig();
  const state = await createFrom('xcp_vm.web', config);
  expect(state.power_state).toBe('running');
  expect(state.ip_address).toEqual(expect.stringMatching(/^10\./));
  const world = await hx.world(vmResource.classes);
  const read = vmResource.read({ prior: state, world });
  expect(read.state).toEqual(state);
  const { diff, hook } = planWith(vmResource, read.state, config, world);
  expect(diff.action).toBe('no-op');
  expect(hook.changes).toEqual([]);
  await vmResource.delete({ prior: state, ctx: hx.ctx('xcp_vm.web') });
  const after = await hx.records('dc1');
  for (const cls of ['VM', 'VDI', 'VBD', 'VIF'] as const) expect([...after.all(cls).keys()].sort()).toEqual([...before.all(cls).keys()].sort());
});
