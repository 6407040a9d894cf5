/**
 * The plan: inert data produced by the planner and consumed by the renderers and the executor.
 * Actions are a closed union with their symbols (Terraform's plus `~>` migrate).
 */
import type { Rehearsal } from '../rehearsal/model';
import type { Diagnostic } from '../diagnostics';
import type { ObjectValue, Value } from '../values/value';
import type { AttrPath } from './paths';

/** `forget`: a `removed` block with `destroy = false`: the object leaves the state and stays in XAPI. */
export type Action = 'create' | 'update' | 'migrate' | 'replace' | 'replace-cbd' | 'delete' | 'read' | 'no-op' | 'forget';

/** Printed three columns wide, as Terraform does. */
export const ACTION_SYMBOL: Record<Action, string> = {
  create: '  +',
  update: '  ~',
  migrate: ' ~>',
  replace: '-/+',
  'replace-cbd': '+/-',
  delete: '  -',
  read: ' <=',
  'no-op': '   ',
  // Terraform prints forget one column to the left: ` . resource ...` under ` # ...`.
  forget: ' .',
};

/** Legend lines, in the order Terraform prints them (migrate after update). */
export const ACTION_LEGEND: readonly [Action, string][] = [
  ['create', 'create'],
  ['update', 'update in-place'],
  ['migrate', 'migrate (live, no rebuild)'],
  ['delete', 'destroy'],
  ['replace', 'destroy and then create replacement'],
  ['replace-cbd', 'create replacement and then destroy'],
  ['read', 'read (data resources)'],
];

/** Terraform's `action_reason` values that xcpform produces. */
export type ActionReason =
  | 'replace_because_cannot_update'
  | 'replace_because_tainted'
  | 'replace_by_request'
  | 'replace_by_triggers'
  | 'delete_because_no_resource_config'
  | 'delete_because_count_index'
  | 'delete_because_each_key'
  | 'read_because_config_unknown'
  | 'read_because_dependency_pending';

export interface Migration {
  readonly fromPool: string;
  readonly toPool: string;
  readonly fromHost?: string;
  readonly toHost?: string;
  /** Bytes of disk data the migration moves (0 for a memory-only live migration in one pool). */
  readonly bytes: number;
  /** The VPN link a cross-pool migration travels over, when one joins the pools. */
  readonly via?: string;
}

export interface JsonPatchOp {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: string;
  readonly value?: unknown;
}

export interface ResourceChange {
  /** `xcp_vm.web`, `xcp_vm.web[0]`, `xcp_vm.web["a"]`, `data.xcp_sr.local`. */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  /** Provider configuration: `xcp` or `xcp.<alias>`. */
  readonly providerConfig: string;
  readonly action: Action;
  readonly actionReason?: ActionReason;
  /** Prior state (null for create). May hold secrets: renderers hide `beforeSensitive` paths. */
  readonly before: ObjectValue | null;
  /** Planned state (null for delete). `Unknown` marks values known after apply. */
  readonly after: ObjectValue | null;
  readonly beforeSensitive: readonly AttrPath[];
  readonly afterSensitive: readonly AttrPath[];
  /** The address the object had in the prior state, when a `moved` block (or count's implied move) renamed it. */
  readonly previousAddress?: string;
  /** Set when an `import` block brings the object under management in this plan. */
  readonly importing?: { readonly id: string };
  /** Attributes whose change forces the replacement (`# forces replacement`). */
  readonly replacePaths: readonly AttrPath[];
  /** Attributes whose change is a migration (`~>`). */
  readonly migratePaths: readonly AttrPath[];
  /** Attributes that need the VM halted: the update shuts it down cleanly and starts it again. */
  readonly haltPaths: readonly AttrPath[];
  /** Extra sentences for the reviewer ("takes effect at the next boot", capacity choices). */
  readonly notes: readonly string[];
  readonly migration?: Migration;
  /** Monthly cost from the rate card, before and after (absent without a rate card). */
  readonly cost?: { readonly before: number; readonly after: number };
  /** Addresses this change depends on (references and depends_on), for graphs and ordering. */
  readonly dependsOn: readonly string[];
  readonly schemaVersion: number;
  /** RFC 6902 patch turning `before` into `after` (unknown values as the string "(known after apply)"). */
  readonly patch: readonly JsonPatchOp[];
}

/**
 * A data resource read while planning: its result is part of the plan, as in Terraform, where
 * it sits in the plan's prior state. Apply records it in the state (mode `data`) before it
 * changes anything, so the configuration it evaluates again sees the same values the plan saw.
 */
export interface DataRead {
  /** `data.xcp_sr.local`, `data.xcp_host.h[0]`, `data.xcp_sr.s["a"]`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  /** Provider configuration: `xcp` or `xcp.<alias>`. */
  readonly providerConfig: string;
  readonly schemaVersion: number;
  /** The data source's result. */
  readonly values: ObjectValue;
}

export interface OutputChange {
  readonly name: string;
  readonly action: 'create' | 'update' | 'delete' | 'no-op';
  readonly before: Value;
  readonly after: Value;
  readonly sensitive: boolean;
}

export type PlanMode = 'normal' | 'destroy' | 'refresh-only';

/** One host's memory before and after the plan, and the VMs the plan puts (or keeps) on it. */
export interface HostUsage {
  readonly name: string;
  readonly uuid: string;
  readonly memoryTotal: number;
  readonly freeBefore: number;
  readonly freeAfter: number;
  /** Addresses of the VMs of this plan on the host after apply. */
  readonly vms: readonly string[];
}

/** Capacity of one pool, for the placement view of reports. */
export interface PoolCapacity {
  readonly pool: string;
  readonly hosts: readonly HostUsage[];
  /** VMs of this plan in the pool whose host XAPI will choose at start. */
  readonly unplacedVms: readonly string[];
  /** Memory the running `unplacedVms` take in the pool, on hosts XAPI picks (in no host's `freeAfter`). */
  readonly unplacedMemory?: number;
}

export interface Plan {
  /** Version of xcpform's saved-plan format. */
  readonly formatVersion: 1;
  readonly xcpformVersion: string;
  readonly mode: PlanMode;
  /** Lineage and serial of the state the plan was made against (stale-plan check). */
  readonly prior: { readonly lineage: string; readonly serial: number };
  readonly variables: Readonly<Record<string, { readonly value: Value; readonly sensitive: boolean }>>;
  /** Resource changes, sorted by address; no-op changes are kept (renderers skip them). */
  readonly changes: readonly ResourceChange[];
  /**
   * Data resources read while planning (absent in older plans and destroy plans). With the
   * `before` of every change, which is the refreshed prior object, and the `delete` drift
   * entries, this is the refreshed prior state apply starts from.
   */
  readonly dataReads?: readonly DataRead[];
  /** Changes found by refresh (made outside xcpform): `update` or `delete` actions. */
  readonly drift: readonly ResourceChange[];
  readonly outputs: readonly OutputChange[];
  readonly diagnostics: readonly Diagnostic[];
  readonly targets: readonly string[];
  /** Per-pool capacity before and after the plan (present when the plan places or moves VMs). */
  readonly capacity?: readonly PoolCapacity[];
  readonly currency?: string;
  readonly errored: boolean;
  /** What applying the plan to a copy of the pools found (`plan -rehearse`, and every apply). */
  readonly rehearsal?: Rehearsal;
}

/** Counts for the summary line: a replace counts once in add and once in destroy; migrations apart. */
export function summarize(changes: readonly ResourceChange[]): { add: number; change: number; migrate: number; destroy: number } {
  const s = { add: 0, change: 0, migrate: 0, destroy: 0 };
  for (const c of changes) {
    if (c.mode !== 'managed') continue;
    if (c.action === 'create') s.add++;
    else if (c.action === 'update') s.change++;
    else if (c.action === 'migrate') s.migrate++;
    else if (c.action === 'delete') s.destroy++;
    else if (c.action === 'replace' || c.action === 'replace-cbd') { s.add++; s.destroy++; }
  }
  return s;
}
