/**
 * `xcp_bond` apply. Create takes (or creates) the network, then `Bond.create` with the members,
 * MAC, mode and lacp properties; the Bond carries `xcpform:address` so a create whose reply was
 * lost is adopted, not repeated. Update changes the mode (`Bond.set_mode`), the lacp properties
 * (`Bond.set_property`) and the labels of the network the bond made. Delete destroys the Bond
 * (XAPI gives the IP configuration and VLANs back to the primary member), then the network when
 * the bond made it.
 */
import type { Ref, XapiRecord } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyResponse, CreateRequest, DeleteRequest, UpdateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { networkRecord } from '../network/apply';
import { ADDRESS_KEY, LINEAGE_KEY, findByAddress, ownedBy } from '../kit/owned-keys';
import { resolve } from '../kit/refs';
import { ApplySession, openSession } from '../kit/session';
import { str, strList } from '../kit/values';
import { canonicalMac } from '../vm/mac';
import { BOND_CLASSES, LACP_PROPERTIES, bondState, memberPifs } from './read';

const TYPE = 'xcp_bond';

async function stateAfter(s: ApplySession, uuid: string, prior: ObjectValue): Promise<ObjectValue> {
  const state = bondState(await s.records(), uuid, prior);
  if (!state) throw s.ops.refuse('resource.gone', `bond ${uuid} disappeared`, 'The bond was destroyed outside xcpform while it was being changed. Run plan again.');
  return state;
}

/** The member PIF refs, or a refusal naming the spelling that matches no interface of the host. */
function members(s: ApplySession, records: PoolRecords, host: Ref<'host'>, planned: ObjectValue): Ref<'PIF'>[] {
  const out: Ref<'PIF'>[] = [];
  for (const m of strList(planned.members) ?? []) {
    const found = memberPifs(records, host, m);
    if (found.length !== 1) {
      throw s.ops.refuse('resource.bond-member', `member "${m}" is no interface of ${records.get('host', host)?.name_label}`,
        'Members are physical device names (eth2) or PIF UUIDs of the bond\'s host. Fix members, or host.', ['members']);
    }
    out.push(found[0]);
  }
  return [...new Set(out)];
}

/** The lacp properties the configuration sets, by XAPI key. */
function lacpProperties(planned: ObjectValue): Record<string, string> {
  const out: Record<string, string> = {};
  if (str(planned.mode) !== 'lacp') return out;
  for (const p of LACP_PROPERTIES) {
    const value = str(planned[p.attribute]);
    if (value !== undefined) out[p.key] = value;
  }
  return out;
}

/** The network for a new bond: the configured one, one a previous interrupted create made, or a new one. */
async function networkFor(s: ApplySession, records: PoolRecords, planned: ObjectValue, memberDevices: string[]): Promise<Ref<'network'>> {
  const { ctx } = s.ops;
  const named = str(planned.network);
  if (named) return resolve(s.ops, records, 'network', named, 'network');
  const left = findByAddress(records, 'network', ctx.address, ctx.lineage)[0];
  if (left) return left.ref;
  const name = str(planned.name_label) ?? `Bond of ${memberDevices.join('+')}`;
  const rec = networkRecord(ctx.address, { name_label: name, name_description: str(planned.name_description) ?? '' }, {}, ctx.lineage);
  return s.ops.create<Ref<'network'>>('create the bond\'s network', 'network', rec);
}

/** Creates (or adopts) the bond. */
export async function createBond(req: CreateRequest): Promise<ApplyResponse> {
  const { planned, ctx } = req;
  const s = await openSession(ctx, TYPE, planned, BOND_CLASSES);
  let records = await s.records();
  const host = resolve(s.ops, records, 'host', str(planned.host)!, 'host');
  const refs = members(s, records, host, planned);
  const adopted = findByAddress(records, 'Bond', ctx.address, ctx.lineage)[0] ?? unmarkedLeftover(s, records, refs);
  if (adopted) {
    ctx.progress({ kind: 'message', text: 'adopting the bond left by an interrupted create' });
    if (adopted.record.other_config[ADDRESS_KEY] !== ctx.address) await mark(s, adopted.ref);
    return update(s, adopted.record.uuid, planned);
  }
  const net = await networkFor(s, records, planned, refs.map((r) => records.get('PIF', r)!.device).sort());
  const mac = str(planned.mac);
  ctx.progress({ kind: 'message', text: `bonding ${refs.length} interfaces of ${records.get('host', host)?.name_label}` });
  const bond = await s.ops.call<Ref<'Bond'>>('bond the interfaces', 'Bond.create', net, refs, mac ? canonicalMac(mac) : '', str(planned.mode) ?? 'balance-slb', lacpProperties(planned));
  await mark(s, bond);
  records = await s.records();
  return { state: await stateAfter(s, records.get('Bond', bond)!.uuid, planned) };
}

/** Writes the owned keys on a bond (Bond.create takes no other_config). */
async function mark(s: ApplySession, bond: Ref<'Bond'>): Promise<void> {
  const { ctx } = s.ops;
  await s.ops.call('mark the bond', 'Bond.add_to_other_config', bond, ADDRESS_KEY, ctx.address);
  if (ctx.lineage) await s.ops.call('mark the bond', 'Bond.add_to_other_config', bond, LINEAGE_KEY, ctx.lineage);
}

/**
 * A bond an interrupted create left before marking it: unmarked, exactly these members, on the
 * network this resource made (that network carries its address).
 */
function unmarkedLeftover(s: ApplySession, records: PoolRecords, refs: readonly Ref<'PIF'>[]): { ref: Ref<'Bond'>; record: XapiRecord<'Bond'> } | undefined {
  const { ctx } = s.ops;
  for (const [ref, record] of records.all('Bond')) {
    if (ADDRESS_KEY in record.other_config || record.slaves.length !== refs.length || !refs.every((r) => record.slaves.includes(r))) continue;
    const net = records.get('network', records.get('PIF', record.master)?.network ?? ('' as Ref<'network'>));
    if (net && ownedBy(net.other_config, ctx.address, ctx.lineage)) return { ref, record };
  }
  return undefined;
}

async function update(s: ApplySession, uuid: string, planned: ObjectValue): Promise<ApplyResponse> {
  const records = await s.records();
  const found = records.byUuid('Bond', uuid);
  if (!found) throw s.ops.refuse('resource.gone', `bond ${uuid} disappeared`, 'The bond was destroyed outside xcpform. Run plan again.');
  const bond = found.record;
  const mode = str(planned.mode) ?? 'balance-slb';
  if (bond.mode !== mode) await s.ops.call(`set the bond mode to ${mode}`, 'Bond.set_mode', found.ref, mode);
  const props = mode === bond.mode ? bond.properties : {};
  for (const [key, value] of Object.entries(lacpProperties(planned))) {
    if (props[key] !== value) await s.ops.call(`set the bond property ${key}`, 'Bond.set_property', found.ref, key, value);
  }
  const master = records.get('PIF', bond.master);
  const net = master ? records.get('network', master.network) : undefined;
  if (master && net && net.other_config[ADDRESS_KEY] === s.ops.ctx.address) {
    const label = str(planned.name_label);
    if (label !== undefined && label !== net.name_label) await s.ops.call('rename the bond\'s network', 'network.set_name_label', master.network, label);
    const description = str(planned.name_description);
    if (description !== undefined && description !== net.name_description) await s.ops.call('describe the bond\'s network', 'network.set_name_description', master.network, description);
  }
  return { state: await stateAfter(s, uuid, planned) };
}

/** Applies the changed in-place attributes (mode, lacp properties, network labels). */
export async function updateBond(req: UpdateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.prior, BOND_CLASSES);
  return update(s, str(req.prior.uuid)!, req.planned);
}

/** Destroys the bond, then its network when the bond made it. */
export async function deleteBond(req: DeleteRequest): Promise<void> {
  const s = await openSession(req.ctx, TYPE, req.prior, BOND_CLASSES);
  const records = await s.records();
  const found = records.byUuid('Bond', str(req.prior.uuid) ?? '');
  if (!found) return;
  const master = records.get('PIF', found.record.master);
  await s.ops.call('destroy the bond', 'Bond.destroy', found.ref);
  const net = master ? records.get('network', master.network) : undefined;
  if (master && net && net.other_config[ADDRESS_KEY] === req.ctx.address) {
    const after = await s.records();
    const left = after.get('network', master.network);
    if (left && left.PIFs.length === 0) await s.ops.call('destroy the bond\'s network', 'network.destroy', master.network);
  }
}
