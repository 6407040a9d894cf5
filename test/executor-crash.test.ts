/**
 * Crash safety end to end (ARCHITECTURE.md "Targets", issue 6): `xcpform apply` of 105
 * resources against a simulator running as its own process is killed with SIGKILL at a
 * seeded-random point of its progress. Then the state file parses; the dead holder's lock is
 * broken automatically (its pid is gone); a re-apply converges; the next plan is empty; and the
 * pools hold exactly one object per address, every one of them recorded in the state and
 * tagged with the state's lineage.
 *
 * Rounds are driven by the apply's own output (kill at the k-th progress line), not by timers.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../src/simulator/faults';
import { cli, inventory, providerBlock, readState, runCli, startSimProcess, type SimProcess } from './helpers/crash-processes';

const NETWORKS = 60;
const DISKS = 30;
const VMS = 15;
const TOTAL = NETWORKS + DISKS + VMS;

function config(sim: SimProcess): string {
  return `${providerBlock(sim.urls)}
resource "xcp_network" "n" {
  count      = ${NETWORKS}
  name_label = "n\${count.index}"
}
resource "xcp_vdi" "d" {
  count      = ${DISKS}
  name_label = "d\${count.index}"
  sr         = "NFS shared storage"
  size       = 1073741824
}
resource "xcp_vm" "v" {
  count       = ${VMS}
  name_label  = "v\${count.index}"
  template    = "Debian Bookworm 12"
  power_state = "halted"
  nic { network = xcp_network.n[count.index].uuid }
}
`;
}

const PROGRESS = /: (Creating\.\.\.|Creation complete)/;
const SEEDS = [11, 23, 41, 59];

describe('kill -9 of an apply of 105 resources at seeded-random moments', () => {
  test.each(SEEDS)('seed %i: state parses, re-apply converges, no duplicates, no orphans', async (seed) => {
    const random = seededRandom(seed);
    // Progress lines: one "Creating..." and one "Creation complete" per resource.
    const killAt = 1 + Math.floor(random() * (2 * TOTAL - 10));
    const sim = await startSimProcess({ pools: 'dc1:2' });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'xcpform-crash-'));
      writeFileSync(join(dir, 'main.tf'), config(sim));

      const run = runCli(['apply', '-auto-approve'], { cwd: dir });
      await run.waitFor(PROGRESS, killAt);
      run.child.kill('SIGKILL');
      const killed = await run.done;
      expect(killed.signal).toBe('SIGKILL');
      const completedBeforeKill = killed.stdout.split('\n').filter((l) => l.includes('Creation complete')).length;

      // The state file parses (or was never written), and holds every change it acknowledged.
      const afterKill = readState(dir);
      expect(afterKill.uuids.size).toBeGreaterThanOrEqual(completedBeforeKill);
      // The dead holder's lock is left behind; the next run breaks it (its pid is gone).
      expect(existsSync(join(dir, '.terraform.tfstate.lock.info'))).toBe(true);

      const reapply = await cli(['apply', '-auto-approve'], { cwd: dir });
      expect(reapply.stderr).toBe('');
      expect(reapply.code).toBe(0);
      expect(reapply.stdout).toContain('Apply complete!');
      expect(existsSync(join(dir, '.terraform.tfstate.lock.info'))).toBe(false);

      const plan = await cli(['plan', '-detailed-exitcode'], { cwd: dir });
      expect(plan.stdout).toContain('No changes.');
      expect(plan.code).toBe(0);

      const state = readState(dir);
      expect(state.uuids.size).toBe(TOTAL);
      if (afterKill.lineage) expect(state.lineage).toBe(afterKill.lineage);
      // Objects kept their identity: whatever the killed run recorded is still there.
      for (const [address, uuid] of afterKill.uuids) expect(state.uuids.get(address)).toBe(uuid);

      const inv = await inventory(sim.urls.get('dc1')!, /^([ndv]\d+|xcpform:creating .*)$/);
      expect(inv.untagged).toEqual([]);
      const duplicates = [...inv.byAddress].filter(([, objs]) => objs.length !== 1).map(([a, objs]) => `${a} ×${objs.length}`);
      expect(duplicates).toEqual([]);
      const orphans = [...inv.byAddress].filter(([a, [obj]]) => state.uuids.get(a) !== obj.uuid).map(([a]) => a);
      expect(orphans).toEqual([]);
      expect(inv.byAddress.size).toBe(TOTAL);
      expect([...inv.byAddress].filter(([, [obj]]) => obj.lineage !== state.lineage).map(([a, [obj]]) => `${a} ${obj.lineage}`)).toEqual([]);
    } finally {
      await sim.stop();
    }
  }, 60_000);
});
