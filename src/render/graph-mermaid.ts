/**
 * A plan as a Mermaid flowchart (`xcpform graph -format mermaid`, and the graph in the
 * pull-request Markdown): nodes coloured by action through `classDef`, pools as subgraphs.
 */
import type { Action, ResourceChange } from '../plan/model';
import { ACTION_COLOURS, nodeLabel, planGraph, PlanGraphOptions } from './plan-graph';

/** Options of {@link renderPlanMermaid}: the graph options plus the flowchart direction. */
export interface PlanMermaidOptions extends PlanGraphOptions {
  /** Flowchart direction (default `LR`). */
  readonly direction?: 'LR' | 'TB';
}

/** Mermaid needs `"` in labels as an entity; `#` starts one, so it is escaped too. */
function label(text: string): string {
  return `"${text.replace(/#/g, '#35;').replace(/"/g, '#quot;')}"`;
}

const className = (a: Action) => a.replace('-', '_');

/** The flowchart source, without a surrounding code fence; ends with a newline. */
export function renderPlanMermaid(changes: readonly ResourceChange[], opts: PlanMermaidOptions = {}): string {
  const g = planGraph(changes, opts);
  const lines = [`flowchart ${opts.direction ?? 'LR'}`];
  const grouped = new Set(g.pools.flatMap((p) => p.ids));
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  g.pools.forEach((p, i) => {
    lines.push(`  subgraph pool_${i + 1} [${label(`pool ${p.name}`)}]`);
    for (const id of p.ids) lines.push(`    ${id}[${label(nodeLabel(byId.get(id)!))}]`);
    lines.push('  end');
  });
  for (const n of g.nodes) if (!grouped.has(n.id)) lines.push(`  ${n.id}[${label(nodeLabel(n))}]`);
  if (g.omitted) lines.push(`  more[${label(`… ${g.omitted} more not shown`)}]`);
  for (const [from, to] of g.edges) lines.push(`  ${from} --> ${to}`);
  const used = [...new Set(g.nodes.map((n) => n.action))].sort();
  for (const a of used) {
    const c = ACTION_COLOURS[a];
    lines.push(`  classDef ${className(a)} fill:${c.fill},stroke:${c.stroke},color:#1f2328`);
    lines.push(`  class ${g.nodes.filter((n) => n.action === a).map((n) => n.id).join(',')} ${className(a)}`);
  }
  return `${lines.join('\n')}\n`;
}
