/**
 * pool.join / join_force / eject / designate_new_master, and VM_appliance start and shutdown.
 *
 * A join is called on the joining (standalone) pool: its host, with dom0, host_metrics, CPUs,
 * PIFs and local SRs, moves into the master's pool, its PIFs attach to the pool-wide networks of
 * the same device, and the joining pool disappears from the world (its listener then answers
 * as a pool member). An ejected host comes back as a fresh standalone pool.
 */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { Database } from '../db/database';
import { StoredRecord, bool, ref, str, cloneValue } from '../model/types';
import { Pool } from '../world';
import { bootstrapPool } from '../bootstrap/bootstrap';
import { withOperation } from './ops';
import { vmPowerMethods } from './vm-power';

function findMasterPool(ctx: CallContext, address: string): Pool {
  const hostPart = address.replace(/^\w+:\/\//, '').replace(/\/.*$/, '');
  const [host, port] = hostPart.includes(']') ? [hostPart, ''] : hostPart.split(':');
  for (const pool of ctx.world.pools.values()) {
    if (pool === ctx.pool) continue;
    if (pool.masterAddress === host) return pool;
    if (port && pool.url.endsWith(`:${port}`)) return pool;
  }
  throw new XapiFailure('HOST_CANNOT_CONTACT_MASTER', [address]);
}

/** Moves one object (keeping its ref and uuid) from one database into another. */
function move(src: Database, dst: Database, cls: string, r: string, patch: StoredRecord = {}): void {
  const rec = cloneValue(src.require(cls, r));
  src.destroy(cls, r);
  dst.create(cls, { ...rec, ...patch }, { ref: r, uuid: rec.uuid as string });
}

function join(ctx: CallContext, address: string, user: string, password: string, force: boolean): void {
  const src = ctx.db;
  const hosts = src.all('host');
  if (hosts.length > 1) throw new XapiFailure('JOINING_HOST_CANNOT_BE_MASTER_OF_OTHER_HOSTS', []);
  const target = findMasterPool(ctx, address);
  if (user !== ctx.world.settings.username || password !== ctx.world.settings.password) throw new XapiFailure('SESSION_AUTHENTICATION_FAILED', [user, 'Authentication failure']);
  const [hostRef, host] = hosts[0];
  if (src.all('VM').some(([, v]) => !v.is_control_domain && v.power_state !== 'Halted')) throw new XapiFailure('POOL_JOINING_HOST_CANNOT_HAVE_RUNNING_VMS', []);
  if (!force && src.all('SR').some(([, sr]) => sr.shared)) throw new XapiFailure('JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS', []);
  const dst = target.db;
  const localSrs = src.all('SR').filter(([, sr]) => !sr.shared).map(([r]) => r);
  const hostRec = cloneValue(host);
  // Detach relations first (children), then move parents before children so links rebuild.
  const pbds = src.all('PBD').map(([r]) => r);
  const vdis = src.all('VDI').filter(([, v]) => localSrs.includes(v.SR as string)).map(([r]) => r);
  const pifs = src.all('PIF').map(([r, pf]) => [r, pf.device as string] as const);
  const cpus = src.all('host_cpu').map(([r]) => r);
  const dom0 = host.control_domain as string;
  const dom0Metrics = src.get('VM', dom0)?.metrics as string;
  for (const [r] of pifs) src.destroy('PIF', r);
  move(src, dst, 'host_metrics', host.metrics as string);
  dst.create('host', { ...hostRec, resident_VMs: [], PIFs: [], PBDs: [], host_CPUs: [] }, { ref: hostRef, uuid: hostRec.uuid as string });
  for (const c of cpus) move(src, dst, 'host_cpu', c);
  if (dom0Metrics && src.get('VM_metrics', dom0Metrics)) move(src, dst, 'VM_metrics', dom0Metrics);
  if (src.get('VM', dom0)) move(src, dst, 'VM', dom0, { VBDs: [], VIFs: [] });
  for (const sr of localSrs) move(src, dst, 'SR', sr, { PBDs: [], VDIs: [] });
  for (const v of vdis) if (src.get('VDI', v)) move(src, dst, 'VDI', v, { VBDs: [], snapshots: [] });
  for (const pb of pbds) if (localSrs.includes(src.get('PBD', pb)?.SR as string)) move(src, dst, 'PBD', pb);
  for (const [, device] of pifs) {
    const net = dst.all('network').find(([, n]) => (n.PIFs as string[]).some((x) => dst.get('PIF', x)?.device === device && dst.get('PIF', x)?.physical))?.[0];
    const sample = dst.all('PIF').find(([, pf]) => pf.device === device && pf.physical)?.[1];
    dst.create('PIF', {
      ...(sample ? cloneValue(sample) : {}), uuid: '', host: hostRef, network: net ?? dst.all('network')[0][0], device,
      IP: device === 'eth0' ? hostRec.address : '', management: device === 'eth0', VLAN_slave_of: [], VLAN_master_of: '', tunnel_access_PIF_of: [], tunnel_transport_PIF_of: [],
    });
  }
  for (const [sr, rec] of dst.all('SR')) {
    if (!rec.shared) continue;
    const sample = dst.get('PBD', (rec.PBDs as string[])[0]);
    dst.create('PBD', { host: hostRef, SR: sr, device_config: sample ? cloneValue(sample.device_config) : {}, currently_attached: true });
  }
  ctx.world.removePool(ctx.pool.name);
}

function eject(ctx: CallContext, hostRef: string): void {
  const db = ctx.db;
  const host = db.require('host', hostRef);
  if (hostRef === ctx.pool.master) throw new XapiFailure('POOL_EJECT_MASTER', []);
  const guests = (host.resident_VMs as string[]).filter((v) => !db.get('VM', v)?.is_control_domain);
  if (guests.length > 0) throw new XapiFailure('HOST_IN_USE', [hostRef, 'VM', guests[0]]);
  const identity = { uuid: host.uuid as string, address: host.address as string, hostname: host.hostname as string };
  const cpus = (host.host_CPUs as string[]).length;
  const memory = Math.round(((db.get('host_metrics', host.metrics as string)?.memory_total as number) ?? 0) / 2 ** 30);
  for (const pb of [...(host.PBDs as string[])]) {
    const sr = db.get('PBD', pb)!.SR as string;
    db.destroy('PBD', pb);
    const s = db.get('SR', sr);
    if (s && !s.shared && (s.PBDs as string[]).length === 0) {
      for (const v of [...(s.VDIs as string[])]) db.destroy('VDI', v);
      db.destroy('SR', sr);
    }
  }
  for (const pf of [...(host.PIFs as string[])]) db.destroy('PIF', pf);
  for (const c of [...(host.host_CPUs as string[])]) db.destroy('host_cpu', c);
  for (const v of [...(host.resident_VMs as string[])]) {
    const vm = db.get('VM', v);
    if (vm?.is_control_domain) {
      if (db.get('VM_metrics', vm.metrics as string)) db.destroy('VM_metrics', vm.metrics as string);
      db.destroy('VM', v);
    }
  }
  if (db.get('host_metrics', host.metrics as string)) db.destroy('host_metrics', host.metrics as string);
  db.destroy('host', hostRef);
  let name = identity.hostname;
  for (let i = 2; ctx.world.pools.has(name); i++) name = `${identity.hostname}-${i}`;
  bootstrapPool(ctx.world, { name, hosts: 1, cpus, memoryGiB: memory || 64 }, [identity]);
}

async function applianceRun(ctx: CallContext, app: string, op: 'start' | 'clean_shutdown' | 'hard_shutdown' | 'shutdown', paused: boolean): Promise<void> {
  const db = ctx.db;
  const rec = db.require('VM_appliance', app);
  const vms = (rec.VMs as string[]).map((v) => [v, db.get('VM', v)!] as const);
  const groups = new Map<number, string[]>();
  for (const [v, vm] of vms) groups.set(vm.order as number, [...(groups.get(vm.order as number) ?? []), v]);
  const orders = [...groups.keys()].sort((a, b) => (op === 'start' ? a - b : b - a));
  const failed: string[] = [];
  await withOperation(ctx, 'VM_appliance', app, op, async () => {
    for (const o of orders) {
      for (const v of groups.get(o)!) {
        const name = op === 'start' ? 'VM.start' : op === 'shutdown' ? 'VM.shutdown' : `VM.${op}`;
        const m = vmPowerMethods.find((x) => x.name === name)!;
        const state = db.get('VM', v)?.power_state;
        if ((op === 'start' && state !== 'Halted') || (op !== 'start' && state === 'Halted')) continue;
        try {
          const sub = new CallContext(ctx.world, ctx.pool, ctx.session, ctx.transport, ctx.host, `${ctx.task}/${v}`, false);
          await m.impl(sub, op === 'start' ? [v, paused, false] : [v]);
        } catch {
          failed.push(v);
        }
      }
    }
  });
  if (failed.length > 0) throw new XapiFailure('OPERATION_PARTIALLY_FAILED', [op, ...failed]);
}

export const poolMethods: MethodSpec[] = [
  method('pool.join', [p('master_address', str), p('master_username', str), p('master_password', str)], null, (ctx, [a, u, pw]) => join(ctx, a as string, u as string, pw as string, false)),
  method('pool.join_force', [p('master_address', str), p('master_username', str), p('master_password', str)], null, (ctx, [a, u, pw]) => join(ctx, a as string, u as string, pw as string, true)),
  method('pool.eject', [p('host', ref('host'))], null, (ctx, [h]) => eject(ctx, h as string)),
  method('pool.designate_new_master', [p('host', ref('host'))], null, (ctx, [h]) => {
    ctx.db.require('host', h as string);
    ctx.db.set('pool', ctx.pool.ref, 'master', h);
  }),
  method('pool.sync_database', [], null, () => undefined),
  method('VM_appliance.start', [p('self', ref('VM_appliance')), p('paused', bool)], null, (ctx, [a, paused]) => applianceRun(ctx, a as string, 'start', paused as boolean)),
  ...(['clean_shutdown', 'hard_shutdown', 'shutdown'] as const).map((op) =>
    method(`VM_appliance.${op}`, [p('self', ref('VM_appliance'))], null, (ctx, [a]) => applianceRun(ctx, a as string, op, false))),
  method('VM_appliance.destroy', [p('self', ref('VM_appliance'))], null, (ctx, [a]) => {
    const rec = ctx.db.require('VM_appliance', a as string);
    for (const v of [...(rec.VMs as string[])]) ctx.db.set('VM', v, 'appliance', 'OpaqueRef:NULL');
    ctx.db.destroy('VM_appliance', a as string);
  }),
];
