/**
 * `xcp_network` apply: `network.create` with the owned keys in its record (no window without
 * them), then locking mode and purposes; update sets each changed attribute with its own call.
 * An MTU change is stored on the network; interfaces take it when re-plugged (the plan lists them).
 */
import type { Ref } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyResponse, CreateRequest, DeleteRequest, UpdateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { applyLabels, setOtherConfigKey } from '../kit/labels';
import { findByAddress, ownedEntries } from '../kit/owned-keys';
import { ApplySession, openSession } from '../kit/session';
import { bool, num, str, strList, strMap } from '../kit/values';
import { AUTOMATIC_KEY, NETWORK_CLASSES, networkState } from './read';

const TYPE = 'xcp_network';

async function stateAfter(s: ApplySession, uuid: string, prior: ObjectValue): Promise<ObjectValue> {
  const state = networkState(await s.records(), uuid, prior);
  if (!state) throw s.ops.refuse('resource.gone', `network ${uuid} disappeared`, 'The network was destroyed outside xcpform while it was being changed. Run plan again.');
  return state;
}

/** The `network.create` record for a planned network (shared with xcp_vlan and xcp_private_network). */
export function networkRecord(address: string, planned: ObjectValue, extraOtherConfig: Record<string, string> = {}, lineage?: string): Record<string, string | number | boolean | string[] | Record<string, string>> {
  const userOc = strMap(planned.other_config) ?? {};
  return {
    name_label: str(planned.name_label) ?? '',
    name_description: str(planned.name_description) ?? '',
    MTU: num(planned.mtu) ?? 1500,
    other_config: { ...userOc, ...extraOtherConfig, ...ownedEntries(address, Object.keys(userOc), lineage) },
    tags: strList(planned.tags) ?? [],
    bridge: '',
  };
}

/** Creates (or adopts) the network. */
export async function createNetwork(req: CreateRequest): Promise<ApplyResponse> {
  const { planned, ctx } = req;
  const s = await openSession(ctx, TYPE, planned, NETWORK_CLASSES);
  let records = await s.records();
  let ref = findByAddress(records, 'network', ctx.address, ctx.lineage)[0]?.ref;
  if (!ref) {
    const rec = { ...networkRecord(ctx.address, planned, { [AUTOMATIC_KEY]: String(bool(planned.automatic) ?? false) }, ctx.lineage), managed: bool(planned.managed) ?? true };
    ref = await s.ops.create<Ref<'network'>>('create the network', 'network', rec);
    records = await s.records();
  } else {
    ctx.progress({ kind: 'message', text: 'adopting the network left by an interrupted create' });
  }
  const uuid = records.get('network', ref)!.uuid;
  await converge(s, records, ref, networkState(records, uuid, null)!, planned, true);
  return { state: await stateAfter(s, uuid, planned) };
}

/** Applies every changed in-place attribute. */
export async function updateNetwork(req: UpdateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.prior, NETWORK_CLASSES);
  const uuid = str(req.prior.uuid)!;
  const records = await s.records();
  const found = records.byUuid('network', uuid);
  if (!found) throw s.ops.refuse('resource.gone', `network ${uuid} disappeared`, 'The network was destroyed outside xcpform. Run plan again: it will plan to create it.');
  await converge(s, records, found.ref, req.prior, req.planned, false);
  return { state: await stateAfter(s, uuid, req.planned) };
}

/** Labels, MTU, locking mode, purposes and `automatic` (shared with VLAN and private networks for labels and MTU). */
export async function converge(s: ApplySession, records: PoolRecords, ref: Ref<'network'>, prior: ObjectValue, planned: ObjectValue, adopting: boolean): Promise<void> {
  const { ops } = s;
  const n = records.get('network', ref)!;
  await applyLabels(ops, 'network', ref, n, prior, planned, { writeOwned: adopting });
  const mtu = num(planned.mtu);
  if (mtu !== undefined && mtu !== n.MTU) {
    await ops.call(`set the MTU to ${mtu}`, 'network.set_MTU', ref, mtu);
    if (n.PIFs.length + n.VIFs.length > 0) ops.ctx.progress({ kind: 'message', text: `MTU ${mtu} applies to the network's ${n.PIFs.length} PIF(s) and ${n.VIFs.length} VIF(s) when they are next plugged` });
  }
  if (!('default_locking_mode' in planned)) return; // VLAN / private network: no more attributes
  const lock = str(planned.default_locking_mode);
  if (lock !== undefined && lock !== (n.default_locking_mode ?? 'unlocked')) await ops.call(`set the default locking mode to ${lock}`, 'network.set_default_locking_mode', ref, lock);
  const purposes = strList(planned.purpose);
  if (purposes) {
    // Removals first: nbd → insecure_nbd would otherwise hold both for a moment, which XAPI refuses.
    for (const p of n.purpose ?? []) if (!purposes.includes(p)) await ops.call(`remove purpose ${p}`, 'network.remove_purpose', ref, p);
    for (const p of purposes) if (!(n.purpose ?? []).includes(p)) await ops.call(`add purpose ${p}`, 'network.add_purpose', ref, p);
  }
  const automatic = bool(planned.automatic);
  const fresh = (await s.records()).get('network', ref)!;
  if (automatic !== undefined && automatic !== (fresh.other_config[AUTOMATIC_KEY] === 'true')) {
    await setOtherConfigKey(ops, 'network', ref, fresh.other_config, AUTOMATIC_KEY, String(automatic));
  }
}

/** Destroys the network (XAPI refuses while VMs or hosts still use it: the diagnostic says which). */
export async function deleteNetwork(req: DeleteRequest): Promise<void> {
  const s = await openSession(req.ctx, TYPE, req.prior, NETWORK_CLASSES);
  const found = (await s.records()).byUuid('network', str(req.prior.uuid) ?? '');
  if (!found) return;
  await s.ops.call('destroy the network', 'network.destroy', found.ref);
}
