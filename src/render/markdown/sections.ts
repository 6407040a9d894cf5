/**
 * The sections of the pull-request comment, each a string built from plan data (never scraped
 * from the text output): the summary, the destroy/replace call-out, shutdowns, migrations,
 * diagnostics. Lists are capped in items and characters so the summary always fits.
 */
import type { Diagnostic } from '../../diagnostics';
import { formatPath } from '../../diagnostics';
import type { Action, Plan, ResourceChange } from '../../plan/model';
import { bytesToMove, costTotals, formatBytes, formatCostDelta, formatMoney, summaryLine } from '../format';
import { headerLines } from '../text/resource';
import { PLAIN } from '../text/style';

/** `&`, `<`, `>` escaped for HTML contexts (`<summary>`, `<code>`). */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  return longest ? `${ticks} ${text} ${ticks}` : `${ticks}${text}${ticks}`;
}

/** A fence longer than any backtick run inside `body`. */
export function fence(body: string, lang: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const f = '`'.repeat(Math.max(3, longest + 1));
  return `${f}${lang}\n${body}${body.endsWith('\n') ? '' : '\n'}${f}`;
}

/** Items joined until `maxItems` or `maxChars`, then `… and N more`. */
export function cappedLines(items: readonly string[], maxItems: number, maxChars: number, more: (n: number) => string): string[] {
  const out: string[] = [];
  let used = 0;
  for (const item of items) {
    if (out.length >= maxItems || used + item.length + 1 > maxChars) break;
    out.push(item);
    used += item.length + 1;
  }
  if (out.length < items.length) out.push(more(items.length - out.length));
  return out;
}

/** The rest of the header comment after the address: `must be replaced`. */
export function headline(c: ResourceChange): string {
  const first = headerLines(c, PLAIN)[0] ?? '';
  return first.replace(`  # ${c.address} `, '');
}

const ROWS: readonly [string, (a: Action) => boolean][] = [
  [':heavy_plus_sign: Create', (a) => a === 'create'],
  [':pencil2: Update in-place', (a) => a === 'update'],
  [':twisted_rightwards_arrows: Migrate (live, no rebuild)', (a) => a === 'migrate'],
  [':recycle: Replace', (a) => a === 'replace' || a === 'replace-cbd'],
  [':wastebasket: Destroy', (a) => a === 'delete'],
  [':mag: Read', (a) => a === 'read'],
];

/** Title, the `Plan:` line, the table of counts per action, cost and bytes. Never truncated. */
export function summarySection(plan: Plan, visible: readonly ResourceChange[], title: string, marker: string): string {
  const failed = plan.errored ? ':x: ' : '';
  const lines = [marker, `## ${failed}${title}`, ''];
  const outputsChanged = plan.outputs.some((o) => o.action !== 'no-op');
  if (!visible.length) {
    lines.push(plan.errored ? '**Planning failed.** xcpform encountered an error while generating this plan.'
      : outputsChanged ? '**No resource changes.** Only output values change.'
      : plan.mode === 'destroy' ? '**No changes.** No objects need to be destroyed.'
      : '**No changes.** Your infrastructure matches the configuration.');
    return lines.join('\n');
  }
  lines.push(`**${summaryLine(visible)}**`, '', '| Action | Resources |', '| :-- | --: |');
  for (const [label, match] of ROWS) lines.push(`| ${label} | ${visible.filter((c) => match(c.action)).length} |`);
  const cost = costTotals(plan);
  if (cost) lines.push(`| :moneybag: **Monthly cost** | **${formatCostDelta(cost)}** |`);
  const bytes = bytesToMove(visible);
  if (bytes > 0) lines.push(`| :truck: **Data to move** | ${formatBytes(bytes)} |`);
  return lines.join('\n');
}

function reasonOf(c: ResourceChange): string {
  const extra = headerLines(c, PLAIN).slice(1).find((l) => l.startsWith('  # (because'));
  if (extra) return ` ${extra.slice(4)}`;
  if (c.replacePaths.length) return ` (forces replacement: ${c.replacePaths.map((p) => code(formatPath(p))).join(', ')})`;
  return '';
}

/** `> [!CAUTION]` listing every destroy and replacement (capped), first thing after the summary. */
export function destroySection(visible: readonly ResourceChange[], maxChars: number): string {
  const hits = visible.filter((c) => c.action === 'delete' || c.action === 'replace' || c.action === 'replace-cbd');
  if (!hits.length) return '';
  const destroys = hits.filter((c) => c.action === 'delete').length;
  const head = `**${destroys} to destroy, ${hits.length - destroys} to replace.** Check these before applying:`;
  const items = hits.map((c) => `- ${code(c.address)} ${headline(c)}${reasonOf(c)}`);
  const list = cappedLines(items, 50, maxChars, (n) => `- … and ${n} more (see the changes below)`);
  return ['> [!CAUTION]', `> ${head}`, ...list.map((l) => `> ${l}`)].join('\n');
}

/** `> [!WARNING]` listing VMs that an update shuts down and starts again. */
export function haltSection(visible: readonly ResourceChange[], maxChars: number): string {
  const hits = visible.filter((c) => (c.action === 'update' || c.action === 'migrate') && c.haltPaths.length);
  if (!hits.length) return '';
  const items = hits.map((c) => `- ${code(c.address)} (${c.haltPaths.map((p) => code(formatPath(p))).join(', ')})`);
  const list = cappedLines(items, 30, maxChars, (n) => `- … and ${n} more`);
  return ['> [!WARNING]', `> **${hits.length} to shut down cleanly, update and start again:**`, ...list.map((l) => `> ${l}`)].join('\n');
}

/** The table of live migrations with route and bytes (capped). */
export function migrationSection(visible: readonly ResourceChange[], maxChars: number): string {
  const hits = visible.filter((c) => c.action === 'migrate');
  if (!hits.length) return '';
  const where = (pool: string, host?: string) => (host ? `${pool} (host ${host})` : pool);
  const rows = hits.map((c) => {
    const m = c.migration;
    if (!m) return `| ${code(c.address)} | | | | |`;
    return `| ${code(c.address)} | ${where(m.fromPool, m.fromHost)} | ${where(m.toPool, m.toHost)} | ${formatBytes(m.bytes)} | ${m.via ? code(m.via) : ''} |`;
  });
  const list = cappedLines(rows, 50, maxChars, (n) => `| … and ${n} more | | | | |`);
  return [
    `### :twisted_rightwards_arrows: Live migrations (${hits.length}, ${formatBytes(bytesToMove(hits))} to move)`,
    '',
    '| Resource | From pool | To pool | Data to move | Via |',
    '| :-- | :-- | :-- | --: | :-- |',
    ...list,
  ].join('\n');
}

/** Errors or warnings as a list with their details (capped). */
export function diagnosticsSection(diags: readonly Diagnostic[], severity: Diagnostic['severity'], maxChars: number): string {
  const hits = diags.filter((d) => d.severity === severity);
  if (!hits.length) return '';
  const clip = (s: string) => (s.length > 1000 ? `${s.slice(0, 1000)}…` : s);
  const items = hits.map((d) => {
    const where = d.address ? ` (${code(d.address + (d.path?.length ? `.${formatPath(d.path)}` : ''))})` : '';
    const detail = d.detail ? `\n  ${clip(d.detail).replace(/\n/g, '\n  ')}` : '';
    return `- **${d.summary}**${where}${detail}`;
  });
  const list = cappedLines(items, 20, maxChars, (n) => `- … and ${n} more`);
  const head = severity === 'error' ? `### :x: Errors (${hits.length})` : `### :warning: Warnings (${hits.length})`;
  return [head, '', ...list].join('\n');
}

/** ` · +$5.00/month` for the `<summary>` of a resource with a cost change. */
export function costSuffix(c: ResourceChange, currency: string | undefined): string {
  if (!c.cost || c.cost.before === c.cost.after) return '';
  return ` · ${formatMoney(c.cost.after - c.cost.before, currency, true)}/month`;
}
