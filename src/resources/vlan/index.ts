/**
 * `xcp_vlan`: a tagged VLAN on every host (schema in `schema.ts`). The plan hook extends an
 * unset `hosts` to every host of the pool, so a host that joined later gets its VLAN PIF, and
 * notes MTU changes; it refuses what the create would refuse (`plan.ts`), and a replacement
 * that would destroy a network VM interfaces are on (`../network/in-use.ts`).
 */
import type { ResourceType } from '../resource';
import { mtuNotes } from '../network';
import { NETWORK_USER_CLASSES, withReplaceInUseCheck } from '../network/in-use';
import { planAllHosts } from '../kit/hosts';
import { locateImport } from '../kit/import-id';
import { str } from '../kit/values';
import { createVlan, deleteVlan, updateVlan } from './apply';
import { destroysNetwork, withVlanChecks } from './plan';
import { VLAN_CLASSES, vlanState } from './read';
import { vlanSchema } from './schema';

/** The `xcp_vlan` resource type. */
export const vlanResource = {
  schema: vlanSchema,
  classes: [...new Set([...VLAN_CLASSES, ...NETWORK_USER_CLASSES])],
  read: ({ prior, world }) => ({ state: vlanState(world.pool(str(prior.pool) ?? ''), str(prior.uuid) ?? '', prior) }),
  plan: (req) => withReplaceInUseCheck(req, withVlanChecks(req, mtuNotes({ ...req, planned: planAllHosts(req) })), vlanSchema, destroysNetwork),
  create: createVlan,
  update: updateVlan,
  delete: deleteVlan,
  import: ({ id, world, defaultPool }) => {
    const at = locateImport('xcp_vlan', id, world, defaultPool, 'network');
    return 'records' in at ? { state: vlanState(at.records, at.uuid, null) } : at;
  },
  capabilities: { network: true },
} satisfies ResourceType;
