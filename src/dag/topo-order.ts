/**
 * Topological order: dependencies before dependents. Kahn's algorithm with a heap keyed
 * on the vertex id, so among vertices that are free at the same time the smallest id comes
 * first and the order is a function of the graph alone.
 */
import { CycleError, findCycles } from './cycles';
import { Graph, compareIds } from './graph';
import { Heap } from './heap';

/**
 * Every vertex once, each after all of its dependencies (`first`: vertices to take before the
 * others whenever both are free; the order stays a function of the graph and `first`). Throws {@link CycleError} (naming
 * the cycles canonically) when the graph has a cycle. O((V+E) log V).
 */
export function topologicalOrder(g: Graph, first?: (id: string) => boolean): string[] {
  const pending = new Map<string, number>();
  // Among free vertices, those `first` picks come before the others (then by id).
  const rank = (v: string): number => (first?.(v) ? 0 : 1);
  const ready = new Heap<string>((a, b) => rank(a) - rank(b) < 0 || (rank(a) === rank(b) && compareIds(a, b) < 0));
  for (const v of g.vertices()) {
    const n = g.dependenciesOf(v).size;
    pending.set(v, n);
    if (n === 0) ready.push(v);
  }
  const out: string[] = [];
  while (ready.size) {
    const v = ready.pop()!;
    out.push(v);
    for (const d of g.dependentsOf(v)) {
      const n = pending.get(d)! - 1;
      pending.set(d, n);
      if (n === 0) ready.push(d);
    }
  }
  if (out.length !== g.size) throw new CycleError(findCycles(g));
  return out;
}
