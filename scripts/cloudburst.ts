/**
 * `npm start`: the main job. Runs the cloudburst example end to end against the embedded XAPI
 * simulator, in a fresh working folder, with the real `xcpform` CLI:
 *   0. synthesize the CDKTF stack; 1. plan and save the plan; 2. write the Markdown review and
 *   the HTML report; 3. apply the saved plan (the datacenter fills, the overflow bursts into the
 *   cloud pool over the VPN link); 4. plan again: no changes; 5. scale out: more VMs burst;
 *   6. move the database to the cloud: a live cross-pool migration with its disk; 7. a web VM
 *   bursts back into the room the database left; 8. plan again; 9. destroy.
 * Exits non-zero as soon as a step does not do what it should.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
  { title: 'Plan the synthesized stack and save the plan', args: ['plan', '-out', 'burst.xcp'], ok: [0], expect: /Plan: 15 to add, 0 to change, 0 to destroy\./ },
  { title: 'Write the pull-request review of the plan (Markdown) and the visual report (HTML)', args: ['show', '-markdown', 'burst.xcp', '-o', 'review.md'], ok: [0], expect: /Wrote review\.md/ },
  { title: 'HTML report', args: ['show', '-html', 'burst.xcp', '-o', 'review.html'], ok: [0], expect: /Wrote review\.html/ },
  { title: 'Apply the saved plan: dc1 fills up, two web VMs burst into cloud1 over the VPN link', args: ['apply', 'burst.xcp'], ok: [0], expect: /Apply complete! Resources: 15 added/ },
  { title: 'Plan again: the pools match the configuration', args: ['plan', '-detailed-exitcode'], ok: [0], expect: /No changes\./ },
  { title: 'Scale the web tier to 10 VMs: the new ones burst into cloud1', args: ['apply', '-auto-approve', '-var', 'web_count=10'], ok: [0], expect: /Apply complete! Resources: 2 added/ },
  { title: 'Move the database to cloud1: a live cross-pool migration with its disk, over the VPN link', args: ['apply', '-auto-approve', '-var', 'web_count=10', '-var', 'db_pool=cloud1'], ok: [0], expect: /0 added, 0 changed, 1 migrated/ },
  { title: 'The database left dc1, so a web VM bursts back from cloud1 (fill-first)', args: ['apply', '-auto-approve', '-var', 'web_count=10', '-var', 'db_pool=cloud1'], ok: [0], expect: /0 added, 0 changed, 1 migrated/ },
  { title: 'Plan again: nothing left to do', args: ['plan', '-detailed-exitcode', '-var', 'web_count=10', '-var', 'db_pool=cloud1'], ok: [0], expect: /No changes\./ },
  { title: 'Destroy everything', args: ['destroy', '-auto-approve', '-var', 'web_count=10', '-var', 'db_pool=cloud1'], ok: [0], expect: /Destroy complete! Resources: 17 destroyed\./ },
];

/** Synthesizes examples/cloudburst/cdktf/main.ts (CDKTF's App.synth, no cdktf-cli) into `dir`. */
function synthesize(dir: string): string {
  // The example is TypeScript: ts-node (a devDependency, installed by npm ci) runs it.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const example = require(join(ROOT, 'examples', 'cloudburst', 'cdktf', 'main.ts')) as { synth(outdir: string): string };
  return example.synth(join(dir, 'cdktf.out'));
}

function main(): number {
  const base = mkdtempSync(join(tmpdir(), 'xcpform-cloudburst-'));
  process.stdout.write(`Synthesizing the CDKTF stack examples/cloudburst/cdktf/main.ts ...\n`);
  const dir = synthesize(base);
  process.stdout.write(`xcpform cloudburst demo in ${dir} (cdk.tf.json; embedded simulator: pools dc1 and cloud1, 2 hosts each)\n`);
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
  process.stdout.write(`\nThe cloudburst demo completed: synthesized, planned, applied, burst into cloud1, migrated live, burst back, and destroyed.\nReview files of the first plan: ${join(dir, 'review.md')} and ${join(dir, 'review.html')}\n`);
  return 0;
}

process.exitCode = main();
