/**
 * Transitive reduction of a DAG: drops an edge `a → c` when `a` also reaches `c` through
 * another dependency. Not needed for a correct walk (the walker only counts direct
 * dependencies) — it is for readable graph pictures and for storing direct dependencies
 * only. O(V·(V+E)) in the worst case, like Terraform's pass, so do not run it on every plan.
 */
import { Graph } from './graph';
import { topologicalOrder } from './topo-order';

/** A reduced copy of `g` (which must be acyclic; throws `CycleError` otherwise). */
export function transitiveReduction(g: Graph): Graph {
  const order = topologicalOrder(g); // also rejects cycles
  const out = g.clone();
  // reach.get(v) = everything v depends on, transitively; built in dependency-first order.
  const reach = new Map<string, Set<string>>();
  for (const v of order) {
    const deps = [...g.dependenciesOf(v)];
    const indirect = new Set<string>();
    for (const d of deps) for (const x of reach.get(d)!) indirect.add(x);
    const all = new Set(indirect);
    for (const d of deps) {
      if (indirect.has(d)) out.removeDependency(v, d);
      all.add(d);
    }
    reach.set(v, all);
  }
  return out;
}
