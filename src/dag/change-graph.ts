/**
 * The apply graph of a set of changes, with Terraform's destroy ordering and its
 * `create_before_destroy` (CBD) edge inversion.
 *
 * Each change gets an apply vertex (its address) when something is created or updated, and
 * a destroy vertex (`<address> (destroy)`) when an existing object goes away. The rules, as
 * Terraform's DestroyEdge, CBDEdge and ForcedCBD transformers apply them:
 *
 * 1. An apply vertex depends on the apply vertices of what it depends on in the new config.
 * 2. Destroys run in reverse: the destroy of `b` waits for the destroy of every `a` that
 *    depended on `b` in the prior state.
 * 3. Replace, default (destroy then create): the apply vertex depends on its own destroy.
 * 4. Replace with CBD: inverted — the destroy depends on the new object's apply, and also on
 *    the apply of every dependent that now refers to the new object (they move over first).
 * 5. Forced CBD: the replaced dependencies of a CBD replacement become CBD too; otherwise
 *    rules 2–4 form a cycle. The forced addresses are reported so the plan can say so.
 * 6. An object that a dependent stops referring to is destroyed after that dependent's
 *    update (the reference goes before the object), unless the dependent already waits for
 *    that destroy through another path.
 */
import { Graph, compareIds } from './graph';

/** What happens to one address. `apply` = create, update, migrate or read. */
export type ChangeKind = 'apply' | 'destroy' | 'replace' | 'none';

/** One resource instance's change, as the executor sees it. */
export interface ChangeNode {
  readonly address: string;
  readonly kind: ChangeKind;
  /** Addresses it depends on in the new configuration. */
  readonly dependsOn: readonly string[];
  /** Addresses the existing object depended on (from state); defaults to `dependsOn`. */
  readonly priorDependsOn?: readonly string[];
  /** `lifecycle.create_before_destroy` (only meaningful for `replace`). */
  readonly createBeforeDestroy?: boolean;
}

/** The graph plus where each change's vertices are. */
export interface ChangeGraph {
  readonly graph: Graph;
  /** address → apply vertex id (absent when nothing is created or updated). */
  readonly applyVertex: ReadonlyMap<string, string>;
  /** address → destroy vertex id (absent when nothing is destroyed). */
  readonly destroyVertex: ReadonlyMap<string, string>;
  /** Replacements run create-before-destroy (asked for or forced), sorted. */
  readonly createBeforeDestroy: readonly string[];
  /** Replacements made CBD only because a CBD dependent required it, sorted. */
  readonly forcedCreateBeforeDestroy: readonly string[];
}

/** The destroy vertex id of an address: `xcp_vm.web (destroy)`, Terraform's spelling. */
export function destroyVertexId(address: string): string {
  return `${address} (destroy)`;
}

/** Builds the apply graph of `changes` under the rules in this file's header. */
export function buildChangeGraph(changes: readonly ChangeNode[]): ChangeGraph {
  const byAddr = new Map(changes.map((c) => [c.address, c]));
  const prior = (c: ChangeNode): readonly string[] => c.priorDependsOn ?? c.dependsOn;
  const g = new Graph();
  const applyVertex = new Map<string, string>();
  const destroyVertex = new Map<string, string>();
  for (const c of [...changes].sort((a, b) => compareIds(a.address, b.address))) {
    if (c.kind === 'apply' || c.kind === 'replace') applyVertex.set(c.address, c.address);
    if (c.kind === 'destroy' || c.kind === 'replace') destroyVertex.set(c.address, destroyVertexId(c.address));
  }
  for (const v of applyVertex.values()) g.addVertex(v);
  for (const v of destroyVertex.values()) g.addVertex(v);

  // Rule 5: propagate CBD from a replacement to its replaced dependencies.
  const cbd = new Set(changes.filter((c) => c.kind === 'replace' && c.createBeforeDestroy).map((c) => c.address));
  const asked = new Set(cbd);
  const work = [...cbd];
  while (work.length) {
    for (const d of byAddr.get(work.pop()!)!.dependsOn) {
      if (byAddr.get(d)?.kind === 'replace' && !cbd.has(d)) {
        cbd.add(d);
        work.push(d);
      }
    }
  }

  // Dependents in the new configuration, per address.
  const newDependents = new Map<string, string[]>();
  for (const c of changes) for (const d of c.dependsOn) (newDependents.get(d) ?? newDependents.set(d, []).get(d)!).push(c.address);

  for (const c of changes) {
    const a = applyVertex.get(c.address);
    const x = destroyVertex.get(c.address);
    if (a) for (const d of c.dependsOn) { const da = applyVertex.get(d); if (da) g.addDependency(a, da); } // rule 1
    if (x) for (const d of prior(c)) { const dx = destroyVertex.get(d); if (dx) g.addDependency(dx, x); } // rule 2
    if (a && x) {
      if (!cbd.has(c.address)) g.addDependency(a, x); // rule 3
      else {
        g.addDependency(x, a); // rule 4
        for (const dep of newDependents.get(c.address) ?? []) {
          const depA = applyVertex.get(dep);
          if (depA && depA !== a) g.addDependency(x, depA);
        }
      }
    }
  }

  // Rule 6, last, so "already waits" can be checked against every other edge.
  for (const c of changes) {
    const ca = applyVertex.get(c.address);
    if (!ca) continue;
    for (const d of prior(c)) {
      const dx = destroyVertex.get(d);
      if (!dx || c.dependsOn.includes(d) || dx === destroyVertex.get(c.address)) continue;
      if (!g.ancestorsOf(ca).has(dx)) g.addDependency(dx, ca);
    }
  }

  const all = [...cbd].sort(compareIds);
  return {
    graph: g,
    applyVertex,
    destroyVertex,
    createBeforeDestroy: all,
    forcedCreateBeforeDestroy: all.filter((a) => !asked.has(a)),
  };
}
