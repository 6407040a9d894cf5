/**
 * The plan as a pull-request comment (engines.md sections 6 and 7): a hidden marker so CI can
 * find and update one sticky comment, the summary above the fold, destroys and replacements
 * called out first, shutdowns and migrations, then a collapsible `<details>` per resource with a
 * ```diff block whose markers sit in column 0 (`~` as `!`) so GitHub colours them, a Mermaid
 * graph of the changed resources grouped by pool, drift collapsed, errors and warnings.
 *
 * Size: the result never exceeds `maxChars` (default 65,000, under GitHub's 65,536). The summary
 * and call-outs are always kept (their lists are capped); resource details, the graph and the
 * drift section are added while they fit, and a note says what was left out.
 */
import { rehearsalSection } from './markdown/rehearsal';
import type { Plan, ResourceChange } from '../plan/model';
import { byAddress, visibleChanges } from './format';
import { renderPlanMermaid } from './graph-mermaid';
import { ACTION_PRIORITY } from './plan-graph';
import { code, costSuffix, destroySection, diagnosticsSection, fence, haltSection, headline, html, migrationSection, summarySection } from './markdown/sections';
import { SchemaLookup } from './sensitivity';
import { renderOutputChanges } from './plan-text';
import { renderResourceChange } from './text/resource';
import { ACTION_SYMBOL } from '../plan/model';
import type { TextStyle } from './text/style';

/** GitHub's limit on a comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Options of {@link renderPlanMarkdown}. */
export interface PlanMarkdownOptions {
  /** Heading text (Markdown allowed). Default `xcpform plan`. */
  readonly title?: string;
  /** Extra words in the hidden marker, e.g. the project folder: `<!-- xcpform-plan dir=infra -->`. */
  readonly markerId?: string;
  /** Hard ceiling on the result's length. Default 65,000 (a margin under 65,536). */
  readonly maxChars?: number;
  /** Include the Mermaid graph. Default true. */
  readonly graph?: boolean;
  /** Node cap of the graph. Default 100. */
  readonly maxGraphNodes?: number;
  readonly schemas?: SchemaLookup;
}

/** The hidden marker a CI job searches for to update its one comment. */
export function planMarker(id?: string): string {
  const clean = id ? ` ${id.replace(/--+/g, '-').replace(/>/g, '')}` : '';
  return `<!-- xcpform-plan${clean} -->`;
}

const DIFF_STYLE: TextStyle = { color: false, diffMarkers: true };

function detailsBlock(c: ResourceChange, plan: Plan, schemas: SchemaLookup | undefined): string {
  const body = renderResourceChange(c, { style: DIFF_STYLE, schemas });
  const sym = ACTION_SYMBOL[c.action].trim();
  const summary = `<code>${html(sym)}</code> <code>${html(c.address)}</code> ${html(headline(c))}${html(costSuffix(c, plan.currency))}`;
  return `<details><summary>${summary}</summary>\n\n${fence(body, 'diff')}\n\n</details>`;
}

function driftBlock(plan: Plan, schemas: SchemaLookup | undefined): string {
  const drift = [...plan.drift].filter((d) => d.action !== 'no-op').sort(byAddress);
  if (!drift.length) return '';
  const body = drift.map((d) => renderResourceChange(d, { style: DIFF_STYLE, cause: 'drift', schemas })).join('\n\n');
  return [
    `<details><summary>:information_source: Objects have changed outside of xcpform (${drift.length})</summary>`,
    '',
    'Unless you have made equivalent changes to your configuration, or ignored the relevant attributes using ignore_changes, the plan may include actions to undo or respond to these changes.',
    '',
    fence(body, 'diff'),
    '',
    '</details>',
  ].join('\n');
}

function outputsBlock(plan: Plan): string {
  const lines = renderOutputChanges(plan.outputs, DIFF_STYLE);
  if (!lines.length) return '';
  return [`<details><summary>Changes to Outputs (${lines.length})</summary>`, '', fence(lines.join('\n'), 'diff'), '', '</details>'].join('\n');
}

/** Renders the comment body. Pure; the result is at most `maxChars` characters. */
export function renderPlanMarkdown(plan: Plan, opts: PlanMarkdownOptions = {}): string {
  const maxChars = opts.maxChars ?? 65_000;
  const visible = visibleChanges(plan.changes);
  const rank = (c: ResourceChange) => ACTION_PRIORITY.indexOf(c.action);
  const ordered = [...visible].sort((a, b) => rank(a) - rank(b) || byAddress(a, b));
  const share = Math.floor(maxChars / 10);

  const fixed = [
    summarySection(plan, visible, opts.title ?? 'xcpform plan', planMarker(opts.markerId)),
    diagnosticsSection(plan.diagnostics, 'error', share),
    destroySection(visible, share),
    haltSection(visible, share),
    migrationSection(visible, share),
    rehearsalSection(plan, share),
    diagnosticsSection(plan.diagnostics, 'warning', share),
  ].filter(Boolean);
  const NOTE_RESERVE = 600;
  let used = fixed.reduce((n, s) => n + s.length + 2, 0) + NOTE_RESERVE;
  const fits = (s: string) => used + s.length + 2 <= maxChars;
  const take = (s: string) => {
    used += s.length + 2;
    return s;
  };

  const details: string[] = [];
  let cutDetails = 0;
  for (const c of ordered) {
    if (cutDetails) {
      cutDetails++;
      continue;
    }
    const block = detailsBlock(c, plan, opts.schemas);
    if (fits(block)) details.push(take(block));
    else cutDetails++;
  }
  const cut: string[] = [];
  if (cutDetails) cut.push(`the diffs of ${cutDetails} of ${ordered.length} resources`);

  const outputs = outputsBlock(plan);
  const outputsKept = outputs && fits(outputs) ? take(outputs) : '';
  if (outputs && !outputsKept) cut.push('the output changes');

  let graph = '';
  if ((opts.graph ?? true) && visible.length) {
    const mermaid = renderPlanMermaid(visible, { maxNodes: opts.maxGraphNodes ?? 100 });
    const open = visible.length <= 25 ? ' open' : '';
    const block = `<details${open}><summary>Graph of the changed resources, by pool</summary>\n\n${fence(mermaid, 'mermaid')}\n\n</details>`;
    if (fits(block)) graph = take(block);
    else cut.push('the graph');
  }

  const drift = driftBlock(plan, opts.schemas);
  const driftKept = drift && fits(drift) ? take(drift) : '';
  if (drift && !driftKept) cut.push('the drift section');

  const note = cut.length
    ? `> [!NOTE]\n> This comment was shortened to stay under GitHub's 65,536-character limit: ${joinWords(cut)} ${cut.length === 1 && !cutDetails ? 'was' : 'were'} left out. Run ${code('xcpform show PLANFILE')} for the full plan.`
    : '';
  const changesHead = details.length ? `### Changes (${visible.length})` : '';
  const parts = [...fixed, graph, changesHead, ...details, outputsKept, driftKept, note].filter(Boolean);
  let out = `${parts.join('\n\n')}\n`;
  // The summary is never cut, so a pathological `maxChars` below the summary's size is the only
  // way to get here; clip rather than break the caller's comment API.
  if (out.length > maxChars) out = `${out.slice(0, Math.max(0, maxChars - 2))}…\n`;
  return out;
}

function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
