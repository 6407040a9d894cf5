/** Drift: objects changed or deleted outside xcpform, found by comparing prior and refreshed state. */
import { resourceSchema } from '../provider/schemas';
import { isObjectValue, ObjectValue, Value, valuesEqual } from '../values/value';
import type { BlockSchema } from '../schema/model';
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
 * attributes.
 */
function configurableChanged(block: BlockSchema, before: ObjectValue, after: ObjectValue): boolean {
  for (const [name, attr] of Object.entries(block.attributes)) {
    if ((attr.required || attr.optional) && !valuesEqual(before[name] ?? null, after[name] ?? null)) return true;
  }
  for (const name of Object.keys(block.blockTypes ?? {})) {
    if (!valuesEqual(stripComputed(block.blockTypes![name].block, before[name] ?? null), stripComputed(block.blockTypes![name].block, after[name] ?? null))) return true;
  }
  return false;
}

function stripComputed(block: BlockSchema, v: Value): Value {
  const one = (x: Value): Value => (isObjectValue(x) ? Object.fromEntries(Object.entries(x).filter(([k]) => { const a = block.attributes[k]; return !a || a.required || a.optional; })) : x);
  return Array.isArray(v) ? v.map(one) : one(v);
}
