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
  /** Above this many changes, tables are built in the browser on expand (default 300). */
  readonly lazyAbove?: number;
}

/** The pool a change lives in after the plan (the target of a migration). */
export function changePool(c: ResourceChange): string {
  if (c.action === 'migrate' && c.migration) return c.migration.toPool;
  const v = c.after?.pool ?? c.before?.pool;
  return typeof v === 'string' ? v : '';
}

const MARKER: Record<string, string> = { create: '+', delete: '-', update: '~', 'no-op': '' };

/** Element text needs only `&` and `<` escaped; leaving quotes alone keeps big tables small. */
const text = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function valueCell(t: string): string {
  if (!t) return '<td class="absent"></td>';
  const cls = t === SENSITIVE_TEXT ? ' class="sensitive"' : t === UNKNOWN_TEXT ? ' class="unknown"' : '';
  return `<td${cls}>${text(t)}</td>`;
}

function flagsHtml(f: AttrRow['flags']): string {
  let out = '';
  if (f.replace) out += ' <span class="flag replace">forces replacement</span>';
  if (f.migrate) out += ' <span class="flag migrate">migration</span>';
  if (f.halt) out += ' <span class="flag halt">needs shutdown</span>';
  return out;
}

function rowHtml(r: AttrRow): string {
  return `<tr class="attr-${r.action}"><td class="marker">${MARKER[r.action]}</td><th scope="row">${text(r.path)}${flagsHtml(r.flags)}</th>${valueCell(r.before)}${valueCell(r.after)}</tr>`;
}

/** The table head, shared with the client script that builds lazy tables (same markup). */
export const DIFF_TABLE_HEAD = '<thead><tr><th scope="col"><span class="visually-hidden">+ added, - removed, ~ changed</span></th><th scope="col">Attribute</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>';

/**
 * The lazy tables as the client script reads them: `strings` holds every distinct text once
 * (attribute names and values repeat across thousands of instances); a row is
 * [path, action, before, after] as indexes into it, plus a flags string (`r`, `m`, `h`).
 */
export interface LazyRowsJson {
  readonly strings: string[];
  readonly changes: [number, number, number, number, string][][];
}

class LazyRows {
  readonly json: LazyRowsJson = { strings: [], changes: [] };
  private readonly index = new Map<string, number>();

  private id(t: string): number {
    let i = this.index.get(t);
    if (i === undefined) this.index.set(t, (i = this.json.strings.push(t) - 1));
    return i;
  }

  /** Stores the rows of one change; returns its index. */
  add(rows: readonly AttrRow[]): number {
    return this.json.changes.push(rows.map((r) => [this.id(r.path), this.id(r.action), this.id(r.before), this.id(r.after), `${r.flags.replace ? 'r' : ''}${r.flags.migrate ? 'm' : ''}${r.flags.halt ? 'h' : ''}`])) - 1;
  }
}

function costText(c: ResourceChange, currency: string | undefined): string {
  if (!c.cost) return '';
  const d = c.cost.after - c.cost.before;
  if (d === 0) return `${formatMoney(c.cost.after, currency)}/month`;
  return `${formatMoney(d, currency, true)}/month (${formatMoney(c.cost.before, currency)} → ${formatMoney(c.cost.after, currency)})`;
}

function changeBlock(c: ResourceChange, plan: Plan, mode: { open: boolean; lazy?: LazyRows }, schemas: SchemaLookup | undefined): string {
  const { rows, unchanged } = changeRows(c, schemas);
  const pool = changePool(c);
  const colour = ACTION_COLOURS[c.action];
  const cost = costText(c, plan.currency);
  const lazyIndex = mode.lazy && rows.length ? mode.lazy.add(rows) : undefined;
  const attrs = `class="change action-${c.action}" id="${esc(rowId(c.address))}" data-address="${esc(c.address)}" data-action="${c.action}" data-filter-action="${filterAction(c.action) ?? ''}" data-pool="${esc(pool)}"${lazyIndex !== undefined ? ` data-rows="${lazyIndex}"` : ''}`;
  const out = [
    `<details ${attrs}${mode.open ? ' open' : ''}>`,
    `<summary><span class="chip" style="background:${colour.fill};border-color:${colour.stroke}" title="${esc(actionWords(c.action))}">${esc(ACTION_SYMBOL[c.action].trim())}</span> <code class="address">${esc(c.address)}</code> <span class="headline">${esc(headline(c))}</span>${pool ? ` <span class="pool-tag">pool ${esc(pool)}</span>` : ''}${cost ? ` <span class="cost">${esc(cost)}</span>` : ''}</summary>`,
  ];
  const notes = [...(c.migration && c.action === 'migrate' ? [migrationSentence(c.migration)] : []), ...c.notes];
  if (c.haltPaths.length) notes.push('The VM is shut down cleanly, updated and started again.');
  if (c.dependsOn.length) notes.push(`Depends on ${c.dependsOn.join(', ')}.`);
  if (notes.length) out.push(`<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  if (rows.length && lazyIndex === undefined) {
    out.push(`<table class="diff">${DIFF_TABLE_HEAD}<tbody>`);
    out.push(...rows.map(rowHtml));
    out.push('</tbody></table>');
  }
  if (unchanged) out.push(`<p class="unchanged">${groupDigits(unchanged)} unchanged attribute${unchanged === 1 ? '' : 's'} hidden</p>`);
  out.push('</details>');
  return out.join('\n');
}

/**
 * The section for the changes in `visible` (already sorted by address). Above `lazyAbove`
 * changes the tables are not written as HTML: their rows (already redacted) go into one JSON
 * block that the client script turns into the same table when a change is expanded, which
 * keeps a 5,000-change report a few MB instead of tens and quick to open.
 */
export function diffSection(plan: Plan, visible: readonly ResourceChange[], opts: DiffSectionOptions = {}): string {
  const open = visible.length <= (opts.openUpTo ?? 40);
  const lazy = visible.length > (opts.lazyAbove ?? 300) ? new LazyRows() : undefined;
  const out = [`<section class="changes" aria-labelledby="changes-h"><h2 id="changes-h">Changes (${groupDigits(visible.length)})</h2>`];
  if (!visible.length) out.push('<p class="none">No changes.</p>');
  if (lazy) out.push('<p class="graph-note">Expand a change to see its attributes.</p>');
  for (const c of visible) out.push(changeBlock(c, plan, { open, lazy }, opts.schemas));
  // `<` escaped so no value can close the script element.
  if (lazy) out.push(`<script type="application/json" id="diff-rows">${JSON.stringify(lazy.json).replace(/</g, '\\u003c')}</script>`);
  out.push('</section>');
  return out.join('\n');
}
