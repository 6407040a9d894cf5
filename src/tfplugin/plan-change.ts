/**
 * PlanResourceChange's decision, in engine terms first and Terraform's second:
 * 1. the engine's schema-driven diff (`plan/diff.ts`, the same call the CLI planner makes)
 *    decides the planned values, the action and the paths that force replacement;
 * 2. the resource may refine it (`ResourceType.plan`);
 * 3. values that an apply may change are planned unknown (computed values of moved or changed
 *    nested objects; see `unknownAfterChange`);
 * 4. the result is put in the Terraform view (views.ts): configured values exactly as written.
 * Deterministic: no clock, no randomness, and the world is only read by a resource's `plan`.
 */
import type { Diagnostic } from '../diagnostics';
import { planResourceChange, type DiffAction } from '../plan/diff';
import type { AttrPath } from '../plan/paths';
import type { ResourceType } from '../resources/resource';
import type { WorldSnapshot } from '../resources/snapshot';
import type { BlockSchema, ResourceSchema } from '../schema/model';
import { isObjectValue, isUnknown, ObjectValue, UNKNOWN, Value, valuesEqual } from '../values/value';
import { keepConfigured, withDefaults } from './views';

export interface PlanInput {
  readonly schema: ResourceSchema;
  readonly resource?: ResourceType;
  /** Terraform-view prior state; null for a create. */
  readonly prior: ObjectValue | null;
  readonly config: ObjectValue;
  readonly defaultPool: string;
  /** Records for the resource's `plan` refinement; called only when the resource has one. */
  readonly world?: () => Promise<WorldSnapshot>;
}

export interface PlanOutput {
  /** Terraform-view planned state. */
  readonly planned: ObjectValue;
  readonly action: DiffAction;
  readonly requiresReplace: readonly AttrPath[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The engine-view configuration: the pool defaults to the provider's default pool on create. */
export function engineConfig(schema: ResourceSchema, config: ObjectValue, prior: ObjectValue | null, defaultPool: string): ObjectValue {
  const out = { ...config };
  if ('pool' in schema.block.attributes && (out.pool ?? null) === null && !prior) out.pool = defaultPool;
  return out;
}

export async function planChange(input: PlanInput): Promise<PlanOutput> {
  const { schema, prior } = input;
  const config = engineConfig(schema, input.config, prior, input.defaultPool);
  const enginePrior = prior ? withDefaults(schema.block, prior) : null;
  const diagnostics: Diagnostic[] = [];

  const diff = planResourceChange(schema, enginePrior, config);
  diagnostics.push(...diff.diagnostics);
  let planned = diff.planned;
  let action = diff.action;
  const requiresReplace: AttrPath[] = [...diff.replacePaths];

  if (input.resource?.plan && input.world && action !== 'no-op' && action !== 'replace') {
    const refined = input.resource.plan({ prior: enginePrior, planned, config, world: await input.world() });
    planned = refined.planned;
    diagnostics.push(...(refined.diagnostics ?? []));
    if (refined.requiresReplace?.length) {
      requiresReplace.push(...refined.requiresReplace);
      action = 'replace';
      planned = planResourceChange(schema, null, config).planned;
    }
  }
  if (enginePrior && (action === 'update' || action === 'migrate')) {
    planned = unknownAfterChange(schema.block, enginePrior, planned, config, action === 'migrate');
  }
  return { planned: keepConfigured(schema.block, planned, config), action, requiresReplace, diagnostics };
}

/**
 * Computed values an update or a migration will change, planned unknown so that the apply
 * result stays consistent with the plan:
 * - in a nested block element that is new or changed, its read-only attributes (a new disk's
 *   `vdi_uuid`, a changed NIC's `vif_uuid`);
 * - on a migration, the unset attributes whose update class is `migrate` (the `host` a VM
 *   lands on) and the read-only attributes of every nested element (disks get new VDIs).
 */
export function unknownAfterChange(block: BlockSchema, prior: ObjectValue, planned: ObjectValue, config: ObjectValue, moving: boolean): ObjectValue {
  const out: ObjectValue = { ...planned };
  if (moving) {
    for (const [name, attr] of Object.entries(block.attributes)) {
      if (attr.computed && attr.update === 'migrate' && (config[name] ?? null) === null) out[name] = UNKNOWN;
    }
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const pv = out[name] ?? null;
    if (pv === null || isUnknown(pv)) continue;
    const priorItems = listOf(prior[name]);
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

function listOf(v: Value | undefined): Value[] {
  return v === null || v === undefined || isUnknown(v) ? [] : Array.isArray(v) ? v : [v];
}

function sameConfigurable(block: BlockSchema, a: ObjectValue, b: ObjectValue): boolean {
  return Object.entries(block.attributes).every(([n, attr]) => !(attr.required || attr.optional) || valuesEqual(a[n] ?? null, b[n] ?? null) || ((a[n] ?? null) === null && (b[n] ?? null) === null));
}
