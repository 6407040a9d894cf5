/**
 * `plan -rehearse` exit codes, as Terraform's plan gives them: a rehearsal that fails is an
 * error (exit 1, with or without -detailed-exitcode, diagnostic `rehearsal.failed` on stderr
 * or as a JSON diagnostic), the plan file of -out is written all the same so the rehearsal can
 * be read; a rehearsal that passes keeps 0, or 2 with -detailed-exitcode and changes. The CLI
 * runs as a child process against a simulated pool served over HTTP.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startRehearsalPool, type RehearsalPool } from './helpers/rehearsal-pool';

const GiB = 1024 ** 3;

/** Two 10 GiB disks on SRs with 15 GiB free: each fits alone, the second fails with SR_FULL. */
const FILLS_SR = `
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
`;

describe('plan -rehearse exit codes', () => {
  let p: RehearsalPool | undefined;
  afterEach(async () => { await p?.close(); p = undefined; });

  test('a failed rehearsal exits 1 (also with -detailed-exitcode), names rehearsal.failed, and still saves -out', async () => {
    p = await startRehearsalPool({ name: 'dc1', hosts: 1 });
    const db = p.sim.world.pool('dc1').db;
    for (const [ref, sr] of db.all('SR')) if (sr.content_type !== 'iso') db.update('SR', ref, { physical_size: (sr.physical_utilisation as number) + 15 * GiB });
    p.config(FILLS_SR);

    const detailed = await p.run(['plan', '-rehearse', '-detailed-exitcode', '-out', 'p.plan', '-no-color']);
    expect(detailed.code).toBe(1);
    expect(detailed.stderr).toContain('Error: Rehearsal failed: 1 of 2 changes fail on a copy of the pools');
    expect(detailed.stderr).toContain('xcp_vm.d[');
    expect(detailed.stderr).toContain('SR_FULL');
    expect(detailed.stderr).toContain('The plan was saved to p.plan all the same');
    expect(detailed.stdout).toContain('Saved the plan to: p.plan');
    expect(detailed.stdout).not.toContain('To perform exactly these actions');
    expect(existsSync(join(p.dir, 'p.plan'))).toBe(true);
    const shown = await p.run(['show', '-json', 'p.plan']);
    expect(shown.code).toBe(0);
    expect((JSON.parse(shown.stdout) as { xcpform: { rehearsal: { ok: boolean } } }).xcpform.rehearsal.ok).toBe(false);

    const json = await p.run(['plan', '-rehearse', '-json']);
    expect(json.code).toBe(1);
    const diags = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; diagnostic?: { severity: string; summary: string } }).filter((m) => m.type === 'diagnostic');
    expect(diags.map((m) => m.diagnostic!.summary)).toContain('Rehearsal failed: 1 of 2 changes fail on a copy of the pools');

    // Without a rehearsal the same plan is fine: the exit code is the plan's own.
    const plain = await p.run(['plan', '-detailed-exitcode', '-no-color']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe('');
  }, 240_000);

  test('a rehearsal that passes keeps the plan\'s exit code: 0, or 2 with -detailed-exitcode and changes', async () => {
    p = await startRehearsalPool({ name: 'dc1', hosts: 1 });
    p.config(FILLS_SR.replace('count       = 2', 'count       = 1'));
    const passed = await p.run(['plan', '-rehearse', '-no-color']);
    expect(passed.stderr).toBe('');
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('Rehearsal');
    const detailed = await p.run(['plan', '-rehearse', '-detailed-exitcode', '-no-color']);
    expect(detailed.stderr).toBe('');
    expect(detailed.code).toBe(2);
  }, 240_000);
});
