/**
 * Plan-time checks of a VM that is created (or re-created by a replacement): what the clone at
 * apply would refuse, found now from the records of the target pool.
 * - the template must exist (close candidates listed when it does not);
 * - a configured disk cannot be smaller than the template's disk at the same userdevice (the
 *   clone carries the template's disk, and XAPI cannot shrink it);
 * - a disk attaching an existing VDI agrees with it (`checkAttachedVdi`);
 * - `host` and `affinity` must name hosts of the pool (also checked on updates);
 * - a disk SR given by UUID must be in the VM's pool, not another one (a NIC network of another
 *   pool is the planner's: it routes it over a VPN link or reports the missing link).
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown, type ObjectValue } from '../../values/value';
import { NULL_REF, type XapiRecord } from '../../xenapi';
import type { PoolRecords, WorldSnapshot } from '../snapshot';
import { blocks, num, str } from '../kit/attrs';
import { looksLikeUuid, resolve } from '../kit/resolve';
import { isCloneSource, parseProvision } from './template';
import { attachedVdi, checkAttachedVdi } from './plan-devices';
import { checkVdiInUse } from './plan-foresee';

const GIB = 1024 ** 3;

/** Bytes as GiB for messages: `10 GiB`, `1.5 GiB`. */
export function gibText(bytes: number): string {
  return `${Number((bytes / GIB).toFixed(2))} GiB`;
}

/** Disk sizes by userdevice that a clone of `tpl` starts with: its own disks, else its provisioning spec. */
export function templateDiskSizes(records: PoolRecords, tpl: XapiRecord<'VM'>): Map<string, number> {
  const out = new Map<string, number>();
  for (const ref of tpl.VBDs) {
    const vbd = records.get('VBD', ref);
    if (!vbd || vbd.type !== 'Disk' || vbd.VDI === NULL_REF) continue;
    const vdi = records.get('VDI', vbd.VDI);
    if (vdi) out.set(vbd.userdevice, vdi.virtual_size);
  }
  // As the create does: the spec is provisioned only when the clone carries no disk.
  if (out.size === 0) for (const d of parseProvision(tpl.other_config.disks)) out.set(d.device, d.size);
  return out;
}

function checkTemplate(records: PoolRecords, planned: ObjectValue, diags: Diagnostic[]): void {
  const key = planned.template;
  if (typeof key !== 'string' || !records.has('VM')) return;
  const found = resolve(records, {
    cls: 'VM', what: 'template', path: ['template'], filter: isCloneSource,
  }, key);
  if (!found.ok) { diags.push(found.diagnostic); return; }
  if (!records.has('VBD') || !records.has('VDI')) return;
  const sizes = templateDiskSizes(records, found.found.record);
  blocks(planned, 'disk').forEach((d, i) => {
    const at = d.userdevice;
    const size = num(d, 'size');
    const from = typeof at === 'string' ? sizes.get(at) : undefined;
    if (from === undefined || size === undefined || (d.vdi ?? null) !== null || size >= from) return;
    diags.push(error('xcp_vm.disk-smaller-than-template', `disk ${at} (${gibText(size)}) is smaller than the template's disk ${at} (${gibText(from)})`, {
      detail: `Template "${found.found.record.name_label}" carries a ${gibText(from)} disk at userdevice ${at}; the new VM starts with a copy of it, and XAPI cannot shrink a disk. Set size to at least ${from} bytes (${gibText(from)}), use another userdevice for a new disk, or choose a template with a smaller disk.`,
      path: ['disk', i, 'size'],
    }));
  });
}

/** The pool of the world, other than `pool`, that holds the object `uuid` of `cls`. */
function otherPool(world: WorldSnapshot, pool: string, cls: 'SR', uuid: string): string | undefined {
  return world.poolNames().find((p) => p !== pool && world.pool(p).has(cls) && world.pool(p).byUuid(cls, uuid.toLowerCase()) !== undefined);
}

function checkPoolOf(world: WorldSnapshot, records: PoolRecords, planned: ObjectValue, diags: Diagnostic[]): void {
  const check = (key: unknown, path: (string | number)[]): void => {
    if (typeof key !== 'string' || !looksLikeUuid(key) || !records.has('SR') || records.byUuid('SR', key.toLowerCase())) return;
    const other = otherPool(world, records.pool, 'SR', key);
    if (!other) return;
    diags.push(error('xcp_vm.sr-in-other-pool', `SR ${key} is in pool "${other}", not in the VM's pool "${records.pool}"`, {
      detail: `A VM's disks live on SRs of its own pool. Choose an SR of pool "${records.pool}", or put the VM in pool "${other}".`,
      path,
    }));
  };
  blocks(planned, 'disk').forEach((d, i) => check(d.sr, ['disk', i, 'sr']));
  check(planned.suspend_sr, ['suspend_sr']);
}

/**
 * `host` and `affinity` must name a host of the VM's pool (apply resolves them on every change).
 * Only hosts: SRs, networks and ISOs may be created by the same plan under the name given.
 */
export function checkHosts(planned: ObjectValue, records: PoolRecords): Diagnostic[] {
  if (!records.has('host')) return [];
  const out: Diagnostic[] = [];
  for (const k of ['host', 'affinity']) {
    const key = planned[k];
    if (typeof key !== 'string') continue;
    const r = resolve(records, { cls: 'host', what: 'host', path: [k] }, key);
    if (!r.ok) out.push(r.diagnostic);
  }
  return out;
}

/**
 * Checks of a VM the plan creates (or re-creates): `planned` is the create-style plan; the pool
 * is its `pool`, else `fallbackPool` (the prior pool of a replacement); `replacing` is the UUID of
 * the VM a replacement destroys (its disks are free by then).
 */
export function checkCreate(planned: ObjectValue, world: WorldSnapshot, fallbackPool?: string, replacing?: string): Diagnostic[] {
  const pool = (isUnknown(planned.pool) ? undefined : str(planned, 'pool')) ?? fallbackPool;
  if (!pool || !world.poolNames().includes(pool)) return [];
  const records = world.pool(pool);
  const diags: Diagnostic[] = [];
  checkTemplate(records, planned, diags);
  checkPoolOf(world, records, planned, diags);
  blocks(planned, 'disk').forEach((d, i) => {
    const vdi = attachedVdi(records, d);
    if (vdi) diags.push(...checkAttachedVdi(vdi, d, i), ...checkVdiInUse(records, vdi, d, i, replacing));
  });
  diags.push(...checkHosts(planned, records));
  return diags;
}
