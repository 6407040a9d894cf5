/**
 * Shared semantics for the class modules: `current_operations` / `allowed_operations`
 * bookkeeping with `OTHER_OPERATION_IN_PROGRESS`, the VM power-state checks, memory accounting
 * per host and VM placement.
 */
import { Database } from '../db/database';
import { XapiFailure } from '../errors';
import { NULL_REF, StoredRecord } from '../model/types';
import { PowerState } from '../schema/vm';
import { CallContext } from '../dispatch/method';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

const VM_OPS: Record<PowerState, string[]> = {
  Halted: ['changing_dynamic_range', 'changing_memory_limits', 'changing_static_range', 'changing_VCPUs', 'clone', 'copy', 'destroy', 'export', 'migrate_send', 'provision', 'snapshot', 'start', 'start_on'],
  Running: ['changing_dynamic_range', 'changing_VCPUs_live', 'checkpoint', 'clean_reboot', 'clean_shutdown', 'hard_reboot', 'hard_shutdown', 'migrate_send', 'pause', 'pool_migrate', 'shutdown', 'snapshot', 'suspend'],
  Paused: ['checkpoint', 'hard_reboot', 'hard_shutdown', 'shutdown', 'snapshot', 'unpause'],
  Suspended: ['checkpoint', 'clone', 'copy', 'destroy', 'hard_shutdown', 'migrate_send', 'resume', 'resume_on', 'shutdown', 'snapshot'],
};

function allowedFor(cls: string, rec: StoredRecord): string[] | undefined {
  if (Object.keys(rec.current_operations as object).length > 0) return [];
  switch (cls) {
    case 'VM': {
      if (rec.is_control_domain) return [];
      if (rec.is_a_snapshot) return ['revert', 'clone', 'copy', 'destroy', 'export'];
      if (rec.is_a_template) return rec.is_default_template ? ['clone', 'copy', 'export', 'provision'] : ['clone', 'copy', 'destroy', 'export', 'provision'];
      return VM_OPS[rec.power_state as PowerState] ?? [];
    }
    case 'VDI':
      return (rec.VBDs as string[]).length > 0 ? ['clone', 'copy', 'snapshot', 'resize', 'mirror'] : ['clone', 'copy', 'destroy', 'forget', 'snapshot', 'resize', 'mirror'];
    case 'VBD':
      return rec.currently_attached ? ['unplug', 'unplug_force', ...(rec.type === 'CD' ? ['insert', 'eject'] : [])] : ['attach', 'plug', ...(rec.type === 'CD' ? ['insert', 'eject'] : [])];
    case 'VIF':
      return rec.currently_attached ? ['unplug', 'unplug_force'] : ['attach', 'plug'];
    case 'SR':
      return ['scan', 'destroy', 'forget', 'plug', 'unplug', 'vdi_create', 'vdi_destroy', 'vdi_resize', 'vdi_clone', 'vdi_snapshot', 'vdi_mirror', 'vdi_introduce', 'update'];
    case 'host':
      return rec.enabled ? ['provision', 'evacuate', 'reboot', 'shutdown', 'vm_start', 'vm_resume', 'vm_migrate'] : ['provision', 'evacuate', 'reboot', 'shutdown'];
    default:
      return undefined;
  }
}

/** Recomputes `allowed_operations` of an object after a change. */
export function refreshAllowed(db: Database, cls: string, ref: string): void {
  const rec = db.get(cls, ref);
  if (!rec) return;
  const ops = allowedFor(cls, rec);
  if (ops && !sameList(ops, rec.allowed_operations)) db.set(cls, ref, 'allowed_operations', ops);
}

/** True when `stored` is an array of the same strings in the same order (asked after every operation). */
function sameList(ops: readonly string[], stored: unknown): boolean {
  if (!Array.isArray(stored) || stored.length !== ops.length) return false;
  for (let i = 0; i < ops.length; i++) if (stored[i] !== ops[i]) return false;
  return true;
}

/**
 * Runs `fn` as operation `op` on an object: fails with `OTHER_OPERATION_IN_PROGRESS [cls, ref,
 * op in progress, its task]` if another operation runs, records the operation in
 * `current_operations` while it runs (taking `operationMs` of clock time), then clears it.
 */
export async function withOperation<T>(ctx: CallContext, cls: string, ref: string, op: string, fn: () => T | Promise<T>): Promise<T> {
  const db = ctx.db;
  const rec = db.require(cls, ref);
  const current = rec.current_operations as Record<string, string>;
  const busy = Object.keys(current)[0];
  if (busy !== undefined) throw new XapiFailure('OTHER_OPERATION_IN_PROGRESS', [cls, ref, current[busy], busy]);
  db.update(cls, ref, { current_operations: { ...current, [ctx.task]: op }, allowed_operations: [] });
  try {
    await ctx.sleep(ctx.world.settings.operationMs);
    return await fn();
  } finally {
    const after = db.get(cls, ref);
    if (after) {
      const ops = { ...(after.current_operations as Record<string, string>) };
      delete ops[ctx.task];
      db.set(cls, ref, 'current_operations', ops);
      refreshAllowed(db, cls, ref);
    }
  }
}

/** `VM_BAD_POWER_STATE [vm, expected…, actual]` with lowercase states, as xapi reports them. */
export function assertPowerState(vmRef: string, vm: StoredRecord, allowed: readonly PowerState[]): void {
  if (!allowed.includes(vm.power_state as PowerState)) {
    throw new XapiFailure('VM_BAD_POWER_STATE', [vmRef, allowed.map((s) => s.toLowerCase()).join(', '), String(vm.power_state).toLowerCase()]);
  }
}

/**
 * The checks xapi makes before a VM operation, in its order: the object exists
 * (`HANDLE_INVALID`), templates and snapshots cannot run (`VM_IS_TEMPLATE`),
 * `blocked_operations` (`OPERATION_BLOCKED`), power state (`VM_BAD_POWER_STATE`); the
 * in-progress check follows in {@link withOperation}.
 */
export function checkVmOp(ctx: CallContext, vmRef: string, op: string, allowed: readonly PowerState[] | 'any'): StoredRecord {
  const vm = ctx.db.require('VM', vmRef);
  const runs = ['start', 'start_on', 'resume', 'resume_on', 'pool_migrate', 'migrate_send', 'suspend', 'checkpoint'].includes(op);
  if (runs && (vm.is_a_template || vm.is_a_snapshot)) throw new XapiFailure('VM_IS_TEMPLATE', [vmRef]);
  if (vm.is_control_domain && op !== 'snapshot') throw new XapiFailure('OPERATION_NOT_ALLOWED', ['This operation is not allowed on the control domain']);
  const blocked = (vm.blocked_operations as Record<string, string>)[op];
  if (blocked !== undefined) throw new XapiFailure('OPERATION_BLOCKED', [vmRef, blocked]);
  if (allowed !== 'any') assertPowerState(vmRef, vm, allowed);
  return vm;
}

/** xapi's per-VM memory overhead, roughly: shadow/page tables scale with memory. */
export function vmOverhead(staticMax: number): number {
  return Math.ceil(staticMax / 256 / MiB) * MiB;
}

/** Memory a VM needs to run: static max plus overhead. */
export function vmMemoryNeeded(vm: StoredRecord): number {
  return (vm.memory_static_max as number) + vmOverhead(vm.memory_static_max as number);
}

/** Memory a resident VM uses now: its target (dynamic max) plus overhead. */
function vmMemoryUsed(vm: StoredRecord): number {
  const target = (vm.memory_target as number) || (vm.memory_dynamic_max as number);
  return target + vmOverhead(vm.memory_static_max as number);
}

/** `host.compute_free_memory`: total − host overhead − resident and scheduled VMs. */
export function hostFreeMemory(db: Database, hostRef: string): number {
  const host = db.require('host', hostRef);
  const total = (db.get('host_metrics', host.metrics as string)?.memory_total as number) ?? 0;
  let used = host.memory_overhead as number;
  for (const vmRef of host.resident_VMs as string[]) {
    const vm = db.get('VM', vmRef);
    if (vm && (vm.power_state === 'Running' || vm.power_state === 'Paused')) used += vmMemoryUsed(vm);
  }
  for (const [, vm] of db.all('VM')) {
    if (vm.scheduled_to_be_resident_on === hostRef && vm.resident_on !== hostRef) used += vmMemoryNeeded(vm);
  }
  return Math.max(0, total - used);
}

/** SRs of a VM's disks (non-empty VBDs). */
export function vmSrs(db: Database, vm: StoredRecord): string[] {
  const srs = new Set<string>();
  for (const vbdRef of vm.VBDs as string[]) {
    const vbd = db.get('VBD', vbdRef);
    if (!vbd || vbd.empty || vbd.VDI === NULL_REF) continue;
    const vdi = db.get('VDI', vbd.VDI as string);
    if (vdi) srs.add(vdi.SR as string);
  }
  return [...srs];
}

/** True when the host has an attached PBD for the SR. */
export function hostSeesSr(db: Database, hostRef: string, srRef: string): boolean {
  const sr = db.get('SR', srRef);
  if (!sr) return false;
  return (sr.PBDs as string[]).some((p) => {
    const pbd = db.get('PBD', p);
    return pbd?.host === hostRef && pbd.currently_attached === true;
  });
}

/** Networks of a VM's VIFs. */
function vmNetworks(db: Database, vm: StoredRecord): string[] {
  const nets = new Set<string>();
  for (const vif of vm.VIFs as string[]) {
    const net = db.get('VIF', vif)?.network as string | undefined;
    if (net && db.get('network', net)) nets.add(net);
  }
  return [...nets];
}

/**
 * True when a VM on the host can use the network: a network with PIFs (external, VLAN, bond,
 * tunnel) only on a host that has one of them; a network without any (internal) everywhere,
 * as xapi's check before a start or migration (`VM_REQUIRES_NETWORK [vm, network]`).
 */
export function hostSeesNetwork(db: Database, hostRef: string, netRef: string): boolean {
  const pifs = (db.get('network', netRef)?.PIFs as string[] | undefined) ?? [];
  return pifs.length === 0 || pifs.some((p) => db.get('PIF', p)?.host === hostRef);
}

/** Checks one host for a VM; returns the failure instead of throwing. */
export function hostCannotRun(db: Database, vmRef: string, vm: StoredRecord, hostRef: string): XapiFailure | undefined {
  const host = db.get('host', hostRef);
  if (!host) return new XapiFailure('HANDLE_INVALID', ['host', hostRef]);
  if (!host.enabled) return new XapiFailure('HOST_DISABLED', [hostRef]);
  for (const sr of vmSrs(db, vm)) if (!hostSeesSr(db, hostRef, sr)) return new XapiFailure('VM_REQUIRES_SR', [vmRef, sr]);
  for (const net of vmNetworks(db, vm)) if (!hostSeesNetwork(db, hostRef, net)) return new XapiFailure('VM_REQUIRES_NETWORK', [vmRef, net]);
  const needed = vmMemoryNeeded(vm);
  const free = hostFreeMemory(db, hostRef);
  if (needed > free) return new XapiFailure('HOST_NOT_ENOUGH_FREE_MEMORY', [String(needed), String(free)]);
  return undefined;
}

/**
 * Picks a host: the given one (its failure is raised), else the affinity host if it fits, else the
 * host with the most free memory that fits. When none fits on memory alone the failure is
 * `HOST_NOT_ENOUGH_FREE_MEMORY [needed, best available]`; with no usable host at all,
 * `NO_HOSTS_AVAILABLE`.
 */
export function chooseHost(db: Database, vmRef: string, vm: StoredRecord, explicit?: string): string {
  if (explicit) {
    const err = hostCannotRun(db, vmRef, vm, explicit);
    if (err) throw err;
    return explicit;
  }
  const hosts = db.all('host').map(([r]) => r);
  const affinity = vm.affinity as string;
  const ordered = hosts.sort((a, b) => hostFreeMemory(db, b) - hostFreeMemory(db, a));
  if (hosts.includes(affinity)) ordered.unshift(...ordered.splice(ordered.indexOf(affinity), 1));
  const errors = ordered.map((h) => [h, hostCannotRun(db, vmRef, vm, h)] as const);
  const ok = errors.find(([, e]) => !e);
  if (ok) return ok[0];
  const memory = errors.filter(([, e]) => e!.code === 'HOST_NOT_ENOUGH_FREE_MEMORY');
  if (memory.length > 0) {
    const best = Math.max(...memory.map(([h]) => hostFreeMemory(db, h)));
    throw new XapiFailure('HOST_NOT_ENOUGH_FREE_MEMORY', [String(vmMemoryNeeded(vm)), String(best)]);
  }
  const srErr = errors.find(([, e]) => e!.code === 'VM_REQUIRES_SR' || e!.code === 'VM_REQUIRES_NETWORK');
  if (srErr) throw srErr[1]!;
  throw new XapiFailure('NO_HOSTS_AVAILABLE', []);
}
