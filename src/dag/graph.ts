/**
 * A directed graph over string vertex ids (usually resource addresses).
 *
 * Edges point from a dependent to its dependency: `addDependency(a, b)` records that `a`
 * depends on `b`, so `b` must finish before `a` starts. Both directions are indexed so that
 * readiness can be computed incrementally (in-degree counters) and descendants found in
 * O(descendants), never by rescanning the graph.
 */

/** Compares vertex ids by UTF-16 code units: the one total order used for determinism. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A mutable directed graph. Insertion order of vertices is kept (Map order), but every
 * algorithm in `dag/` that produces output sorts with {@link compareIds}, so results never
 * depend on the order in which vertices or edges were added.
 */
export class Graph {
  private readonly deps = new Map<string, Set<string>>();
  private readonly rdeps = new Map<string, Set<string>>();
  private edges = 0;

  /** Builds a graph from vertices and `[dependent, dependency]` pairs. */
  static from(vertices: Iterable<string>, edges: Iterable<readonly [string, string]> = []): Graph {
    const g = new Graph();
    for (const v of vertices) g.addVertex(v);
    for (const [a, b] of edges) g.addDependency(a, b);
    return g;
  }

  /** Adds `v` if absent; returns this for chaining. */
  addVertex(v: string): this {
    if (!this.deps.has(v)) {
      this.deps.set(v, new Set());
      this.rdeps.set(v, new Set());
    }
    return this;
  }

  /**
   * Records that `dependent` depends on `dependency` (adding either vertex if absent).
   * Duplicate edges are ignored; a self-edge is kept (it is a cycle and is reported as one).
   */
  addDependency(dependent: string, dependency: string): this {
    this.addVertex(dependent).addVertex(dependency);
    const out = this.deps.get(dependent)!;
    if (!out.has(dependency)) {
      out.add(dependency);
      this.rdeps.get(dependency)!.add(dependent);
      this.edges++;
    }
    return this;
  }

  /** Removes the edge `dependent → dependency` if present. */
  removeDependency(dependent: string, dependency: string): this {
    if (this.deps.get(dependent)?.delete(dependency)) {
      this.rdeps.get(dependency)!.delete(dependent);
      this.edges--;
    }
    return this;
  }

  /** Removes `v` and every edge touching it. */
  removeVertex(v: string): this {
    const out = this.deps.get(v);
    if (!out) return this;
    for (const d of [...out]) this.removeDependency(v, d);
    for (const r of [...this.rdeps.get(v)!]) this.removeDependency(r, v);
    this.deps.delete(v);
    this.rdeps.delete(v);
    return this;
  }

  has(v: string): boolean {
    return this.deps.has(v);
  }

  hasDependency(dependent: string, dependency: string): boolean {
    return this.deps.get(dependent)?.has(dependency) ?? false;
  }

  /** Number of vertices. */
  get size(): number {
    return this.deps.size;
  }

  /** Number of edges. */
  get edgeCount(): number {
    return this.edges;
  }

  /** Vertices in insertion order. */
  vertices(): string[] {
    return [...this.deps.keys()];
  }

  /** What `v` depends on (live view; do not mutate the graph while iterating it). */
  dependenciesOf(v: string): ReadonlySet<string> {
    return this.deps.get(v) ?? EMPTY;
  }

  /** What depends on `v` (live view). */
  dependentsOf(v: string): ReadonlySet<string> {
    return this.rdeps.get(v) ?? EMPTY;
  }

  /** All `[dependent, dependency]` pairs, sorted. */
  edgeList(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const [a, ds] of this.deps) for (const b of ds) out.push([a, b]);
    return out.sort((x, y) => compareIds(x[0], y[0]) || compareIds(x[1], y[1]));
  }

  /** An independent copy. */
  clone(): Graph {
    const g = new Graph();
    for (const v of this.deps.keys()) g.addVertex(v);
    for (const [a, ds] of this.deps) for (const b of ds) g.addDependency(a, b);
    return g;
  }

  /**
   * The same vertices with every edge reversed: the order for destroying what this graph
   * creates (a dependent is destroyed before what it depends on).
   */
  reverse(): Graph {
    const g = new Graph();
    for (const v of this.deps.keys()) g.addVertex(v);
    for (const [a, ds] of this.deps) for (const b of ds) g.addDependency(b, a);
    return g;
  }

  /** The subgraph induced by `keep` (vertices not in this graph are ignored). */
  subgraph(keep: Iterable<string>): Graph {
    const set = new Set<string>();
    for (const v of keep) if (this.deps.has(v)) set.add(v);
    const g = new Graph();
    for (const v of set) g.addVertex(v);
    for (const v of set) for (const d of this.deps.get(v)!) if (set.has(d)) g.addDependency(v, d);
    return g;
  }

  /** Every vertex reachable from `v` by following dependent edges (not including `v`). */
  descendantsOf(v: string): Set<string> {
    return this.reach(v, this.rdeps);
  }

  /** Every vertex `v` transitively depends on (not including `v`). */
  ancestorsOf(v: string): Set<string> {
    return this.reach(v, this.deps);
  }

  private reach(v: string, adj: Map<string, Set<string>>): Set<string> {
    const seen = new Set<string>();
    const stack = [...(adj.get(v) ?? [])];
    while (stack.length) {
      const x = stack.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      for (const y of adj.get(x)!) if (!seen.has(y)) stack.push(y);
    }
    return seen;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
