/**
 * The executor against other processes: two workspaces with the same addresses on the same
 * pools (lineage tagging keeps their objects apart), two applies on one folder (the state lock),
 * and a Ctrl-C during an apply (no new changes start, running ones finish, state saved).
 * The simulator runs as its own process; xcpform runs as the user runs it.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, inventory, providerBlock, readState, runCli, startSimProcess, type SimProcess } from './helpers/crash-processes';

let sim: SimProcess;
beforeAll(async () => { sim = await startSimProcess({ pools: 'dc1:2' }); });
afterAll(async () => { await sim?.stop(); });

function folder(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-exec-'));
  writeFileSync(join(dir, 'main.tf'), `${providerBlock(sim.urls)}\n${body}`);
  return dir;
}

const networks = (prefix: string, count: number): string => `
resource "xcp_network" "n" {
  count      = ${count}
  name_label = "${prefix}\${count.index}"
}
`;

test('two states with the same addresses on the same pool never adopt each other\'s objects', async () => {
  const a = folder(networks('lin-a', 3));
  const b = folder(networks('lin-b', 3));
  expect((await cli(['apply', '-auto-approve'], { cwd: a })).code).toBe(0);
  const b1 = await cli(['apply', '-auto-approve'], { cwd: b });
  expect(b1.stdout).toContain('Apply complete! Resources: 3 added');
  const sa = readState(a);
  const sb = readState(b);
  expect(sa.lineage).not.toBe(sb.lineage);
  for (const [address, uuid] of sa.uuids) expect(sb.uuids.get(address)).not.toBe(uuid);
  const inv = await inventory(sim.urls.get('dc1')!, /^lin-/, ['network']);
  for (let i = 0; i < 3; i++) {
    const objs = inv.byAddress.get(`xcp_network.n[${i}]`) ?? [];
    expect(objs.map((o) => o.lineage).sort()).toEqual([sa.lineage, sb.lineage].sort());
  }
  // Destroying one leaves the other's objects alone.
  expect((await cli(['destroy', '-auto-approve'], { cwd: a })).code).toBe(0);
  const plan = await cli(['plan', '-detailed-exitcode'], { cwd: b });
  expect(plan.stdout).toContain('No changes.');
}, 60_000);

test('a second apply on the same folder fails fast on the lock, naming the holder, and changes nothing', async () => {
  const dir = folder(`${networks('lock', 30)}
resource "xcp_vm" "v" {
  count       = 6
  name_label  = "lock-vm\${count.index}"
  template    = "Debian Bookworm 12"
  power_state = "halted"
  nic { network = xcp_network.n[count.index].uuid }
}
`);
  // The first apply holds the lock while it waits for approval, so the second one meets the lock
  // whatever the machine's speed (no race with a fast first apply).
  const first = runCli(['apply'], { cwd: dir, stdin: true });
  await first.waitFor(/Enter a value/);
  const before = readState(dir);
  const started = Date.now();
  const second = await cli(['apply', '-auto-approve'], { cwd: dir });
  const waitedMs = Date.now() - started;
  expect(second.code).toBe(1);
  expect(second.stderr + second.stdout).toContain('Error acquiring the state lock');
  expect(second.stderr + second.stdout).toMatch(new RegExp(`Pid:\\s+${first.child.pid}`));
  expect(second.stderr + second.stdout).toContain('Operation: OperationTypeApply');
  expect(second.stdout).not.toContain('Creating...');
  expect(waitedMs).toBeLessThan(15_000); // no lock wait: the cost of a CLI start only

  first.child.stdin!.end('yes\n');
  const done = await first.done;
  expect(done.code).toBe(0);
  expect(done.stdout).toContain('Apply complete! Resources: 36 added');
  const after = readState(dir);
  expect(after.lineage).toBe(before.lineage || after.lineage);
  const inv = await inventory(sim.urls.get('dc1')!, /^lock/, ['network', 'VM']);
  const mine = [...inv.byAddress].map(([a, objs]) => [a, objs.filter((o) => o.lineage === after.lineage)] as const).filter(([, objs]) => objs.length > 0);
  expect(mine.length).toBe(36);
  expect(mine.filter(([, objs]) => objs.length !== 1)).toEqual([]);
  for (const [a, [obj]] of mine) expect(after.uuids.get(a)).toBe(obj.uuid);
}, 60_000);

test('Ctrl-C once: no new changes start, running ones finish, state saved, exit 1; the next apply finishes', async () => {
  const dir = folder(networks('int', 80));
  const run = runCli(['apply', '-auto-approve', '-parallelism', '4'], { cwd: dir });
  await run.waitFor(/: Creation complete/);
  run.child.kill('SIGINT');
  const res = await run.done;
  expect(res.code).toBe(1);
  expect(res.stderr).toContain('Interrupt received.');
  expect(res.stderr + res.stdout).toContain('Apply interrupted');
  // Every change that started also finished (nothing abandoned mid-flight), and each is in the state.
  const startedLines = res.stdout.split('\n').filter((l) => l.includes('Creating...')).map((l) => l.split(':')[0]);
  const completed = res.stdout.split('\n').filter((l) => l.includes('Creation complete')).map((l) => l.split(':')[0]);
  expect(completed.sort()).toEqual([...startedLines].sort());
  expect(res.stderr).not.toMatch(/aborted|Unhandled|ECONNRESET/);
  expect(completed.length).toBeLessThan(80);
  const state = readState(dir);
  expect([...state.uuids.keys()].sort()).toEqual(completed.sort());
  expect(existsSync(join(dir, '.terraform.tfstate.lock.info'))).toBe(false);
  // Nothing was created that the state does not hold.
  const inv = await inventory(sim.urls.get('dc1')!, /^int\d+$/, ['network']);
  expect(inv.untagged).toEqual([]);
  const ours = [...inv.byAddress].flatMap(([a, objs]) => objs.filter((o) => o.lineage === state.lineage).map((o) => [a, o.uuid] as const));
  expect(ours.filter(([a, uuid]) => state.uuids.get(a) !== uuid)).toEqual([]);
  expect(ours.length).toBe(completed.length);

  const rest = await cli(['apply', '-auto-approve'], { cwd: dir });
  expect(rest.code).toBe(0);
  expect(rest.stdout).toContain(`Apply complete! Resources: ${80 - completed.length} added`);
  expect(readState(dir).uuids.size).toBe(80);
}, 60_000);
