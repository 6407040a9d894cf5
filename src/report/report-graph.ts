/**
 * The graph the report draws: the changed resources of a plan (from `render/plan-graph.ts`,
 * one node per change), the pools as clusters and the VPN links (`xcp_vpn_link`) as edges
 * between pool clusters. A plan too large to draw one node per change (thousands of `count`
 * instances) is drawn with one node per block, action and pool (`xcp_vm.burst ×3,000`), which
 * keeps the layout fast and the picture readable; the table below it still lists every change.
 */
import type { Action, ResourceChange } from '../plan/model';
import { ACTION_SYMBOL } from '../plan/model';
import { visibleChanges } from '../render/format';
import { ACTION_PRIORITY, nodeLabel, planGraph } from '../render/plan-graph';
import { isObjectValue } from '../values/value';
import { groupDigits } from './html';
import { capabilitiesOf } from '../plan/capabilities';

/** The actions the report counts and filters by; `replace-cbd` counts as `replace`. */
export type FilterAction = 'create' | 'update' | 'migrate' | 'replace' | 'delete' | 'read';

/** Filter order: the order of the summary cards and the filter buttons. */
export const FILTER_ACTIONS: readonly FilterAction[] = ['create', 'update', 'migrate', 'replace', 'delete', 'read'];

/** The filter bucket of an action (`undefined` for `no-op`, which the report never shows). */
export function filterAction(a: Action): FilterAction | undefined {
  if (a === 'replace-cbd') return 'replace';
  return a === 'no-op' || a === 'forget' ? undefined : a;
}

/** One drawn node: a change, or a group of instances of one block with the same action and pool. */
export interface ReportNode {
  /** `n1`... for single changes, `g1`... for groups; stable for a given plan. */
  readonly id: string;
  readonly label: string;
  readonly action: Action;
  readonly pool?: string;
  /** The change addresses the node stands for, in address order. */
  readonly addresses: readonly string[];
}

/** A VPN link between two pools, drawn from one pool cluster to the other. */
export interface ReportLink {
  readonly address: string;
  readonly action: Action;
  readonly fromPool: string;
  readonly toPool: string;
}

/** Everything the layout needs. */
export interface ReportGraph {
  readonly nodes: readonly ReportNode[];
  /** [dependency id, dependent id]. */
  readonly edges: readonly (readonly [string, string])[];
  /** Pool clusters in name order: the pools of the nodes and of the links. */
  readonly pools: readonly string[];
  readonly links: readonly ReportLink[];
  /** True when instances were grouped because the plan has more than `maxNodes` changes. */
  readonly grouped: boolean;
  /** Changes not drawn at all (only when even the groups exceed `maxNodes`). */
  readonly omitted: number;
}

/** Options of {@link reportGraph}. */
export interface ReportGraphOptions {
  /** Most nodes drawn one per change before grouping (default 300: ELK lays that out in ~1 s). */
  readonly maxNodes?: number;
  /** Leave out resources without changes (default true); false draws them too (`graph -all`). */
  readonly changedOnly?: boolean;
}

/** Default node budget; see {@link ReportGraphOptions.maxNodes}. */
export const DEFAULT_MAX_GRAPH_NODES = 300;

/** The VPN links among `changes`, whatever their action, with both pools known. */
export function vpnLinks(changes: readonly ResourceChange[]): ReportLink[] {
  const out: ReportLink[] = [];
  for (const c of changes) {
    if (c.mode !== 'managed' || !capabilitiesOf(c.type).poolLink) continue;
    const v = c.after ?? c.before;
    if (!isObjectValue(v) || typeof v.pool !== 'string' || typeof v.remote_pool !== 'string' || v.pool === v.remote_pool) continue;
    out.push({ address: c.address, action: c.action, fromPool: v.pool, toPool: v.remote_pool });
  }
  return out.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Builds the drawn graph of `changes` (all of a plan's changes: no-op links still join pools). */
export function reportGraph(changes: readonly ResourceChange[], opts: ReportGraphOptions = {}): ReportGraph {
  const maxNodes = opts.maxNodes ?? DEFAULT_MAX_GRAPH_NODES;
  const drawn = opts.changedOnly === false ? changes.filter((c) => !(c.action === 'delete' && c.mode === 'data')) : visibleChanges(changes);
  const g = planGraph(drawn, { changedOnly: opts.changedOnly !== false });
  const links = vpnLinks(changes);
  let nodes: ReportNode[];
  let edges: (readonly [string, string])[];
  let grouped = false;
  let omitted = 0;
  if (g.nodes.length <= maxNodes) {
    nodes = g.nodes.map((n) => ({ id: n.id, label: nodeLabel(n), action: n.action, ...(n.pool ? { pool: n.pool } : {}), addresses: [n.address] }));
    edges = [...g.edges];
  } else {
    grouped = true;
    const groupOf = new Map<string, string>();
    const groups = new Map<string, { id: string; base: string; action: Action; pool?: string; addresses: string[] }>();
    for (const n of g.nodes) {
      const base = n.address.replace(/\[[^\]]*\]$/, '');
      const key = `${base}\u0000${n.action}\u0000${n.pool ?? ''}`;
      let grp = groups.get(key);
      if (!grp) groups.set(key, (grp = { id: `g${groups.size + 1}`, base, action: n.action, ...(n.pool ? { pool: n.pool } : {}), addresses: [] }));
      grp.addresses.push(n.address);
      groupOf.set(n.id, grp.id);
    }
    let kept = [...groups.values()];
    if (kept.length > maxNodes) {
      const rank = (a: Action) => ACTION_PRIORITY.indexOf(a);
      const keep = new Set([...kept].sort((a, b) => rank(a.action) - rank(b.action) || b.addresses.length - a.addresses.length).slice(0, maxNodes).map((x) => x.id));
      omitted = kept.filter((x) => !keep.has(x.id)).reduce((s, x) => s + x.addresses.length, 0);
      kept = kept.filter((x) => keep.has(x.id));
    }
    const keptIds = new Set(kept.map((x) => x.id));
    nodes = kept.map((x) => ({
      id: x.id,
      label: x.addresses.length === 1 ? `${ACTION_SYMBOL[x.action].trim()} ${x.addresses[0]}` : `${ACTION_SYMBOL[x.action].trim()} ${x.base} ×${groupDigits(x.addresses.length)}`,
      action: x.action,
      ...(x.pool ? { pool: x.pool } : {}),
      addresses: x.addresses,
    }));
    const seen = new Set<string>();
    edges = [];
    for (const [a, b] of g.edges) {
      const from = groupOf.get(a)!;
      const to = groupOf.get(b)!;
      const k = `${from} ${to}`;
      if (from === to || seen.has(k) || !keptIds.has(from) || !keptIds.has(to)) continue;
      seen.add(k);
      edges.push([from, to]);
    }
  }
  const pools = [...new Set([...nodes.map((n) => n.pool), ...links.flatMap((l) => [l.fromPool, l.toPool])].filter((p): p is string => !!p))].sort();
  return { nodes, edges, pools, links, grouped, omitted };
}
