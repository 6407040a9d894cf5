/**
 * `xcp_pool`: adopts a pool and manages its settings (schema in `schema.ts`). Read maps the bulk
 * records (`read.ts`); apply adopts, converges and un-adopts (`apply.ts`). Import takes the pool
 * name (`dc1`), `<pool>/<pool uuid>` or the pool's UUID.
 */
import { error } from '../../diagnostics';
import type { PlanRequest, PlanResponse, ReadResponse, ResourceType } from '../resource';
import { didYouMean } from '../candidates';
import { lookup, uuidOf } from '../kit/refs';
import { createPool, deletePool, updatePool } from './apply';
import { POOL_CLASSES, poolObject, poolState } from './read';
import { poolSchema } from './schema';
import { changed, str } from '../kit/values';

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

/**
 * A new coordinator must name a host of the pool: apply resolves it, so a name that matches no
 * host (misspelt, or renamed by its xcp_host) is refused now, with the close names.
 */
function planPool(req: PlanRequest): PlanResponse {
  const master = str(req.planned.master);
  const pool = str(req.planned.pool) ?? req.world.poolNames()[0];
  if (!master || !pool || (req.prior && !changed(req.prior.master, req.planned.master))) return { planned: req.planned };
  const records = req.world.pool(pool);
  if (!records.has('host')) return { planned: req.planned };
  const found = lookup(records, 'host', master);
  // The coordinator is the host the name designates now: its UUID goes into the plan, and apply
  // designates that host even when an xcp_host of the same plan renames it first.
  if (found.length === 1) return { planned: { ...req.planned, master_uuid: uuidOf(records, 'host', found[0]) } };
  if (found.length > 1) return { planned: req.planned };
  return {
    planned: req.planned,
    diagnostics: [error('resource.reference-not-found', `master "${master}" is no host of pool "${pool}"`, {
      detail: `The coordinator is designated by name or UUID.${didYouMean(master, [...records.all('host').values()].map((h) => h.name_label))} Name a host of the pool (xcp_host.<name>.uuid follows a host that is renamed).`,
      path: ['master'],
    })],
  };
}

/** The `xcp_pool` resource type. */
export const poolResource = {
  schema: poolSchema,
  classes: POOL_CLASSES,
  read: ({ prior, world }) => ({ state: poolState(world.pool(str(prior.pool) ?? world.poolNames()[0]), prior) }),
  plan: planPool,
  create: createPool,
  update: updatePool,
  delete: deletePool,
  import: ({ id, world, defaultPool }) => importPool(id, world, defaultPool),
} satisfies ResourceType;
