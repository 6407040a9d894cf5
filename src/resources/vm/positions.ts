/**
 * Identity of nested blocks: disks are keyed by VBD `userdevice`, NICs by VIF `device`, never by
 * list position. A block that leaves its position out gets the lowest position not claimed by
 * another block, in list order (so `disk {}` after `disk { userdevice = "0" }` is "1"). State
 * lists keep the prior state's order (the order of the configuration), and objects that are new
 * to the state follow in position order: reordering the configuration is never a change.
 */
import type { BlockIdentity } from '../../schema/model';
import { isUnknown, type ObjectValue } from '../../values/value';
import { byPosition } from '../kit/attrs';
import { vmSchema } from './schema';

function identityOf(block: string): BlockIdentity {
  const id = vmSchema.block.blockTypes?.[block]?.identity;
  if (!id) throw new Error(`xcp_vm schema: block ${block} declares no identity`);
  return id;
}

/** The identity the schema declares for disks (VBD `userdevice`) and NICs (VIF `device`). */
export const DISK_IDENTITY = identityOf('disk');
export const NIC_IDENTITY = identityOf('nic');

/**
 * The position of each block: its configured value, the assigned one when left out, or
 * undefined when the configured value is unknown.
 */
export function assignPositions(items: readonly ObjectValue[], key: string, limit: number, reserved: readonly string[] = []): (string | undefined)[] {
  const claimed = new Set<string>(reserved);
  for (const it of items) if (typeof it[key] === 'string') claimed.add(it[key] as string);
  let next = 0;
  return items.map((it) => {
    const v = it[key];
    if (typeof v === 'string') return v;
    if (isUnknown(v)) return undefined;
    while (claimed.has(String(next)) && next < limit) next++;
    const pos = String(next);
    claimed.add(pos);
    return pos;
  });
}

/** Orders `items` (keyed by `key`) like `prior`, then the rest by position. */
export function orderLike<T extends { readonly [k: string]: unknown }>(items: readonly T[], prior: readonly ObjectValue[], key: string): T[] {
  const rank = new Map<string, number>();
  prior.forEach((p, i) => {
    if (typeof p[key] === 'string' && !rank.has(p[key] as string)) rank.set(p[key] as string, i);
  });
  return [...items].sort((a, b) => {
    const ka = String(a[key]);
    const kb = String(b[key]);
    const ra = rank.get(ka);
    const rb = rank.get(kb);
    if (ra !== undefined && rb !== undefined) return ra - rb;
    if (ra !== undefined) return -1;
    if (rb !== undefined) return 1;
    return byPosition(ka, kb);
  });
}

/** The prior block with the given position. */
export function byKey(prior: readonly ObjectValue[], key: string, pos: string | undefined): ObjectValue | undefined {
  return pos === undefined ? undefined : prior.find((p) => p[key] === pos);
}
