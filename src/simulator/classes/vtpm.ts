/** VTPM: a virtual TPM attached to a VM (xapi: halted UEFI VMs only; one per VM). */
import { XapiFailure } from '../errors';
import { MethodSpec, method, p } from '../dispatch/method';
import { bool, ref } from '../model/types';
import { assertPowerState } from './ops';

export const vtpmMethods: MethodSpec[] = [
  method('VTPM.create', [p('vM', ref('VM')), p('is_unique', bool)], ref('VTPM'), (ctx, [vm, unique]) => {
    const rec = ctx.db.require('VM', vm as string);
    assertPowerState(vm as string, rec, ['Halted']);
    if ((rec.VTPMs as string[]).length > 0) throw new XapiFailure('VTPM_MAX_AMOUNT_REACHED', ['1']);
    return ctx.db.create('VTPM', { VM: vm as string, backend: vm as string, is_unique: unique as boolean, persistence_backend: 'xapi', allowed_operations: ['destroy'] });
  }),
  method('VTPM.destroy', [p('self', ref('VTPM'))], null, (ctx, [t]) => {
    const rec = ctx.db.require('VTPM', t as string);
    const vm = ctx.db.get('VM', rec.VM as string);
    if (vm) assertPowerState(rec.VM as string, vm, ['Halted']);
    ctx.db.destroy('VTPM', t as string);
  }),
];
