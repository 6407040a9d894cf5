/**
 * The human plan, byte for byte in Terraform's conventions (engines.md section 1) with "xcpform"
 * in place of "Terraform" in the prose, plus xcpform's `~>` migrate action: its own legend line
 * after update, its own header comment and `, N to migrate` in the summary only when non-zero,
 * so `Plan: X to add, Y to change, Z to destroy.` stays byte-identical for existing parsers.
 */
import { ACTION_LEGEND, Action, OutputChange, Plan } from '../plan/model';
import { renderDiagnostics } from './diagnostics';
import { costTotals, formatCostDelta, summaryLine, visibleChanges, byAddress } from './format';
import { SchemaLookup } from './sensitivity';
import { diffValue } from './text/diff-tree';
import { renderRehearsalText } from './text/rehearsal';
import { renderResourceChange } from './text/resource';
import { paint, symbol, TextStyle } from './text/style';
import { attrName, renderNode } from './text/values';
import { horizontalRule, wordWrap } from './text/wrap';

/** Options of {@link renderPlanText}. Only `cli/` decides these from flags and the terminal. */
export interface PlanTextOptions {
  /** Terminal width in columns, for word wrapping and the horizontal rule. Default 80. */
  readonly width?: number;
  /** ANSI colour. Default off. */
  readonly color?: boolean;
  /** Append the plan's diagnostics (warnings and errors) after the plan. Default true. */
  readonly diagnostics?: boolean;
  /** Schemas for blocks, sets and sensitive attributes. Default: the provider's. */
  readonly schemas?: SchemaLookup;
  /** Name used in the prose ("xcpform used the selected providers ..."). Default `xcpform`. */
  readonly productName?: string;
  /** In automation the refresh-only hint omits the command line, as Terraform does. */
  readonly runningInAutomation?: boolean;
}

const LEGEND_ORDER: readonly Action[] = ['create', 'update', 'migrate', 'delete', 'replace', 'replace-cbd', 'read'];

function legendLine(style: TextStyle, action: Action): string {
  const text = ACTION_LEGEND.find(([a]) => a === action)![1];
  return `${symbol(style, action)} ${text}`;
}

/** `Changes to Outputs:` lines, keys aligned over every output as Terraform does. */
export function renderOutputChanges(outputs: readonly OutputChange[], style: TextStyle): string[] {
  const sorted = [...outputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const width = Math.max(0, ...sorted.map((o) => attrName(o.name).length));
  const lines: string[] = [];
  for (const o of sorted) {
    if (o.action === 'no-op') continue;
    const node = diffValue({ t: 'dynamic' }, o.action === 'create' ? null : o.before, o.action === 'delete' ? null : o.after, [], {
      sensitive: () => o.sensitive,
      flags: () => ({}),
    });
    lines.push(`${symbol(style, o.action)} ${attrName(o.name).padEnd(width)} = ${renderNode(node, 0, { style })}`);
  }
  return lines;
}

/** Renders the whole plan; the result ends with a newline. Pure: same plan, same bytes. */
export function renderPlanText(plan: Plan, opts: PlanTextOptions = {}): string {
  const width = opts.width ?? 80;
  const style: TextStyle = { color: opts.color ?? false, diffMarkers: false };
  const tf = opts.productName ?? 'xcpform';
  const out: string[] = [];
  const print = (s: string) => out.push(s);
  const println = (s = '') => out.push(`${s}\n`);

  const changes = visibleChanges(plan.changes);
  const outputs = renderOutputChanges(plan.outputs, style);
  const drift = [...plan.drift].filter((d) => d.action !== 'no-op').sort(byAddress);
  const empty = changes.length === 0 && outputs.length === 0;

  let haveDrift = false;
  if (drift.length && (!empty || plan.mode === 'refresh-only')) {
    haveDrift = true;
    print(`\n${paint(style, 'Note:', 'bold', 'cyan')}${paint(style, ` Objects have changed outside of ${tf}`, 'bold')}\n`);
    println();
    print(wordWrap(`${tf} detected the following changes made outside of ${tf} since the last "${tf} apply" which may have affected this plan:\n`, width));
    for (const d of drift) {
      println();
      println(renderResourceChange(d, { style, cause: 'drift', schemas: opts.schemas }));
    }
    println(wordWrap(plan.mode === 'refresh-only'
      ? `\nThis is a refresh-only plan, so ${tf} will not take any actions to undo these. If you were expecting these changes then you can apply this plan to record the updated values in the ${tf} state without changing any remote objects.`
      : '\nUnless you have made equivalent changes to your configuration, or ignored the relevant attributes using ignore_changes, the following plan may include actions to undo or respond to these changes.', width));
  }

  if (empty) {
    renderNoChanges(plan, { print, println, style, tf, width, haveDrift, automation: opts.runningInAutomation ?? false });
  } else {
    if (haveDrift) {
      print(horizontalRule(width));
      println();
    }
    if (changes.length) {
      // Terraform leaves the symbols preamble out when every shown change is a move or import without action.
      if (changes.some((c) => c.action !== 'no-op')) println(wordWrap(`\n${tf} used the selected providers to generate the following execution plan. Resource actions are indicated with the following symbols:`, width));
      const present = new Set(changes.map((c) => c.action));
      for (const a of LEGEND_ORDER) if (present.has(a)) println(legendLine(style, a));
      print(plan.errored ? `\n${tf} planned the following actions, but then encountered a problem:\n` : `\n${tf} will perform the following actions:\n`);
      for (const c of changes) {
        println();
        println(renderResourceChange(c, { style, schemas: opts.schemas }));
      }
      const summary = summaryLine(changes);
      print(`\n${paint(style, 'Plan:', 'bold')}${summary.slice('Plan:'.length)}\n`);
      const cost = costTotals(plan);
      if (cost) println(`${paint(style, 'Monthly cost:', 'bold')} ${formatCostDelta(cost)}`);
    }
    if (outputs.length) {
      print('\nChanges to Outputs:\n');
      for (const line of outputs) println(line);
      if (!changes.length) {
        println(wordWrap(`\nYou can apply this plan to save these new output values to the ${tf} state, without changing any real infrastructure.`, width));
      }
    }
  }
  if (plan.rehearsal) print(renderRehearsalText(plan.rehearsal, style, width));
  if ((opts.diagnostics ?? true) && plan.diagnostics.length) print(renderDiagnostics(plan.diagnostics, { color: style.color }));
  return out.join('');
}

interface NoChangesContext {
  print(s: string): void;
  println(s?: string): void;
  readonly style: TextStyle;
  readonly tf: string;
  readonly width: number;
  readonly haveDrift: boolean;
  readonly automation: boolean;
}

function renderNoChanges(plan: Plan, c: NoChangesContext): void {
  const lead = (rest: string) => `\n${paint(c.style, 'No changes.', 'bold', 'green')}${paint(c.style, ` ${rest}`, 'bold')}\n\n`;
  if (plan.errored) {
    if (c.haveDrift) c.print(`${horizontalRule(c.width)}\n`);
    c.print(`\n${paint(c.style, 'Planning failed.', 'bold', 'red')}${paint(c.style, ` ${c.tf} encountered an error while generating this plan.`, 'bold')}\n\n`);
    return;
  }
  if (plan.mode === 'refresh-only') {
    if (c.haveDrift) return;
    c.print(lead('Your infrastructure still matches the configuration.'));
    c.println(wordWrap(`${c.tf} has checked that the real remote objects still match the result of your most recent changes, and found no differences.`, c.width));
    return;
  }
  if (plan.mode === 'destroy') {
    if (c.haveDrift) c.print(`${horizontalRule(c.width)}\n`);
    c.print(lead('No objects need to be destroyed.'));
    c.println(wordWrap(`Either you have not created any objects yet or the existing objects were already deleted outside of ${c.tf}.`, c.width));
    return;
  }
  c.print(lead('Your infrastructure matches the configuration.'));
  c.println(wordWrap(`${c.tf} has compared your real infrastructure against your configuration and found no differences, so no changes are needed.`, c.width));
}
