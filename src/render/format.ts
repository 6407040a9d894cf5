/**
 * Small formatters shared by the text, JSON and Markdown renderers: sizes, money, the
 * migration sentence, cost totals and the summary line. Pure and locale-independent (no
 * `Intl`), so goldens do not depend on the machine's locale.
 */
import type { Migration, Plan, ResourceChange } from '../plan/model';
import { summarize } from '../plan/model';

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** `20.0 GiB`, `512.0 MiB`, `0 B`: binary units with one decimal, as XenCenter shows sizes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || Math.abs(bytes) < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = -1;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}

const CURRENCY_SYMBOL: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `$1,020.00`, `€3.50`, `12.00 CHF`. `signed` adds `+` to positive amounts (deltas). */
export function formatMoney(amount: number, currency = 'USD', signed = false): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const text = `${groupThousands(String(Math.floor(cents / 100)))}.${String(cents % 100).padStart(2, '0')}`;
  const sign = cents === 0 ? '' : amount < 0 ? '-' : signed ? '+' : '';
  const symbol = CURRENCY_SYMBOL[currency.toUpperCase()];
  return symbol ? `${sign}${symbol}${text}` : `${sign}${text} ${currency}`;
}

/** Monthly totals before and after the plan, over every change that carries a cost. */
export interface CostTotals {
  readonly before: number;
  readonly after: number;
  readonly delta: number;
  readonly currency: string;
}

/** Totals over the plan's changes; `undefined` when no change carries a cost (no rate card). */
export function costTotals(plan: Pick<Plan, 'changes' | 'currency'>): CostTotals | undefined {
  let before = 0;
  let after = 0;
  let any = false;
  for (const c of plan.changes) {
    if (!c.cost) continue;
    any = true;
    before += c.cost.before;
    after += c.cost.after;
  }
  if (!any) return undefined;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { before: r(before), after: r(after), delta: r(after - before), currency: plan.currency ?? 'USD' };
}

/** `+$41.00 ($40.00 → $81.00)`. */
export function formatCostDelta(t: CostTotals): string {
  return `${formatMoney(t.delta, t.currency, true)} (${formatMoney(t.before, t.currency)} → ${formatMoney(t.after, t.currency)})`;
}

/**
 * `Plan: X to add, Y to change, Z to destroy.` — byte-identical to Terraform without migrations;
 * with migrations `, M to migrate` goes before the full stop so Terraform-shaped parsers still match.
 */
export function summaryLine(changes: readonly ResourceChange[]): string {
  const s = summarize(changes);
  const migrate = s.migrate > 0 ? `, ${s.migrate} to migrate` : '';
  const imported = changes.filter((c) => c.importing).length;
  const imports = imported > 0 ? `${imported} to import, ` : '';
  return `Plan: ${imports}${s.add} to add, ${s.change} to change, ${s.destroy} to destroy${migrate}.`;
}

/**
 * The reviewer's sentence for a migration, without the surrounding `# (...)`:
 * `live migration from pool dc1 to pool cloud1, moves 20.0 GiB over xcp_vpn_link.burst`.
 */
export function migrationSentence(m: Migration): string {
  let route: string;
  if (m.fromPool !== m.toPool) {
    const from = m.fromHost ? `host ${m.fromHost} in pool ${m.fromPool}` : `pool ${m.fromPool}`;
    const to = m.toHost ? `host ${m.toHost} in pool ${m.toPool}` : `pool ${m.toPool}`;
    route = `live migration from ${from} to ${to}`;
  } else if (m.fromHost !== m.toHost && (m.fromHost || m.toHost)) {
    route = `live migration from host ${m.fromHost ?? '(any)'} to host ${m.toHost ?? '(any)'} in pool ${m.fromPool}`;
  } else {
    route = `live storage migration within pool ${m.fromPool}`;
  }
  const moves = m.bytes > 0 ? `, moves ${formatBytes(m.bytes)}` : '';
  const via = m.via ? ` over ${m.via}` : '';
  return `${route}${moves}${via}`;
}

/** Sum of bytes moved by the plan's migrations. */
export function bytesToMove(changes: readonly ResourceChange[]): number {
  return changes.reduce((sum, c) => sum + (c.action === 'migrate' && c.migration ? c.migration.bytes : 0), 0);
}

/** Changes worth showing (no-op dropped, deleted data sources dropped), sorted by address. */
export function visibleChanges(changes: readonly ResourceChange[]): ResourceChange[] {
  // A no-op that moves or imports an object is still shown (Terraform: "has moved to", "will be imported").
  return changes.filter((c) => (c.action !== 'no-op' || c.previousAddress || c.importing) && !(c.action === 'delete' && c.mode === 'data')).sort(byAddress);
}

/** Sort key of an address: numeric indexes zero-padded so `[2]` sorts before `[10]`. */
export function addressKey(address: string): string {
  // Shorter module paths first, as Terraform orders module instances (the root module's resources lead).
  const depth = /^((?:module\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.)*)/.exec(address)![1].split(/(?:^|\.)module\./).length - 1;
  return `${String(depth).padStart(3, '0')}${address.replace(/\[(\d+)\]/g, (_, d: string) => `[${d.padStart(20, '0')}]`)}`;
}

/**
 * Address order as Terraform's `Addr.Less`: by name, then count indexes numerically; code-unit
 * comparison otherwise, so the order is the same on every machine and locale.
 */
export function byAddress(a: { address: string }, b: { address: string }): number {
  const ka = addressKey(a.address);
  const kb = addressKey(b.address);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
