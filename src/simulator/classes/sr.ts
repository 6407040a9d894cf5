/**
 * SR and PBD. Space is accounted thick: every VDI's `virtual_size` counts against the SR's
 * `physical_size` (`physical_utilisation` = `virtual_allocation`), so `SR_FULL [requested,
 * available]` is predictable. SR.create makes one PBD on the given host, or one per host when
 * shared, and plugs them.
 */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { explicitSetter } from '../dispatch/implicit';
import { Database } from '../db/database';
import { NULL_REF, StoredRecord, bool, int, ref, setOf, smap, str } from '../model/types';
import { GiB } from './ops';

export const SR_TYPES = ['nfs', 'lvm', 'ext', 'iso', 'lvmoiscsi', 'lvmohba', 'udev', 'file', 'smb', 'cifs', 'xfs', 'zfs', 'glusterfs', 'cephfs', 'ext4', 'nfs_iso', 'largeblock', 'linstor'];

/** Free bytes of an SR. */
export function srFree(db: Database, srRef: string): number {
  const sr = db.require('SR', srRef);
  return (sr.physical_size as number) - (sr.physical_utilisation as number);
}

/** Reserves `bytes` on an SR or fails with `SR_FULL [requested, available]`. */
export function allocate(db: Database, srRef: string, bytes: number): void {
  const sr = db.require('SR', srRef);
  const free = srFree(db, srRef);
  if (bytes > free) throw new XapiFailure('SR_FULL', [String(bytes), String(free)]);
  db.update('SR', srRef, {
    physical_utilisation: (sr.physical_utilisation as number) + bytes,
    virtual_allocation: (sr.virtual_allocation as number) + bytes,
  });
}

export function release(db: Database, srRef: string, bytes: number): void {
  const sr = db.get('SR', srRef);
  if (!sr) return;
  db.update('SR', srRef, {
    physical_utilisation: Math.max(0, (sr.physical_utilisation as number) - bytes),
    virtual_allocation: Math.max(0, (sr.virtual_allocation as number) - bytes),
  });
}

/** An SR must have a plugged PBD for VDI operations (`SR_HAS_NO_PBDS [sr]`). */
export function assertSrAttached(db: Database, srRef: string): StoredRecord {
  const sr = db.require('SR', srRef);
  if (!(sr.PBDs as string[]).some((pb) => db.get('PBD', pb)?.currently_attached)) throw new XapiFailure('SR_HAS_NO_PBDS', [srRef]);
  return sr;
}

function checkDeviceConfig(type: string, dc: Record<string, string>): void {
  const missing = (key: string, code: number, what: string): void => {
    if (!dc[key]) throw new XapiFailure(`SR_BACKEND_FAILURE_${code}`, ['', `The request is missing the ${what} parameter`, '']);
  };
  if (type === 'nfs') {
    missing('server', 37, 'server');
    missing('serverpath', 38, 'serverpath');
  } else if (type === 'lvmoiscsi') {
    missing('target', 68, 'target');
    missing('targetIQN', 69, 'targetIQN');
  } else if (type === 'lvm' || type === 'ext' || type === 'xfs') {
    missing('device', 2, 'device');
  } else if (type === 'iso') {
    missing('location', 1, 'location');
  }
}

function defaultSize(type: string): number {
  if (type === 'iso') return 100 * GiB;
  if (['nfs', 'smb', 'cifs', 'cephfs', 'glusterfs', 'lvmoiscsi', 'lvmohba'].includes(type)) return 1024 * GiB;
  return 512 * GiB;
}

function srCreate(ctx: CallContext, a: StoredRecord): string {
  const db = ctx.db;
  db.require('host', a.host as string);
  const type = a.type as string;
  if (!SR_TYPES.includes(type)) throw new XapiFailure('SR_UNKNOWN_DRIVER', [type]);
  const dc = a.device_config as Record<string, string>;
  checkDeviceConfig(type, dc);
  const size = (a.physical_size as number) > 0 ? (a.physical_size as number) : defaultSize(type);
  const sr = db.create('SR', {
    name_label: a.name_label, name_description: a.name_description, type, content_type: a.content_type || (type === 'iso' ? 'iso' : 'user'),
    shared: a.shared, sm_config: a.sm_config, physical_size: size,
    allowed_operations: ['scan', 'destroy', 'forget', 'plug', 'unplug', 'vdi_create', 'vdi_destroy', 'vdi_resize', 'vdi_clone', 'vdi_snapshot', 'vdi_mirror', 'vdi_introduce', 'update'],
  });
  const hosts = a.shared ? db.all('host').map(([h]) => h) : [a.host as string];
  for (const h of hosts) db.create('PBD', { host: h, SR: sr, device_config: dc, currently_attached: true });
  return sr;
}

function assertUnplugged(db: Database, srRef: string): StoredRecord {
  const sr = db.require('SR', srRef);
  if ((sr.PBDs as string[]).some((pb) => db.get('PBD', pb)?.currently_attached)) throw new XapiFailure('SR_HAS_PBD', [srRef]);
  return sr;
}

function dropSr(ctx: CallContext, srRef: string): void {
  const db = ctx.db;
  const sr = db.require('SR', srRef);
  for (const v of [...(sr.VDIs as string[])]) {
    for (const vbd of [...(db.get('VDI', v)?.VBDs as string[])]) db.destroy('VBD', vbd);
    ctx.world.contents.delete(db.get('VDI', v)!.uuid as string);
    db.destroy('VDI', v);
  }
  for (const pb of [...(sr.PBDs as string[])]) db.destroy('PBD', pb);
  const pool = ctx.pool.ref;
  for (const f of ['default_SR', 'suspend_image_SR', 'crash_dump_SR']) if (ctx.pool.record[f] === srRef) db.set('pool', pool, f, NULL_REF);
  db.destroy('SR', srRef);
}

const srRef = ref('SR');

export const srMethods: MethodSpec[] = [
  method('SR.create', [p('host', ref('host')), p('device_config', smap), p('physical_size', int), p('name_label', str), p('name_description', str), p('type', str), p('content_type', str), p('shared', bool), p('sm_config', smap, {})], srRef,
    (ctx, [host, dc, size, label, desc, type, ct, shared, smc]) =>
      srCreate(ctx, { host, device_config: dc, physical_size: size, name_label: label, name_description: desc, type, content_type: ct, shared, sm_config: smc })),
  method('SR.introduce', [p('uuid', str), p('name_label', str), p('name_description', str), p('type', str), p('content_type', str), p('shared', bool), p('sm_config', smap, {})], srRef,
    (ctx, [uuid, label, desc, type, ct, shared, smc]) => {
      if (!SR_TYPES.includes(type as string)) throw new XapiFailure('SR_UNKNOWN_DRIVER', [type as string]);
      return ctx.db.create('SR', { name_label: label, name_description: desc, type, content_type: ct, shared, sm_config: smc, physical_size: defaultSize(type as string) }, uuid ? { uuid: uuid as string } : {});
    }),
  method('SR.forget', [p('sr', srRef)], null, (ctx, [sr]) => {
    assertUnplugged(ctx.db, sr as string);
    dropSr(ctx, sr as string);
  }),
  method('SR.destroy', [p('sr', srRef)], null, (ctx, [sr]) => {
    const rec = assertUnplugged(ctx.db, sr as string);
    if ((rec.VDIs as string[]).some((v) => (ctx.db.get('VDI', v)?.VBDs as string[]).length > 0)) throw new XapiFailure('SR_NOT_EMPTY', []);
    dropSr(ctx, sr as string);
  }),
  method('SR.scan', [p('sr', srRef)], null, (ctx, [sr]) => void assertSrAttached(ctx.db, sr as string)),
  method('SR.update', [p('sr', srRef)], null, (ctx, [sr]) => void assertSrAttached(ctx.db, sr as string)),
  explicitSetter('SR', 'name_label', str, 'sr'),
  explicitSetter('SR', 'name_description', str, 'sr'),
  explicitSetter('SR', 'shared', bool, 'sr'),
  explicitSetter('SR', 'physical_size', int, 'self'),
  method('SR.get_supported_types', [], setOf(str), () => SR_TYPES, { async: false }),
  method('SR.probe', [p('host', ref('host')), p('device_config', smap), p('type', str, ''), p('sm_config', smap, {})], str, (ctx, [host]) => {
    ctx.db.require('host', host as string);
    return '<?xml version="1.0" ?><SRlist/>';
  }),
  method('PBD.plug', [p('self', ref('PBD'))], null, (ctx, [pb]) => {
    ctx.db.require('PBD', pb as string);
    ctx.db.set('PBD', pb as string, 'currently_attached', true);
  }),
  method('PBD.unplug', [p('self', ref('PBD'))], null, (ctx, [pb]) => {
    const db = ctx.db;
    const pbd = db.require('PBD', pb as string);
    const sr = db.require('SR', pbd.SR as string);
    for (const v of sr.VDIs as string[]) {
      for (const vbd of db.get('VDI', v)!.VBDs as string[]) {
        const b = db.get('VBD', vbd)!;
        const vm = db.get('VM', b.VM as string);
        if (b.currently_attached && vm?.resident_on === pbd.host) throw new XapiFailure('VDI_IN_USE', [v, 'unplug']);
      }
    }
    db.set('PBD', pb as string, 'currently_attached', false);
  }),
  method('PBD.destroy', [p('self', ref('PBD'))], null, (ctx, [pb]) => {
    const pbd = ctx.db.require('PBD', pb as string);
    if (pbd.currently_attached) throw new XapiFailure('OPERATION_NOT_ALLOWED', ['PBD is currently attached']);
    ctx.db.destroy('PBD', pb as string);
  }),
  explicitSetter('PBD', 'device_config', smap),
];
