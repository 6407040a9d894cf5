/** Drift: objects changed or deleted outside xcpform, found by comparing prior and refreshed state. */
import { resourceSchema } from '../provider/schemas';
import { ObjectValue, valuesEqual } from '../values/value';
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
    if (now !== null && valuesEqual(r.attributes, now)) continue;
    const schema = resourceSchema(r.type);
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
