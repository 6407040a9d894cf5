/**
 * `xcp_sr` apply: `SR.create` (secrets merged into device_config only for the call), then a
 * plugged PBD on every host of a shared SR (or the one host of a local SR), owned keys, labels
 * and IntelliCache settings. The pool's default SR is written by `xcp_pool.default_sr` alone
 * (two writers would undo each other on every apply). Delete unplugs every PBD, then forgets
 * (keeps the data) or destroys (erases it) per `on_destroy`.
 */
import { NULL_REF, type Ref } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyResponse, CreateRequest, DeleteRequest, UpdateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { poolObject } from '../pool/read';
import { applyLabels, setOtherConfigKey } from '../kit/labels';
import { ADDRESS_KEY, findByAddress, LINEAGE_KEY } from '../kit/owned-keys';
import { resolve } from '../kit/refs';
import { ApplySession, openSession } from '../kit/session';
import { bool, num, str, strMap } from '../kit/values';
import { SR_CLASSES, srState } from './read';

const TYPE = 'xcp_sr';

function secretsOf(attrs: ObjectValue): string[] {
  return Object.values(strMap(attrs.device_config_secrets) ?? {});
}

async function stateOf(s: ApplySession, uuid: string, prior: ObjectValue): Promise<ObjectValue> {
  const state = srState(await s.records(), uuid, prior);
  if (!state) throw s.ops.refuse('resource.gone', `SR ${uuid} disappeared`, 'The SR was forgotten or destroyed outside xcpform while it was being changed. Run plan again.');
  return state;
}

/**
 * The name an SR carries from `SR.create` until it is tagged: the call cannot set other_config,
 * so a crash (or a lost reply) right after it would otherwise leave an SR nothing identifies.
 * The converge that follows the tagging renames it.
 */
export function pendingSrName(address: string, lineage?: string): string {
  return `xcpform:creating ${lineage ?? '-'} ${address}`;
}

/** An SR left by an interrupted create of this address: tagged, or untagged with the pending name. */
function findAdoptableSr(records: PoolRecords, address: string, lineage?: string): Ref<'SR'> | undefined {
  const tagged = findByAddress(records, 'SR', address, lineage)[0]?.ref;
  if (tagged) return tagged;
  const pending = records.byName('SR', pendingSrName(address, lineage)).filter((x) => !(ADDRESS_KEY in x.record.other_config));
  return pending.sort((a, b) => (a.record.uuid < b.record.uuid ? -1 : 1))[0]?.ref;
}

/** Creates (or adopts) the SR and plugs a PBD on every host that should see it. */
export async function createSr(req: CreateRequest): Promise<ApplyResponse> {
  const { planned, ctx } = req;
  const s = await openSession(ctx, TYPE, planned, SR_CLASSES, secretsOf(planned));
  let records = await s.records();
  const dc = { ...(strMap(planned.device_config) ?? {}), ...(strMap(planned.device_config_secrets) ?? {}) };
  let ref = findAdoptableSr(records, ctx.address, ctx.lineage);
  if (ref) {
    ctx.progress({ kind: 'message', text: 'adopting the SR left by an interrupted create' });
    const oc = records.get('SR', ref)!.other_config;
    await setOtherConfigKey(s.ops, 'SR', ref, oc, ADDRESS_KEY, ctx.address);
    if (ctx.lineage) await setOtherConfigKey(s.ops, 'SR', ref, oc, LINEAGE_KEY, ctx.lineage);
    records = await s.records();
  } else {
    const hostName = str(planned.host);
    const host = hostName ? resolve(s.ops, records, 'host', hostName, 'host') : poolObject(records)?.record.master ?? NULL_REF;
    ctx.progress({ kind: 'message', text: `creating ${str(planned.type)} SR "${str(planned.name_label)}"` });
    ref = await s.ops.callAsync<Ref<'SR'>>('create the SR', 'SR.create', host, dc, num(planned.size) ?? 0, pendingSrName(ctx.address, ctx.lineage), str(planned.name_description) ?? '',
      str(planned.type) ?? '', str(planned.content_type) ?? 'user', bool(planned.shared) ?? false, strMap(planned.sm_config) ?? {});
    // First thing after the create, so a crash from here on leaves an SR the next run adopts.
    await setOtherConfigKey(s.ops, 'SR', ref, {}, ADDRESS_KEY, ctx.address);
    if (ctx.lineage) await setOtherConfigKey(s.ops, 'SR', ref, {}, LINEAGE_KEY, ctx.lineage);
    records = await s.records();
  }
  records = await plugEverywhere(s, records, ref, dc);
  const uuid = records.get('SR', ref)!.uuid;
  await converge(s, records, ref, srState(records, uuid, null)!, planned, true);
  return { state: await stateOf(s, uuid, planned) };
}

/** A PBD on every host of a shared SR (hosts that joined later included), all plugged. */
async function plugEverywhere(s: ApplySession, records: PoolRecords, ref: Ref<'SR'>, dc: Record<string, string>): Promise<PoolRecords> {
  const sr = records.get('SR', ref)!;
  const pbds = sr.PBDs.map((p) => ({ ref: p, rec: records.get('PBD', p)! })).filter((p) => p.rec);
  let touched = false;
  if (sr.shared) {
    const covered = new Set(pbds.map((p) => p.rec.host));
    for (const [host, h] of records.all('host')) {
      if (covered.has(host)) continue;
      s.ops.ctx.progress({ kind: 'message', text: `connecting the SR to ${h.name_label}` });
      const pbd = await s.ops.call<Ref<'PBD'>>(`create a PBD on ${h.name_label}`, 'PBD.create', { host, SR: ref, device_config: dc, other_config: {} });
      await s.ops.call(`plug the PBD on ${h.name_label}`, 'PBD.plug', pbd);
      touched = true;
    }
  }
  for (const p of pbds) {
    if (p.rec.currently_attached) continue;
    await s.ops.call(`plug the PBD on ${records.get('host', p.rec.host)?.name_label ?? p.rec.host}`, 'PBD.plug', p.ref);
    touched = true;
  }
  return touched ? s.records() : records;
}

/** Applies every changed in-place attribute (on_destroy only changes what delete will do). */
export async function updateSr(req: UpdateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.prior, SR_CLASSES, secretsOf(req.planned));
  const uuid = str(req.prior.uuid)!;
  const records = await s.records();
  const found = records.byUuid('SR', uuid);
  if (!found) throw s.ops.refuse('resource.gone', `SR ${uuid} disappeared`, 'The SR was forgotten or destroyed outside xcpform. Run plan again: it will plan to create it.');
  await converge(s, records, found.ref, req.prior, req.planned, false);
  return { state: await stateOf(s, uuid, req.planned) };
}

async function converge(s: ApplySession, records: PoolRecords, ref: Ref<'SR'>, prior: ObjectValue, planned: ObjectValue, adopting: boolean): Promise<void> {
  const { ops } = s;
  const sr = records.get('SR', ref)!;
  await applyLabels(ops, 'SR', ref, sr, prior, planned, { writeOwned: adopting });
  const wantCache = bool(planned.local_caching);
  if (wantCache !== undefined && wantCache !== (sr.local_cache_enabled ?? false)) {
    const host = sr.PBDs.map((p) => records.get('PBD', p)?.host).find(Boolean);
    if (sr.shared || !host) {
      throw ops.refuse('resource.sr-caching-shared', 'local_caching needs a local SR',
        'IntelliCache caches on one host\'s local SR (host.enable_local_storage_caching); this SR is shared. Set local_caching = false.', ['local_caching']);
    }
    // XAPI changes the cache SR only on a disabled host (HOST_NOT_DISABLED otherwise): disable
    // it for the call and enable it again, whatever the call's outcome.
    const enabled = records.get('host', host)?.enabled ?? false;
    if (enabled) await ops.call('disable the host for the IntelliCache change', 'host.disable', host);
    try {
      if (wantCache) await ops.call('enable IntelliCache on the SR', 'host.enable_local_storage_caching', host, ref);
      else await ops.call('disable IntelliCache', 'host.disable_local_storage_caching', host);
    } finally {
      if (enabled) await ops.call('enable the host again', 'host.enable', host);
    }
  }
}

/** Unplugs every PBD, then forgets or destroys the SR per `on_destroy`. */
export async function deleteSr(req: DeleteRequest): Promise<void> {
  const s = await openSession(req.ctx, TYPE, req.prior, SR_CLASSES, secretsOf(req.prior));
  const records = await s.records();
  const found = records.byUuid('SR', str(req.prior.uuid) ?? '');
  if (!found) return;
  for (const p of found.record.PBDs) {
    const pbd = records.get('PBD', p);
    if (pbd?.currently_attached) await s.ops.call(`unplug the PBD on ${records.get('host', pbd.host)?.name_label ?? pbd.host}`, 'PBD.unplug', p);
  }
  if (str(req.prior.on_destroy) === 'destroy') {
    req.ctx.progress({ kind: 'message', text: 'destroying the SR and the data on it' });
    await s.ops.callAsync('destroy the SR (erasing its data)', 'SR.destroy', found.ref);
  } else {
    await s.ops.callAsync('forget the SR (its data stays on the storage)', 'SR.forget', found.ref);
  }
}
