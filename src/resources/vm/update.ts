/**
 * `xcp_vm` update, and the convergence step shared with create and adoption: every in-place
 * attribute is applied; when a halt-class attribute differs from what XAPI has (VCPUs_max,
 * static memory, platform flags, ...) a running VM is shut down cleanly (hard fallback when
 * allowed), changed, and brought back to its planned power state. Decisions are taken against
 * the live records, not the plan, so a re-run after a partial failure converges.
 */
import { error } from '../../diagnostics';
import type { ObjectValue } from '../../values/value';
import { isXapiError } from '../../xenapi';
import type { ApplyResponse, UpdateRequest } from '../resource';
import { ResourceError } from '../resource';
import { block, blocks, bool, num, str } from '../kit/attrs';
import { applyAttachment } from './attachment';
import { createConfigDrive, dropConfigDrive } from './cloud-init';
import { applyDisks, srRefOf } from './disks';
import { mustResolve } from '../kit/resolve';
import { applyNics } from './nics';
import { nicWaits, waitForNicIps } from './nic-wait';
import { HOST_KEY, setKey } from '../kit/owned-keys';
import { mapWrites } from './platform';
import { setPowerState, shutdown, waitForIp, type ShutdownOptions } from './power';
import { vmState } from './read';
import { applyLateSettings, applySettings } from './settings';
import { together } from '../kit/concurrent';
import { VmHandle } from './vm-handle';

/** Attributes that differ from XAPI and can only change while the VM is halted. */
export function haltReasons(h: VmHandle, prior: ObjectValue | null, planned: ObjectValue): string[] {
  const vm = h.vm;
  const out: string[] = [];
  const vcpus = num(planned, 'vcpus');
  const max = num(planned, 'vcpus_max');
  if (max !== undefined && max !== vm.VCPUs_max) out.push('vcpus_max');
  if (vcpus !== undefined && vcpus > (max ?? vm.VCPUs_max)) out.push('vcpus');
  const memory = num(planned, 'memory');
  if (memory !== undefined && memory !== vm.memory_static_max) out.push('memory');
  const smin = num(planned, 'memory_static_min');
  if (smin !== undefined && smin !== vm.memory_static_min) out.push('memory_static_min');
  const writes = mapWrites(vm, planned);
  out.push(...writes.filter((w) => w.field === 'platform').map((w) => `platform:${w.key}`));
  if (writes.some((w) => w.field === 'HVM_boot_params' && w.key === 'firmware')) out.push('firmware');
  const hvd = bool(planned, 'has_vendor_device');
  if (hvd !== undefined && hvd !== vm.has_vendor_device) out.push('has_vendor_device');
  const shadow = num(planned, 'hvm_shadow_multiplier');
  if (shadow !== undefined && shadow !== vm.HVM_shadow_multiplier) out.push('hvm_shadow_multiplier');
  if (bool(planned, 'vtpm') !== undefined && bool(planned, 'vtpm') !== (bool(prior, 'vtpm') ?? false)) out.push('vtpm');
  if (bool(planned, 'is_template') === true && !vm.is_a_template) out.push('is_template');
  return out;
}

function knobs(planned: ObjectValue): ShutdownOptions {
  return { timeoutS: num(planned, 'shutdown_timeout') ?? 120, force: bool(planned, 'force_shutdown') ?? true };
}

async function applyVtpm(h: VmHandle, want: boolean | undefined, had: boolean): Promise<void> {
  if (want === undefined || want === had) return;
  try {
    if (want) await h.client.call('VTPM.create', h.ref, false);
    else for (const t of await h.client.call<string[]>('VM.get_VTPMs', h.ref)) await h.client.call('VTPM.destroy', t);
  } catch (err) {
    if (isXapiError(err) && err.code === 'MESSAGE_METHOD_UNKNOWN') {
      throw new ResourceError(error('xcp_vm.unsupported', 'this XAPI server has no virtual TPM support', {
        detail: 'The VTPM class is not available (XCP-ng 8.3 / XenServer 8 add it). Set vtpm = false.', address: h.ctx.address, path: ['vtpm'],
      }));
    }
    throw err;
  }
}

export interface ConvergeOptions {
  /** First apply after a clone: write create-only keys, build the config drive. */
  readonly create: boolean;
  /** Work of the same step run beside the settings, disks and NICs, before the power state (a new clone's last step). */
  readonly alongside?: (h: VmHandle) => Promise<void>;
}

/** Brings the VM to `planned`; returns when it is in its planned power state (and has an IP when asked). */
export async function converge(h: VmHandle, prior: ObjectValue | null, planned: ObjectValue, opts: ConvergeOptions): Promise<void> {
  const halts = haltReasons(h, prior, planned);
  const target = str(planned, 'power_state') ?? 'running';
  if (halts.length && h.vm.power_state !== 'Halted') {
    if (bool(planned, 'allow_restart') === false && target !== 'halted') {
      throw new ResourceError(error('xcp_vm.restart-not-allowed', 'this change needs the VM halted, but allow_restart is false', {
        detail: `Changing ${halts.join(', ')} needs a shutdown and start. Set allow_restart = true, or power the VM off first.`, address: h.ctx.address,
      }));
    }
    h.ctx.progress({ kind: 'message', text: `shutting down for ${halts.join(', ')}` });
    await shutdown(h, knobs(planned));
  }
  // Settings, disks and NICs change different objects: applied together, each part deciding
  // from records of its own. The CD drive and the template flag wait for the disks.
  await together(
    () => applySettings(h.fork(), planned),
    () => applyDisks(h.fork(), planned, blocks(prior, 'disk'), true),
    () => applyNics(h.fork(), planned),
    async () => { if (opts.alongside) await opts.alongside(h.fork()); },
  );
  await h.refresh();
  await applyLateSettings(h, planned);
  await applyVtpm(h, bool(planned, 'vtpm'), bool(prior, 'vtpm') ?? false);
  const cloudInit = block(planned, 'cloud_init');
  if (opts.create && cloudInit) {
    const first = blocks(planned, 'disk')[0];
    await createConfigDrive(h, cloudInit, first ? srRefOf(h, first, 0) : h.defaultSr());
  }
  const hostKey = str(planned, 'host');
  const hostRef = hostKey ? mustResolve(h.records, { cls: 'host', what: 'host', path: ['host'] }, hostKey).ref : undefined;
  if (!(bool(planned, 'is_template') ?? false)) await setPowerState(h, target, hostRef, knobs(planned));
  await applyAttachment(h, planned);
  if ((h.vm.power_state === 'Halted' || h.vm.power_state === 'Suspended') && hostRef) {
    const uuid = h.records.get('host', hostRef)!.uuid;
    if (h.vm.other_config[HOST_KEY] !== uuid) await setKey(h.client, 'VM', h.ref, HOST_KEY, uuid);
  }
  const wait = block(planned, 'wait_for_ip');
  if (wait && h.vm.power_state === 'Running') {
    await h.refresh();
    await waitForIp(h, str(wait, 'cidr'), num(wait, 'timeout') ?? 300);
    if (opts.create && bool(cloudInit, 'drop_drive_after_boot')) await dropConfigDrive(h);
  }
  const perNic = nicWaits(planned);
  if (perNic.length && h.vm.power_state === 'Running') {
    await h.refresh();
    await waitForNicIps(h, perNic, num(wait, 'timeout') ?? 300);
  }
  await h.refresh();
}

/** The state after an apply: read from fresh records, spelled like `planned`. */
export function stateAfter(h: VmHandle, planned: ObjectValue): ObjectValue {
  return vmState(h.records, h.pool, h.ref, planned);
}

/** `xcp_vm` update. */
export async function updateVm(req: UpdateRequest): Promise<ApplyResponse> {
  const pool = str(req.prior, 'pool') ?? req.ctx.pools[0];
  const h = await VmHandle.byUuid(req.ctx, pool, str(req.prior, 'uuid') ?? '');
  await converge(h, req.prior, req.planned, { create: false });
  return { state: stateAfter(h, req.planned) };
}
