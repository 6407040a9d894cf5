/**
 * `npm run bench`: runs every benchmark suite in one process and prints its figures, then a
 * summary of the performance targets (`targets.ts`) with PASS / FAIL. Targets are ratios or
 * times measured in the same run (never absolute times in unit tests). The exit code is 1 when
 * a suite fails; a missed target is reported, not an error.
 * Usage: npm run bench [-- suite ...]   (suites: the keys of SUITES)
 */
import { summaryTable } from './targets';

type Figures = Record<string, number | string>;
type Suite = () => Promise<Figures>;

/** Suites load lazily so one missing or failing suite does not stop the others. */
const SUITES: Record<string, () => Promise<Suite>> = {
  simulator: load('./simulator', 'benchSimulator'),
  xenapi: load('./xenapi', 'benchClient'),
  scheduler: load('./scheduler', 'benchScheduler'),
  refresh: load('./refresh', 'benchRefresh'),
  plan: load('./plan', 'benchPlan'),
  report: load('./report', 'benchReport'),
  apply: load('./apply', 'benchApply'),
  rehearse: load('./rehearse', 'benchRehearse'),
};

function load(path: string, exportName: string): () => Promise<Suite> {
  return async () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(path) as Record<string, Suite>;
    const fn = mod[exportName];
    if (typeof fn !== 'function') throw new Error(`${path} does not export ${exportName}`);
    return fn;
  };
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(SUITES);
  let failed = 0;
  const results = new Map<string, Figures>();
  for (const name of names) {
    const load = SUITES[name];
    if (!load) {
      process.stderr.write(`bench: unknown suite "${name}" (known: ${Object.keys(SUITES).join(', ')})\n`);
      failed++;
      continue;
    }
    process.stdout.write(`\n== ${name} ==\n`);
    try {
      const figures = await (await load())();
      results.set(name, figures);
      const width = Math.max(...Object.keys(figures).map((k) => k.length));
      for (const [k, v] of Object.entries(figures)) {
        process.stdout.write(`  ${k.padEnd(width)}  ${typeof v === 'number' ? formatNumber(v) : v}\n`);
      }
    } catch (err) {
      failed++;
      process.stdout.write(`  failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  const summary = summaryTable(results);
  process.stdout.write(`\n== targets (measured in this run) ==\n${summary.text}\n`);
  return failed ? 1 : 0;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 3 : 1);
}

main().then((code) => { process.exitCode = code; });
