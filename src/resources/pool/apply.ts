/**
 * `xcp_pool` apply. Pools are made by installing hosts, so create adopts the pool (writes the
 * owned keys and converges the settings) and delete un-adopts it (drops the owned keys) without
 * destroying anything.
 */
import { warning, type Diagnostic } from '../../diagnostics';
import { NULL_REF, type Ref } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyResponse, CreateRequest, DeleteRequest, UpdateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { applyLabels, setOtherConfigKey } from '../kit/labels';
import { ADDRESS_KEY, isOwnedKey } from '../kit/owned-keys';
import { resolve } from '../kit/refs';
import { ApplySession, extraField, openSession } from '../kit/session';
import { bool, changed, num, sameSet, str, strList } from '../kit/values';
import { POOL_CLASSES, poolObject, poolState } from './read';

const TYPE = 'xcp_pool';

async function fresh(s: ApplySession, prior: ObjectValue | null): Promise<{ records: PoolRecords; ref: Ref<'pool'>; state: ObjectValue }> {
  const records = await s.records();
  const found = poolObject(records);
  const state = found ? poolState(records, prior) : null;
  if (!found || !state) {
    throw s.ops.refuse('resource.gone', 'the pool object is not the one in state',
      `Pool "${s.pool}" answers with a different pool object than the one recorded (it was reinstalled?). Remove ${s.ops.ctx.address} from state and import it again.`);
  }
  return { records, ref: found.ref, state };
}

/** Adopts the pool: owned keys, then every configured setting. */
export async function createPool(req: CreateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.planned, POOL_CLASSES);
  const { records, ref } = await fresh(s, null);
  const diagnostics: Diagnostic[] = [];
  const rec = records.get('pool', ref)!;
  const owner = rec.other_config[ADDRESS_KEY];
  if (owner && owner !== req.ctx.address) {
    diagnostics.push(warning('resource.pool-adopted-twice', `pool "${s.pool}" was adopted by ${owner}`, {
      address: req.ctx.address,
      detail: `${owner} already manages pool "${s.pool}"; ${req.ctx.address} takes it over. If both still exist in a configuration they will fight over the pool's settings: keep one.`,
    }));
  }
  const prior = poolState(records, null)!;
  const res = await converge(s, records, ref, prior, req.planned, true);
  return { state: res, diagnostics };
}

/** Applies every changed in-place attribute. */
export async function updatePool(req: UpdateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.prior, POOL_CLASSES);
  const { records, ref } = await fresh(s, req.prior);
  return { state: await converge(s, records, ref, req.prior, req.planned, false) };
}

async function converge(s: ApplySession, records: PoolRecords, ref: Ref<'pool'>, prior: ObjectValue, planned: ObjectValue, adopting: boolean): Promise<ObjectValue> {
  const { ops } = s;
  const rec = records.get('pool', ref)!;
  await applyLabels(ops, 'pool', ref, rec, prior, planned, { writeOwned: adopting });
  const srRef = (attr: string): string => {
    const v = str(planned[attr]);
    return v ? resolve(ops, records, 'SR', v, attr) : NULL_REF;
  };
  const srSetters: [string, string, string][] = [
    ['default_sr', 'pool.set_default_SR', rec.default_SR],
    ['suspend_image_sr', 'pool.set_suspend_image_SR', rec.suspend_image_SR],
    ['crash_dump_sr', 'pool.set_crash_dump_SR', rec.crash_dump_SR],
  ];
  for (const [attr, method, current] of srSetters) {
    if (!changed(prior[attr], planned[attr]) && !(adopting && str(planned[attr]))) continue;
    const target = srRef(attr);
    if (target !== current) await ops.call(`set ${attr}`, method, ref, target);
  }
  const master = str(planned.master);
  // Unchanged, the name may no longer name a host (renamed by its xcp_host): read.ts keeps it
  // only while that host is still the coordinator, so there is nothing to designate.
  let coordinator = rec.master;
  if (master && (adopting || changed(prior.master, planned.master))) {
    // The plan resolved the name to a host (planPool): that host, whatever it is called by now.
    // A planned UUID equal to the prior one may be the prior value carried along (no plan hook
    // ran): then the name decides.
    const carried = str(planned.master_uuid);
    const plannedUuid = carried && carried !== str(prior.master_uuid) ? carried : undefined;
    const byUuid = plannedUuid ? records.byUuid('host', plannedUuid) : undefined;
    coordinator = byUuid ? byUuid.ref : resolve(ops, records, 'host', master, 'master');
    if (coordinator !== rec.master) await ops.callAsync('designate a new coordinator', 'pool.designate_new_master', coordinator);
  }
  const compression = bool(planned.migration_compression);
  if (compression !== undefined && compression !== rec.migration_compression) await ops.call('set migration_compression', 'pool.set_migration_compression', ref, compression);
  const livePatching = bool(planned.live_patching_disabled);
  if (livePatching !== undefined && livePatching !== extraField(rec, 'live_patching_disabled', false)) {
    await ops.call('set live_patching_disabled', 'pool.set_live_patching_disabled', ref, livePatching);
  }
  await convergeHa(s, records, ref, prior, planned);
  // The host just designated: its name may change meanwhile (an xcp_host renaming it), the
  // configured spelling stays while it is the coordinator (read.ts).
  const after = await fresh(s, { ...planned, master_uuid: records.get('host', coordinator)?.uuid ?? null });
  return after.state;
}

/** HA: enable / disable; new heartbeat SRs need a disable and enable (a short gap, said in the docs). */
async function convergeHa(s: ApplySession, records: PoolRecords, ref: Ref<'pool'>, prior: ObjectValue, planned: ObjectValue): Promise<void> {
  const { ops } = s;
  const rec = records.get('pool', ref)!;
  const want = bool(planned.ha_enabled);
  const srs = (strList(planned.ha_heartbeat_srs) ?? []).map((x) => resolve(ops, records, 'SR', x, 'ha_heartbeat_srs'));
  const srsChanged = !sameSet(strList(prior.ha_heartbeat_srs) ?? [], strList(planned.ha_heartbeat_srs) ?? []);
  if (want === false && rec.ha_enabled) await ops.callAsync('disable HA', 'pool.disable_ha');
  if (want === true && (!rec.ha_enabled || srsChanged)) {
    if (rec.ha_enabled) await ops.callAsync('disable HA to change the heartbeat SRs', 'pool.disable_ha');
    await ops.callAsync('enable HA', 'pool.enable_ha', srs, {});
  }
  const tolerate = num(planned.ha_host_failures_to_tolerate);
  if (want === true && tolerate !== undefined && (tolerate !== rec.ha_host_failures_to_tolerate || changed(prior.ha_host_failures_to_tolerate, tolerate))) {
    await ops.call('set ha_host_failures_to_tolerate', 'pool.set_ha_host_failures_to_tolerate', ref, tolerate);
  }
}

/** Un-adopts: removes the `xcpform:*` keys, leaves everything else as it is. */
export async function deletePool(req: DeleteRequest): Promise<void> {
  const s = await openSession(req.ctx, TYPE, req.prior, POOL_CLASSES);
  const records = await s.records();
  const found = poolObject(records);
  if (!found || found.record.uuid !== str(req.prior.uuid)) return;
  let oc = { ...found.record.other_config };
  for (const k of Object.keys(oc).filter(isOwnedKey)) {
    await setOtherConfigKey(s.ops, 'pool', found.ref, oc, k, undefined);
    const { [k]: _dropped, ...rest } = oc;
    oc = rest;
  }
}
