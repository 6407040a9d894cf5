/**
 * Plan-time refinement of `disk` and `nic` blocks: computed values come from the prior block
 * with the same position (userdevice / device), not from the prior block at the same list index
 * as the schema-driven diff assumes; each block's changes are classified by identity.
 */
import { error, type Diagnostic } from '../../diagnostics';
import type { UpdateClass } from '../../schema/model';
import { isUnknown, UNKNOWN, valuesEqual, type ObjectValue, type Value } from '../../values/value';
import type { XapiClass, XapiRecord } from '../../xenapi';
import type { PoolRecords } from '../snapshot';
import { blocks, num, str } from '../kit/attrs';
import { DISK_IDENTITY, NIC_IDENTITY, assignPositions, byKey } from './positions';
import { ADDRESS_KEY } from '../kit/owned-keys';
import { checkVdiInUse } from './plan-foresee';
import { canonicalMac, sameMac } from './mac';

/** One classified change of a VM attribute (the identity-aware counterpart of the diff's ChangedPath). */
export interface VmChange {
  readonly path: readonly (string | number)[];
  readonly update: UpdateClass;
}

/** True when two "name or UUID" values designate the same object (or are equal). */
export function sameRef(records: PoolRecords | undefined, cls: XapiClass, a: Value, b: Value): boolean {
  if (valuesEqual(a, b)) return true;
  if (typeof a !== 'string' || typeof b !== 'string' || !records?.has(cls)) return false;
  const uuidOf = (key: string): string | undefined => {
    const byUuid = records.byUuid(cls, key.toLowerCase());
    if (byUuid) return (byUuid.record as { uuid: string }).uuid;
    const named = records.byName(cls, key);
    return named.length === 1 ? (named[0].record as { uuid: string }).uuid : undefined;
  };
  const ua = uuidOf(a);
  return ua !== undefined && ua === uuidOf(b);
}

/** True when the plan moves the VM to another pool (every device gets new UUIDs there). */
export function movesPool(prior: ObjectValue | null, planned: ObjectValue): boolean {
  return prior !== null && typeof prior.pool === 'string' && !valuesEqual(prior.pool, planned.pool ?? null);
}

function pick(configured: Value | undefined, plannedValue: Value, fallback: Value): Value {
  return configured !== null && configured !== undefined ? plannedValue : fallback;
}

/** Planned disks with identity-matched computed values. */
export function planDisks(planned: ObjectValue, config: ObjectValue, prior: ObjectValue | null, records?: PoolRecords): ObjectValue[] {
  const cfg = blocks(config, 'disk');
  const plannedDisks = blocks(planned, 'disk');
  const priorDisks = blocks(prior, 'disk');
  const positions = assignPositions(cfg, DISK_IDENTITY.key, DISK_IDENTITY.slots);
  const vmName = str(planned, 'name_label');
  return cfg.map((c, i) => {
    const pd = plannedDisks[i] ?? {};
    const pos = positions[i];
    const p = byKey(priorDisks, 'userdevice', pos);
    const moved = movesPool(prior, planned) || (c.sr !== null && c.sr !== undefined && p !== undefined && !sameRef(records, 'SR', pd.sr, p.sr ?? null));
    const sameVdi = p !== undefined && valuesEqual(p.vdi ?? null, pd.vdi ?? null);
    return {
      ...pd,
      userdevice: pos ?? UNKNOWN,
      name_label: pick(c.name_label, pd.name_label, p && sameVdi ? p.name_label : vmName && pos && pd.vdi === null ? `${vmName} ${pos}` : attachedVdi(records, pd)?.name_label ?? UNKNOWN),
      name_description: pick(c.name_description, pd.name_description, p && sameVdi ? p.name_description ?? UNKNOWN : attachedVdi(records, pd)?.name_description ?? UNKNOWN),
      sr: pick(c.sr, pd.sr, p && sameVdi && !movesPool(prior, planned) ? p.sr : UNKNOWN),
      vdi_uuid: p && sameVdi && !moved ? p.vdi_uuid ?? UNKNOWN : UNKNOWN,
      vbd_uuid: p && sameVdi && !moved ? p.vbd_uuid ?? UNKNOWN : UNKNOWN,
    };
  });
}

/** Planned NICs with identity-matched computed values. */
export function planNics(planned: ObjectValue, config: ObjectValue, prior: ObjectValue | null): ObjectValue[] {
  const cfg = blocks(config, 'nic');
  const plannedNics = blocks(planned, 'nic');
  const priorNics = blocks(prior, 'nic');
  const positions = assignPositions(cfg, NIC_IDENTITY.key, NIC_IDENTITY.slots);
  return cfg.map((c, i) => {
    const pn = plannedNics[i] ?? {};
    const pos = positions[i];
    const p = byKey(priorNics, 'device', pos);
    const changed = (k: string, v: Value | undefined): boolean => v !== null && v !== undefined && !valuesEqual(v, p?.[k] ?? null);
    const recreated = p !== undefined && ((typeof c.mac === 'string' && !sameMac(c.mac, str(p, 'mac'))) || changed('mtu', pn.mtu));
    return {
      ...pn,
      device: pos ?? UNKNOWN,
      // The prior spelling while it is the same address (dashes, case), else the canonical one.
      mac: pick(c.mac, typeof pn.mac === 'string' ? (sameMac(pn.mac, str(p, 'mac')) ? p!.mac! : canonicalMac(pn.mac)) : pn.mac, p ? p.mac ?? UNKNOWN : UNKNOWN),
      mtu: pick(c.mtu, pn.mtu, p ? p.mtu ?? UNKNOWN : UNKNOWN),
      vif_uuid: p && !recreated && !movesPool(prior, planned) ? p.vif_uuid ?? UNKNOWN : UNKNOWN,
    };
  });
}

/** The existing VDI a disk block attaches (`vdi` known and found in the records), else undefined. */
export function attachedVdi(records: PoolRecords | undefined, disk: ObjectValue): XapiRecord<'VDI'> | undefined {
  const key = disk.vdi;
  if (typeof key !== 'string' || isUnknown(key) || !records?.has('VDI')) return undefined;
  return records.byUuid('VDI', key.toLowerCase())?.record;
}

/** True when another xcpform resource (an `xcp_vdi`) manages the VDI: its size and name are that resource's. */
export function managedVdi(vdi: XapiRecord<'VDI'>): boolean {
  return ADDRESS_KEY in vdi.other_config;
}

/**
 * A disk block newly attaching an existing VDI (`vdi` switched, or a new disk): the VDI is
 * attached as it is. A `size` below it would be a shrink; for a VDI that an `xcp_vdi` manages,
 * a different size or a configured `name_label` other than its own would be a second owner of
 * that fact. Both are refused; a plain VDI is grown and renamed at apply instead.
 */
export function checkAttachedVdi(vdi: XapiRecord<'VDI'>, disk: ObjectValue, index: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const size = num(disk, 'size');
  const managed = managedVdi(vdi);
  const owner = managed ? ` (managed by ${vdi.other_config[ADDRESS_KEY]})` : '';
  if (size !== undefined && (size < vdi.virtual_size || (managed && size !== vdi.virtual_size))) {
    out.push(error('xcp_vm.disk-size-not-vdi', `disk ${String(disk.userdevice)} has size ${size}, but the VDI "${vdi.name_label}" it attaches${owner} is ${vdi.virtual_size} bytes`, {
      detail: managed
        ? `VDI ${vdi.uuid} is attached as it is, and its size belongs to ${vdi.other_config[ADDRESS_KEY]}. Set size = ${vdi.virtual_size} here (or the size of that resource), and change the size there.`
        : `VDI ${vdi.uuid} is attached as it is, and XAPI cannot shrink a disk. Set size to at least ${vdi.virtual_size}, or attach another VDI.`,
      path: ['disk', index, 'size'],
    }));
  }
  const name = disk.name_label;
  if (managed && typeof name === 'string' && !isUnknown(name) && name !== vdi.name_label) {
    out.push(error('xcp_vm.disk-name-not-vdi', `disk ${String(disk.userdevice)} is named "${name}", but the VDI it attaches${owner} is named "${vdi.name_label}"`, {
      detail: `The name of VDI ${vdi.uuid} belongs to ${vdi.other_config[ADDRESS_KEY]}. Leave name_label out of this disk block (it reads the VDI's name), or rename the VDI there.`,
      path: ['disk', index, 'name_label'],
    }));
  }
  const description = disk.name_description;
  if (managed && typeof description === 'string' && !isUnknown(description) && description !== vdi.name_description) {
    out.push(error('xcp_vm.disk-description-not-vdi', `disk ${String(disk.userdevice)} is described "${description}", but the VDI it attaches${owner} is described "${vdi.name_description}"`, {
      detail: `The description of VDI ${vdi.uuid} belongs to ${vdi.other_config[ADDRESS_KEY]}. Leave name_description out of this disk block (it reads the VDI's), or change it there.`,
      path: ['disk', index, 'name_description'],
    }));
  }
  return out;
}

/** Changes and diagnostics of the disks, by userdevice. */
export function diskChanges(prior: ObjectValue, planned: ObjectValue, records: PoolRecords | undefined, diags: Diagnostic[]): VmChange[] {
  const out: VmChange[] = [];
  const before = blocks(prior, 'disk');
  const after = blocks(planned, 'disk');
  after.forEach((d, i) => {
    const p = typeof d.userdevice === 'string' ? byKey(before, 'userdevice', d.userdevice) : undefined;
    const sameVdi = p !== undefined && sameRef(records, 'VDI', d.vdi ?? null, p.vdi ?? null);
    // Another VDI attached here: its own size is the one that cannot shrink.
    const other = sameVdi ? undefined : attachedVdi(records, d);
    const refused = other && records ? [...checkAttachedVdi(other, d, i), ...checkVdiInUse(records, other, d, i, str(prior, 'uuid'))] : [];
    diags.push(...refused);
    if (!p) { out.push({ path: ['disk', i], update: 'in-place' }); return; }
    const size = num(d, 'size');
    const priorSize = other ? other.virtual_size : sameVdi ? num(p, 'size') : undefined;
    if (refused.length) {
      // reported above
    } else if (size !== undefined && priorSize !== undefined && size < priorSize) {
      diags.push(error('xcp_vm.disk-shrink', `disk ${d.userdevice} cannot shrink from ${priorSize} to ${size} bytes`, {
        detail: 'XAPI cannot shrink a virtual disk. Keep the size, or remove this disk block and add a new one at another userdevice (its data is lost).',
        path: ['disk', i, 'size'],
      }));
    } else if (size === undefined || size !== priorSize) out.push({ path: ['disk', i, 'size'], update: 'in-place' });
    if (!isUnknown(d.sr) && !sameRef(records, 'SR', d.sr, p.sr ?? null)) out.push({ path: ['disk', i, 'sr'], update: 'migrate' });
    if (!sameVdi) out.push({ path: ['disk', i, 'vdi'], update: 'in-place' });
    for (const k of ['name_label', 'name_description', 'bootable', 'mode']) {
      if (!isUnknown(d[k]) && !valuesEqual(d[k] ?? null, p[k] ?? null)) out.push({ path: ['disk', i, k], update: 'in-place' });
    }
  });
  before.forEach((p, i) => {
    if (!after.some((d) => d.userdevice === p.userdevice)) out.push({ path: ['disk', i], update: 'in-place' });
  });
  return out;
}

/** Changes of the NICs, by device. */
export function nicChanges(prior: ObjectValue, planned: ObjectValue, records: PoolRecords | undefined): VmChange[] {
  const out: VmChange[] = [];
  const before = blocks(prior, 'nic');
  const after = blocks(planned, 'nic');
  after.forEach((n, i) => {
    const p = typeof n.device === 'string' ? byKey(before, 'device', n.device) : undefined;
    if (!p) { out.push({ path: ['nic', i], update: 'in-place' }); return; }
    if (!sameRef(records, 'network', n.network ?? null, p.network ?? null)) out.push({ path: ['nic', i, 'network'], update: 'in-place' });
    for (const k of ['mac', 'mtu', 'locking_mode', 'rate_limit_kbps', 'wait_for_ip']) {
      if (!isUnknown(n[k]) && !valuesEqual(n[k] ?? null, p[k] ?? null)) out.push({ path: ['nic', i, k], update: 'in-place' });
    }
    for (const k of ['ipv4_allowed', 'ipv6_allowed']) {
      const a = [...((n[k] as string[] | null) ?? [])].sort();
      const b = [...((p[k] as string[] | null) ?? [])].sort();
      if (!valuesEqual(a, b)) out.push({ path: ['nic', i, k], update: 'in-place' });
    }
  });
  before.forEach((p, i) => {
    if (!after.some((n) => n.device === p.device)) out.push({ path: ['nic', i], update: 'in-place' });
  });
  return out;
}
