/**
 * What each apply step of an infra resource starts with: the pool it acts on, a `XapiOps` bound
 * to that pool's client and the resource address, and fresh records for lookups.
 */
import type { XapiClass } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyContext } from '../resource';
import type { PoolRecords } from '../snapshot';
import { poolOf } from './values';
import { XapiOps } from './xapi-ops';

export interface ApplySession {
  readonly pool: string;
  readonly ops: XapiOps;
  /** Fresh records of the pool (one `get_all_records` per class). */
  records(): Promise<PoolRecords>;
}

/** Opens the pool named by `attrs.pool` (or the default pool) for one apply step. */
export async function openSession(ctx: ApplyContext, typeName: string, attrs: ObjectValue, classes: readonly XapiClass[], secrets: readonly string[] = []): Promise<ApplySession> {
  const pool = poolOf(attrs, ctx.pools);
  const client = await ctx.client(pool);
  const ops = new XapiOps(client, ctx, typeName, secrets);
  return {
    pool,
    ops,
    records: async () => {
      try {
        return await ctx.records(pool, classes);
      } catch (err) {
        throw ops.failure(`read the records of pool "${pool}"`, `${classes[0]}.get_all_records`, err);
      }
    },
  };
}

/** A field a typed record does not declare (xapi sends every field; older hosts may lack one). */
export function extraField<T>(record: unknown, name: string, fallback: T): T {
  const v = (record as Record<string, unknown>)[name];
  return v === undefined ? fallback : (v as T);
}
