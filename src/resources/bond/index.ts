/**
 * `xcp_bond`: interfaces of one host bonded on a network (schema in `schema.ts`). Members and
 * host force a new bond; mode, lacp properties and the labels of the bond's own network change in
 * place. The plan hook refuses what `Bond.create` would (`plan.ts`), and a replacement that
 * would destroy a network VM interfaces are on (`../network/in-use.ts`).
 */
import type { ObjectValue } from '../../values/value';
import type { ResourceType } from '../resource';
import type { WorldSnapshot } from '../snapshot';
import { lookup } from '../kit/refs';
import { NETWORK_USER_CLASSES, withReplaceInUseCheck } from '../network/in-use';
import { locateImport } from '../kit/import-id';
import { str } from '../kit/values';
import { createBond, deleteBond, updateBond } from './apply';
import { planBond } from './plan';
import { BOND_CLASSES, bondState, ownsNetwork } from './read';
import { bondSchema } from './schema';

/** UUID of the prior bond's network (its `network` may be spelled as a name). */
function networkUuid(prior: ObjectValue, world: WorldSnapshot): string | null {
  const pool = str(prior.pool);
  const net = str(prior.network);
  if (!pool || !net || !world.poolNames().includes(pool)) return null;
  const records = world.pool(pool);
  const refs = records.has('network') ? lookup(records, 'network', net) : [];
  return refs.length === 1 ? records.get('network', refs[0])!.uuid : null;
}

/** The `xcp_bond` resource type. */
export const bondResource = {
  schema: bondSchema,
  classes: [...new Set([...BOND_CLASSES, ...NETWORK_USER_CLASSES])],
  read: ({ prior, world }) => ({ state: bondState(world.pool(str(prior.pool) ?? ''), str(prior.uuid) ?? '', prior) }),
  // The in-use check looks at the bond's network: the one a replacement destroys when the bond made it.
  plan: (req) => withReplaceInUseCheck(req.prior ? { ...req, prior: { ...req.prior, uuid: networkUuid(req.prior, req.world) } } : req, planBond(req), bondSchema,
    (records, uuid) => {
      const bond = records.byUuid('Bond', str(req.prior?.uuid) ?? '');
      return bond !== undefined && ownsNetwork(bond.record, records.byUuid('network', uuid)?.record);
    }),
  create: createBond,
  update: updateBond,
  delete: deleteBond,
  import: ({ id, world, defaultPool }) => {
    const at = locateImport('xcp_bond', id, world, defaultPool, 'Bond');
    return 'records' in at ? { state: bondState(at.records, at.uuid, null) } : at;
  },
  capabilities: { network: true },
} satisfies ResourceType;
