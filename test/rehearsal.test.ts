/**
 * Rehearsal (issue 22): failures the plan alone cannot see are predicted by applying the plan to
 * a copy of the pools, before any real call. Each case runs the CLI as a child process against
 * a simulated pool served over HTTP behind a recording proxy: `plan -rehearse` names the
 * failing changes with their XenAPI errors, `apply` stops with zero changing calls on the real
 * pool, and `apply -rehearse=false` then fails on the real pool the same way.
 */
import { cableRackToFirstHost, startRehearsalPool, type RehearsalPool } from './helpers/rehearsal-pool';

const GiB = 1024 ** 3;

interface FailureJson { address: string; verb: string; message: string; xapi_error?: { code: string; params: string[] } }

/** The rehearsal of a saved plan, from `show -json`. */
async function rehearsalOf(p: RehearsalPool): Promise<{ ok: boolean; failures: FailureJson[]; limits: string; estimated_seconds: number }> {
  // A failed rehearsal is a plan error (exit 1); the plan is saved all the same to be read.
  const planned = await p.run(['plan', '-rehearse', '-out', 'p.plan', '-no-color']);
  expect(planned.stderr).toContain('Error: Rehearsal failed: ');
  expect(planned.stderr).toContain('The plan was saved to p.plan all the same');
  expect(planned.code).toBe(1);
  const shown = await p.run(['show', '-json', 'p.plan']);
  expect(shown.code).toBe(0);
  return (JSON.parse(shown.stdout) as { xcpform: { rehearsal: never } }).xcpform.rehearsal;
}

/** Addresses whose change failed in an apply's progress output. */
const failedIn = (stdout: string): string[] => [...stdout.matchAll(/^(\S+): (?:Creating|Modifying|Migrating|Destroying) failed/gm)].map((m) => m[1]).sort();

/**
 * Which instances of a counted resource fail depends on which of the parallel changes reaches
 * XAPI first (here and on the real pool alike): the same number of the same resource must fail.
 */
const ofResource = (addresses: string[]): string[] => addresses.map((a) => a.replace(/\[\d+\]$/, '[*]')).sort();

/**
 * The common checks: the plan alone is fine, the rehearsal predicts `code` for `addresses`,
 * apply stops before any changing call, and the real apply without rehearsal fails there.
 */
async function expectPredicted(p: RehearsalPool, code: string, addresses: string[]): Promise<void> {
  const plain = await p.run(['plan', '-no-color']);
  expect(plain.code).toBe(0);
  expect(plain.stderr).toBe('');
  expect(plain.stdout).not.toContain('Rehearsal');

  const text = await p.run(['plan', '-rehearse', '-no-color']);
  expect(text.code).toBe(1);
  expect(text.stdout).toContain('Rehearsal failed:');
  expect(text.stderr).toContain('Error: Rehearsal failed: ');
  expect(text.stderr).toContain(code);
  for (const a of ofResource(addresses)) expect(text.stdout).toContain(a.replace('[*]', ''));
  expect(text.stdout).toContain(code);
  expect(text.stdout).toContain('A rehearsal cannot know guest behaviour');

  const r = await rehearsalOf(p);
  expect(r.ok).toBe(false);
  expect(ofResource(r.failures.map((f) => f.address))).toEqual(ofResource(addresses));
  for (const f of r.failures) expect(f.xapi_error?.code).toBe(code);

  p.proxy.reset();
  const stopped = await p.run(['apply', '-auto-approve', '-no-color']);
  expect(stopped.code).toBe(1);
  expect(stopped.stderr).toContain('Rehearsal failed');
  expect(stopped.stderr).toContain(code);
  expect(stopped.stdout).not.toMatch(/Creating\.\.\.|Modifying\.\.\.|Migrating\.\.\./);
  expect(p.writes()).toEqual([]);

  p.proxy.reset();
  const saved = await p.run(['apply', 'p.plan', '-no-color']);
  expect(saved.code).toBe(1);
  expect(saved.stderr).toContain('Rehearsal failed');
  expect(p.writes()).toEqual([]);

  const real = await p.run(['apply', '-auto-approve', '-rehearse=false', '-no-color']);
  expect(real.code).toBe(1);
  expect(real.stderr).toContain(code);
  expect(ofResource(failedIn(real.stdout))).toEqual(ofResource(addresses));
}

describe('rehearsal predicts what the plan cannot see', () => {
  let p: RehearsalPool | undefined;
  afterEach(async () => { await p?.close(); p = undefined; });

  test('a pool that runs out of memory part-way: VMs whose memory comes from the template', async () => {
    // One host of 8 GiB: each 2 GiB VM fits alone, the second and third do not after the first.
    // Without `memory` the plan cannot count them (the template decides at apply).
    p = await startRehearsalPool({ name: 'dc1', hosts: 1, memoryGiB: 8 });
    p.config(`
resource "xcp_vm" "v" {
  count       = 3
  name_label  = "mem-\${count.index}"
  template    = "Debian Bookworm 12"
  power_state = "running"
}
`);
    await expectPredicted(p, 'HOST_NOT_ENOUGH_FREE_MEMORY', ['xcp_vm.v[1]', 'xcp_vm.v[2]']);
  }, 240_000);

  test('an SR that fills: disks that each fit, not together', async () => {
    p = await startRehearsalPool({ name: 'dc1', hosts: 1 });
    const db = p.sim.world.pool('dc1').db;
    // 15 GiB free on every SR a disk could land on: one 10 GiB disk fits, two do not.
    for (const [ref, sr] of db.all('SR')) if (sr.content_type !== 'iso') db.update('SR', ref, { physical_size: (sr.physical_utilisation as number) + 15 * GiB });
    p.config(`
resource "xcp_vm" "d" {
  count       = 2
  name_label  = "disk-\${count.index}"
  template    = "Debian Bookworm 12"
  memory      = 1073741824
  power_state = "halted"
  disk {
    size = 10737418240
  }
}
`);
    await expectPredicted(p, 'SR_FULL', ['xcp_vm.d[1]']);
  }, 240_000);

  test('a migration to a host without the network', async () => {
    p = await startRehearsalPool({ name: 'dc1', hosts: 2 });
    cableRackToFirstHost(p);
    const vm = (host: string) => `
resource "xcp_vm" "m" {
  name_label  = "mover"
  template    = "Debian Bookworm 12"
  memory      = 1073741824
  power_state = "running"
  host        = "${host}"
  nic {
    network = "rack-a"
  }
}
`;
    p.config(vm('dc1-host1'));
    const first = await p.run(['apply', '-auto-approve', '-no-color']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    p.config(vm('dc1-host2'));
    await expectPredicted(p, 'VM_REQUIRES_NETWORK', ['xcp_vm.m']);
  }, 240_000);
});

describe('rehearsal shows what the real apply would print', () => {
  let p: RehearsalPool | undefined;
  afterEach(async () => { await p?.close(); p = undefined; });

  test('a postcondition on a value known only after apply: the rehearsal stops apply with the condition\'s own error', async () => {
    p = await startRehearsalPool({ name: 'dc1', hosts: 1 });
    p.config(`
resource "xcp_network" "a" {
  name_label = "lan"
  lifecycle {
    postcondition {
      condition     = self.bridge == "nope"
      error_message = "bridge is \${self.bridge}"
    }
  }
}
resource "xcp_network" "b" {
  name_label = "after-\${xcp_network.a.bridge}"
}
`);
    p.proxy.reset();
    const r = await p.run(['apply', '-auto-approve', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Rehearsal failed: 1 of 2 changes fail on a copy of the pools; nothing was applied');
    expect(r.stderr).toMatch(/Error: Resource postcondition failed\n {2}on main\.tf line \d+\n\n {2}bridge is xapi\d+/);
    expect(r.stdout).toContain('Not tried (a change they depend on failed): xcp_network.b');
    expect(p.writes()).toEqual([]);
    expect(p.sim.world.pool('dc1').db.all('network').filter(([, n]) => n.name_label === 'lan')).toHaveLength(0);
  }, 120_000);
});
