/**
 * `xcp_host` apply: create adopts a member with the address (or one carrying this resource's
 * `xcpform:address`) or joins the host to the pool; update converges names, tags, other_config,
 * enable/disable, maintenance (disable + evacuate, marked like XenCenter with
 * `other_config:MAINTENANCE_MODE`), hostname, SRs, syslog and power-on settings; delete ejects
 * only with `allow_eject = true`.
 */
import { NULL_REF, type Ref } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyResponse, CreateRequest, DeleteRequest, UpdateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { applyLabels, setOtherConfigKey } from '../kit/labels';
import { findByAddress } from '../kit/owned-keys';
import { resolve } from '../kit/refs';
import { ApplySession, extraField, openSession } from '../kit/session';
import { bool, changed, sameMap, str, strMap } from '../kit/values';
import { joinHost } from './join';
import { HOST_CLASSES, hostState, MAINTENANCE_KEY } from './read';

const TYPE = 'xcp_host';

function secretsOf(attrs: ObjectValue): string[] {
  const pw = str(attrs.join_password);
  return pw ? [pw] : [];
}

function stateOrGone(s: ApplySession, records: PoolRecords, uuid: string, prior: ObjectValue): ObjectValue {
  const state = hostState(records, uuid, prior);
  if (!state) throw s.ops.refuse('resource.gone', `host ${uuid} is no longer in pool "${s.pool}"`, 'The host left the pool while xcpform was changing it. Run plan again.');
  return state;
}

/** Adopts the member with the configured address, or joins the host at that address. */
export async function createHost(req: CreateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.planned, HOST_CLASSES, secretsOf(req.planned));
  let records = await s.records();
  const address = str(req.planned.address)!;
  const byKey = findByAddress(records, 'host', req.ctx.address);
  let member = byKey[0] ?? [...records.all('host')].map(([ref, record]) => ({ ref, record })).find((h) => h.record.address === address);
  if (!member) {
    records = await joinHost(req.ctx, s, records, req.planned);
    member = [...records.all('host')].map(([ref, record]) => ({ ref, record })).find((h) => h.record.address === address)!;
  }
  const prior = hostState(records, member.record.uuid, null)!;
  await converge(s, records, member.ref, prior, req.planned, true);
  return { state: stateOrGone(s, await s.records(), member.record.uuid, req.planned) };
}

/** Applies every changed in-place attribute. */
export async function updateHost(req: UpdateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.prior, HOST_CLASSES, secretsOf(req.planned));
  const uuid = str(req.prior.uuid)!;
  const records = await s.records();
  const found = records.byUuid('host', uuid);
  if (!found) throw s.ops.refuse('resource.gone', `host ${uuid} is no longer in pool "${s.pool}"`, 'The host left the pool outside xcpform. Run plan again: it will plan to join it.');
  await converge(s, records, found.ref, req.prior, req.planned, false);
  return { state: stateOrGone(s, await s.records(), uuid, req.planned) };
}

async function converge(s: ApplySession, records: PoolRecords, ref: Ref<'host'>, prior: ObjectValue, planned: ObjectValue, adopting: boolean): Promise<void> {
  const { ops } = s;
  const h = records.get('host', ref)!;
  await applyLabels(ops, 'host', ref, h, prior, planned, { writeOwned: adopting });
  const hostname = str(planned.hostname);
  if (hostname !== undefined && hostname !== h.hostname) await ops.call('set the host name', 'host.set_hostname_live', ref, hostname);
  for (const [attr, field, method] of [['suspend_image_sr', h.suspend_image_sr, 'host.set_suspend_image_sr'], ['crash_dump_sr', h.crash_dump_sr, 'host.set_crash_dump_sr']] as const) {
    const want = str(planned[attr]);
    if (want === undefined || (!changed(prior[attr], planned[attr]) && !adopting)) continue;
    const target = want === '' ? NULL_REF : resolve(ops, records, 'SR', want, attr);
    if (target !== field) await ops.call(`set ${attr}`, method, ref, target);
  }
  const logging = strMap(planned.logging);
  if (logging && !sameMap(logging, extraField(h, 'logging', {}))) {
    await ops.call('set the syslog settings', 'host.set_logging', ref, logging);
    await ops.call('apply the syslog settings', 'host.syslog_reconfigure', ref);
  }
  const powerOn = str(planned.power_on_mode);
  if (powerOn !== undefined && powerOn !== extraField(h, 'power_on_mode', '')) {
    await ops.call('set the power-on mode', 'host.set_power_on_mode', ref, powerOn, extraField<Record<string, string>>(h, 'power_on_config', {}));
  }
  const iqn = str(planned.iscsi_iqn);
  if (iqn !== undefined && iqn !== extraField(h, 'iscsi_iqn', '')) await ops.call('set the iSCSI IQN', 'host.set_iscsi_iqn', ref, iqn);
  await convergeAvailability(s, ref, h.enabled, h.other_config, planned);
}

/** maintenance and enabled, in the order that never strands VMs. */
async function convergeAvailability(s: ApplySession, ref: Ref<'host'>, enabled: boolean, oc: Readonly<Record<string, string>>, planned: ObjectValue): Promise<void> {
  const { ops } = s;
  const wantMaintenance = bool(planned.maintenance);
  const inMaintenance = oc[MAINTENANCE_KEY] === 'true';
  let isEnabled = enabled;
  if (wantMaintenance === true && !inMaintenance) {
    ops.ctx.progress({ kind: 'message', text: 'entering maintenance: disabling the host and migrating its VMs away' });
    if (isEnabled) await ops.call('disable the host for maintenance', 'host.disable', ref);
    await ops.callAsync('evacuate the host (migrate its VMs to other hosts)', 'host.evacuate', ref);
    await setOtherConfigKey(ops, 'host', ref, oc, MAINTENANCE_KEY, 'true');
    return;
  }
  if (wantMaintenance === false && inMaintenance) {
    await setOtherConfigKey(ops, 'host', ref, oc, MAINTENANCE_KEY, undefined);
    isEnabled = false;
  }
  if (wantMaintenance === true) return;
  const wantEnabled = bool(planned.enabled) ?? true;
  if (wantEnabled && !isEnabled) await ops.call('enable the host', 'host.enable', ref);
  if (!wantEnabled && (isEnabled || inMaintenance)) {
    if (isEnabled) await ops.call('disable the host', 'host.disable', ref);
  }
}

/** Ejects the host when `allow_eject` is true; otherwise refuses with a diagnostic. */
export async function deleteHost(req: DeleteRequest): Promise<void> {
  const s = await openSession(req.ctx, TYPE, req.prior, HOST_CLASSES, secretsOf(req.prior));
  const uuid = str(req.prior.uuid)!;
  const records = await s.records();
  const found = records.byUuid('host', uuid);
  if (!found) return;
  if (bool(req.prior.allow_eject) !== true) {
    throw s.ops.refuse('resource.host-eject-not-allowed', `host ${found.record.name_label} stays in pool "${s.pool}": allow_eject is false`,
      `Destroying ${req.ctx.address} would eject the host with pool.eject, which wipes its local storage and reboots it. Set allow_eject = true and apply first if that is meant, or stop managing the host without touching it (xcpform state rm ${req.ctx.address}).`);
  }
  req.ctx.progress({ kind: 'message', text: `ejecting ${found.record.name_label} from pool "${s.pool}" (its local storage is wiped)` });
  await s.ops.call('eject the host from the pool', 'pool.eject', found.ref);
}
