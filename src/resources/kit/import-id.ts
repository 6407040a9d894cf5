/**
 * Import ids of the infra resources: `<pool>/<uuid>`, or a bare UUID looked up in the default
 * pool (and, failing that, in every pool of the snapshot, since a UUID is unique).
 */
import { error } from '../../diagnostics';
import type { XapiClass } from '../../xenapi';
import type { ReadResponse } from '../resource';
import type { PoolRecords, WorldSnapshot } from '../snapshot';

export interface ImportTarget {
  readonly pool: string;
  readonly uuid: string;
}

/** Splits an import id into pool and UUID. */
export function parseImportId(id: string, defaultPool: string): ImportTarget {
  const slash = id.indexOf('/');
  if (slash < 0) return { pool: defaultPool, uuid: id.trim() };
  return { pool: id.slice(0, slash).trim(), uuid: id.slice(slash + 1).trim() };
}

/**
 * Finds the pool holding an object of `cls` with the id's UUID, or a diagnostic saying what the
 * id should look like.
 */
export function locateImport(typeName: string, id: string, world: WorldSnapshot, defaultPool: string, cls: XapiClass): { records: PoolRecords; uuid: string } | ReadResponse {
  const target = parseImportId(id, defaultPool);
  const pools = id.includes('/') ? [target.pool] : [target.pool, ...world.poolNames().filter((p) => p !== target.pool)];
  for (const pool of pools) {
    const records = world.pool(pool);
    if (records.byUuid(cls, target.uuid)) return { records, uuid: target.uuid };
  }
  return {
    state: null,
    diagnostics: [error('import.not-found', `cannot import ${typeName} "${id}": no such object`, {
      detail: `No ${cls} with UUID "${target.uuid}" exists in pool "${target.pool}". Give the id as <pool>/<uuid> (pool = a key of the provider's pools) or as a bare UUID in the default pool.`,
    })],
  };
}
