/**
 * `data.xcp_cloud_config`: one cloud config of a pool by name (see
 * `resources/cloud-config/read.ts` for where it is kept). None or several is an error listing
 * the names the pool has.
 */
import { error } from '../../diagnostics';
import type { DataReadRequest, DataSourceType, ReadResponse } from '../../resources/resource';
import { didYouMean } from '../../resources/candidates';
import { CLOUD_CONFIG_CLASSES, cloudConfigs } from '../../resources/cloud-config/read';
import { str } from '../../resources/kit/values';
import { cloudConfigDataSchema } from './schema';

function read({ config, world, defaultPool }: DataReadRequest): ReadResponse {
  const pool = str(config.pool) ?? defaultPool;
  const name = str(config.name) ?? '';
  const all = cloudConfigs(world.pool(pool));
  const found = all.filter((c) => c.name === name);
  if (found.length === 1) {
    const c = found[0];
    return { state: { id: c.uuid, pool, name: c.name, uuid: c.uuid, template: c.template } };
  }
  const names = [...new Set(all.map((c) => c.name))];
  return {
    state: null,
    diagnostics: [found.length === 0
      ? error('data.not-found', `no cloud config named "${name}" in pool "${pool}"`, {
        detail: `Pool "${pool}" has ${names.length ? `the cloud configs ${names.map((n) => `"${n}"`).join(', ')}` : 'no cloud config'}.${didYouMean(name, names)} Create it with xcp_cloud_config, or fix the name or the pool.`,
      })
      : error('data.ambiguous', `${found.length} cloud configs are named "${name}" in pool "${pool}"`, {
        detail: `Their UUIDs: ${found.map((c) => c.uuid).join(', ')}. Rename all but one (xcp_cloud_config refuses a taken name; another tool may have made the others).`,
      })],
  };
}

/** The `xcp_cloud_config` data source. */
export const cloudConfigDataSource = { schema: cloudConfigDataSchema, classes: CLOUD_CONFIG_CLASSES, read } satisfies DataSourceType;
