/**
 * VDI: create / destroy / resize / copy / clone / snapshot / pool_migrate / forget. Contents are
 * tracked per VDI uuid in the world (length + hash, bytes only when small) and travel with copies
 * and migrations. Data moved costs `latencyMsPerGiB` of clock time.
 */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { createRecord, recordType } from '../dispatch/implicit';
import { Database } from '../db/database';
import { NULL_REF, StoredRecord, int, ref, smap, enumOf } from '../model/types';
import { VDI } from '../schema/storage';
import { World } from '../world';
import { allocate, assertSrAttached, release } from './sr';
import { withOperation } from './ops';

const vdiRef = ref('VDI');

/** Bytes a VDI occupies (thick accounting). */
export const vdiBytes = (vdi: StoredRecord): number => vdi.virtual_size as number;

/** Creates a VDI record on an SR after reserving its space. */
export function newVdi(db: Database, fields: StoredRecord, ids: { uuid?: string } = {}): string {
  assertSrAttached(db, fields.SR as string);
  allocate(db, fields.SR as string, fields.virtual_size as number);
  const r = db.create('VDI', { ...fields, VBDs: [], snapshots: [] }, ids);
  const rec = db.get('VDI', r)!;
  db.update('VDI', r, { location: rec.uuid as string, allowed_operations: ['clone', 'copy', 'destroy', 'forget', 'snapshot', 'resize', 'mirror'] });
  return r;
}

/**
 * Copies a VDI (possibly into another pool's database) onto `dstSr`; the copy gets a new uuid
 * and the source's contents.
 */
export function copyVdiRecord(world: World, srcDb: Database, src: string, dstDb: Database, dstSr: string, overrides: StoredRecord = {}): string {
  const v = srcDb.require('VDI', src);
  const copy = newVdi(dstDb, {
    name_label: v.name_label, name_description: v.name_description, SR: dstSr, virtual_size: v.virtual_size, physical_utilisation: v.virtual_size,
    type: v.type, sharable: v.sharable, read_only: v.read_only, other_config: { ...(v.other_config as object) }, xenstore_data: { ...(v.xenstore_data as object) },
    sm_config: {}, tags: [...(v.tags as string[])], on_boot: v.on_boot, ...overrides,
  });
  const content = world.contents.get(v.uuid as string);
  if (content) world.contents.set(dstDb.get('VDI', copy)!.uuid as string, { ...content });
  return copy;
}

/** Destroys a VDI record, its detached VBDs, its space and contents. */
export function dropVdi(world: World, db: Database, r: string): void {
  const v = db.require('VDI', r);
  for (const vbd of [...(v.VBDs as string[])]) db.destroy('VBD', vbd);
  release(db, v.SR as string, vdiBytes(v));
  world.contents.delete(v.uuid as string);
  db.destroy('VDI', r);
}

/** Runs `fn` counting as a storage migration on `host`: the 4th concurrent one fails with `TOO_MANY_STORAGE_MIGRATES ["3"]`. */
export async function withStorageMigration<T>(ctx: CallContext, host: string, fn: () => Promise<T>): Promise<T> {
  const counts = ctx.pool.storageMigrations;
  const n = counts.get(host) ?? 0;
  if (n >= 3) throw new XapiFailure('TOO_MANY_STORAGE_MIGRATES', ['3']);
  counts.set(host, n + 1);
  try {
    return await fn();
  } finally {
    counts.set(host, (counts.get(host) ?? 1) - 1);
  }
}

function assertNotAttached(db: Database, r: string, op: string): StoredRecord {
  const v = db.require('VDI', r);
  if ((v.VBDs as string[]).some((b) => db.get('VBD', b)?.currently_attached)) throw new XapiFailure('VDI_IN_USE', [r, op]);
  return v;
}

async function poolMigrate(ctx: CallContext, r: string, sr: string): Promise<string> {
  const db = ctx.db;
  const v = db.require('VDI', r);
  db.require('SR', sr);
  const vbd = (v.VBDs as string[]).map((b) => [b, db.get('VBD', b)!] as const).find(([, b]) => b.currently_attached);
  if (!vbd) throw new XapiFailure('VDI_NEEDS_VM_FOR_MIGRATE', [r]);
  const vm = db.require('VM', vbd[1].VM as string);
  if (v.SR === sr) return r;
  return withStorageMigration(ctx, vm.resident_on as string, () =>
    withOperation(ctx, 'VDI', r, 'mirror', async () => {
      await ctx.transfer(vdiBytes(v));
      const copy = copyVdiRecord(ctx.world, db, r, db, sr, { snapshots: [] });
      db.update('VBD', vbd[0], { VDI: copy });
      dropVdi(ctx.world, db, r);
      return copy;
    }),
  );
}

export const vdiMethods: MethodSpec[] = [
  method('VDI.create', [p('args', recordType(VDI))], vdiRef, (ctx, [rec]) => {
    const fields = createRecord(ctx, VDI, rec as StoredRecord);
    if ((fields.virtual_size as number) < 0) throw new XapiFailure('INVALID_VALUE', ['virtual_size', String(fields.virtual_size)]);
    return newVdi(ctx.db, { ...fields, physical_utilisation: fields.virtual_size });
  }),
  method('VDI.destroy', [p('self', vdiRef)], null, (ctx, [r]) => {
    const v = assertNotAttached(ctx.db, r as string, 'destroy');
    if (v.read_only && (ctx.db.get('SR', v.SR as string)?.content_type === 'iso')) throw new XapiFailure('SR_OPERATION_NOT_SUPPORTED', [v.SR as string]);
    return withOperation(ctx, 'VDI', r as string, 'destroy', () => dropVdi(ctx.world, ctx.db, r as string));
  }),
  method('VDI.forget', [p('vdi', vdiRef)], null, (ctx, [r]) => {
    assertNotAttached(ctx.db, r as string, 'forget');
    dropVdi(ctx.world, ctx.db, r as string);
  }),
  method('VDI.resize', [p('vdi', vdiRef), p('size', int)], null, (ctx, [r, size]) => {
    const db = ctx.db;
    const v = db.require('VDI', r as string);
    const old = v.virtual_size as number;
    if ((size as number) < old) throw new XapiFailure('SR_BACKEND_FAILURE_79', ['', 'VDI Invalid size', 'shrinking is not supported']);
    return withOperation(ctx, 'VDI', r as string, 'resize', () => {
      allocate(db, v.SR as string, (size as number) - old);
      db.update('VDI', r as string, { virtual_size: size, physical_utilisation: size });
    });
  }),
  method('VDI.copy', [p('vdi', vdiRef), p('sr', ref('SR')), p('base_vdi', vdiRef, NULL_REF), p('into_vdi', vdiRef, NULL_REF)], vdiRef, async (ctx, [r, sr, , into]) => {
    const db = ctx.db;
    const v = db.require('VDI', r as string);
    if (into !== NULL_REF) {
      const target = db.require('VDI', into as string);
      if ((target.virtual_size as number) < (v.virtual_size as number)) throw new XapiFailure('VDI_TOO_SMALL', [into as string, String(v.virtual_size)]);
      await ctx.transfer(vdiBytes(v));
      const content = ctx.world.contents.get(v.uuid as string);
      if (content) ctx.world.contents.set(target.uuid as string, { ...content });
      return into as string;
    }
    const dst = sr === NULL_REF ? (v.SR as string) : (sr as string);
    db.require('SR', dst);
    return withOperation(ctx, 'VDI', r as string, 'copy', async () => {
      await ctx.transfer(vdiBytes(v));
      return copyVdiRecord(ctx.world, db, r as string, db, dst);
    });
  }),
  method('VDI.clone', [p('vdi', vdiRef), p('driver_params', smap, {})], vdiRef, (ctx, [r]) =>
    withOperation(ctx, 'VDI', r as string, 'clone', () => copyVdiRecord(ctx.world, ctx.db, r as string, ctx.db, ctx.db.require('VDI', r as string).SR as string))),
  method('VDI.snapshot', [p('vdi', vdiRef), p('driver_params', smap, {})], vdiRef, (ctx, [r]) =>
    withOperation(ctx, 'VDI', r as string, 'snapshot', () => {
      const v = ctx.db.require('VDI', r as string);
      return copyVdiRecord(ctx.world, ctx.db, r as string, ctx.db, v.SR as string, { is_a_snapshot: true, snapshot_of: r as string, snapshot_time: ctx.now() });
    })),
  method('VDI.pool_migrate', [p('vdi', vdiRef), p('sr', ref('SR')), p('options', smap, {})], vdiRef, (ctx, [r, sr]) => poolMigrate(ctx, r as string, sr as string)),
  method('VDI.set_on_boot', [p('self', vdiRef), p('value', enumOf('on_boot', 'persist', 'reset'))], null, (ctx, [r, v]) => {
    ctx.db.require('VDI', r as string);
    ctx.db.set('VDI', r as string, 'on_boot', v);
  }),
  method('VDI.set_read_only', [p('self', vdiRef), p('value', { k: 'bool' })], null, (ctx, [r, v]) => {
    ctx.db.require('VDI', r as string);
    ctx.db.set('VDI', r as string, 'read_only', v);
  }, { async: false }),
  method('VDI.set_sharable', [p('self', vdiRef), p('value', { k: 'bool' })], null, (ctx, [r, v]) => {
    ctx.db.require('VDI', r as string);
    ctx.db.set('VDI', r as string, 'sharable', v);
  }, { async: false }),
  method('VDI.set_allow_caching', [p('self', vdiRef), p('value', { k: 'bool' })], null, (ctx, [r, v]) => {
    ctx.db.require('VDI', r as string);
    ctx.db.set('VDI', r as string, 'allow_caching', v);
  }),
  method('VDI.enable_cbt', [p('self', vdiRef)], null, (ctx, [r]) => setCbt(ctx, r as string, true)),
  method('VDI.disable_cbt', [p('self', vdiRef)], null, (ctx, [r]) => setCbt(ctx, r as string, false)),
];

/** Changed block tracking, with xapi's refusals: ISO SRs, non-disk VDI types, reset-on-boot disks. */
function setCbt(ctx: CallContext, vdi: string, on: boolean): void {
  const v = ctx.db.require('VDI', vdi);
  const sr = ctx.db.require('SR', v.SR as string);
  if (sr.content_type === 'iso' || sr.type === 'iso') throw new XapiFailure('SR_OPERATION_NOT_SUPPORTED', [v.SR as string]);
  if (!['user', 'system'].includes(v.type as string)) throw new XapiFailure('VDI_INCOMPATIBLE_TYPE', [vdi, v.type as string]);
  if (v.on_boot === 'reset') throw new XapiFailure('VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION', []);
  ctx.db.set('VDI', vdi, 'cbt_enabled', on);
}
