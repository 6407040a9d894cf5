/**
 * The top of the report: title, the Terraform-shaped `Plan:` line, counts per action, monthly
 * cost delta, bytes to move, destroys and replacements called out, diagnostics, and the table
 * of live migrations (from → to pool and host, bytes, VPN link).
 */
import type { Plan, ResourceChange } from '../plan/model';
import { ACTION_SYMBOL } from '../plan/model';
import { bytesToMove, costTotals, formatBytes, formatCostDelta, migrationSentence, summaryLine } from '../render/format';
import { headline } from '../render/markdown/sections';
import { ACTION_COLOURS } from '../render/plan-graph';
import { rowId } from './graph-svg';
import { esc, groupDigits } from './html';
import { FILTER_ACTIONS, FilterAction, filterAction } from './report-graph';

const COUNT_WORDS: Record<FilterAction, string> = {
  create: 'to create', update: 'to update in place', migrate: 'to migrate (live)', replace: 'to replace', delete: 'to destroy', read: 'to read',
};

/** Changes per filter action. */
export function actionCounts(visible: readonly ResourceChange[]): Record<FilterAction, number> {
  const counts = { create: 0, update: 0, migrate: 0, replace: 0, delete: 0, read: 0 };
  for (const c of visible) {
    const a = filterAction(c.action);
    if (a) counts[a]++;
  }
  return counts;
}

const link = (address: string) => `<a href="#${esc(rowId(address))}"><code>${esc(address)}</code></a>`;

function capped<T>(items: readonly T[], max: number, render: (t: T) => string, more: (n: number) => string): string[] {
  const out = items.slice(0, max).map(render);
  if (items.length > max) out.push(more(items.length - max));
  return out;
}

/** Options the summary shares with {@link renderPlanHtml}. */
export interface SummaryInput {
  readonly title: string;
  readonly generatedAt?: string;
}

/** Header, counts, totals and call-outs. */
export function summarySection(plan: Plan, visible: readonly ResourceChange[], input: SummaryInput): string {
  const counts = actionCounts(visible);
  const out: string[] = [];
  out.push('<header class="report-head">');
  out.push(`<h1>${esc(input.title)}</h1>`);
  const meta = [`xcpform ${esc(plan.xcpformVersion)}`, `${esc(plan.mode)} plan`, `state serial ${plan.prior.serial}`];
  if (input.generatedAt) meta.push(`generated ${esc(input.generatedAt)}`);
  out.push(`<p class="meta">${meta.join(' · ')}</p>`);
  out.push(`<p class="plan-line"><code>${esc(visible.length ? summaryLine(plan.changes) : 'No changes. Your infrastructure matches the configuration.')}</code></p>`);
  out.push('</header>');

  out.push('<section class="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>');
  out.push('<ul class="counts">');
  for (const a of FILTER_ACTIONS) {
    const c = ACTION_COLOURS[a];
    out.push(`<li class="count action-${a}${counts[a] ? '' : ' zero'}" style="background:${c.fill};border-color:${c.stroke}"><span class="sym" aria-hidden="true">${esc(ACTION_SYMBOL[a].trim())}</span> <strong>${groupDigits(counts[a])}</strong> ${COUNT_WORDS[a]}</li>`);
  }
  out.push('</ul>');
  const totals: string[] = [];
  const cost = costTotals(plan);
  if (cost) totals.push(`<dt>Monthly cost</dt><dd class="cost${cost.delta > 0 ? ' up' : cost.delta < 0 ? ' down' : ''}">${esc(formatCostDelta(cost))}/month</dd>`);
  const migrations = visible.filter((c) => c.action === 'migrate');
  if (migrations.length) totals.push(`<dt>Live migrations</dt><dd>${groupDigits(migrations.length)}, ${esc(formatBytes(bytesToMove(migrations)))} to move</dd>`);
  const drift = plan.drift.filter((d) => d.action !== 'no-op').length;
  if (drift) totals.push(`<dt>Drift</dt><dd>${groupDigits(drift)} objects changed outside xcpform (run <code>xcpform plan</code> to see them)</dd>`);
  if (totals.length) out.push(`<dl class="totals">${totals.join('')}</dl>`);

  const destroys = visible.filter((c) => c.action === 'delete' || c.action === 'replace' || c.action === 'replace-cbd');
  if (destroys.length) {
    out.push(`<div class="callout warning" role="note"><p><strong>⚠ ${groupDigits(destroys.length)} to destroy or replace.</strong> Check these carefully:</p><ul>`);
    out.push(...capped(destroys, 100, (c) => `<li>${esc(ACTION_SYMBOL[c.action].trim())} ${link(c.address)} ${esc(headline(c))}</li>`, (n) => `<li>… and ${groupDigits(n)} more</li>`));
    out.push('</ul></div>');
  }
  const halts = visible.filter((c) => (c.action === 'update' || c.action === 'migrate') && c.haltPaths.length);
  if (halts.length) {
    out.push(`<div class="callout note" role="note"><p><strong>${groupDigits(halts.length)} VMs shut down cleanly, update and start again:</strong></p><ul>`);
    out.push(...capped(halts, 100, (c) => `<li>${link(c.address)}</li>`, (n) => `<li>… and ${groupDigits(n)} more</li>`));
    out.push('</ul></div>');
  }
  for (const severity of ['error', 'warning'] as const) {
    const diags = plan.diagnostics.filter((d) => d.severity === severity);
    if (!diags.length) continue;
    out.push(`<div class="callout ${severity === 'error' ? 'error' : 'note'}" role="note"><p><strong>${diags.length} ${severity}${diags.length === 1 ? '' : 's'}</strong></p><ul>`);
    out.push(...capped(diags, 50, (d) => `<li><strong>${esc(d.summary)}</strong>${d.detail ? `: ${esc(d.detail)}` : ''}</li>`, (n) => `<li>… and ${n} more</li>`));
    out.push('</ul></div>');
  }
  out.push('</section>');
  return out.join('\n');
}

/** The table of live migrations (rows filterable, pool = the target pool). Empty without any. */
export function migrationsSection(visible: readonly ResourceChange[]): string {
  const hits = visible.filter((c) => c.action === 'migrate');
  if (!hits.length) return '';
  const where = (pool: string, host?: string) => `${esc(pool)}${host ? ` <span class="host">(host ${esc(host)})</span>` : ''}`;
  const out = [
    '<section class="migrations" aria-labelledby="migrations-h">',
    `<h2 id="migrations-h">Live migrations (${groupDigits(hits.length)}, ${esc(formatBytes(bytesToMove(hits)))} to move)</h2>`,
    '<table><thead><tr><th scope="col">Resource</th><th scope="col">From</th><th scope="col"></th><th scope="col">To</th><th scope="col" class="num">Data to move</th><th scope="col">Via</th></tr></thead><tbody>',
  ];
  for (const c of hits) {
    const m = c.migration;
    const attrs = `data-filter-action="migrate" data-pool="${esc(m?.toPool ?? '')}"`;
    if (!m) {
      out.push(`<tr ${attrs}><th scope="row">${link(c.address)}</th><td colspan="5">no migration details in the plan</td></tr>`);
      continue;
    }
    out.push(`<tr ${attrs} title="${esc(migrationSentence(m))}"><th scope="row">${link(c.address)}</th><td>${where(m.fromPool, m.fromHost)}</td><td aria-label="to">→</td><td>${where(m.toPool, m.toHost)}</td><td class="num">${esc(formatBytes(m.bytes))}</td><td>${m.via ? `<code>${esc(m.via)}</code>` : m.fromPool === m.toPool ? 'same pool' : '<span class="warn">no VPN link</span>'}</td></tr>`);
  }
  out.push('</tbody></table></section>');
  return out.join('\n');
}
