/**
 * `xcp_pool`: adopts a pool and manages its settings (schema in `schema.ts`). Read maps the bulk
 * records (`read.ts`); apply adopts, converges and un-adopts (`apply.ts`). Import takes the pool
 * name (`dc1`), `<pool>/<pool uuid>` or the pool's UUID.
 */
import { error } from '../../diagnostics';
import type { ReadResponse, ResourceType } from '../resource';
import { createPool, deletePool, updatePool } from './apply';
import { POOL_CLASSES, poolObject, poolState } from './read';
import { poolSchema } from './schema';
import { str } from '../kit/values';

function importPool(id: string, world: import('../snapshot').WorldSnapshot, defaultPool: string): ReadResponse {
  const [name, uuid] = id.includes('/') ? id.split('/', 2) : [id, undefined];
  const candidates = world.poolNames().includes(name) ? [name] : world.poolNames();
  for (const pool of candidates) {
    const records = world.pool(pool);
    const found = poolObject(records);
    if (!found) continue;
    const want = uuid ?? (pool === name ? undefined : id);
    if (want === undefined || found.record.uuid === want) return { state: poolState(records, null) };
  }
  return {
    state: null,
    diagnostics: [error('import.not-found', `cannot import xcp_pool "${id}"`, {
      detail: `No configured pool is named "${name}" or has that UUID (default pool: "${defaultPool}"). Give the pool's name as in the provider's pools, e.g. "${defaultPool}".`,
    })],
  };
}

/** The `xcp_pool` resource type. */
export const poolResource = {
  schema: poolSchema,
  classes: POOL_CLASSES,
  read: ({ prior, world }) => ({ state: poolState(world.pool(str(prior.pool) ?? world.poolNames()[0]), prior) }),
  create: createPool,
  update: updatePool,
  delete: deletePool,
  import: ({ id, world, defaultPool }) => importPool(id, world, defaultPool),
} satisfies ResourceType;
