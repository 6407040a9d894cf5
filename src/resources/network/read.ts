/** `xcp_network` state from bulk records; `automatic` is XAPI's `other_config:automatic`. */
import type { XapiClass } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { readLabels } from '../kit/labels';
import { sorted } from '../kit/values';

/** Classes `xcp_network` reads. */
export const NETWORK_CLASSES: readonly XapiClass[] = ['network', 'PIF', 'VIF'];

/** The other_config key behind `automatic` (so it is not also reported as a user key). */
export const AUTOMATIC_KEY = 'automatic';

/** Maps a network to `xcp_network` state; null when it was destroyed. */
export function networkState(records: PoolRecords, uuid: string, prior: ObjectValue | null): ObjectValue | null {
  const found = records.byUuid('network', uuid);
  if (!found) return null;
  const n = found.record;
  return {
    id: n.uuid,
    uuid: n.uuid,
    pool: records.pool,
    ...readLabels(n, prior, [AUTOMATIC_KEY]),
    mtu: n.MTU,
    managed: n.managed,
    default_locking_mode: n.default_locking_mode ?? 'unlocked',
    purpose: sorted(new Set(n.purpose ?? [])),
    automatic: n.other_config[AUTOMATIC_KEY] === 'true',
    bridge: n.bridge,
    pifs: sorted(n.PIFs.map((p) => records.get('PIF', p)?.uuid ?? '').filter(Boolean)),
    vifs: sorted(n.VIFs.map((v) => records.get('VIF', v)?.uuid ?? '').filter(Boolean)),
  };
}
