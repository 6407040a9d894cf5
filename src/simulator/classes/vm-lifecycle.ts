/** VM: create, destroy, clone, copy, provision, snapshot, checkpoint, revert. */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { createRecord, recordType } from '../dispatch/implicit';
import { NULL_REF, StoredRecord, ref, setOf, str } from '../model/types';
import { VM } from '../schema/vm';
import { checkVmOp, refreshAllowed, withOperation } from './ops';
import { copyVdiRecord, newVdi, vdiBytes, dropVdi } from './vdi';
import { copyVm } from './vm-copy';
import { checkMemory, checkVcpus, halt } from './vm-power';

const vmRef = ref('VM');

function create(ctx: CallContext, rec: StoredRecord): string {
  const fields = createRecord(ctx, VM, rec);
  checkMemory(fields as Record<string, number>);
  checkVcpus(fields.VCPUs_at_startup as number, fields.VCPUs_max as number);
  const metrics = ctx.db.create('VM_metrics', { install_time: ctx.now() });
  const r = ctx.db.create('VM', { ...fields, power_state: 'Halted', metrics, is_default_template: false, allowed_operations: [] });
  refresh(ctx, r);
  return r;
}

function refresh(ctx: CallContext, r: string): void {
  refreshAllowed(ctx.db, 'VM', r);
}

/** Removes a VM record with its VBDs, VIFs and metrics; VDIs stay (xapi semantics). */
export function destroyVmRecord(ctx: CallContext, r: string): void {
  const db = ctx.db;
  const vm = db.require('VM', r);
  for (const b of [...(vm.VBDs as string[])]) db.destroy('VBD', b);
  for (const v of [...(vm.VIFs as string[])]) db.destroy('VIF', v);
  for (const f of ['metrics', 'guest_metrics'] as const) {
    const cls = f === 'metrics' ? 'VM_metrics' : 'VM_guest_metrics';
    if (db.get(cls, vm[f] as string)) db.destroy(cls, vm[f] as string);
  }
  if (vm.suspend_VDI !== NULL_REF && db.get('VDI', vm.suspend_VDI as string)) dropVdi(ctx.world, db, vm.suspend_VDI as string);
  for (const s of vm.snapshots as string[]) if (db.get('VM', s)) db.set('VM', s, 'snapshot_of', NULL_REF);
  db.destroy('VM', r);
}

function diskVdis(ctx: CallContext, vm: StoredRecord): string[] {
  return (vm.VBDs as string[]).map((b) => ctx.db.get('VBD', b)!).filter((b) => b.type !== 'CD' && b.VDI !== NULL_REF).map((b) => b.VDI as string);
}

async function cloneOrCopy(ctx: CallContext, r: string, name: string, sr: string | undefined): Promise<string> {
  const db = ctx.db;
  const vm = checkVmOp(ctx, r, sr === undefined ? 'clone' : 'copy', ['Halted', 'Suspended']);
  if (sr !== undefined && sr !== NULL_REF) db.require('SR', sr);
  return withOperation(ctx, 'VM', r, sr === undefined ? 'clone' : 'copy', async () => {
    const bytes = diskVdis(ctx, vm).reduce((n, v) => n + vdiBytes(db.get('VDI', v)!), 0);
    if (sr !== undefined) await ctx.transfer(bytes);
    const copy = copyVm(ctx.world, db, r, db, {
      fields: { name_label: name, is_a_template: vm.is_a_template, reference_label: '' },
      disk: (vdi, vbd) => (vbd.type === 'CD' ? vdi : copyVdiRecord(ctx.world, db, vdi, db, sr === undefined || sr === NULL_REF ? (db.get('VDI', vdi)!.SR as string) : sr)),
      network: (vif) => vif.network as string,
      keepMacs: false,
    });
    refresh(ctx, copy);
    return copy;
  });
}

/** `other_config:disks` → one VDI + VBD per `<disk …/>`. */
function provision(ctx: CallContext, r: string): Promise<void> {
  const db = ctx.db;
  const vm = checkVmOp(ctx, r, 'provision', ['Halted']);
  const xml = (vm.other_config as Record<string, string>).disks ?? '';
  return withOperation(ctx, 'VM', r, 'provision', () => {
    for (const m of xml.matchAll(/<disk\b([^>]*)\/?>/g)) {
      const attr = (name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1] ?? '';
      const srUuid = attr('sr');
      const sr = srUuid === '' ? (ctx.pool.record.default_SR as string) : db.refByUuid('SR', srUuid);
      if (!sr || sr === NULL_REF || !db.get('SR', sr)) throw new XapiFailure('UUID_INVALID', ['sr', srUuid]);
      const device = attr('device') || '0';
      const vdi = newVdi(db, {
        name_label: device, name_description: 'Created by template provisioner', SR: sr, virtual_size: Number(attr('size')) || 0,
        physical_utilisation: Number(attr('size')) || 0, type: attr('type') || 'system', sharable: false, read_only: false, other_config: {},
      });
      db.create('VBD', { VM: r, VDI: vdi, userdevice: device, bootable: attr('bootable') === 'true', mode: 'RW', type: 'Disk', empty: false, unpluggable: true });
    }
    const oc = { ...(vm.other_config as Record<string, string>) };
    delete oc.disks;
    delete oc.postinstall;
    db.set('VM', r, 'other_config', oc);
  });
}

async function snapshot(ctx: CallContext, r: string, name: string, ignore: string[], withMemory: boolean): Promise<string> {
  const db = ctx.db;
  const vm = checkVmOp(ctx, r, withMemory ? 'checkpoint' : 'snapshot', withMemory ? ['Running', 'Paused', 'Suspended'] : 'any');
  return withOperation(ctx, 'VM', r, withMemory ? 'checkpoint' : 'snapshot', () => {
    const snap = copyVm(ctx.world, db, r, db, {
      fields: {
        name_label: name, is_a_snapshot: true, is_a_template: true, snapshot_of: r, snapshot_time: ctx.now(),
        power_state: withMemory ? 'Suspended' : 'Halted', snapshot_info: { 'power-state-at-snapshot': vm.power_state as string },
      },
      disk: (vdi, vbd) => {
        if (vbd.type === 'CD' || ignore.includes(vdi)) return vbd.type === 'CD' ? vdi : (undefined as unknown as string);
        return copyVdiRecord(ctx.world, db, vdi, db, db.get('VDI', vdi)!.SR as string, { is_a_snapshot: true, snapshot_of: vdi, snapshot_time: ctx.now() });
      },
      network: (vif) => vif.network as string,
      keepMacs: true,
    });
    return snap;
  });
}

async function revert(ctx: CallContext, snap: string): Promise<void> {
  const db = ctx.db;
  const s = db.require('VM', snap);
  if (!s.is_a_snapshot) throw new XapiFailure('VM_NOT_A_SNAPSHOT', [snap]);
  const target = s.snapshot_of as string;
  if (!db.get('VM', target)) throw new XapiFailure('VM_REVERT_FAILED', [snap, target]);
  checkVmOp(ctx, target, 'revert', 'any');
  await withOperation(ctx, 'VM', target, 'revert', () => {
    const vm = db.require('VM', target);
    if (vm.power_state !== 'Halted') halt(ctx, target);
    const oldDisks = diskVdis(ctx, vm);
    for (const b of [...(vm.VBDs as string[])]) db.destroy('VBD', b);
    for (const v of oldDisks) if (db.get('VDI', v) && (db.get('VDI', v)!.VBDs as string[]).length === 0) dropVdi(ctx.world, db, v);
    for (const b of s.VBDs as string[]) {
      const vbd = db.get('VBD', b)!;
      const vdi = vbd.VDI === NULL_REF || vbd.type === 'CD' ? (vbd.VDI as string) : copyVdiRecord(ctx.world, db, vbd.VDI as string, db, db.get('VDI', vbd.VDI as string)!.SR as string);
      db.create('VBD', { ...vbd, uuid: '', VM: target, VDI: vdi, currently_attached: false, current_operations: {} });
    }
    const restore: StoredRecord = {};
    for (const f of ['memory_static_min', 'memory_static_max', 'memory_dynamic_min', 'memory_dynamic_max', 'VCPUs_max', 'VCPUs_at_startup', 'platform', 'HVM_boot_params', 'other_config', 'name_description']) restore[f] = s[f];
    db.update('VM', target, { ...restore, power_state: s.power_state === 'Suspended' ? 'Suspended' : 'Halted' });
  });
}

export const vmLifecycleMethods: MethodSpec[] = [
  method('VM.create', [p('args', recordType(VM))], vmRef, (ctx, [rec]) => create(ctx, rec as StoredRecord)),
  method('VM.destroy', [p('self', vmRef)], null, (ctx, [r]) => {
    const vm = ctx.db.require('VM', r as string);
    if (vm.is_default_template) throw new XapiFailure('VM_CANNOT_DELETE_DEFAULT_TEMPLATE', [r as string]);
    checkVmOp(ctx, r as string, 'destroy', ['Halted', 'Suspended']);
    return withOperation(ctx, 'VM', r as string, 'destroy', () => destroyVmRecord(ctx, r as string));
  }),
  method('VM.clone', [p('vm', vmRef), p('new_name', str)], vmRef, (ctx, [r, name]) => cloneOrCopy(ctx, r as string, name as string, undefined)),
  method('VM.copy', [p('vm', vmRef), p('new_name', str), p('sr', ref('SR'))], vmRef, (ctx, [r, name, sr]) => cloneOrCopy(ctx, r as string, name as string, sr as string)),
  method('VM.provision', [p('vm', vmRef)], null, (ctx, [r]) => provision(ctx, r as string)),
  method('VM.snapshot', [p('vm', vmRef), p('new_name', str), p('ignore_vdis', setOf(ref('VDI')), [])], vmRef, (ctx, [r, name, ignore]) => snapshot(ctx, r as string, name as string, ignore as string[], false)),
  method('VM.checkpoint', [p('vm', vmRef), p('new_name', str)], vmRef, (ctx, [r, name]) => snapshot(ctx, r as string, name as string, [], true)),
  method('VM.revert', [p('snapshot', vmRef)], null, (ctx, [s]) => revert(ctx, s as string)),
];
