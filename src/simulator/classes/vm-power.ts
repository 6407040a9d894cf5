/**
 * The VM power-state machine (xapi `xapi_vm_lifecycle.ml`):
 * Halted --start--> Running (or Paused); Running <--pause/unpause--> Paused;
 * Running --suspend--> Suspended --resume--> Running; shutdowns to Halted; reboots stay Running.
 * Starting places the VM on a host with enough free memory that sees its SRs, attaches its
 * devices, fills VM_metrics, and after `guestBootMs` the guest agent reports IP addresses in
 * VM_guest_metrics.
 */
import { createHash } from 'node:crypto';
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { addressIn, inCidr } from '../model/ipv4';
import { NULL_REF, StoredRecord, bool, ref, smap } from '../model/types';
import { PowerState } from '../schema/vm';
import { Pool } from '../world';
import { formatDateTime } from '../../xenapi/wire/values';
import { checkVmOp, chooseHost, hostCannotRun, hostFreeMemory, refreshAllowed, withOperation } from './ops';
import { setAttached } from './vbd';
import { newVdi, dropVdi } from './vdi';

const vmRef = ref('VM');

export function checkMemory(m: Record<string, number>): void {
  const { memory_static_min: smin, memory_dynamic_min: dmin, memory_dynamic_max: dmax, memory_static_max: smax } = m;
  if (!(smin <= dmin && dmin <= dmax && dmax <= smax)) {
    throw new XapiFailure('MEMORY_CONSTRAINT_VIOLATION', ['Memory limits must satisfy: static_min <= dynamic_min <= dynamic_max <= static_max']);
  }
}

export function checkVcpus(atStartup: number, max: number): void {
  if (!(atStartup > 0 && atStartup <= max)) throw new XapiFailure('INVALID_VALUE', ['VCPU values must satisfy: 0 < VCPUs_at_startup <= VCPUs_max', String(atStartup)]);
}

/** Deterministic guest address for a VIF: a /16 per network, host part from the MAC. */
export function guestIp(networkUuid: string, mac: string): string {
  const n = createHash('sha256').update(networkUuid).digest();
  const m = createHash('sha256').update(mac).digest();
  return `10.${100 + (n[0] % 100)}.${m[0]}.${2 + (m[1] % 252)}`;
}

function refreshHostMemory(pool: Pool, host: string): void {
  const h = pool.db.get('host', host);
  if (h && pool.db.get('host_metrics', h.metrics as string)) pool.db.set('host_metrics', h.metrics as string, 'memory_free', hostFreeMemory(pool.db, host));
}

/** A number from a MAC address: picks a guest's address inside a network. */
function macSeed(mac: string): number {
  const d = createHash('sha256').update(mac).digest();
  return d.readUInt32BE(0);
}

/** Reports guest IPs once the guest has "booted", if the same domain still runs. */
export function scheduleGuestMetrics(pool: Pool, vm: string): void {
  const domid = pool.db.get('VM', vm)?.domid;
  pool.world.clock.schedule(pool.world.settings.guestBootMs, () => {
    const db = pool.db;
    const rec = db.get('VM', vm);
    if (!rec || rec.power_state !== 'Running' || rec.domid !== domid) return;
    const networks: Record<string, string> = {};
    for (const v of rec.VIFs as string[]) {
      const vif = db.get('VIF', v);
      if (!vif || !vif.currently_attached) continue;
      const ip = guestIp(db.get('network', vif.network as string)?.uuid as string, vif.MAC as string);
      networks[`${vif.device as string}/ip`] = ip;
      networks[`${vif.device as string}/ipv4/0`] = ip;
      // Addresses the settings ask for (a rehearsal's copy: where the configuration waits for one).
      const extra = (pool.world.settings.guestCidrs ?? []).filter((c) => !inCidr(ip, c)).map((c) => addressIn(c, macSeed(vif.MAC as string)));
      [...new Set(extra)].forEach((a, i) => { if (a) networks[`${vif.device as string}/ipv4/${i + 1}`] = a; });
      networks[`${vif.device as string}/ipv6/0`] = `fe80::${(vif.MAC as string).split(':').slice(2).join('')}`;
    }
    const linux = (rec.other_config as Record<string, string>).linux_template === 'true' || !/windows/i.test(rec.name_label as string);
    const fields: StoredRecord = {
      os_version: linux ? { name: 'Debian GNU/Linux 12 (bookworm)', distro: 'debian', major: '12', minor: '5', uname: '6.1.0-18-amd64' } : { name: 'Microsoft Windows Server 2022', distro: 'windows', major: '10', minor: '0' },
      PV_drivers_version: { major: '8', minor: '3', micro: '0', build: '1' }, PV_drivers_detected: true, PV_drivers_up_to_date: true,
      networks, memory: {}, disks: {}, other: { 'feature-suspend': '1', 'feature-poweroff': '1', 'feature-reboot': '1', has_vendor_device: '0' },
      live: true, can_use_hotplug_vbd: 'yes', can_use_hotplug_vif: 'yes', last_updated: formatDateTime(new Date(pool.world.clock.now())),
    };
    if (rec.guest_metrics !== NULL_REF && db.get('VM_guest_metrics', rec.guest_metrics as string)) db.update('VM_guest_metrics', rec.guest_metrics as string, fields);
    else db.set('VM', vm, 'guest_metrics', db.create('VM_guest_metrics', fields));
  });
}

/** Puts a VM on `host` in state Running or Paused. */
export function boot(ctx: CallContext, vm: string, host: string, paused: boolean): void {
  const db = ctx.db;
  const rec = db.require('VM', vm);
  const domid = 1 + Math.max(0, ...db.all('VM').filter(([, v]) => v.resident_on === host).map(([, v]) => v.domid as number));
  db.update('VM', vm, { power_state: paused ? 'Paused' : 'Running', resident_on: host, scheduled_to_be_resident_on: NULL_REF, domid, memory_target: rec.memory_dynamic_max, domarch: 'x64' });
  if (db.get('VM_metrics', rec.metrics as string)) {
    db.update('VM_metrics', rec.metrics as string, {
      memory_actual: rec.memory_dynamic_max, VCPUs_number: rec.VCPUs_at_startup, start_time: ctx.now(), last_updated: ctx.now(),
      state: paused ? ['paused'] : ['running'], hvm: rec.domain_type === 'hvm', current_domain_type: rec.domain_type,
      VCPUs_CPU: Object.fromEntries(Array.from({ length: rec.VCPUs_at_startup as number }, (_, i) => [String(i), i])),
    });
  }
  for (const b of rec.VBDs as string[]) setAttached(db, b, true);
  for (const v of rec.VIFs as string[]) db.set('VIF', v, 'currently_attached', true);
  refreshAllowed(db, 'VM', vm);
  refreshHostMemory(ctx.pool, host);
  scheduleGuestMetrics(ctx.pool, vm);
}

/** Takes a VM to Halted (or another non-running state) and detaches everything. */
export function halt(ctx: CallContext, vm: string, state: PowerState = 'Halted'): void {
  const db = ctx.db;
  const rec = db.require('VM', vm);
  const host = rec.resident_on as string;
  db.update('VM', vm, { power_state: state, resident_on: NULL_REF, domid: -1, memory_target: 0 });
  if (db.get('VM_metrics', rec.metrics as string)) db.update('VM_metrics', rec.metrics as string, { memory_actual: 0, VCPUs_number: 0, state: [], VCPUs_CPU: {}, last_updated: ctx.now() });
  if (rec.guest_metrics !== NULL_REF && db.get('VM_guest_metrics', rec.guest_metrics as string)) db.destroy('VM_guest_metrics', rec.guest_metrics as string);
  db.set('VM', vm, 'guest_metrics', NULL_REF);
  for (const b of rec.VBDs as string[]) if (db.get('VBD', b)?.currently_attached) setAttached(db, b, false);
  for (const v of rec.VIFs as string[]) db.set('VIF', v, 'currently_attached', false);
  refreshAllowed(db, 'VM', vm);
  if (host !== NULL_REF) refreshHostMemory(ctx.pool, host);
}

function powerOp(name: string, allowed: PowerState[], run: (ctx: CallContext, vm: string, args: unknown[]) => void | Promise<void>, extra: ReturnType<typeof p>[] = []): MethodSpec {
  const op = name.replace(/^VM\./, '');
  return method(name, [p('vm', vmRef), ...extra], null, (ctx, [vm, ...args]) => {
    checkVmOp(ctx, vm as string, op, allowed);
    return withOperation(ctx, 'VM', vm as string, op, () => run(ctx, vm as string, args));
  });
}

function start(ctx: CallContext, vm: string, host: string | undefined, paused: boolean): void {
  const rec = ctx.db.require('VM', vm);
  if (host !== undefined) ctx.db.require('host', host);
  boot(ctx, vm, chooseHost(ctx.db, vm, rec, host), paused);
}

function suspend(ctx: CallContext, vm: string): void {
  const db = ctx.db;
  const rec = db.require('VM', vm);
  const sr = rec.suspend_SR !== NULL_REF && db.get('SR', rec.suspend_SR as string) ? (rec.suspend_SR as string) : (ctx.pool.record.suspend_image_SR as string);
  let vdi = NULL_REF;
  if (sr !== NULL_REF && db.get('SR', sr)) {
    vdi = newVdi(db, { name_label: `Suspend image for ${rec.name_label as string}`, SR: sr, virtual_size: rec.memory_static_max, physical_utilisation: rec.memory_static_max, type: 'suspend', sharable: false, read_only: false, other_config: {} });
  }
  halt(ctx, vm, 'Suspended');
  db.set('VM', vm, 'suspend_VDI', vdi);
}

function resume(ctx: CallContext, vm: string, host: string | undefined, paused: boolean): void {
  const db = ctx.db;
  const rec = db.require('VM', vm);
  if (host !== undefined) db.require('host', host);
  const target = chooseHost(db, vm, rec, host);
  if (rec.suspend_VDI !== NULL_REF && db.get('VDI', rec.suspend_VDI as string)) dropVdi(ctx.world, db, rec.suspend_VDI as string);
  db.set('VM', vm, 'suspend_VDI', NULL_REF);
  boot(ctx, vm, target, paused);
}

function reboot(ctx: CallContext, vm: string): void {
  const host = ctx.db.require('VM', vm).resident_on as string;
  halt(ctx, vm);
  boot(ctx, vm, host, false);
}

async function poolMigrate(ctx: CallContext, vm: string, host: string): Promise<void> {
  const db = ctx.db;
  const rec = db.require('VM', vm);
  db.require('host', host);
  if (rec.resident_on === host) return;
  const err = hostCannotRun(db, vm, rec, host);
  if (err) throw err;
  await ctx.transfer(rec.memory_target as number);
  const old = rec.resident_on as string;
  db.update('VM', vm, { resident_on: host, domid: 1 + Math.max(0, ...db.all('VM').filter(([, v]) => v.resident_on === host).map(([, v]) => v.domid as number)) });
  refreshHostMemory(ctx.pool, old);
  refreshHostMemory(ctx.pool, host);
}

const startArgs = [p('start_paused', bool), p('force', bool)];

export const vmPowerMethods: MethodSpec[] = [
  powerOp('VM.start', ['Halted'], (ctx, vm, [paused]) => start(ctx, vm, undefined, paused as boolean), startArgs),
  powerOp('VM.start_on', ['Halted'], (ctx, vm, [host, paused]) => start(ctx, vm, host as string, paused as boolean), [p('host', ref('host')), ...startArgs]),
  powerOp('VM.clean_shutdown', ['Running'], (ctx, vm) => halt(ctx, vm)),
  powerOp('VM.hard_shutdown', ['Running', 'Paused', 'Suspended'], (ctx, vm) => {
    const rec = ctx.db.require('VM', vm);
    if (rec.suspend_VDI !== NULL_REF && ctx.db.get('VDI', rec.suspend_VDI as string)) dropVdi(ctx.world, ctx.db, rec.suspend_VDI as string);
    ctx.db.set('VM', vm, 'suspend_VDI', NULL_REF);
    halt(ctx, vm);
  }),
  powerOp('VM.shutdown', ['Running', 'Paused', 'Suspended'], (ctx, vm) => halt(ctx, vm)),
  powerOp('VM.clean_reboot', ['Running'], (ctx, vm) => reboot(ctx, vm)),
  powerOp('VM.hard_reboot', ['Running', 'Paused'], (ctx, vm) => reboot(ctx, vm)),
  powerOp('VM.suspend', ['Running'], (ctx, vm) => suspend(ctx, vm)),
  powerOp('VM.resume', ['Suspended'], (ctx, vm, [paused]) => resume(ctx, vm, undefined, paused as boolean), startArgs),
  powerOp('VM.resume_on', ['Suspended'], (ctx, vm, [host, paused]) => resume(ctx, vm, host as string, paused as boolean), [p('host', ref('host')), ...startArgs]),
  powerOp('VM.pause', ['Running'], (ctx, vm) => {
    ctx.db.set('VM', vm, 'power_state', 'Paused');
    refreshAllowed(ctx.db, 'VM', vm);
  }),
  powerOp('VM.unpause', ['Paused'], (ctx, vm) => {
    ctx.db.set('VM', vm, 'power_state', 'Running');
    refreshAllowed(ctx.db, 'VM', vm);
  }),
  powerOp('VM.pool_migrate', ['Running'], (ctx, vm, [host]) => poolMigrate(ctx, vm, host as string), [p('host', ref('host')), p('options', smap, {})]),
];
