/**
 * Applies the VM's scalar attributes (everything but disks, NICs, power state and moves):
 * names, tags, user other_config keys, vCPUs, memory, platform and boot maps, HA and start
 * order, actions, blocked operations, xenstore data, affinity, suspend SR, appliance, CD, the
 * template flag. Halt-only settings (VCPUs_max, static memory, platform) are written only when
 * the VM is halted; the caller halts it first when the plan says so.
 */
import { error } from '../../diagnostics';
import type { ObjectValue } from '../../values/value';
import { isXapiError, NULL_REF, xmlrpcDouble } from '../../xenapi';
import { ResourceError } from '../resource';
import { bool, num, str, strings, strMap } from '../kit/attrs';
import { applySizing, sizingOf, type VmSizing } from '../kit/sizing';
import { cdDrives } from './devices-read';
import { mustResolve } from '../kit/resolve';
import { applyTags, applyUserOtherConfig, HOST_KEY, setKey } from '../kit/owned-keys';
import { mapWrites } from './platform';
import { tolerate, type VmHandle } from './vm-handle';
import { together } from '../kit/concurrent';

async function setIf(h: VmHandle, field: string, current: unknown, desired: unknown): Promise<void> {
  if (desired === undefined || desired === current) return;
  await h.call(`set_${field}`, desired as never);
}

/** A setter XAPI has but a server may lack: a clear error instead of a silent no-op. */
async function optionalSetter(h: VmHandle, method: string, attribute: string, value: string | number): Promise<void> {
  try {
    await h.call(method, value);
  } catch (err) {
    if (isXapiError(err) && err.code === 'MESSAGE_METHOD_UNKNOWN') {
      throw new ResourceError(error('xcp_vm.unsupported', `this XAPI server cannot change ${attribute}`, {
        detail: `VM.${method} is not implemented by the server. Leave ${attribute} at its current value.`, address: h.ctx.address, path: [attribute],
      }));
    }
    throw err;
  }
}

async function vcpusAndMemory(h: VmHandle, planned: ObjectValue): Promise<void> {
  const vm = h.vm;
  // Paused and suspended VMs take the live calls too: only a halted VM takes the static fields.
  const live = vm.power_state !== 'Halted';
  const current = sizingOf(vm);
  const vcpus = num(planned, 'vcpus') ?? vm.VCPUs_at_startup;
  const max = num(planned, 'vcpus_max') ?? Math.max(vm.VCPUs_max, vcpus);
  // What the plan leaves unknown comes from the VM (a clone: its template's range), moved just
  // enough to hold what is configured: a dynamic maximum above the static one raises it, and
  // the template's dynamic minimum never exceeds a lower configured maximum.
  const plannedDmax = num(planned, 'memory_dynamic_max');
  const smax = num(planned, 'memory') ?? Math.max(vm.memory_static_max, plannedDmax ?? 0);
  const dmax = plannedDmax ?? Math.min(vm.memory_dynamic_max, smax);
  const dmin = num(planned, 'memory_dynamic_min') ?? Math.min(vm.memory_dynamic_min, dmax);
  const smin = num(planned, 'memory_static_min') ?? Math.min(vm.memory_static_min, dmin);
  const target: VmSizing = live
    ? { ...current, vcpusAtStartup: vcpus, memoryDynamicMin: dmin, memoryDynamicMax: dmax }
    : { vcpusMax: max, vcpusAtStartup: vcpus, memoryStaticMin: smin, memoryStaticMax: smax, memoryDynamicMin: dmin, memoryDynamicMax: dmax };
  await applySizing((method, ...args) => h.call(method, ...args), current, target, live);
  if (live && vcpus !== vm.VCPUs_at_startup) {
    // Servers differ on whether the live call also records the count for the next boot.
    await h.refresh();
    if (h.vm.VCPUs_at_startup !== vcpus) await h.call('set_VCPUs_at_startup', vcpus);
  }
}

async function maps(h: VmHandle, planned: ObjectValue): Promise<void> {
  const running = h.vm.power_state !== 'Halted';
  for (const w of mapWrites(h.vm, planned)) {
    await h.call(`remove_from_${w.field}`, w.key);
    if (w.value !== null) await h.call(`add_to_${w.field}`, w.key, w.value);
    if (w.field === 'VCPUs_params' && running && w.value !== null) {
      await tolerate(['MESSAGE_METHOD_UNKNOWN'], () => h.call('add_to_VCPUs_params_live', w.key, w.value!));
    }
  }
}

async function cdrom(h: VmHandle, planned: ObjectValue): Promise<void> {
  const want = str(planned, 'cdrom');
  const drives = cdDrives(h.records, h.vm);
  const target = want ? mustResolve(h.records, { cls: 'VDI', what: 'ISO', path: ['cdrom'], filter: (v) => h.records.get('SR', v.SR)?.content_type === 'iso' || v.read_only }, want).ref : undefined;
  const drive = drives.find((d) => !d.vbd.empty) ?? drives[0];
  if (drive && !drive.vbd.empty && drive.vbd.VDI === target) return;
  if (drive && !drive.vbd.empty) await h.client.callAsync('VBD.eject', drive.ref);
  if (!target) return;
  let ref = drive?.ref;
  if (!ref) {
    const used = new Set(h.vm.VBDs.map((b) => h.records.get('VBD', b)?.userdevice));
    const userdevice = ['3', ...Array.from({ length: 16 }, (_, i) => String(i))].find((d) => !used.has(d)) ?? 'autodetect';
    ref = await h.client.call<string>('VBD.create', {
      VM: h.ref, VDI: NULL_REF, userdevice, bootable: false, mode: 'RO', type: 'CD', unpluggable: true, empty: true,
      other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {},
    });
    if (h.vm.power_state === 'Running') await tolerate(['DEVICE_ALREADY_ATTACHED'], () => h.client.callAsync('VBD.plug', ref!));
  }
  await h.client.callAsync('VBD.insert', ref, target);
}

/** Applies the scalar attributes of `planned` (boot-time keys such as firmware only reach a halted VM: see `haltReasons`). */
export async function applySettings(h: VmHandle, planned: ObjectValue): Promise<void> {
  let vm = h.vm;
  const autoOn = bool(planned, 'auto_poweron');
  // Different fields, or different keys of other_config: written together.
  await together(
    () => setIf(h, 'name_label', vm.name_label, str(planned, 'name_label')),
    () => setIf(h, 'name_description', vm.name_description, str(planned, 'name_description')),
    () => applyTags(h.client, 'VM', h.ref, vm.tags, strings(planned, 'tags')),
    async () => {
      await applyUserOtherConfig(h.client, 'VM', h.ref, vm.other_config, strMap(planned, 'other_config'));
      if (autoOn !== undefined && (vm.other_config.auto_poweron === 'true') !== autoOn) await setKey(h.client, 'VM', h.ref, 'auto_poweron', String(autoOn));
    },
  );
  await h.refresh();
  await vcpusAndMemory(h, planned);
  await maps(h, planned);
  await h.refresh();
  vm = h.vm;
  const halted = vm.power_state === 'Halted';
  const hvd = bool(planned, 'has_vendor_device');
  if (halted && hvd !== undefined && hvd !== vm.has_vendor_device) await h.call('set_has_vendor_device', hvd);
  const shadow = num(planned, 'hvm_shadow_multiplier');
  if (halted && shadow !== undefined && shadow !== vm.HVM_shadow_multiplier) await h.call('set_HVM_shadow_multiplier', xmlrpcDouble(shadow) as never);
  const ha = str(planned, 'ha_restart_priority');
  if (ha !== undefined && ha !== vm.ha_restart_priority) await optionalSetter(h, 'set_ha_restart_priority', 'ha_restart_priority', ha);
  for (const [attr, field] of [['start_order', 'order'], ['start_delay', 'start_delay'], ['shutdown_delay', 'shutdown_delay']] as const) {
    const want = num(planned, attr);
    if (want !== undefined && want !== vm[field]) await optionalSetter(h, `set_${field}`, attr, want);
  }
  for (const f of ['actions_after_shutdown', 'actions_after_reboot', 'actions_after_crash'] as const) await setIf(h, f, vm[f], str(planned, f));
  const blocked = strMap(planned, 'blocked_operations');
  const haveBlocked = vm.blocked_operations;
  if (JSON.stringify(Object.entries(blocked).sort()) !== JSON.stringify(Object.entries(haveBlocked).sort())) await h.call('set_blocked_operations', blocked as never);
  const recs = h.records;
  const affinity = str(planned, 'affinity');
  const affinityRef = affinity ? mustResolve(recs, { cls: 'host', what: 'host', path: ['affinity'] }, affinity).ref : NULL_REF;
  if (planned.affinity !== undefined && affinityRef !== vm.affinity) await h.call('set_affinity', affinityRef);
  const suspendSr = str(planned, 'suspend_sr');
  if (suspendSr) {
    const ref = mustResolve(recs, { cls: 'SR', what: 'SR', path: ['suspend_sr'] }, suspendSr).ref;
    if (ref !== vm.suspend_SR) await h.call('set_suspend_SR', ref);
  }
  const appliance = str(planned, 'appliance');
  const appRef = appliance ? mustResolve(recs, { cls: 'VM_appliance', what: 'appliance', path: ['appliance'] }, appliance).ref : NULL_REF;
  if (planned.appliance !== undefined && appRef !== vm.appliance) await h.call('set_appliance', appRef);
  if (halted) {
    const host = str(planned, 'host');
    const hostUuid = host ? mustResolve(recs, { cls: 'host', what: 'host', path: ['host'] }, host).record.uuid : null;
    if ((vm.other_config[HOST_KEY] ?? null) !== hostUuid) await setKey(h.client, 'VM', h.ref, HOST_KEY, hostUuid);
  }
  await h.refresh();
}

/**
 * The settings that wait for the disks (`applyDisks`): the CD drive takes a free userdevice,
 * and a VM becomes a template last.
 */
export async function applyLateSettings(h: VmHandle, planned: ObjectValue): Promise<void> {
  await cdrom(h, planned);
  if (bool(planned, 'is_template') === true && !h.vm.is_a_template) await h.call('set_is_a_template', true);
  await h.refresh();
}
