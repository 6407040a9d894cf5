/**
 * `npm run fidelity`: hundreds of generated configurations through the fidelity property
 * (test/fidelity), then, for a sample, the two front doors compared on the same simulator.
 *
 *   npm run fidelity -- --seed 1 --count 200 --edits 8 --terraform-sample 10
 *
 * Prints configurations, attribute edits, pass rates and failures grouped by cause with their
 * minimal configurations. Exits 1 when a failure is not in test/fidelity/known-failures.ts.
 */
import { writeFileSync } from 'node:fs';
import { renderReport, runBatch } from '../test/fidelity/batch';
import { renderAgreement, runAgreement } from '../test/fidelity/front-doors';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n)) throw new Error(`--${name} needs a number`);
  return n;
}

async function main(): Promise<void> {
  const seed = flag('seed', 1);
  const count = flag('count', 200);
  const edits = flag('edits', 8);
  const sample = flag('terraform-sample', 5);
  const replays = flag('shrink-replays', 40);
  const dataRefs = !process.argv.includes('--no-data-refs');
  const verbose = process.argv.includes('--verbose');
  const outIndex = process.argv.indexOf('--out');
  const started = Date.now();
  const batch = await runBatch({ seed, count, edits, dataRefs, shrinkReplays: replays, log: verbose ? (l) => process.stderr.write(`${l}\n`) : undefined });
  const report = [`xcpform fidelity: seed ${seed}, ${count} configurations, up to ${edits} edits each${dataRefs ? '' : ', no data source references'}`, '', renderReport(batch)];
  if (sample > 0) {
    const agreement = await runAgreement({ seed, count: sample, dataRefs, log: verbose ? (l) => process.stderr.write(`${l}\n`) : undefined });
    report.push('', renderAgreement(agreement));
  }
  report.push('', `took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const text = report.join('\n');
  process.stdout.write(`${text}\n`);
  if (outIndex > 0) writeFileSync(process.argv[outIndex + 1], `${text}\n`);
  process.exitCode = batch.groups.some((g) => !g.known) ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exitCode = 1;
});
