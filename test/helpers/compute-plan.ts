/** Planning helpers for the compute resource tests: config objects and the diff + plan hook. */
import { planResourceChange } from '../../src/plan/diff';
import type { ResourceSchema } from '../../src/schema/model';
import type { ResourceType } from '../../src/resources/resource';
import type { WorldSnapshot } from '../../src/resources/snapshot';
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../src/values/value';

/** A configuration object: every attribute and block of the schema present, null unless given. */
export function configOf(schema: ResourceSchema, given: ObjectValue): ObjectValue {
  const out: ObjectValue = {};
  for (const name of Object.keys(schema.block.attributes)) out[name] = null;
  for (const name of Object.keys(schema.block.blockTypes ?? {})) out[name] = null;
  for (const [name, bt] of Object.entries(schema.block.blockTypes ?? {})) {
    const v = given[name];
    if (v === undefined || v === null) continue;
    const items = (Array.isArray(v) ? v : [v]).map((item) => {
      const o: ObjectValue = {};
      for (const a of Object.keys(bt.block.attributes)) o[a] = null;
      return { ...o, ...(item as ObjectValue) };
    });
    out[name] = bt.nesting === 'single' ? items[0] : items;
  }
  for (const [k, v] of Object.entries(given)) if (!(k in (schema.block.blockTypes ?? {}))) out[k] = v;
  return out;
}

/** The schema diff followed by the resource's plan hook, as the planner runs them. */
export function planWith(type: ResourceType, prior: ObjectValue | null, config: ObjectValue, world: WorldSnapshot) {
  const diff = planResourceChange(type.schema, prior, config);
  const hook = type.plan ? type.plan({ prior, planned: diff.planned, config, world }) : { planned: diff.planned };
  return { diff, hook: hook as ReturnType<NonNullable<ResourceType['plan']>> & { changes?: { path: (string | number)[]; update: string }[]; action?: string } };
}

/** Values of `planned` that are known must equal `state` (unknown ones may be anything). */
export function knownMismatches(planned: Value, state: Value, path = ''): string[] {
  if (isUnknown(planned)) return [];
  if (Array.isArray(planned)) {
    if (!Array.isArray(state) || state.length !== planned.length) return [`${path}: ${JSON.stringify(planned)} != ${JSON.stringify(state)}`];
    return planned.flatMap((p, i) => knownMismatches(p, state[i], `${path}[${i}]`));
  }
  if (isObjectValue(planned)) {
    if (!isObjectValue(state)) return [`${path}: object != ${JSON.stringify(state)}`];
    return Object.keys(planned).flatMap((k) => knownMismatches(planned[k], state[k] ?? null, path ? `${path}.${k}` : k));
  }
  return JSON.stringify(planned) === JSON.stringify(state) ? [] : [`${path}: planned ${JSON.stringify(planned)} != state ${JSON.stringify(state)}`];
}
