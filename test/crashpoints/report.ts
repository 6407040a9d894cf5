/** The figures of a crash-point run: one row per scenario and mode, then every failure. */
import { describeFailure, type Mode, type PointResult, type ScenarioRun } from './harness';

export interface Row {
  readonly front: string;
  readonly scenario: string;
  readonly mode: Mode;
  readonly k: number;
  readonly tried: number;
  /** Points the faulted run reached (a run may end before call i when an earlier call failed). */
  readonly reached: number;
  readonly converged: number;
  /** Points whose recovered pools hold a duplicate / an orphan / lost a change. */
  readonly duplicates: number;
  readonly orphans: number;
  readonly lost: number;
  readonly nonEmptyPlans: number;
  readonly recoveryFailed: number;
  readonly notRestored: number;
}

export function rows(runs: readonly ScenarioRun[]): Row[] {
  const out: Row[] = [];
  for (const run of runs) {
    const modes = [...new Set(run.points.map((p) => p.mode))];
    for (const mode of modes) {
      const ps = run.points.filter((p) => p.mode === mode);
      const count = (f: (p: PointResult) => boolean): number => ps.filter(f).length;
      out.push({
        front: run.front, scenario: run.scenario, mode, k: run.k, tried: ps.length,
        reached: count((p) => p.reached),
        converged: count((p) => p.converged),
        duplicates: count((p) => p.verdict.duplicates.length > 0),
        orphans: count((p) => p.verdict.orphans.length > 0),
        lost: count((p) => p.verdict.lost.length > 0),
        nonEmptyPlans: count((p) => p.planCode !== 0),
        recoveryFailed: count((p) => p.recoveryCode !== 0),
        notRestored: count((p) => p.notRestored.length > 0),
      });
    }
  }
  return out;
}

const HEAD = ['front', 'scenario', 'mode', 'K', 'tried', 'reached', 'converged', 'duplicates', 'orphans', 'lost', 'non-empty plans', 'recovery failed', 'destroy left'];

/** A Markdown table (readable as text too) and the failures below it. */
export function render(runs: readonly ScenarioRun[]): string {
  const table = rows(runs).map((r) => [r.front, r.scenario, r.mode, r.k, r.tried, r.reached, r.converged, r.duplicates, r.orphans, r.lost, r.nonEmptyPlans, r.recoveryFailed, r.notRestored].map(String));
  const widths = HEAD.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const out = [line(HEAD), `|${widths.map((w, i) => (i < 3 ? `-${'-'.repeat(w)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...table.map(line)];
  out.push('', ...runs.map((r) => `${r.front} ${r.scenario}: K = ${r.k} mutating calls (${[...r.methods].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([m, n]) => `${m} ×${n}`).join(', ')}, …), ${r.points.length} points in ${r.seconds.toFixed(0)} s`));
  const failures = runs.flatMap((r) => r.points.filter((p) => !p.converged).map((p) => `${r.front} ${r.scenario} ${p.mode}@${p.index}:${describeFailure(p)}`));
  if (failures.length > 0) out.push('', `Failures (${failures.length}):`, ...failures);
  return out.join('\n');
}

/** True when every point tried converged. */
export function allConverged(runs: readonly ScenarioRun[]): boolean {
  return runs.every((r) => r.points.every((p) => p.converged));
}
