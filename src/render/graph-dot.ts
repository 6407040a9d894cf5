/**
 * A plan as Graphviz DOT (`xcpform graph -format dot`): nodes filled by action, one
 * `cluster_` subgraph per pool, edges from dependency to dependent.
 */
import type { ResourceChange } from '../plan/model';
import { ACTION_COLOURS, nodeLabel, planGraph, PlanGraphNode, PlanGraphOptions } from './plan-graph';

/** A DOT string literal. */
function q(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function node(n: PlanGraphNode, indent: string): string {
  const c = ACTION_COLOURS[n.action];
  return `${indent}${n.id} [label = ${q(nodeLabel(n))}, tooltip = ${q(n.address)}, fillcolor = ${q(c.fill)}, color = ${q(c.stroke)}];`;
}

/** The DOT source; ends with a newline. Node ids are `n1`, `n2`, ... with the address as label. */
export function renderPlanDot(changes: readonly ResourceChange[], opts: PlanGraphOptions = {}): string {
  const g = planGraph(changes, opts);
  const lines = [
    'digraph "xcpform plan" {',
    '  rankdir = "LR";',
    '  node [shape = "box", style = "rounded,filled", fontname = "Helvetica"];',
  ];
  const grouped = new Set(g.pools.flatMap((p) => p.ids));
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  g.pools.forEach((p, i) => {
    lines.push(`  subgraph cluster_pool_${i + 1} {`, `    label = ${q(`pool ${p.name}`)};`, '    style = "rounded";');
    for (const id of p.ids) lines.push(node(byId.get(id)!, '    '));
    lines.push('  }');
  });
  for (const n of g.nodes) if (!grouped.has(n.id)) lines.push(node(n, '  '));
  if (g.omitted) lines.push(`  more [label = ${q(`… ${g.omitted} more not shown`)}, shape = "plaintext", style = ""];`);
  for (const [from, to] of g.edges) lines.push(`  ${from} -> ${to};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
