/**
 * Faults end to end: the simulator (in this process, so fault rules can be set; xcpform runs
 * as a child) injects seeded transient faults into every call, and a permanent one into the
 * only `VM.copy` (one VM asks for a full copy). The apply must get through the transient faults
 * by retrying, fail that VM and only what depends on it, name the resource, the XAPI call and
 * the error code, and create everything independent.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type FaultRule, type RunningSimulator } from '../src/simulator';
import { cli, inventory, providerBlock, readState, SIM_PASSWORD, SIM_USER } from './helpers/crash-processes';

const CONFIG = `
resource "xcp_network" "n" {
  count      = 20
  name_label = "f\${count.index}"
}
resource "xcp_vm" "ok" {
  count       = 4
  name_label  = "ok\${count.index}"
  template    = "Debian Bookworm 12"
  power_state = "halted"
  nic { network = xcp_network.n[count.index].uuid }
}
resource "xcp_vm" "bad" {
  name_label  = "bad"
  template    = "Debian Bookworm 12"
  clone_type  = "full"
  power_state = "halted"
  nic { network = xcp_network.n[19].uuid }
}
resource "xcp_network" "after_bad" {
  name_label = "after-\${xcp_vm.bad.uuid}"
}
`;

/**
 * Transient faults of every kind, on the calls where xcpform must ride them out: "busy" and an
 * expired session anywhere, and dropped connections on reads and on the creates that carry their
 * address (found again after a lost reply). Whatever order the parallel calls take, the outcome
 * is the same, so the test does not depend on scheduling.
 */
const TRANSIENT: FaultRule[] = [
  { method: '*', kind: 'OTHER_OPERATION_IN_PROGRESS', rate: 0.03 },
  { method: 'VM.*', kind: 'SESSION_INVALID', rate: 0.02 },
  { method: 'network.*', kind: 'SESSION_INVALID', rate: 0.02 },
  { method: '*.get_all_records', kind: 'DROP_CONNECTION', rate: 0.05 },
  { method: 'network.create', kind: 'DROP_CONNECTION', rate: 0.1 },
];

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({
    pools: [{ name: 'dc1', hosts: 2 }], username: SIM_USER, password: SIM_PASSWORD, guestBootMs: 20,
    seed: 7,
    faults: [...TRANSIENT, { method: 'VM.copy', kind: 'INTERNAL_ERROR' }],
  });
});
afterAll(async () => { await sim?.close(); });

test('transient faults are retried; a permanent failure fails one VM and its dependents only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-faults-'));
  writeFileSync(join(dir, 'main.tf'), `${providerBlock(new Map(sim.pools.map((p) => [p.name, p.url])))}\n${CONFIG}`);
  const res = await cli(['apply', '-auto-approve'], { cwd: dir });
  const out = res.stdout + res.stderr;
  expect(res.code).toBe(1);
  expect(out).toContain('Apply incomplete! Resources: 24 added');
  // The failure names the resource, the XAPI call and the code.
  expect(res.stderr).toMatch(/xcp_vm\.bad/);
  expect(res.stderr).toMatch(/VM\.copy/);
  expect(res.stderr).toMatch(/INTERNAL_ERROR/);
  expect(res.stderr).toMatch(/xcp_network\.after_bad: not applied: upstream failed/);
  // Only the bad VM failed: exactly one error besides the skipped dependent.
  expect(res.stderr.match(/^Error: /gm)?.length).toBe(2);

  const state = readState(dir);
  expect([...state.uuids.keys()].filter((a) => a.startsWith('xcp_network.n[')).length).toBe(20);
  expect([...state.uuids.keys()].filter((a) => a.startsWith('xcp_vm.ok[')).length).toBe(4);
  expect(state.uuids.has('xcp_vm.bad')).toBe(false);
  expect(state.uuids.has('xcp_network.after_bad')).toBe(false);
  const inv = await inventory(sim.pools[0].url, /^(f\d+|ok\d+|bad|after-.*)$/);
  expect([...inv.byAddress].filter(([, objs]) => objs.length !== 1)).toEqual([]);
  expect([...inv.byAddress.keys()].filter((a) => !state.uuids.has(a))).toEqual([]);

  // With the cause gone the next apply finishes the job, still through transient faults.
  sim.world.faults.clear();
  for (const rule of TRANSIENT) sim.world.faults.add(rule);
  const again = await cli(['apply', '-auto-approve'], { cwd: dir });
  expect(again.stderr).toBe('');
  expect(again.stdout).toContain('Apply complete! Resources: 2 added');
  const plan = await cli(['plan', '-detailed-exitcode'], { cwd: dir });
  expect(plan.code).toBe(0);
}, 90_000);
