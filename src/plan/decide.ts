/**
 * The one decision per resource instance. From the schema, the prior state, the configuration
 * and the live world it decides the action (no-op, update in place, update with a halt, migrate,
 * replace, or a refusal diagnostic), the planned values and the notes for reviewers.
 *
 * Every front door calls it: the CLI planner (`plan/managed.ts`), the executor's apply-time
 * check (`executor/resolve.ts`) and terraform-provider-xcp's PlanResourceChange
 * (`tfplugin/plan-change.ts`); ApplyResourceChange follows the decision it recorded in the
 * planned private data instead of diffing again. Nothing else decides an action.
 *
 * Steps, in order:
 * 1. the schema-driven diff (`diff.ts`): configured values, defaults, prior computed values, each
 *    changed attribute classified by its update class;
 * 2. the resource's plan hook (`ResourceType.plan`), given the world: identity-aware block
 *    matching (disks by userdevice), conditional update classes (vcpus above the prior maximum
 *    needs a halt), plan-time refusals. A hook that returns `action` has classified every change
 *    itself and its decision stands; otherwise it may only refine values or force a replacement;
 * 3. a decision whose action is no-op but whose configurable values differ from the prior (a
 *    reordered list) is an update: the state changes even when XAPI has nothing to do, and
 *    Terraform, which compares the values itself, sees the same;
 * 4. values an update or migration will change and no hook settled are planned unknown
 *    (`unknownAfterChange`), so an apply result always agrees with what the plan showed known.
 * Pure: no clock, no network; the world is only read.
 */
import { error, type Diagnostic } from '../diagnostics';
import type { PlanRequest, ResourceType } from '../resources/resource';
import type { WorldSnapshot } from '../resources/snapshot';
import type { BlockSchema, ResourceSchema } from '../schema/model';
import { containsUnknown, isObjectValue, isUnknown, ObjectValue, sameValue, UNKNOWN, Value, valuesEqual } from '../values/value';
import { planResourceChange, type DiffAction, type DiffOptions } from './diff';
import type { AttrPath } from './paths';

export interface DecideRequest {
  readonly schema: ResourceSchema;
  /** For notes and diagnostics (`xcp_vm.web[0]`). */
  readonly address: string;
  /** The resource's implementation; its plan hook runs only when `world` is given too. */
  readonly resource?: ResourceType;
  /** Prior state in the engine view (defaults filled in); null for a create. */
  readonly prior: ObjectValue | null;
  /** Configuration in the engine view (pool defaulted on create, placement applied). */
  readonly config: ObjectValue;
  /** Records of the pools, for the hook's lookups. */
  readonly world?: WorldSnapshot;
  /** The plan's capacity ledger, for hooks that check or claim host memory (CLI plans only). */
  readonly capacity?: PlanRequest['capacity'];
  /** Objects the plan deletes because their block left the configuration (CLI plans only). */
  readonly leaving?: PlanRequest['leaving'];
  readonly ignoreChanges?: DiffOptions['ignoreChanges'];
  /** Tainted, `-replace`, `replace_triggered_by`: replace whatever the diff says. */
  readonly forceReplace?: boolean;
}

/** The decision: what the plan shows and what apply does. */
export interface Decision {
  readonly action: DiffAction;
  /** Planned state in the engine view; Unknown where apply decides. */
  readonly planned: ObjectValue;
  readonly replacePaths: readonly AttrPath[];
  readonly migratePaths: readonly AttrPath[];
  /** Paths whose change needs the object halted (a clean shutdown and start when it runs). */
  readonly haltPaths: readonly AttrPath[];
  /** The change stops a running object and starts it again (halt paths on a running VM). */
  readonly restarts: boolean;
  /** Sentences for reviewers ("will be shut down cleanly, …", "moves 20 GiB"). */
  readonly notes: readonly string[];
  /** Bytes a migration moves. */
  readonly bytesToMove?: number;
  /** Errors refuse the change; warnings are shown with the plan by both front doors. */
  readonly diagnostics: readonly Diagnostic[];
}

const HALT_NOTE = /shut down cleanly, updated and started again/;

export function decide(req: DecideRequest): Decision {
  const { schema, prior, config } = req;
  const diff = planResourceChange(schema, prior, config, { ignoreChanges: req.ignoreChanges, forceReplace: req.forceReplace });
  const diagnostics: Diagnostic[] = diff.diagnostics.map((d) => ({ ...d, address: req.address, summary: `${req.address}: ${d.summary}` }));
  let planned = diff.planned;
  let action: DiffAction = diff.action;
  let replacePaths: AttrPath[] = [...diff.replacePaths];
  let migratePaths: readonly AttrPath[] = diff.migratePaths;
  let haltPaths: readonly AttrPath[] = diff.haltPaths;
  const notes: string[] = [];
  let bytesToMove: number | undefined;
  let hookDecided = false;
  const hook = req.resource?.plan;
  if (hook && req.world && !req.forceReplace && (action !== 'replace' || prior)) {
    const refined = hook({ prior, planned, config, world: req.world, ...(req.capacity ? { capacity: req.capacity } : {}), ...(req.leaving ? { leaving: req.leaving } : {}) });
    notes.push(...(refined.notes ?? []));
    bytesToMove = refined.bytesToMove;
    diagnostics.push(...(refined.diagnostics ?? []));
    if (refined.action && prior) {
      // The resource classified the changes itself (identity-aware): its decision stands.
      hookDecided = true;
      action = refined.action === 'create' ? action : refined.action;
      planned = refined.planned;
      replacePaths = [...(refined.requiresReplace ?? [])];
      migratePaths = (refined.changes ?? []).filter((c) => c.update === 'migrate').map((c) => c.path);
      haltPaths = refined.haltPaths ?? [];
    } else if (action !== 'replace') {
      // A hook may find work the schema diff cannot see (a host that joined since the VLAN was
      // made): a no-op whose refined plan differs becomes an update.
      if (action === 'no-op' && !sameValue(refined.planned, planned)) action = 'update';
      // And it may take a change away (a default that is not the resource's to write): an
      // update whose refined plan is the prior state is a no-op.
      else if (action === 'update' && prior && sameValue(refined.planned, prior)) action = 'no-op';
      planned = refined.planned;
      if (refined.requiresReplace?.length) {
        replacePaths.push(...refined.requiresReplace);
        action = 'replace';
        planned = planResourceChange(schema, null, config).planned;
      }
    }
  }
  if (hook && req.world && req.forceReplace && action === 'replace') {
    // The replacement is a new object: planned as its create is (the resource fills what the
    // schema diff leaves unknown: a VM's memory bounds, disk and NIC positions), or the create
    // that follows a taint leaves them to the template and the next plan updates them.
    const refined = hook({ prior: null, planned: planResourceChange(schema, null, config).planned, config, world: req.world, ...(req.capacity ? { capacity: req.capacity } : {}), ...(req.leaving ? { leaving: req.leaving } : {}) });
    notes.push(...(refined.notes ?? []));
    diagnostics.push(...(refined.diagnostics ?? []));
    planned = refined.planned;
  }
  if (prior && action === 'no-op' && reordered(schema.block, prior, planned)) {
    action = 'update';
    notes.push('only the order of blocks in the configuration changed: the state is rewritten, XAPI is not called');
  } else if (prior && action === 'no-op' && hookDecided && configurableDiffers(schema.block, prior, planned)) {
    // The hook found the same objects (a name where the state has a UUID): nothing to do in
    // XAPI, but the planned values differ from the state's, which Terraform shows as an update.
    action = 'update';
    notes.push('the configuration names the same objects in another form (a name for a UUID): the state is rewritten, XAPI is not called');
  }
  if (hookDecided && haltPaths.length) {
    // The renderers say "will be shut down cleanly, updated and started again" from haltPaths.
    notes.splice(0, notes.length, ...notes.filter((n) => !HALT_NOTE.test(n)));
  } else if (action === 'update' && haltPaths.length) {
    notes.unshift(`${req.address} will be shut down cleanly, updated and started again (${haltPaths.map((p) => p.join('.')).join(', ')} can change only while halted)`);
  }
  if (prior && !hookDecided && (action === 'update' || action === 'migrate')) {
    planned = unknownAfterChange(schema.block, prior, planned, config, movesPool(prior, planned));
  }
  const running = prior ? prior.power_state === undefined || prior.power_state === 'running' || prior.power_state === 'paused' : false;
  const restarts = (action === 'update' || action === 'migrate') && haltPaths.length > 0 && running;
  return { action, planned, replacePaths, migratePaths, haltPaths, restarts, notes: [...new Set(notes)], ...(bytesToMove !== undefined ? { bytesToMove } : {}), diagnostics };
}

/** The configuration's `pool` differs from the prior's: every object gets new identities there. */
function movesPool(prior: ObjectValue, planned: ObjectValue): boolean {
  const to = planned.pool;
  return typeof prior.pool === 'string' && typeof to === 'string' && prior.pool !== to;
}

/**
 * True when a nested block list holds the same elements as the prior's in another order (the
 * configuration was reordered). A hook that matches blocks by identity calls that no change,
 * but the recorded state changes, and Terraform, comparing values itself, plans an update.
 */
function reordered(block: BlockSchema, prior: ObjectValue, planned: ObjectValue): boolean {
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    if (bt.nesting === 'set' || bt.nesting === 'single') continue;
    const a = list(prior[name]);
    const b = list(planned[name]);
    if (a.length !== b.length || a.length < 2) continue;
    const same = (x: Value, y: Value) => isObjectValue(x) && isObjectValue(y) && sameConfigurable(bt.block, x, y);
    const inOrder = a.every((x, i) => same(x, b[i]));
    if (inOrder) continue;
    if (bt.identity) {
      // Elements with an identity are the same objects when their keys match (the schema's rule).
      const key = bt.identity.key;
      const keyOf = (x: Value): Value | undefined => (isObjectValue(x) ? x[key] : undefined);
      const byKey = new Map(a.map((x) => [JSON.stringify(keyOf(x) ?? null), x] as const));
      if (byKey.size === a.length && b.every((y) => { const x = byKey.get(JSON.stringify(keyOf(y) ?? null)); return x !== undefined && same(x, y); })) return true;
      continue;
    }
    const used = new Set<number>();
    const permutation = b.every((y) => {
      const i = a.findIndex((x, j) => !used.has(j) && same(x, y));
      if (i < 0) return false;
      used.add(i);
      return true;
    });
    if (permutation) return true;
  }
  return false;
}

function emptyish(v: Value): boolean {
  return v === null || (Array.isArray(v) && v.length === 0) || (isObjectValue(v) && Object.keys(v).length === 0);
}

function list(v: Value | undefined): Value[] {
  return v === null || v === undefined || isUnknown(v) ? [] : Array.isArray(v) ? v : [v];
}

/**
 * Computed values an update or a migration will change, planned unknown so that the apply
 * result stays consistent with the plan (for resources whose hook did not settle them):
 * - in a nested block element that is new or changed, its read-only attributes (a new disk's
 *   `vdi_uuid`, a changed NIC's `vif_uuid`);
 * - on a move to another pool, the unset attributes whose update class is `migrate` and the
 *   read-only attributes of every nested element (objects get new identities there).
 */
export function unknownAfterChange(block: BlockSchema, prior: ObjectValue, planned: ObjectValue, config: ObjectValue, moving: boolean): ObjectValue {
  const out: ObjectValue = { ...planned };
  if (moving) {
    for (const [name, attr] of Object.entries(block.attributes)) {
      if (attr.computed && attr.update === 'migrate' && (config[name] ?? null) === null && name !== 'pool') out[name] = UNKNOWN;
    }
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const pv = out[name] ?? null;
    if (pv === null || isUnknown(pv)) continue;
    const priorItems = list(prior[name]);
    const mark = (el: Value, i: number): Value => {
      if (!isObjectValue(el)) return el;
      const before = priorItems[i];
      if (!moving && isObjectValue(before) && sameConfigurable(bt.block, before, el)) return el;
      const copy: ObjectValue = { ...el };
      for (const [n, a] of Object.entries(bt.block.attributes)) if (a.computed && !a.required && !a.optional) copy[n] = UNKNOWN;
      return copy;
    };
    out[name] = Array.isArray(pv) ? pv.map(mark) : mark(pv, 0);
  }
  return out;
}

/** Whether a configurable value (nested blocks included) of `planned` differs from `prior`; unknown planned values do not. */
function configurableDiffers(block: BlockSchema, prior: ObjectValue, planned: ObjectValue): boolean {
  for (const [n, attr] of Object.entries(block.attributes)) {
    const want = planned[n] ?? null;
    if (!(attr.required || attr.optional) || containsUnknown(want)) continue;
    if (!valuesEqual(prior[n] ?? null, want) && !(emptyish(prior[n] ?? null) && emptyish(want))) return true;
  }
  for (const [n, bt] of Object.entries(block.blockTypes ?? {})) {
    if (bt.nesting === 'set') continue;
    const a = list(prior[n]);
    const b = list(planned[n]);
    if (isUnknown(planned[n] ?? null)) continue;
    if (a.length !== b.length) return true;
    if (a.some((x, i) => isObjectValue(x) && isObjectValue(b[i]) && configurableDiffers(bt.block, x, b[i] as ObjectValue))) return true;
  }
  return false;
}

function sameConfigurable(block: BlockSchema, a: ObjectValue, b: ObjectValue): boolean {
  return Object.entries(block.attributes).every(([n, attr]) => !(attr.required || attr.optional) || valuesEqual(a[n] ?? null, b[n] ?? null) || (emptyish(a[n] ?? null) && emptyish(b[n] ?? null)));
}

/** What PlanResourceChange records in the planned private data, and ApplyResourceChange follows. */
export interface RecordedDecision {
  readonly action: DiffAction;
  readonly haltPaths: readonly AttrPath[];
}

/** The planned private bytes: versioned JSON (Terraform stores them opaque). */
export function encodeDecision(d: Pick<Decision, 'action' | 'haltPaths'>): Buffer {
  return Buffer.from(JSON.stringify({ xcpform: 2, action: d.action, halt: d.haltPaths }));
}

/** The recorded decision, or undefined for private data without one (older provider, import). */
export function decodeDecision(bytes: Buffer | Uint8Array | undefined): RecordedDecision | undefined {
  if (!bytes || !bytes.length) return undefined;
  try {
    const v = JSON.parse(Buffer.from(bytes).toString('utf8'));
    const actions: DiffAction[] = ['create', 'update', 'migrate', 'replace', 'no-op'];
    if (v && v.xcpform === 2 && actions.includes(v.action) && Array.isArray(v.halt)) return { action: v.action, haltPaths: v.halt };
  } catch { /* not ours: no recorded decision */ }
  return undefined;
}

/** A diagnostic for a decision the apply-time check cannot follow. */
export function decisionChanged(address: string, planned: DiffAction, now: DiffAction): Diagnostic {
  return error('apply.decision-changed', `${address}: the planned ${planned} is now a ${now}`, {
    address,
    detail: 'With the values known at apply time the change is no longer what the plan showed. Nothing was changed for this resource; run plan again and review the new plan.',
  });
}
