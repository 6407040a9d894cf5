/**
 * xcpform's own detail in the plan JSON, under the top-level key `xcpform` so tools that read
 * Terraform's format ignore it: the real action (`migrate` is `["update"]` in `actions`),
 * migration route and bytes, halt paths, notes, cost, and the state the plan was made against.
 */
import type { Action, Plan } from '../../plan/model';
import { summarize } from '../../plan/model';
import { bytesToMove, costTotals } from '../format';
import { rehearsalJson, type RehearsalJson } from './rehearsal';

/** `Migration` in snake_case, as JSON consumers expect. */
export interface MigrationJson {
  readonly from_pool: string;
  readonly to_pool: string;
  readonly from_host?: string;
  readonly to_host?: string;
  readonly bytes: number;
  readonly via?: string;
}

/** xcpform's detail of one change, keyed by address under `xcpform.resources`. */
export interface XcpformResourceJson {
  readonly action: Action;
  readonly migration?: MigrationJson;
  readonly migrate_paths?: readonly (readonly (string | number)[])[];
  readonly halt_paths?: readonly (readonly (string | number)[])[];
  readonly notes?: readonly string[];
  readonly cost?: { readonly before: number; readonly after: number };
  readonly depends_on?: readonly string[];
}

/** The top-level `xcpform` extension object. */
export interface XcpformJson {
  /** Version of this extension block; bumped when its shape changes. */
  readonly format_version: '1.0';
  readonly mode: Plan['mode'];
  readonly prior_state: { readonly lineage: string; readonly serial: number };
  readonly summary: { readonly add: number; readonly change: number; readonly destroy: number; readonly migrate: number };
  readonly bytes_to_move: number;
  readonly cost?: { readonly currency: string; readonly before: number; readonly after: number; readonly delta: number };
  readonly targets?: readonly string[];
  readonly resources: Readonly<Record<string, XcpformResourceJson>>;
  readonly diagnostics?: readonly { severity: string; code: string; summary: string; detail?: string; address?: string }[];
  /** What applying the plan to a copy of the pools found (`plan -rehearse`). */
  readonly rehearsal?: RehearsalJson;
}

const paths = (ps: readonly (readonly (string | number)[])[]) => ps.map((p) => [...p]);

/** Builds the `xcpform` object; `sorted` are the plan's changes in address order. */
export function xcpformExtras(plan: Plan, sorted: Plan['changes']): XcpformJson {
  const resources: Record<string, XcpformResourceJson> = {};
  for (const c of sorted) {
    if (c.action === 'no-op' && !c.cost) continue;
    const m = c.migration;
    resources[c.address] = {
      action: c.action,
      ...(m ? { migration: { from_pool: m.fromPool, to_pool: m.toPool, ...(m.fromHost ? { from_host: m.fromHost } : {}), ...(m.toHost ? { to_host: m.toHost } : {}), bytes: m.bytes, ...(m.via ? { via: m.via } : {}) } } : {}),
      ...(c.migratePaths.length ? { migrate_paths: paths(c.migratePaths) } : {}),
      ...(c.haltPaths.length ? { halt_paths: paths(c.haltPaths) } : {}),
      ...(c.notes.length ? { notes: [...c.notes] } : {}),
      ...(c.cost ? { cost: { before: c.cost.before, after: c.cost.after } } : {}),
      ...(c.dependsOn.length ? { depends_on: [...c.dependsOn].sort() } : {}),
    };
  }
  const cost = costTotals(plan);
  return {
    format_version: '1.0',
    mode: plan.mode,
    prior_state: { lineage: plan.prior.lineage, serial: plan.prior.serial },
    summary: summarize(plan.changes),
    bytes_to_move: bytesToMove(plan.changes),
    ...(cost ? { cost: { currency: cost.currency, before: cost.before, after: cost.after, delta: cost.delta } } : {}),
    ...(plan.targets.length ? { targets: [...plan.targets] } : {}),
    resources,
    ...(plan.diagnostics.length
      ? { diagnostics: plan.diagnostics.map((d) => ({ severity: d.severity, code: d.code, summary: d.summary, ...(d.detail ? { detail: d.detail } : {}), ...(d.address ? { address: d.address } : {}) })) }
      : {}),
    ...(plan.rehearsal ? { rehearsal: rehearsalJson(plan.rehearsal) } : {}),
  };
}
