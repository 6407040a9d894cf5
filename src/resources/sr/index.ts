/**
 * `xcp_sr`: a storage repository and its PBDs (schema in `schema.ts`). Read maps the bulk
 * records (`read.ts`); apply creates, converges and forgets or destroys (`apply.ts`).
 */
import type { ResourceType } from '../resource';
import { locateImport } from '../kit/import-id';
import { str } from '../kit/values';
import { createSr, deleteSr, updateSr } from './apply';
import { planSr, SR_USER_CLASSES } from './plan';
import { SR_CLASSES, srState } from './read';
import { srSchema } from './schema';

/** The `xcp_sr` resource type. */
export const srResource = {
  schema: srSchema,
  classes: [...SR_CLASSES, ...SR_USER_CLASSES],
  read: ({ prior, world }) => ({ state: srState(world.pool(str(prior.pool) ?? ''), str(prior.uuid) ?? '', prior) }),
  plan: planSr,
  create: createSr,
  update: updateSr,
  delete: deleteSr,
  import: ({ id, world, defaultPool }) => {
    const at = locateImport('xcp_sr', id, world, defaultPool, 'SR');
    return 'records' in at ? { state: srState(at.records, at.uuid, null) } : at;
  },
  capabilities: { seconds: { create: 20, delete: 5 } },
} satisfies ResourceType;
