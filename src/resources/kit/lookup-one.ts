/**
 * The lookup rule of every infra data source: filter the records of one pool, succeed on
 * exactly one match, otherwise a diagnostic that lists the candidates (by name and UUID) and
 * says which filter to add.
 */
import { error } from '../../diagnostics';
import type { Ref, XapiClass, XapiRecord } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ReadResponse } from '../resource';
import type { PoolRecords, WorldSnapshot } from '../snapshot';
import { str } from './values';

export interface LookupRequest<C extends XapiClass> {
  readonly typeName: string;
  readonly what: string;
  readonly cls: C;
  readonly config: ObjectValue;
  readonly world: WorldSnapshot;
  readonly defaultPool: string;
  /** Extra filters besides uuid and name_label; each returns false to drop a record. */
  readonly filters?: readonly ((records: PoolRecords, ref: Ref<C>, rec: XapiRecord<C>) => boolean)[];
  /** The filters the configuration used, for the message (`name_label = "x"`). */
  readonly describe: string;
  /** Builds the state of the one match. */
  readonly state: (records: PoolRecords, ref: Ref<C>, rec: XapiRecord<C>) => ObjectValue;
}

/** Runs a lookup; see the file comment. */
export function lookupOne<C extends XapiClass>(req: LookupRequest<C>): ReadResponse {
  const pool = str(req.config.pool) ?? req.defaultPool;
  const records = req.world.pool(pool);
  const uuid = str(req.config.uuid);
  const name = str(req.config.name_label);
  const matches: { ref: Ref<C>; rec: XapiRecord<C> }[] = [];
  for (const [ref, rec] of records.all(req.cls)) {
    const r = rec as unknown as { uuid: string; name_label?: string };
    if (uuid !== undefined && r.uuid !== uuid) continue;
    if (name !== undefined && r.name_label !== name) continue;
    if ((req.filters ?? []).every((f) => f(records, ref, rec))) matches.push({ ref, rec });
  }
  if (matches.length === 1) return { state: { ...req.state(records, matches[0].ref, matches[0].rec), pool } };
  const label = (rec: XapiRecord<C>): string => {
    const r = rec as unknown as { uuid: string; name_label?: string };
    return `"${r.name_label ?? ''}" (${r.uuid})`;
  };
  if (matches.length === 0) {
    const all = [...records.all(req.cls).values()].map(label).sort();
    return {
      state: null,
      diagnostics: [error('data.not-found', `no ${req.what} matches ${req.describe} in pool "${pool}"`, {
        detail: `data.${req.typeName} found no ${req.what} in pool "${pool}" with ${req.describe}. ${all.length ? `Existing: ${all.slice(0, 10).join(', ')}${all.length > 10 ? ', ...' : ''}.` : `Pool "${pool}" has none.`} Fix the filter or the pool.`,
      })],
    };
  }
  return {
    state: null,
    diagnostics: [error('data.ambiguous', `${matches.length} ${req.what}s match ${req.describe} in pool "${pool}"`, {
      detail: `data.${req.typeName} must find exactly one ${req.what}; these match: ${matches.map((m) => label(m.rec)).sort().join(', ')}. Add a filter (uuid is always unique).`,
    })],
  };
}

/** "name_label = \"x\", uuid = \"y\"" from the set filters of a data source config. */
export function describeFilters(config: ObjectValue, keys: readonly string[]): string {
  const parts = keys.filter((k) => config[k] !== null && config[k] !== undefined && !(Array.isArray(config[k]) && (config[k] as unknown[]).length === 0))
    .map((k) => `${k} = ${JSON.stringify(config[k])}`);
  return parts.length ? parts.join(', ') : 'no filter';
}
