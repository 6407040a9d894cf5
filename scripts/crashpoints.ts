/**
 * `npm run crashpoints`: every crash point of an apply (issue 22). For each scenario, a clean run
 * counts the K XenAPI calls that change the world; then for each chosen call i and each mode
 * (kill -9 at call i, connection dropped at call i, call i and later failing, call i acting with
 * its reply lost) the operation is faulted, re-planned and re-applied with faults off, and the
 * pools are checked through XenAPI: no duplicate, no orphan, no lost change, an empty plan, and
 * a destroy that restores them. Exits 1 when a point does not converge.
 *
 *   npm run crashpoints -- --scenario cloudburst --modes kill,lose-reply --every 5
 *   npm run crashpoints -- --front terraform --limit 5 --modes kill,lose-reply
 *
 * Options: --scenario a,b (cloudburst, vms100, destroy100; default all), --modes (kill, drop,
 * fail, lose-reply; default all), --every k (every k-th call), --limit n (at most n points per
 * mode, spread evenly), --at i,j (exactly these calls), --front xcpform|terraform,
 * --out FILE (the report also goes there), --quiet (no line per point).
 * Child processes run the built CLI and provider (dist/): run `npm run build` first.
 */
import { writeFileSync } from 'node:fs';
import { terraformFront, xcpformFront } from '../test/crashpoints/fronts';
import { CrashPoints, MODES, type Mode, type ScenarioRun } from '../test/crashpoints/harness';
import { allConverged, render } from '../test/crashpoints/report';
import { SCENARIOS, scenario } from '../test/crashpoints/scenarios';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

function count(name: string): number | undefined {
  const text = option(name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a whole number from 1`);
  return n;
}

function list(name: string): string[] | undefined {
  return option(name)?.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

async function main(): Promise<void> {
  const scenarios = (list('scenario') ?? SCENARIOS.map((s) => s.name)).map(scenario);
  const modes = (list('modes') ?? [...MODES]) as Mode[];
  for (const m of modes) if (!MODES.includes(m)) throw new Error(`unknown mode "${m}" (known: ${MODES.join(', ')})`);
  const at = list('at')?.map(Number);
  if (at?.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--at needs whole numbers from 1');
  const frontName = option('front') ?? 'xcpform';
  if (frontName !== 'xcpform' && frontName !== 'terraform') throw new Error('--front is xcpform or terraform');
  const quiet = process.argv.includes('--quiet');
  const front = frontName === 'terraform' ? terraformFront() : xcpformFront();
  const started = Date.now();
  const runs: ScenarioRun[] = [];
  try {
    for (const s of scenarios) {
      const cp = new CrashPoints(s, front, quiet ? undefined : (line) => process.stderr.write(`${line}\n`));
      try {
        runs.push(await cp.runAll(modes, { every: count('every'), limit: count('limit'), at }));
      } finally {
        cp.dispose();
      }
    }
  } finally {
    front.dispose();
  }
  const text = `xcpform crash points (${frontName})\n\n${render(runs)}\n\ntook ${((Date.now() - started) / 1000).toFixed(0)} s`;
  process.stdout.write(`${text}\n`);
  const out = option('out');
  if (out) writeFileSync(out, `${text}\n`);
  process.exitCode = allConverged(runs) ? 0 : 1;
}

main().catch((err) => {
  process.stderr.write(`crashpoints: ${(err as Error).message}\n`);
  process.exitCode = 2;
});
