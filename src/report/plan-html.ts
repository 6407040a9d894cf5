/**
 * `xcpform show -html`: the plan as ONE self-contained HTML file for reviewers (styles and the
 * small filter script inlined, no fetches of any kind, so it opens from a CI artifact or an
 * email). Sections: summary (counts per action, cost, migrations, destroys called out), filters
 * by action and pool, the dependency graph (static SVG laid out here with elkjs), the placement
 * view (pools → hosts → VMs, memory before and after), the attribute diff of every change and
 * the changes to outputs.
 *
 * Secrets: values are shown only through the diff tree, which hides the plan's sensitive paths
 * and the schema's sensitive attributes; the finished document is also scrubbed of every
 * sensitive string of the plan (secrets.ts). No plan JSON is embedded.
 */
import type { Plan, ResourceChange } from '../plan/model';
import { visibleChanges } from '../render/format';
import { ACTION_COLOURS } from '../render/plan-graph';
import type { SchemaLookup } from '../render/sensitivity';
import { diffSection, changePool } from './diff-section';
import { layoutGraph } from './graph-layout';
import { graphSvg } from './graph-svg';
import { esc, groupDigits } from './html';
import { outputsSection } from './outputs-section';
import { placementSection } from './placement-section';
import { rehearsalSection } from './rehearsal-section';
import { graphTitle } from './plan-svg';
import { FILTER_ACTIONS, filterAction, reportGraph } from './report-graph';
import { REPORT_SCRIPT } from './report-script';
import { REPORT_CSS } from './report-style';
import { planSecrets, scrubSecrets } from './secrets';
import { actionCounts, migrationsSection, summarySection } from './summary-section';

/** Options of {@link renderPlanHtml}. */
export interface PlanHtmlOptions {
  /** Page title and heading. Default `xcpform plan`. */
  readonly title?: string;
  /** Shown in the header when given; the report has no clock of its own (deterministic output). */
  readonly generatedAt?: string;
  /** Schema lookup for sensitivity and diff shapes (default: the provider's schemas). */
  readonly schemas?: SchemaLookup;
  /** Graph nodes drawn one per change before instances are grouped (default 300). */
  readonly maxGraphNodes?: number;
  /** Changes at or below this count are shown expanded (default 40). */
  readonly openUpTo?: number;
  /** Above this many changes, attribute tables are built in the browser when expanded (default 300). */
  readonly lazyAbove?: number;
}

function filtersSection(visible: readonly ResourceChange[]): string {
  const counts = actionCounts(visible);
  const pools = [...new Set(visible.map(changePool).filter(Boolean))].sort();
  const out = ['<nav class="filters" aria-label="Filters">'];
  out.push('<div class="filter-group" role="group" aria-labelledby="filter-action-label"><span class="group-label" id="filter-action-label">Action:</span>');
  for (const a of FILTER_ACTIONS) {
    if (!counts[a]) continue;
    const c = ACTION_COLOURS[a];
    out.push(`<button type="button" data-filter-group="action" data-value="${a}" aria-pressed="false" aria-label="Show only ${a} (${counts[a]})"><span class="swatch" style="background:${c.fill};border-color:${c.stroke}" aria-hidden="true"></span>${a} <span aria-hidden="true">(${groupDigits(counts[a])})</span></button>`);
  }
  out.push('</div>');
  if (pools.length) {
    out.push('<div class="filter-group" role="group" aria-labelledby="filter-pool-label"><span class="group-label" id="filter-pool-label">Pool:</span>');
    for (const p of pools) {
      const n = visible.filter((c) => changePool(c) === p).length;
      out.push(`<button type="button" data-filter-group="pool" data-value="${esc(p)}" aria-pressed="false" aria-label="Show only pool ${esc(p)} (${n})">${esc(p)} <span aria-hidden="true">(${groupDigits(n)})</span></button>`);
    }
    out.push('</div>');
  }
  out.push('<button type="button" id="filter-reset" disabled>Show all</button>');
  out.push(`<p id="filter-status" role="status" aria-live="polite">Showing ${visible.length} of ${visible.length} changes</p>`);
  out.push('</nav>');
  return out.join('\n');
}

function legend(visible: readonly ResourceChange[], links: number): string {
  const used = FILTER_ACTIONS.filter((a) => visible.some((c) => filterAction(c.action) === a));
  const items = used.map((a) => `<li><span class="swatch" style="background:${ACTION_COLOURS[a].fill};border-color:${ACTION_COLOURS[a].stroke}"></span>${a}</li>`);
  if (links) items.push('<li><span class="dash"></span>VPN link between pools</li>', '<li>arrow: dependency → dependent</li>');
  else items.push('<li>arrow: dependency → dependent</li>');
  return `<ul class="legend" aria-label="Legend">${items.join('')}</ul>`;
}

async function graphSection(plan: Plan, visible: readonly ResourceChange[], maxNodes: number | undefined): Promise<string> {
  const head = '<section class="graph" aria-labelledby="graph-h"><h2 id="graph-h">Dependency graph of the changed resources</h2>';
  if (!visible.length) return `${head}<p class="none">Nothing to draw: no changes.</p></section>`;
  const g = reportGraph(plan.changes, { maxNodes });
  const layout = await layoutGraph(g);
  const title = graphTitle(g, visible.length);
  const notes: string[] = [];
  if (g.grouped) notes.push(`This plan has ${groupDigits(visible.length)} changes: instances of the same block with the same action and pool are drawn as one node (thick border, with the count). The table below lists every change.`);
  if (g.omitted) notes.push(`${groupDigits(g.omitted)} changes are not drawn (destroys, replacements and migrations are drawn first).`);
  return [
    head,
    legend(visible, g.links.length),
    ...notes.map((n) => `<p class="graph-note">${esc(n)}</p>`),
    `<div class="graph-wrap">${graphSvg(layout, { standalone: false, title })}</div>`,
    '</section>',
  ].join('\n');
}

/**
 * Renders the report. Async because the graph layout (elkjs) is. Pure otherwise: no I/O, no
 * clock; the same plan and options give the same bytes.
 */
export async function renderPlanHtml(plan: Plan, opts: PlanHtmlOptions = {}): Promise<string> {
  const title = opts.title ?? 'xcpform plan';
  const visible = visibleChanges(plan.changes);
  const body = [
    '<a class="skip" href="#changes-h">Skip to the changes</a>',
    '<main>',
    summarySection(plan, visible, { title, ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}) }),
    filtersSection(visible),
    migrationsSection(visible),
    rehearsalSection(plan),
    await graphSection(plan, visible, opts.maxGraphNodes),
    placementSection(plan),
    diffSection(plan, visible, { schemas: opts.schemas, openUpTo: opts.openUpTo, lazyAbove: opts.lazyAbove }),
    outputsSection(plan),
    '<footer>Rendered by xcpform from the saved plan. Sensitive values are never included in this file.</footer>',
    '</main>',
  ].join('\n');
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network even if someone adds a remote URL later: the policy forbids every fetch.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return scrubSecrets(html, planSecrets(plan, opts.schemas));
}
