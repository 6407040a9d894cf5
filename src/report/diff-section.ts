/**
 * The per-resource attribute diff: one `<details>` per change (its id is the anchor the graph
 * and the lists link to) with the header sentence, cost, migration route, notes and a table of
 * the changed attributes, before and after. Sensitive values arrive here already hidden
 * (see diff-rows.ts); unchanged attributes are counted, not shown.
 */
import type { Plan, ResourceChange } from '../plan/model';
import { ACTION_SYMBOL } from '../plan/model';
import { formatMoney, migrationSentence } from '../render/format';
import { headline } from '../render/markdown/sections';
import { ACTION_COLOURS } from '../render/plan-graph';
import type { SchemaLookup } from '../render/sensitivity';
import { AttrRow, changeRows, SENSITIVE_TEXT, UNKNOWN_TEXT } from './diff-rows';
import { actionWords, rowId } from './graph-svg';
import { esc, groupDigits } from './html';
import { filterAction } from './report-graph';

/** Options of {@link diffSection}. */
export interface DiffSectionOptions {
  readonly schemas?: SchemaLookup;
  /** Changes at or below this count are shown expanded (default 40). */
  readonly openUpTo?: number;
}

/** The pool a change lives in after the plan (the target of a migration). */
export function changePool(c: ResourceChange): string {
  if (c.action === 'migrate' && c.migration) return c.migration.toPool;
  const v = c.after?.pool ?? c.before?.pool;
  return typeof v === 'string' ? v : '';
}

const MARKER: Record<string, string> = { create: '+', delete: '-', update: '~', 'no-op': '' };

function valueCell(text: string): string {
  if (!text) return '<td class="absent"></td>';
  const cls = text === SENSITIVE_TEXT ? ' class="sensitive"' : text === UNKNOWN_TEXT ? ' class="unknown"' : '';
  return `<td${cls}><code>${esc(text)}</code></td>`;
}

function rowHtml(r: AttrRow): string {
  const flags: string[] = [];
  if (r.flags.replace) flags.push('<span class="flag replace">forces replacement</span>');
  if (r.flags.migrate) flags.push('<span class="flag migrate">migration</span>');
  if (r.flags.halt) flags.push('<span class="flag halt">needs shutdown</span>');
  return `<tr class="attr-${r.action}"><td class="marker" aria-label="${esc(r.action)}">${MARKER[r.action]}</td><th scope="row"><code>${esc(r.path)}</code>${flags.length ? ` ${flags.join(' ')}` : ''}</th>${valueCell(r.before)}${valueCell(r.after)}</tr>`;
}

function costText(c: ResourceChange, currency: string | undefined): string {
  if (!c.cost) return '';
  const d = c.cost.after - c.cost.before;
  if (d === 0) return `${formatMoney(c.cost.after, currency)}/month`;
  return `${formatMoney(d, currency, true)}/month (${formatMoney(c.cost.before, currency)} → ${formatMoney(c.cost.after, currency)})`;
}

function changeBlock(c: ResourceChange, plan: Plan, open: boolean, schemas: SchemaLookup | undefined): string {
  const { rows, unchanged } = changeRows(c, schemas);
  const pool = changePool(c);
  const colour = ACTION_COLOURS[c.action];
  const cost = costText(c, plan.currency);
  const attrs = `class="change action-${c.action}" id="${esc(rowId(c.address))}" data-address="${esc(c.address)}" data-action="${c.action}" data-filter-action="${filterAction(c.action) ?? ''}" data-pool="${esc(pool)}"`;
  const out = [
    `<details ${attrs}${open ? ' open' : ''}>`,
    `<summary><span class="chip" style="background:${colour.fill};border-color:${colour.stroke}" title="${esc(actionWords(c.action))}">${esc(ACTION_SYMBOL[c.action].trim())}</span> <code class="address">${esc(c.address)}</code> <span class="headline">${esc(headline(c))}</span>${pool ? ` <span class="pool-tag">pool ${esc(pool)}</span>` : ''}${cost ? ` <span class="cost">${esc(cost)}</span>` : ''}</summary>`,
  ];
  const notes = [...(c.migration && c.action === 'migrate' ? [migrationSentence(c.migration)] : []), ...c.notes];
  if (c.haltPaths.length) notes.push('The VM is shut down cleanly, updated and started again.');
  if (c.dependsOn.length) notes.push(`Depends on ${c.dependsOn.join(', ')}.`);
  if (notes.length) out.push(`<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  if (rows.length) {
    out.push(`<table class="diff"><caption class="visually-hidden">Attributes of ${esc(c.address)}</caption><thead><tr><th scope="col"><span class="visually-hidden">change</span></th><th scope="col">Attribute</th><th scope="col">Before</th><th scope="col">After</th></tr></thead><tbody>`);
    out.push(...rows.map(rowHtml));
    out.push('</tbody></table>');
  }
  if (unchanged) out.push(`<p class="unchanged">${groupDigits(unchanged)} unchanged attribute${unchanged === 1 ? '' : 's'} hidden</p>`);
  out.push('</details>');
  return out.join('\n');
}

/** The section for the changes in `visible` (already sorted by address). */
export function diffSection(plan: Plan, visible: readonly ResourceChange[], opts: DiffSectionOptions = {}): string {
  const open = visible.length <= (opts.openUpTo ?? 40);
  const out = [`<section class="changes" aria-labelledby="changes-h"><h2 id="changes-h">Changes (${groupDigits(visible.length)})</h2>`];
  if (!visible.length) out.push('<p class="none">No changes.</p>');
  for (const c of visible) out.push(changeBlock(c, plan, open, opts.schemas));
  out.push('</section>');
  return out.join('\n');
}
