/**
 * `xcp_network`: a pool-wide Open vSwitch network (schema in `schema.ts`). The plan hook lists
 * the interfaces an MTU change reaches only when they are re-plugged, and refuses a replacement
 * while VM interfaces are on the network (`in-use.ts`), and purposes XAPI refuses together
 * (`plan-purpose.ts`).
 */
import type { PlanRequest, PlanResponse, ResourceType } from '../resource';
import { locateImport } from '../kit/import-id';
import { num, str } from '../kit/values';
import { createNetwork, deleteNetwork, updateNetwork } from './apply';
import { NETWORK_USER_CLASSES, withReplaceInUseCheck } from './in-use';
import { NETWORK_CLASSES, networkState } from './read';
import { withPurposeCheck } from './plan-purpose';
import { networkSchema } from './schema';

/** Plan note for an MTU change of a network (shared with xcp_vlan and xcp_private_network). */
export function mtuNotes(req: PlanRequest): PlanResponse {
  const { prior, planned } = req;
  const before = num(prior?.mtu);
  const after = num(planned.mtu);
  if (!prior || before === undefined || after === undefined || before === after) return { planned };
  const n = req.world.pool(str(prior.pool) ?? '').byUuid('network', str(prior.uuid) ?? '');
  const pifs = n?.record.PIFs.length ?? 0;
  const vifs = n?.record.VIFs.length ?? 0;
  return { planned, notes: [`MTU ${before} → ${after}: ${pifs} PIF(s) and ${vifs} VIF(s) on the network take the new MTU when next plugged (VM reboot or PIF re-plug)`] };
}

/** The `xcp_network` resource type. */
export const networkResource = {
  schema: networkSchema,
  classes: [...new Set([...NETWORK_CLASSES, ...NETWORK_USER_CLASSES])],
  read: ({ prior, world }) => ({ state: networkState(world.pool(str(prior.pool) ?? ''), str(prior.uuid) ?? '', prior) }),
  plan: (req) => withPurposeCheck(withReplaceInUseCheck(req, mtuNotes(req), networkSchema)),
  create: createNetwork,
  update: updateNetwork,
  delete: deleteNetwork,
  import: ({ id, world, defaultPool }) => {
    const at = locateImport('xcp_network', id, world, defaultPool, 'network');
    return 'records' in at ? { state: networkState(at.records, at.uuid, null) } : at;
  },
  capabilities: { network: true },
} satisfies ResourceType;
