/**
 * Bottom levels: for each vertex, its own estimated duration plus the longest chain of
 * estimated durations among the things that depend on it. Scheduling the ready vertex with
 * the largest bottom level first is the classic critical-path (longest remaining path)
 * list-scheduling rule.
 */
import { Graph } from './graph';
import { topologicalOrder } from './topo-order';

/**
 * `level(v) = estimate(v) + max(level(d) for d depending on v)`; O(V+E) after a topological
 * sort. Negative or non-finite estimates count as 0. Throws `CycleError` on a cycle.
 */
export function bottomLevels(g: Graph, estimate: (v: string) => number): Map<string, number> {
  const order = topologicalOrder(g);
  const level = new Map<string, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    let below = 0;
    for (const d of g.dependentsOf(v)) below = Math.max(below, level.get(d)!);
    level.set(v, clean(estimate(v)) + below);
  }
  return level;
}

/** The length of the longest estimated path: max bottom level (0 for an empty graph). */
export function criticalPathLength(g: Graph, estimate: (v: string) => number): number {
  let max = 0;
  for (const l of bottomLevels(g, estimate).values()) max = Math.max(max, l);
  return max;
}

function clean(x: number): number {
  return Number.isFinite(x) && x > 0 ? x : 0;
}
