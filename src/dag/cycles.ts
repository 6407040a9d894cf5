/**
 * Cycle detection with canonical names.
 *
 * Strongly connected components come first (Tarjan, iterative, O(V+E)), so an acyclic graph
 * costs one linear pass. Inside each non-trivial component the elementary cycles are
 * enumerated (Johnson's algorithm, bounded by a limit because their number can be
 * exponential). Every cycle is reported rotated to start at its smallest vertex and following
 * dependency edges (`a` depends on `b` depends on ... depends on `a`); cycles are sorted, so
 * the same graph always yields the same message whatever order it was built in.
 */
import { Graph, compareIds } from './graph';

/** The result of {@link findCycles}. */
export interface CycleReport {
  /** Elementary cycles, each rotated to start at its smallest vertex, sorted. */
  readonly cycles: readonly (readonly string[])[];
  /** Strongly connected components that contain a cycle, each sorted, sorted by first vertex. */
  readonly components: readonly (readonly string[])[];
  /** True when enumeration stopped at `limit` cycles; `components` is still complete. */
  readonly truncated: boolean;
}

/** Thrown by walks and orderings handed a cyclic graph; carries the canonical report. */
export class CycleError extends Error {
  constructor(readonly report: CycleReport) {
    super(describeCycles(report));
    this.name = 'CycleError';
  }
}

/** `a → b → c → a` for the cycle `[a, b, c]` (a depends on b ...). */
export function formatCycle(cycle: readonly string[]): string {
  return [...cycle, cycle[0]].join(' → ');
}

/** One line per cycle, Terraform-like: `Cycle: a → b → a`, plus a truncation note. */
export function describeCycles(report: CycleReport): string {
  const lines = report.cycles.map((c) => `Cycle: ${formatCycle(c)}`);
  if (report.truncated) lines.push(`(more cycles not listed; components: ${report.components.map((c) => c.join(', ')).join('; ')})`);
  return lines.join('\n');
}

/** Options for {@link findCycles}. */
export interface FindCyclesOptions {
  /** Stop after this many elementary cycles (default 100). */
  readonly limit?: number;
}

/** Finds every cycle of `g` (up to `limit`), named canonically. Empty report ⇔ acyclic. */
export function findCycles(g: Graph, opts: FindCyclesOptions = {}): CycleReport {
  const limit = opts.limit ?? 100;
  const components = stronglyConnectedComponents(g)
    .filter((c) => c.length > 1 || g.hasDependency(c[0], c[0]))
    .map((c) => c.sort(compareIds))
    .sort((a, b) => compareIds(a[0], b[0]));
  const cycles: string[][] = [];
  let truncated = false;
  for (const comp of components) {
    if (!enumerateCycles(g, comp, limit, cycles)) {
      truncated = true;
      break;
    }
  }
  cycles.sort(compareSeq);
  return { cycles, components, truncated };
}

/** True when `g` has no cycle (one linear pass). */
export function isAcyclic(g: Graph): boolean {
  return stronglyConnectedComponents(g).every((c) => c.length === 1 && !g.hasDependency(c[0], c[0]));
}

function compareSeq(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareIds(a[i], b[i]);
    if (c) return c;
  }
  return a.length - b.length;
}

/** Tarjan's algorithm with an explicit stack (no recursion: graphs of 100k vertices). */
export function stronglyConnectedComponents(g: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const root of g.vertices()) {
    if (index.has(root)) continue;
    const work: Array<{ v: string; it: Iterator<string> }> = [];
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      work.push({ v, it: g.dependenciesOf(v)[Symbol.iterator]() });
    };
    visit(root);
    while (work.length) {
      const top = work[work.length - 1];
      const step = top.it.next();
      if (!step.done) {
        const w = step.value;
        if (!index.has(w)) visit(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        out.push(comp);
      }
    }
  }
  return out;
}

/**
 * Johnson's elementary-cycle enumeration restricted to one strongly connected component.
 * Start vertices are taken in sorted order and each search only uses vertices not smaller
 * than the start, so each cycle is found exactly once, already starting at its smallest
 * vertex. Returns false when `limit` was reached.
 */
function enumerateCycles(g: Graph, comp: readonly string[], limit: number, out: string[][]): boolean {
  const rank = new Map(comp.map((v, i) => [v, i]));
  const succ = (v: string, s: number): string[] =>
    [...g.dependenciesOf(v)].filter((w) => (rank.get(w) ?? -1) >= s).sort(compareIds);
  for (let s = 0; s < comp.length; s++) {
    const start = comp[s];
    // Restrict to the SCC of `start` within vertices ranked >= s.
    const sub = g.subgraph(comp.slice(s));
    const scc = stronglyConnectedComponents(sub).find((c) => c.includes(start))!;
    if (scc.length === 1 && !g.hasDependency(start, start)) continue;
    const inScc = new Set(scc);
    const blocked = new Set<string>();
    const blockMap = new Map<string, Set<string>>();
    const path: string[] = [];
    const unblock = (u: string): void => {
      const todo = [u];
      while (todo.length) {
        const x = todo.pop()!;
        if (!blocked.delete(x)) continue;
        const bs = blockMap.get(x);
        if (bs) {
          todo.push(...bs);
          bs.clear();
        }
      }
    };
    const circuit = (v: string): boolean => {
      let found = false;
      path.push(v);
      blocked.add(v);
      for (const w of succ(v, s)) {
        if (!inScc.has(w)) continue;
        if (out.length >= limit) break;
        if (w === start) {
          out.push([...path]);
          found = true;
        } else if (!blocked.has(w) && circuit(w)) found = true;
      }
      if (found) unblock(v);
      else for (const w of succ(v, s)) if (inScc.has(w)) (blockMap.get(w) ?? blockMap.set(w, new Set()).get(w)!).add(v);
      path.pop();
      return found;
    };
    circuit(start);
    if (out.length >= limit) return false;
  }
  return true;
}
