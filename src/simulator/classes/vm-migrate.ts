/**
 * Cross-pool and storage migration (xapi `xapi_vm_migrate.ml`, reference 4d):
 * `host.migrate_receive` on the destination returns the five-key map; `VM.assert_can_migrate`
 * and `VM.migrate_send` on the source use it with a VDI map (source VDI → destination SR) and a
 * VIF map (source VIF → destination network). Without `options:copy=true` the VM keeps its
 * UUID and MACs, gets new refs in the destination pool, its disks are mirrored into new VDIs
 * (new UUIDs), and the source records disappear. At most 3 storage migrations per host run at
 * once.
 */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { NULL_REF, StoredRecord, bool, mapOf, ref, smap } from '../model/types';
import { Pool } from '../world';
import { checkVmOp, hostCannotRun, refreshAllowed, withOperation } from './ops';
import { srFree } from './sr';
import { copyVdiRecord, dropVdi, vdiBytes, withStorageMigration } from './vdi';
import { copyVm } from './vm-copy';
import { boot, halt } from './vm-power';
import { destroyVmRecord } from './vm-lifecycle';

interface Plan {
  dest: Pool;
  host: string;
  vdiMap: Record<string, string>;
  vifMap: Record<string, string>;
  disks: string[];
  bytes: number;
}

function receive(ctx: CallContext, host: string, network: string): StoredRecord {
  const db = ctx.db;
  const h = db.require('host', host);
  db.require('network', network);
  const session = ctx.pool.login(ctx.world.settings.username, ctx.world.settings.password, 'migrate_receive', host);
  const base = ctx.pool.url || `http://${h.address as string}`;
  return {
    SM: `${base}/services/SM?session_id=${session}`,
    host,
    xenops: `${base}/services/xenops?session_id=${session}`,
    session_id: session,
    master: base,
  };
}

/** Validates a migration; the checks xapi makes, in its order. Throws the first failure. */
function plan(ctx: CallContext, vm: string, dest: Record<string, string>, live: boolean, vdiMap: Record<string, string>, vifMap: Record<string, string>): Plan {
  const src = ctx.db;
  const rec = checkVmOp(ctx, vm, 'migrate_send', ['Halted', 'Suspended', 'Running']);
  const pool = typeof dest.session_id === 'string' ? ctx.world.poolBySession(dest.session_id) : undefined;
  if (!pool) throw new XapiFailure('SESSION_INVALID', [String(dest.session_id ?? '')]);
  const host = dest.host;
  if (!pool.db.get('host', host)) throw new XapiFailure('HANDLE_INVALID', ['host', String(host)]);
  const cross = pool !== ctx.pool;
  const disks: string[] = [];
  let bytes = 0;
  const need = new Map<string, number>();
  for (const b of rec.VBDs as string[]) {
    const vbd = src.get('VBD', b)!;
    if (vbd.type === 'CD' || vbd.VDI === NULL_REF) continue;
    const vdi = src.get('VDI', vbd.VDI as string)!;
    const sr = vdiMap[vbd.VDI as string];
    const shared = src.get('SR', vdi.SR as string)?.shared === true;
    if (sr === undefined) {
      if (cross || !shared) throw new XapiFailure('VDI_NOT_IN_MAP', [vbd.VDI as string]);
      continue;
    }
    if (!pool.db.get('SR', sr)) throw new XapiFailure('HANDLE_INVALID', ['SR', sr]);
    if (!cross && sr === vdi.SR) continue;
    disks.push(vbd.VDI as string);
    bytes += vdiBytes(vdi);
    need.set(sr, (need.get(sr) ?? 0) + vdiBytes(vdi));
  }
  for (const v of rec.VIFs as string[]) {
    const net = vifMap[v];
    if (net === undefined) {
      if (cross) throw new XapiFailure('VIF_NOT_IN_MAP', [v]);
      continue;
    }
    if (!pool.db.get('network', net)) throw new XapiFailure('HANDLE_INVALID', ['network', net]);
  }
  for (const [sr, n] of need) {
    const free = srFree(pool.db, sr);
    if (n > free) throw new XapiFailure('SR_FULL', [String(n), String(free)]);
  }
  if (rec.power_state === 'Running' && live !== undefined) {
    const probe = { ...rec, VBDs: [] };
    if (!(rec.resident_on === host && !cross)) {
      const err = hostCannotRun(pool.db, vm, probe, host);
      if (err) throw err;
    }
  }
  return { dest: pool, host, vdiMap, vifMap, disks, bytes };
}

async function migrateSend(ctx: CallContext, vm: string, dest: Record<string, string>, live: boolean, vdiMap: Record<string, string>, vifMap: Record<string, string>, options: Record<string, string>): Promise<string> {
  const pl = plan(ctx, vm, dest, live, vdiMap, vifMap);
  const src = ctx.db;
  const rec = src.require('VM', vm);
  const srcHost = rec.resident_on !== NULL_REF ? (rec.resident_on as string) : ctx.pool.master;
  const copy = options.copy === 'true';
  const run = (): Promise<string> =>
    withOperation(ctx, 'VM', vm, 'migrate_send', async () => {
      await ctx.transfer(pl.bytes + (rec.power_state === 'Running' ? (rec.memory_target as number) : 0));
      if (pl.dest === ctx.pool) return intraPool(ctx, vm, pl);
      return crossPool(ctx, vm, pl, copy);
    });
  return pl.disks.length > 0 ? withStorageMigration(ctx, srcHost, run) : run();
}

function intraPool(ctx: CallContext, vm: string, pl: Plan): string {
  const db = ctx.db;
  const rec = db.require('VM', vm);
  for (const b of rec.VBDs as string[]) {
    const vbd = db.get('VBD', b)!;
    if (!pl.disks.includes(vbd.VDI as string)) continue;
    const moved = copyVdiRecord(ctx.world, db, vbd.VDI as string, db, pl.vdiMap[vbd.VDI as string]);
    const old = vbd.VDI as string;
    db.update('VBD', b, { VDI: moved });
    dropVdi(ctx.world, db, old);
  }
  for (const v of rec.VIFs as string[]) if (pl.vifMap[v]) db.set('VIF', v, 'network', pl.vifMap[v]);
  if (rec.power_state === 'Running' && rec.resident_on !== pl.host) db.update('VM', vm, { resident_on: pl.host });
  refreshAllowed(db, 'VM', vm);
  return vm;
}

function crossPool(ctx: CallContext, vm: string, pl: Plan, copy: boolean): string {
  const src = ctx.db;
  const dst = pl.dest.db;
  const rec = src.require('VM', vm);
  const state = rec.power_state as string;
  const newVm = copyVm(ctx.world, src, vm, dst, {
    uuid: copy ? undefined : (rec.uuid as string),
    fields: { affinity: NULL_REF, appliance: NULL_REF, suspend_SR: NULL_REF, power_state: state === 'Suspended' ? 'Suspended' : 'Halted' },
    disk: (vdi, vbd) => (vbd.type === 'CD' ? NULL_REF : copyVdiRecord(ctx.world, src, vdi, dst, pl.vdiMap[vdi])),
    network: (vif) => pl.vifMap[Object.keys(pl.vifMap).find((k) => src.get('VIF', k) === vif) ?? ''],
    keepMacs: !copy,
  });
  if (!copy) {
    const disks = [...pl.disks];
    if (state === 'Running' || state === 'Paused') halt(ctx, vm);
    destroyVmRecord(ctx, vm);
    for (const d of disks) if (src.get('VDI', d) && (src.get('VDI', d)!.VBDs as string[]).length === 0) dropVdi(ctx.world, src, d);
  }
  const dctx = new CallContext(ctx.world, pl.dest, '', ctx.transport, pl.host, ctx.task, false);
  if (state === 'Running' || state === 'Paused') boot(dctx, newVm, pl.host, state === 'Paused');
  else refreshAllowed(dst, 'VM', newVm);
  return newVm;
}

const migrateParams = [
  p('vm', ref('VM')), p('dest', smap), p('live', bool), p('vdi_map', mapOf(ref('VDI'), ref('SR'))), p('vif_map', mapOf(ref('VIF'), ref('network'))),
  p('options', smap), p('vgpu_map', mapOf(ref('VGPU'), ref('GPU_group')), {}),
];

type Maps = Record<string, string>;

export const vmMigrateMethods: MethodSpec[] = [
  method('host.migrate_receive', [p('host', ref('host')), p('network', ref('network')), p('options', smap)], smap, (ctx, [host, net]) => receive(ctx, host as string, net as string)),
  method('VM.assert_can_migrate', migrateParams, null, (ctx, [vm, dest, live, vdis, vifs]) => void plan(ctx, vm as string, dest as Maps, live as boolean, vdis as Maps, vifs as Maps)),
  method('VM.migrate_send', migrateParams, ref('VM'), (ctx, [vm, dest, live, vdis, vifs, options]) =>
    migrateSend(ctx, vm as string, dest as Maps, live as boolean, vdis as Maps, vifs as Maps, options as Maps)),
];
