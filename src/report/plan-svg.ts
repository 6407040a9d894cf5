/**
 * `xcpform graph -format svg`: the report's dependency graph alone, as a standalone SVG file.
 */
import type { Plan } from '../plan/model';
import { layoutGraph } from './graph-layout';
import { graphSvg } from './graph-svg';
import { groupDigits } from './html';
import { ReportGraph, reportGraph, ReportGraphOptions } from './report-graph';

/** Options of {@link renderPlanSvg}. */
export type PlanSvgOptions = ReportGraphOptions;

/** The accessible title of the graph, saying what was grouped or left out. */
export function graphTitle(g: ReportGraph, changed: number, changedOnly = true): string {
  const parts = [`Dependency graph of ${groupDigits(changed)}${changedOnly ? ' changed' : ''} resource${changed === 1 ? '' : 's'}, by pool`];
  if (g.grouped) parts.push(`instances of the same block, action and pool drawn as one node`);
  if (g.omitted) parts.push(`${groupDigits(g.omitted)} more not shown`);
  return parts.join('; ');
}

/**
 * The graph of the plan's changed resources (every resource with `changedOnly: false`) as a standalone SVG document (XML declaration,
 * namespace, white background). Async: the layout (elkjs) is. Deterministic for a given plan.
 */
export async function renderPlanSvg(plan: Plan, opts: PlanSvgOptions = {}): Promise<string> {
  const g = reportGraph(plan.changes, opts);
  const changed = g.nodes.reduce((s, n) => s + n.addresses.length, 0) + g.omitted;
  const layout = await layoutGraph(g);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${graphSvg(layout, { standalone: true, title: graphTitle(g, changed, opts.changedOnly !== false) })}\n`;
}
