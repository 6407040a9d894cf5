/**
 * `npm run fuzz [-- --runs N] [--seed S] [--target TEXT]`: many more cases than npm test, per
 * target, then the time check at two sizes for a few chunks. Prints cases per target, values,
 * diagnostics, crashes, hangs and the slowest case; exits 1 on any crash or hang.
 */
import fc from 'fast-check';
import { fuzz, linearity, type FuzzReport } from './driver';
import { removeScratch, TARGETS } from './targets';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<number> {
  const runs = arg('runs', 20000);
  const seed = arg('seed', Date.now() % 2 ** 31);
  const only = process.argv.includes('--target') ? process.argv[process.argv.indexOf('--target') + 1] : undefined;
  // Folder-loading targets cost milliseconds a case: a tenth of the runs.
  const slow = /config|variable|OVA/;
  const reports: FuzzReport[] = [];
  let bad = 0;
  process.stdout.write(`fuzz seed ${seed}\n`);
  for (const target of TARGETS.filter((t) => !only || t.name.includes(only))) {
    const n = slow.test(target.name) ? Math.ceil(runs / 10) : runs;
    const started = Date.now();
    const r = await fuzz(target, n, seed, 3000);
    let worst = 0;
    let linear = 'ok';
    try {
      await fc.assert(fc.asyncProperty(fc.string({ minLength: 1, maxLength: 12 }), async (chunk) => {
        worst = Math.max(worst, (await linearity(target, chunk, 100)).ratio);
      }), { numRuns: 5, seed });
    } catch (err) {
      linear = `FAILED: ${(err as Error).message.split('\n')[0]}`;
    }
    reports.push(r);
    if (r.crash || r.hang || linear !== 'ok') bad++;
    process.stdout.write(`${target.name}\n  cases ${r.cases}  values ${r.values}  diagnostics ${r.diagnostics}  crashes ${r.crash ? 1 : 0}  hangs ${r.hang ? 1 : 0}  slowest ${r.slowestMs.toFixed(1)} ms  time ratio at 16x size ${worst.toFixed(1)} (${linear})  ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    if (r.crash) process.stdout.write(`  crash: ${r.crash}\n`);
    if (r.hang) process.stdout.write(`  hang: ${r.hang}\n`);
  }
  const total = reports.reduce((a, r) => a + r.cases, 0);
  process.stdout.write(`total ${total} cases, ${reports.filter((r) => r.crash).length} crashes, ${reports.filter((r) => r.hang).length} hangs\n`);
  removeScratch();
  return bad ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(2);
});
