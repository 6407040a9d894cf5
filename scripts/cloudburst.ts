/**
 * `npm start`: the main job. Runs the cloudburst example end to end against the embedded XAPI
 * simulator, in a fresh working folder, with the real `xcpform` CLI:
 *   1. plan and save the plan; 2. apply the saved plan (the datacenter fills, the overflow
 *   bursts into the cloud pool over the VPN link); 3. plan again: no changes; 4. scale out:
 *   more VMs burst; 5. move the database to the cloud: a live cross-pool migration with its
 *   disk; 6. an application VM bursts back into the datacenter it left room in; 7. destroy.
 * Exits non-zero as soon as a step does not do what it should.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'xcpform.js');

interface Step {
  readonly title: string;
  readonly args: string[];
  /** Exit codes that count as success. */
  readonly ok: number[];
  readonly expect?: RegExp;
}

const STEPS: Step[] = [
  { title: 'Plan the cloudburst example and save the plan', args: ['plan', '-out', 'burst.xcp'], ok: [0], expect: /Plan: 10 to add, 0 to change, 0 to destroy\./ },
  { title: 'Apply the saved plan', args: ['apply', 'burst.xcp'], ok: [0], expect: /Apply complete! Resources: 10 added/ },
  { title: 'Plan again: the pools match the configuration', args: ['plan', '-detailed-exitcode'], ok: [0], expect: /No changes\./ },
  { title: 'Scale out to 8 application VMs: the new ones burst into cloud1', args: ['apply', '-auto-approve', '-var', 'app_count=8'], ok: [0], expect: /Apply complete! Resources: 2 added/ },
  { title: 'Move the database to cloud1: a live cross-pool migration with its disk, over the VPN link', args: ['apply', '-auto-approve', '-var', 'app_count=8', '-var', 'db_pool=cloud1'], ok: [0], expect: /1 migrated/ },
  { title: 'The database left dc1, so an application VM bursts back from cloud1 (fill-first)', args: ['apply', '-auto-approve', '-var', 'app_count=8', '-var', 'db_pool=cloud1'], ok: [0], expect: /0 added, 0 changed, 1 migrated/ },
  { title: 'Plan again: nothing left to do', args: ['plan', '-detailed-exitcode', '-var', 'app_count=8', '-var', 'db_pool=cloud1'], ok: [0], expect: /No changes\./ },
  { title: 'Destroy everything', args: ['destroy', '-auto-approve', '-var', 'app_count=8', '-var', 'db_pool=cloud1'], ok: [0], expect: /Destroy complete! Resources: 12 destroyed\./ },
];

function main(): number {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-cloudburst-'));
  cpSync(join(ROOT, 'examples', 'cloudburst', 'main.tf'), join(dir, 'main.tf'));
  process.stdout.write(`xcpform cloudburst demo in ${dir} (embedded simulator: pools dc1 and cloud1, 2 hosts each)\n`);
  for (const [i, step] of STEPS.entries()) {
    process.stdout.write(`\n${'='.repeat(78)}\n${i + 1}. ${step.title}\n$ xcpform ${step.args.join(' ')}\n${'='.repeat(78)}\n`);
    const res = spawnSync(process.execPath, [BIN, ...step.args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: process.env.NO_COLOR ?? '' } });
    process.stdout.write(res.stdout);
    process.stderr.write(res.stderr);
    const code = res.status ?? 1;
    if (!step.ok.includes(code) || (step.expect && !step.expect.test(res.stdout))) {
      process.stderr.write(`\ncloudburst demo: step ${i + 1} did not succeed (exit ${code}${step.expect && !step.expect.test(res.stdout) ? `; expected ${step.expect}` : ''})\n`);
      return 1;
    }
  }
  process.stdout.write('\nThe cloudburst demo completed: planned, applied, burst into cloud1, migrated live, and destroyed.\n');
  return 0;
}

process.exitCode = main();
