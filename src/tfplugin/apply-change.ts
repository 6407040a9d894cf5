/**
 * ApplyResourceChange: create, update, migrate or delete through the resource, then the result
 * in the Terraform view. Terraform rejects an apply result that changes any value it was shown
 * as known in the plan, so:
 * - configurable attributes that mean the same as planned keep the planned representation;
 * - a computed attribute that was planned known and came back different keeps the planned
 *   value (logged): the next refresh records the new value as drift of a read-only attribute,
 *   which plans no change, instead of failing an apply that has already happened;
 * - unknowns left in a result become null (a result must be wholly known).
 */
import type { Diagnostic } from '../diagnostics';
import { error } from '../diagnostics';
import { decide, type RecordedDecision } from '../plan/decide';
import type { ApplyContext, ResourceType } from '../resources/resource';
import { CreatedButFailed, ResourceError } from '../resources/resource';
import type { BlockSchema, ResourceSchema } from '../schema/model';
import { isObjectValue, isUnknown, ObjectValue, Value, valuesEqual } from '../values/value';
import type { Logger } from './log';
import { engineConfig } from './plan-change';
import { preferReference, withDefaults } from './views';

export interface ApplyInput {
  readonly schema: ResourceSchema;
  readonly resource: ResourceType;
  readonly prior: ObjectValue | null;
  readonly planned: ObjectValue | null;
  readonly config: ObjectValue | null;
  readonly defaultPool: string;
  readonly ctx: ApplyContext;
  readonly log: Logger;
  /** The decision PlanResourceChange recorded in the planned private data, when there is one. */
  readonly decision?: RecordedDecision;
}

export interface ApplyOutput {
  readonly state: ObjectValue | null;
  readonly diagnostics: Diagnostic[];
}

export async function applyChange(input: ApplyInput): Promise<ApplyOutput> {
  const { schema, resource, prior, planned, ctx } = input;
  const block = schema.block;
  const diagnostics: Diagnostic[] = [];
  const enginePrior = prior ? withDefaults(block, prior) : null;
  try {
    if (planned === null) {
      if (enginePrior) await resource.delete({ prior: enginePrior, ctx });
      return { state: null, diagnostics };
    }
    const config = engineConfig(schema, input.config ?? {}, prior, input.defaultPool, resource);
    const enginePlanned = withDefaults(block, planned);
    let result;
    if (!enginePrior) {
      result = await resource.create({ planned: enginePlanned, config, ctx });
    } else {
      // Follow the plan's decision; a plan from a provider that recorded none is decided again
      // from the schema (without the world, which only refines values).
      const action = input.decision?.action ?? decide({ schema, address: ctx.address, prior: enginePrior, config }).action;
      const req = { prior: enginePrior, planned: enginePlanned, config, ctx };
      if (action === 'migrate' && resource.migrate) result = await resource.migrate(req);
      else if (action === 'update' || action === 'migrate' || action === 'no-op') result = await resource.update(req);
      else {
        diagnostics.push(error('apply.unexpected-action', `${ctx.address}: the plan recorded a ${action} for an object that exists`, {
          detail: 'Terraform asked to change the object in place, but the plan decided it must be replaced. Run terraform plan again.',
        }));
        return { state: prior, diagnostics };
      }
    }
    diagnostics.push(...(result.diagnostics ?? []));
    return { state: finalState(block, result.state, planned, input.log), diagnostics };
  } catch (err) {
    if (err instanceof CreatedButFailed && planned) {
      // The object exists: its state with the error, which Terraform records as tainted.
      diagnostics.push(applyFailure(err.failure, ctx.address));
      return { state: finalState(block, err.state, planned, input.log), diagnostics };
    }
    diagnostics.push(applyFailure(err, ctx.address));
    // The best-known state: a failed create leaves nothing Terraform should track, a failed
    // update or delete leaves the object as it was.
    return { state: prior, diagnostics };
  }
}

/** A thrown error as a diagnostic; ResourceError carries its own, others become one. */
export function applyFailure(err: unknown, address: string): Diagnostic {
  if (err instanceof ResourceError) return err.diagnostic;
  const message = err instanceof Error ? err.message : String(err);
  return error('apply.failed', `${address}: ${message}`, {
    detail: 'The change was not completed. Fix the cause and run terraform apply again; xcpform adopts objects a failed create left behind.',
  });
}

/** The apply result in the Terraform view; see the file comment. */
export function finalState(block: BlockSchema, state: ObjectValue, planned: ObjectValue, log: Logger): ObjectValue {
  const folded = preferReference(block, state, planned);
  return keepKnownComputed(block, folded, planned, log, []);
}

function keepKnownComputed(block: BlockSchema, state: ObjectValue, planned: ObjectValue, log: Logger, path: string[]): ObjectValue {
  const out: ObjectValue = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    let v = known(state[name] ?? null);
    const p = planned[name] ?? null;
    if (attr.computed && !isUnknown(p) && !containsUnknownDeep(p) && !valuesEqual(v, p) && !(v === null && p === null)) {
      log.warn('a computed attribute changed during apply; keeping the planned value until the next refresh', { attribute: [...path, name].join('.') });
      v = p;
    }
    out[name] = v;
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const v = known(state[name] ?? null);
    const p = planned[name] ?? null;
    if (Array.isArray(v) && Array.isArray(p) && bt.nesting !== 'set') {
      out[name] = v.map((el, i) => (isObjectValue(el) && isObjectValue(p[i]) ? keepKnownComputed(bt.block, el, p[i] as ObjectValue, log, [...path, name]) : el));
    } else if (isObjectValue(v) && isObjectValue(p)) {
      out[name] = keepKnownComputed(bt.block, v, p, log, [...path, name]);
    } else {
      out[name] = v;
    }
  }
  return out;
}

function containsUnknownDeep(v: Value): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknownDeep);
  if (isObjectValue(v)) return Object.values(v).some(containsUnknownDeep);
  return false;
}

/** Replaces any unknown left in a value by null. */
export function known(v: Value): Value {
  if (isUnknown(v)) return null;
  if (Array.isArray(v)) return v.map(known);
  if (isObjectValue(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, known(x)]));
  return v;
}
