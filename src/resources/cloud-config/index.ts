/**
 * `xcp_cloud_config`: a named cloud-init template kept in the pool as an XAPI `secret` (schema
 * in `schema.ts`, storage in `read.ts`). Name and template change in place. The plan refuses a
 * name another cloud config of the pool already has: `data.xcp_cloud_config` finds them by name.
 */
import { error } from '../../diagnostics';
import type { PlanRequest, PlanResponse, ResourceType } from '../resource';
import { locateImport } from '../kit/import-id';
import { str } from '../kit/values';
import { createCloudConfig, deleteCloudConfig, updateCloudConfig } from './apply';
import { CLOUD_CONFIG_CLASSES, cloudConfigState, cloudConfigs } from './read';
import { cloudConfigSchema } from './schema';

/** A name another cloud config of the pool already carries is a plan error naming it. */
function plan(req: PlanRequest): PlanResponse {
  const name = str(req.planned.name);
  const pool = str(req.planned.pool) ?? str(req.prior?.pool);
  if (!name || !pool || !req.world.poolNames().includes(pool)) return { planned: req.planned };
  const records = req.world.pool(pool);
  if (!records.has('secret')) return { planned: req.planned };
  const other = cloudConfigs(records).find((c) => c.name === name && c.uuid !== str(req.prior?.uuid));
  if (!other) return { planned: req.planned };
  return {
    planned: req.planned,
    diagnostics: [error('xcp_cloud_config.name-taken', `cloud config "${name}" already exists in pool "${pool}"`, {
      detail: `Cloud config ${other.uuid} of pool "${pool}" has that name, and data.xcp_cloud_config finds cloud configs by name. Choose another name, or import that one (xcpform import <address> ${pool}/${other.uuid}).`,
      path: ['name'],
    })],
  };
}

/** The `xcp_cloud_config` resource type. */
export const cloudConfigResource = {
  schema: cloudConfigSchema,
  classes: CLOUD_CONFIG_CLASSES,
  read: ({ prior, world }) => ({ state: cloudConfigState(world.pool(str(prior.pool) ?? ''), str(prior.uuid) ?? '') }),
  plan,
  create: createCloudConfig,
  update: updateCloudConfig,
  delete: deleteCloudConfig,
  import: ({ id, world, defaultPool }) => {
    const at = locateImport('xcp_cloud_config', id, world, defaultPool, 'secret');
    if (!('records' in at)) return at;
    const state = cloudConfigState(at.records, at.uuid);
    return state ? { state } : {
      state: null,
      diagnostics: [error('import.not-found', `cannot import xcp_cloud_config "${id}": that secret is no cloud config`, {
        detail: `Secret ${at.uuid} has no "xcpform:cloud-config" name in its other_config, so it holds something else (a password of another feature). Import the UUID of a cloud config.`,
      })],
    };
  },
} satisfies ResourceType;
