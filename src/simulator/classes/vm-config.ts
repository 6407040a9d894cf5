/**
 * VM configuration calls with power-state rules: vCPUs (`set_VCPUs_max` halted-only,
 * `set_VCPUs_number_live` running), memory (`set_memory_limits` / static range halted-only,
 * dynamic range halted or running), and other constructor fields with explicit setters.
 */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { explicitSetter } from '../dispatch/implicit';
import { StoredRecord, bool, enumOf, float, int, ref, setOf } from '../model/types';
import { PowerState } from '../schema/vm';
import { assertPowerState, checkVmOp, chooseHost, hostCannotRun, hostFreeMemory, refreshAllowed, vmOverhead } from './ops';
import { checkMemory, checkVcpus } from './vm-power';

const vmRef = ref('VM');

function setter(name: string, params: ReturnType<typeof p>[], states: PowerState[] | 'any', apply: (ctx: CallContext, vm: string, rec: StoredRecord, args: unknown[]) => void): MethodSpec {
  const op = name.startsWith('VM.set_memory') ? 'changing_memory_limits' : name.startsWith('VM.set_VCPUs') ? 'changing_VCPUs' : name.slice(3);
  return method(name, [p('self', vmRef), ...params], null, (ctx, [vm, ...args]) => {
    const rec = checkVmOp(ctx, vm as string, op, 'any');
    if (states !== 'any') assertPowerState(vm as string, rec, states);
    apply(ctx, vm as string, rec, args);
  }, { async: true });
}

function memory(ctx: CallContext, vm: string, rec: StoredRecord, patch: Record<string, number>): void {
  const next = { ...(rec as Record<string, number>), ...patch };
  checkMemory(next);
  if (rec.power_state === 'Running') {
    const host = rec.resident_on as string;
    const grow = next.memory_dynamic_max - (rec.memory_dynamic_max as number);
    const free = hostFreeMemory(ctx.db, host);
    if (grow > free) throw new XapiFailure('HOST_NOT_ENOUGH_FREE_MEMORY', [String(grow), String(free)]);
    patch.memory_target = next.memory_dynamic_max;
    const metrics = rec.metrics as string;
    if (ctx.db.get('VM_metrics', metrics)) ctx.db.set('VM_metrics', metrics, 'memory_actual', next.memory_dynamic_max);
  }
  ctx.db.update('VM', vm, { ...patch, memory_overhead: vmOverhead(next.memory_static_max) });
}

export const vmConfigMethods: MethodSpec[] = [
  setter('VM.set_VCPUs_max', [p('value', int)], ['Halted'], (ctx, vm, rec, [n]) => {
    checkVcpus(rec.VCPUs_at_startup as number, n as number);
    ctx.db.set('VM', vm, 'VCPUs_max', n as number);
  }),
  setter('VM.set_VCPUs_at_startup', [p('value', int)], 'any', (ctx, vm, rec, [n]) => {
    checkVcpus(n as number, rec.VCPUs_max as number);
    ctx.db.set('VM', vm, 'VCPUs_at_startup', n as number);
  }),
  setter('VM.set_VCPUs_number_live', [p('nvcpu', int)], ['Running'], (ctx, vm, rec, [n]) => {
    checkVcpus(n as number, rec.VCPUs_max as number);
    ctx.db.set('VM', vm, 'VCPUs_at_startup', n as number);
    if (ctx.db.get('VM_metrics', rec.metrics as string)) ctx.db.set('VM_metrics', rec.metrics as string, 'VCPUs_number', n as number);
  }),
  setter('VM.set_memory_limits', [p('static_min', int), p('static_max', int), p('dynamic_min', int), p('dynamic_max', int)], ['Halted'], (ctx, vm, rec, [smin, smax, dmin, dmax]) =>
    memory(ctx, vm, rec, { memory_static_min: smin as number, memory_static_max: smax as number, memory_dynamic_min: dmin as number, memory_dynamic_max: dmax as number })),
  setter('VM.set_memory_static_range', [p('min', int), p('max', int)], ['Halted'], (ctx, vm, rec, [min, max]) =>
    memory(ctx, vm, rec, { memory_static_min: min as number, memory_static_max: max as number })),
  setter('VM.set_memory_dynamic_range', [p('min', int), p('max', int)], ['Halted', 'Running'], (ctx, vm, rec, [min, max]) =>
    memory(ctx, vm, rec, { memory_dynamic_min: min as number, memory_dynamic_max: max as number })),
  setter('VM.set_memory', [p('value', int)], ['Halted'], (ctx, vm, rec, [v]) =>
    memory(ctx, vm, rec, { memory_static_max: v as number, memory_dynamic_min: v as number, memory_dynamic_max: v as number, memory_static_min: Math.min(rec.memory_static_min as number, v as number) })),
  setter('VM.set_memory_static_max', [p('value', int)], ['Halted'], (ctx, vm, rec, [v]) => memory(ctx, vm, rec, { memory_static_max: v as number })),
  setter('VM.set_memory_static_min', [p('value', int)], ['Halted'], (ctx, vm, rec, [v]) => memory(ctx, vm, rec, { memory_static_min: v as number })),
  setter('VM.set_memory_dynamic_max', [p('value', int)], ['Halted', 'Running'], (ctx, vm, rec, [v]) => memory(ctx, vm, rec, { memory_dynamic_max: v as number })),
  setter('VM.set_memory_dynamic_min', [p('value', int)], ['Halted', 'Running'], (ctx, vm, rec, [v]) => memory(ctx, vm, rec, { memory_dynamic_min: v as number })),
  setter('VM.set_HVM_shadow_multiplier', [p('value', float)], ['Halted'], (ctx, vm, _rec, [v]) => ctx.db.set('VM', vm, 'HVM_shadow_multiplier', v as number)),
  setter('VM.set_has_vendor_device', [p('value', bool)], ['Halted'], (ctx, vm, _rec, [v]) => ctx.db.set('VM', vm, 'has_vendor_device', v as boolean)),
  method('VM.set_is_a_template', [p('self', vmRef), p('value', bool)], null, (ctx, [vm, v]) => {
    const rec = ctx.db.require('VM', vm as string);
    if (v) assertPowerState(vm as string, rec, ['Halted']);
    ctx.db.set('VM', vm as string, 'is_a_template', v);
    refreshAllowed(ctx.db, 'VM', vm as string);
  }, { async: false }),
  explicitSetter('VM', 'domain_type', enumOf('domain_type', 'hvm', 'pv', 'pv_in_pvh', 'pvh', 'unspecified')),
  explicitSetter('VM', 'order', int),
  explicitSetter('VM', 'start_delay', int),
  explicitSetter('VM', 'shutdown_delay', int),
  method('VM.compute_memory_overhead', [p('vm', vmRef)], int, (ctx, [vm]) => vmOverhead(ctx.db.require('VM', vm as string).memory_static_max as number), { async: false }),
  method('VM.get_allowed_VBD_devices', [p('vm', vmRef)], setOf({ k: 'string' }), (ctx, [vm]) => {
    const used = new Set((ctx.db.require('VM', vm as string).VBDs as string[]).map((b) => ctx.db.get('VBD', b)?.userdevice));
    return Array.from({ length: 16 }, (_, i) => String(i)).filter((d) => !used.has(d));
  }, { async: false }),
  method('VM.get_allowed_VIF_devices', [p('vm', vmRef)], setOf({ k: 'string' }), (ctx, [vm]) => {
    const used = new Set((ctx.db.require('VM', vm as string).VIFs as string[]).map((v) => ctx.db.get('VIF', v)?.device));
    return Array.from({ length: 7 }, (_, i) => String(i)).filter((d) => !used.has(d));
  }, { async: false }),
  method('VM.assert_can_boot_here', [p('self', vmRef), p('host', ref('host'))], null, (ctx, [vm, host]) => {
    const rec = ctx.db.require('VM', vm as string);
    ctx.db.require('host', host as string);
    const err = hostCannotRun(ctx.db, vm as string, rec, host as string);
    if (err) throw err;
  }),
  method('VM.get_possible_hosts', [p('vm', vmRef)], setOf(ref('host')), (ctx, [vm]) => {
    const rec = ctx.db.require('VM', vm as string);
    return ctx.db.all('host').map(([h]) => h).filter((h) => !hostCannotRun(ctx.db, vm as string, rec, h));
  }),
  method('VM.assert_agile', [p('self', vmRef)], null, (ctx, [vm]) => void chooseHost(ctx.db, vm as string, ctx.db.require('VM', vm as string))),
];
