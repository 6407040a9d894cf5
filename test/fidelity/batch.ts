/**
 * Many generated configurations through the property, with the figures `npm run fidelity` and
 * the quick test print: configurations, attribute edits, pass rates, refusals, and failures
 * grouped by signature, each group with a minimal configuration (shrink.ts).
 */
import { knownCause } from './known-failures';
import { renderCompact } from './model';
import { type CaseFailure, type CaseOptions, type CaseResult, runCase } from './run-case';
import { type ShrinkResult, shrink } from './shrink';

export interface FailureGroup {
  readonly signature: string;
  readonly configurations: number[];
  readonly example: CaseFailure;
  readonly known?: string;
  minimal?: ShrinkResult;
}

export interface BatchResult {
  readonly cases: CaseResult[];
  readonly groups: FailureGroup[];
}

export interface BatchOptions extends CaseOptions {
  readonly seed: number;
  readonly count: number;
  /** Replays allowed per failure group when shrinking (0: no shrinking). */
  readonly shrinkReplays: number;
  readonly log?: (line: string) => void;
}

export async function runBatch(opts: BatchOptions): Promise<BatchResult> {
  const cases: CaseResult[] = [];
  const groups = new Map<string, FailureGroup>();
  for (let i = 0; i < opts.count; i++) {
    const seed = opts.seed + i;
    const r = await runCase(seed, opts);
    cases.push(r);
    for (const f of r.failures) {
      const g = groups.get(f.signature);
      if (g) { if (!g.configurations.includes(seed)) g.configurations.push(seed); } else groups.set(f.signature, { signature: f.signature, configurations: [seed], example: f, known: knownCause(f.signature)?.cause });
    }
    opts.log?.(`seed ${seed}: ${r.blocks} blocks, ${r.editsPassed}/${r.edits} edits passed${r.refusals.length ? `, ${r.refusals.length} refused at plan time` : ''}${r.failures.length ? `, FAILED: ${[...new Set(r.failures.map((f) => f.signature))].join('; ')}` : ''}`);
  }
  const sorted = [...groups.values()].sort((a, b) => b.configurations.length - a.configurations.length || a.signature.localeCompare(b.signature));
  if (opts.shrinkReplays > 0) {
    for (const g of sorted) {
      g.minimal = await shrink(g.example, opts.shrinkReplays);
      opts.log?.(`shrunk "${g.signature}" to ${g.minimal.case.blocks.length} blocks in ${g.minimal.replays} replays`);
    }
  }
  return { cases, groups: sorted };
}

export function summary(b: BatchResult): { configurations: number; passed: number; edits: number; editsPassed: number; refusals: number; drifts: number } {
  return {
    configurations: b.cases.length,
    passed: b.cases.filter((c) => c.failures.length === 0).length,
    edits: b.cases.reduce((n, c) => n + c.edits, 0),
    editsPassed: b.cases.reduce((n, c) => n + c.editsPassed, 0),
    refusals: b.cases.reduce((n, c) => n + c.refusals.length, 0),
    drifts: b.cases.reduce((n, c) => n + c.drifts, 0),
  };
}

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

/** The human report: figures, refusals by attribute, then each failure group with its minimal configuration. */
export function renderReport(b: BatchResult, opts: { configs?: boolean } = {}): string {
  const s = summary(b);
  const lines = [
    `configurations: ${s.configurations}, passed: ${s.passed} (${pct(s.passed, s.configurations)})`,
    `attribute edits: ${s.edits}, passed: ${s.editsPassed} (${pct(s.editsPassed, s.edits)}), refused at plan time: ${s.refusals}`,
    `drift checks: ${s.drifts}`,
    `modules: ${b.cases.filter((c) => c.module).length} configurations with a module (${['single', 'count', 'for_each'].map((k) => `${b.cases.filter((c) => c.module === k).length} ${k}`).join(', ')}), ${b.cases.filter((c) => c.module && !c.failures.length).length} passed; ${b.cases.reduce((n, c) => n + c.moduleEditsPassed, 0)} edits passed on blocks inside modules`,
    `distinct failures: ${b.groups.length} (${b.groups.filter((g) => !g.known).length} not in known-failures.ts)`,
  ];
  const refusals = new Map<string, number>();
  for (const c of b.cases) for (const r of c.refusals) refusals.set(r, (refusals.get(r) ?? 0) + 1);
  if (refusals.size) {
    lines.push('', 'refused at plan time (acceptable):');
    for (const [r, n] of [...refusals].sort((x, y) => y[1] - x[1])) lines.push(`  ${n} × ${r}`);
  }
  for (const g of b.groups) {
    lines.push('', `FAILURE ${g.known ? '(known) ' : ''}${g.signature}`, `  in ${g.configurations.length} configuration(s): seeds ${g.configurations.slice(0, 8).join(', ')}${g.configurations.length > 8 ? ', …' : ''}`);
    if (g.known) lines.push(`  known: ${g.known}`);
    lines.push(`  step: ${g.example.step}`, ...g.example.detail.split('\n').slice(0, 6).map((l) => `  | ${l.slice(0, 300)}`));
    if (opts.configs !== false) {
      const m = g.minimal;
      const edit = m ? m.edit : g.example.edit;
      const drift = m ? m.drift : g.example.drift;
      lines.push(`  ${m ? `minimal configuration (${m.replays} replays)` : 'configuration'}:`);
      lines.push(...renderCompact(m?.case ?? g.example.base).split('\n').map((l) => `    ${l}`));
      if (edit) lines.push(`  then edit: ${edit.address} ${edit.path}${edit.item !== undefined ? `[${edit.item}]` : ''} ${edit.unset ? 'removed' : `= ${JSON.stringify(edit.value)}`}`);
      if (drift) lines.push(`  then drift: ${drift.kind} on block ${drift.blockIndex}`);
    }
  }
  return lines.join('\n');
}
