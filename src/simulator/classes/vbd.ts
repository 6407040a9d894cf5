/** VBD: create (with `autodetect` userdevice), plug / unplug (running VMs), insert / eject (CDs), destroy. */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { createRecord, recordType } from '../dispatch/implicit';
import { Database } from '../db/database';
import { NULL_REF, StoredRecord, ref } from '../model/types';
import { VBD } from '../schema/storage';
import { assertPowerState, refreshAllowed } from './ops';

const vbdRef = ref('VBD');

/** `xvda`, `xvdb`, … (`hda`/`hdd` style names are not modelled). */
export const deviceName = (userdevice: string): string => `xvd${String.fromCharCode(97 + (Number(userdevice) || 0))}`;

function nextUserdevice(db: Database, vm: StoredRecord): string {
  const used = new Set((vm.VBDs as string[]).map((b) => db.get('VBD', b)?.userdevice));
  for (let i = 0; ; i++) if (!used.has(String(i))) return String(i);
}

/** Marks a VBD attached / detached, keeping `device` and allowed operations current. */
export function setAttached(db: Database, vbd: string, attached: boolean): void {
  const b = db.require('VBD', vbd);
  db.update('VBD', vbd, { currently_attached: attached, device: attached ? deviceName(b.userdevice as string) : b.device });
  refreshAllowed(db, 'VBD', vbd);
}

function create(ctx: CallContext, rec: StoredRecord): string {
  const db = ctx.db;
  const fields = createRecord(ctx, VBD, rec);
  const vm = db.require('VM', fields.VM as string);
  if (fields.VDI === NULL_REF && !fields.empty) throw new XapiFailure('HANDLE_INVALID', ['VDI', NULL_REF]);
  if (fields.userdevice === 'autodetect' || fields.userdevice === '') fields.userdevice = nextUserdevice(db, vm);
  if ((vm.VBDs as string[]).some((b) => db.get('VBD', b)?.userdevice === fields.userdevice)) throw new XapiFailure('DEVICE_ALREADY_EXISTS', [fields.userdevice as string]);
  if (fields.VDI !== NULL_REF) {
    const vdi = db.require('VDI', fields.VDI as string);
    if (fields.mode === 'RW' && !vdi.sharable) {
      const other = (vdi.VBDs as string[]).find((b) => db.get('VBD', b)?.currently_attached && db.get('VBD', b)?.mode === 'RW');
      if (other) throw new XapiFailure('VDI_IN_USE', [fields.VDI as string, 'attach']);
    }
  }
  const r = db.create('VBD', { ...fields, currently_attached: false });
  refreshAllowed(db, 'VBD', r);
  return r;
}

function runningVmOf(ctx: CallContext, vbd: string): [StoredRecord, string] {
  const b = ctx.db.require('VBD', vbd);
  const vm = ctx.db.require('VM', b.VM as string);
  assertPowerState(b.VM as string, vm, ['Running']);
  return [b, b.VM as string];
}

export const vbdMethods: MethodSpec[] = [
  method('VBD.create', [p('args', recordType(VBD))], vbdRef, (ctx, [rec]) => create(ctx, rec as StoredRecord)),
  method('VBD.plug', [p('self', vbdRef)], null, (ctx, [r]) => {
    const [b] = runningVmOf(ctx, r as string);
    if (b.currently_attached) throw new XapiFailure('DEVICE_ALREADY_ATTACHED', [r as string]);
    setAttached(ctx.db, r as string, true);
  }),
  ...['unplug', 'unplug_force'].map((op) =>
    method(`VBD.${op}`, [p('self', vbdRef)], null, (ctx, [r]) => {
      const [b] = runningVmOf(ctx, r as string);
      if (!b.currently_attached) throw new XapiFailure('DEVICE_ALREADY_DETACHED', [r as string]);
      if (!b.unpluggable && op === 'unplug') throw new XapiFailure('VBD_NOT_UNPLUGGABLE', [r as string]);
      setAttached(ctx.db, r as string, false);
    }),
  ),
  method('VBD.destroy', [p('self', vbdRef)], null, (ctx, [r]) => {
    const b = ctx.db.require('VBD', r as string);
    const vm = ctx.db.get('VM', b.VM as string);
    if (b.currently_attached && vm?.power_state === 'Running') throw new XapiFailure('OPERATION_NOT_ALLOWED', ['VBD is currently attached to a running VM; unplug it first']);
    ctx.db.destroy('VBD', r as string);
  }),
  method('VBD.insert', [p('vbd', vbdRef), p('vdi', ref('VDI'))], null, (ctx, [r, vdi]) => {
    const b = ctx.db.require('VBD', r as string);
    ctx.db.require('VDI', vdi as string);
    if (b.type !== 'CD') throw new XapiFailure('VBD_NOT_REMOVABLE_MEDIA', [r as string]);
    if (!b.empty) throw new XapiFailure('VBD_NOT_EMPTY', [r as string]);
    ctx.db.update('VBD', r as string, { VDI: vdi, empty: false });
  }),
  method('VBD.eject', [p('vbd', vbdRef)], null, (ctx, [r]) => {
    const b = ctx.db.require('VBD', r as string);
    if (b.type !== 'CD') throw new XapiFailure('VBD_NOT_REMOVABLE_MEDIA', [r as string]);
    if (b.empty) throw new XapiFailure('VBD_IS_EMPTY', [r as string]);
    ctx.db.update('VBD', r as string, { VDI: NULL_REF, empty: true });
  }),
];
