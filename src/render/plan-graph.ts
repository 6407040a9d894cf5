/**
 * The graph of a plan's changes, shared by the DOT and Mermaid renderers: one node per change
 * (coloured by action), grouped by pool, edges from each dependency to its dependent (the order
 * in which creates and updates apply). Not to be confused with `src/dag/`, which owns the
 * generic graph and renders raw graphs; this module only renders plans.
 */
import type { Action, ResourceChange } from '../plan/model';
import { ACTION_SYMBOL } from '../plan/model';
import { byAddress } from './format';

/** One change in the graph. */
export interface PlanGraphNode {
  /** Stable id (`n1`, `n2`, ... in node order), safe in DOT and Mermaid. */
  readonly id: string;
  readonly address: string;
  readonly action: Action;
  /** The pool the object lives in after the plan (the target pool of a migration). */
  readonly pool?: string;
}

/** Nodes, edges and pool groups of a plan, ready for DOT or Mermaid. */
export interface PlanGraph {
  readonly nodes: readonly PlanGraphNode[];
  /** [dependency id, dependent id], sorted. */
  readonly edges: readonly (readonly [string, string])[];
  /** Pools in name order, each with its node ids. Nodes without a pool are in no group. */
  readonly pools: readonly { readonly name: string; readonly ids: readonly string[] }[];
  /** Changes left out by `maxNodes`. */
  readonly omitted: number;
}

/** Which changes become nodes. */
export interface PlanGraphOptions {
  /** Leave out no-op changes (default true). */
  readonly changedOnly?: boolean;
  /** Keep at most this many nodes, destroys and replacements first (default: no limit). */
  readonly maxNodes?: number;
}

/** Review priority: what destroys first, then what moves, then the rest. */
export const ACTION_PRIORITY: readonly Action[] = ['delete', 'replace', 'replace-cbd', 'migrate', 'update', 'create', 'read', 'no-op'];

/** Colours per action (fill, stroke), GitHub's palette where it has one. */
export const ACTION_COLOURS: Record<Action, { fill: string; stroke: string }> = {
  create: { fill: '#dafbe1', stroke: '#1a7f37' },
  update: { fill: '#fff8c5', stroke: '#9a6700' },
  migrate: { fill: '#fbefff', stroke: '#8250df' },
  replace: { fill: '#fff1e5', stroke: '#bc4c00' },
  'replace-cbd': { fill: '#fff1e5', stroke: '#bc4c00' },
  delete: { fill: '#ffebe9', stroke: '#cf222e' },
  read: { fill: '#ddf4ff', stroke: '#0969da' },
  'no-op': { fill: '#f6f8fa', stroke: '#8c959f' },
  forget: { fill: '#f6f8fa', stroke: '#57606a' },
};

/** `+ xcp_vm.web`: the action symbol, trimmed, and the address. */
export function nodeLabel(n: PlanGraphNode): string {
  const sym = ACTION_SYMBOL[n.action].trim();
  return sym ? `${sym} ${n.address}` : n.address;
}

function poolOf(c: ResourceChange): string | undefined {
  if (c.action === 'migrate' && c.migration) return c.migration.toPool;
  const v = c.after?.pool ?? c.before?.pool;
  return typeof v === 'string' ? v : undefined;
}

/** Builds the graph of `changes`. Deterministic: ids follow address order. */
export function planGraph(changes: readonly ResourceChange[], opts: PlanGraphOptions = {}): PlanGraph {
  let kept = changes.filter((c) => !(opts.changedOnly ?? true) || c.action !== 'no-op');
  const total = kept.length;
  if (opts.maxNodes !== undefined && kept.length > opts.maxNodes) {
    const rank = (c: ResourceChange) => ACTION_PRIORITY.indexOf(c.action);
    kept = [...kept].sort((a, b) => rank(a) - rank(b) || byAddress(a, b)).slice(0, Math.max(0, opts.maxNodes));
  }
  kept = [...kept].sort(byAddress);
  const nodes: PlanGraphNode[] = kept.map((c, i) => ({ id: `n${i + 1}`, address: c.address, action: c.action, ...(poolOf(c) ? { pool: poolOf(c) } : {}) }));
  const byAddr = new Map(nodes.map((n) => [n.address, n.id]));
  const instancesOf = new Map<string, string[]>();
  for (const n of nodes) {
    const base = n.address.replace(/\[[^\]]*\]$/, '');
    if (base !== n.address) instancesOf.set(base, [...(instancesOf.get(base) ?? []), n.id]);
  }
  const edges = new Set<string>();
  kept.forEach((c, i) => {
    for (const dep of c.dependsOn) {
      const from = byAddr.has(dep) ? [byAddr.get(dep)!] : instancesOf.get(dep) ?? [];
      for (const f of from) if (f !== nodes[i].id) edges.add(`${f} ${nodes[i].id}`);
    }
  });
  const num = (id: string) => Number(id.slice(1));
  const edgeList = [...edges].map((e) => e.split(' ') as [string, string]).sort((a, b) => num(a[0]) - num(b[0]) || num(a[1]) - num(b[1]));
  const poolNames = [...new Set(nodes.map((n) => n.pool).filter((p): p is string => !!p))].sort();
  const pools = poolNames.map((name) => ({ name, ids: nodes.filter((n) => n.pool === name).map((n) => n.id) }));
  return { nodes, edges: edgeList, pools, omitted: total - kept.length };
}
