/** Drift: objects changed or deleted outside xcpform, found by comparing prior and refreshed state. */
import { resourceSchema } from '../provider/schemas';
import { isObjectValue, ObjectValue, Value, valuesEqual } from '../values/value';
import type { BlockSchema } from '../schema/model';
import { equivalent } from '../schema/defaults';
import type { ResourceChange } from './model';
import { jsonPatch } from './patch';
import type { PriorResource } from './ports';
import { sensitivePaths } from './sensitive';

export function detectDrift(
  prior: readonly PriorResource[],
  refreshed: ReadonlyMap<string, ObjectValue | null>,
  _byAddress: ReadonlyMap<string, PriorResource>,
): ResourceChange[] {
  const out: ResourceChange[] = [];
  for (const r of prior) {
    if (r.mode !== 'managed' || !refreshed.has(r.address)) continue;
    const now = refreshed.get(r.address)!;
    const schema = resourceSchema(r.type);
    if (now !== null && (valuesEqual(r.attributes, now) || (schema && !configurableChanged(schema.block, r.attributes, now)))) continue;
    out.push({
      address: r.address, mode: 'managed', type: r.type, name: r.name,
      ...(r.index !== undefined ? { index: r.index } : {}),
      providerConfig: r.providerConfig, action: now === null ? 'delete' : 'update',
      before: r.attributes, after: now,
      beforeSensitive: schema ? sensitivePaths(schema.block, r.attributes) : [],
      afterSensitive: schema && now ? sensitivePaths(schema.block, now) : [],
      replacePaths: [], migratePaths: [], haltPaths: [], notes: [],
      dependsOn: r.dependencies, schemaVersion: schema?.version ?? 0, patch: jsonPatch(r.attributes, now),
    });
  }
  return out.sort((a, b) => (a.address < b.address ? -1 : 1));
}

/**
 * Drift worth reporting: a configurable attribute or block changed. Read-only attributes (a
 * guest's IP addresses, a network's VIF list) change all the time and are not "changed
 * outside xcpform" in the sense the reviewer cares about, as in Terraform's relevant
 * attributes. Values that mean the same are no change: null and the schema default (a state
 * written by Terraform), null and an empty collection, a set in another order.
 */
function configurableChanged(block: BlockSchema, before: ObjectValue, after: ObjectValue): boolean {
  for (const [name, attr] of Object.entries(block.attributes)) {
    if ((attr.required || attr.optional) && !equivalent(attr, before[name] ?? null, after[name] ?? null)) return true;
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const b = elements(before[name]);
    const a = elements(after[name]);
    if (b.length !== a.length) return true;
    if (b.some((el, i) => (isObjectValue(el) && isObjectValue(a[i]) ? configurableChanged(bt.block, el, a[i] as ObjectValue) : !valuesEqual(el, a[i])))) return true;
  }
  return false;
}

/** A nested block's elements; a single block is one element, an absent one none. */
function elements(v: Value | undefined): Value[] {
  return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
}
