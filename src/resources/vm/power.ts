/**
 * Power-state transitions of a VM (xapi's state machine: start, clean/hard shutdown, pause,
 * suspend, resume), the clean shutdown with a timeout and a hard fallback, and the wait for a
 * guest IP address (polled from bulk records with a deadline, never an open-ended sleep).
 */
import { error } from '../../diagnostics';
import { isXapiError, XapiTransportError } from '../../xenapi';
import { ResourceError } from '../resource';
import { guestAddresses, inCidr } from './platform';
import type { VmHandle } from './vm-handle';

export interface ShutdownOptions {
  /** Seconds a clean shutdown may take. */
  readonly timeoutS: number;
  /** Hard shutdown when the clean one fails or times out. */
  readonly force: boolean;
}

/** Takes the VM to Halted: clean shutdown (with timeout), hard fallback when allowed. */
export async function shutdown(h: VmHandle, opts: ShutdownOptions): Promise<void> {
  const state = h.vm.power_state;
  if (state === 'Halted') return;
  if (state === 'Running') {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), opts.timeoutS * 1000);
    try {
      await h.client.invokeAsync('VM.clean_shutdown', [h.ref], { signal: abort.signal });
      clearTimeout(timer);
      await h.refresh();
      return;
    } catch (err) {
      clearTimeout(timer);
      if (!opts.force) {
        throw new ResourceError(error('xcp_vm.shutdown-failed', `VM "${h.vm.name_label}" did not shut down cleanly`, {
          detail: `${isXapiError(err) ? err.code : (err as Error).message}. Set force_shutdown = true to allow a hard shutdown, raise shutdown_timeout, or shut the guest down yourself.`,
          address: h.ctx.address,
        }));
      }
      h.ctx.progress({ kind: 'message', text: `clean shutdown failed (${isXapiError(err) ? err.code : 'timeout'}); forcing a hard shutdown` });
      await h.refresh();
      if (h.vm.power_state === 'Halted') return;
    }
  } else if (!opts.force) {
    throw new ResourceError(error('xcp_vm.shutdown-failed', `VM "${h.vm.name_label}" is ${state.toLowerCase()} and can only be stopped by a hard shutdown`, {
      detail: 'Set force_shutdown = true to allow it, or resume the VM first.',
      address: h.ctx.address,
    }));
  }
  await h.client.callAsync('VM.hard_shutdown', h.ref);
  await h.refresh();
}

/** Starts a halted VM, on `hostRef` when given. */
async function start(h: VmHandle, hostRef: string | undefined, paused: boolean): Promise<void> {
  try {
    if (hostRef) await h.client.callAsync('VM.start_on', h.ref, hostRef, paused, false);
    else await h.client.callAsync('VM.start', h.ref, paused, false);
  } catch (err) {
    if (isXapiError(err) && ['HOST_NOT_ENOUGH_FREE_MEMORY', 'NO_HOSTS_AVAILABLE', 'VM_REQUIRES_SR', 'VM_REQUIRES_NETWORK'].includes(err.code)) {
      throw new ResourceError(error('xcp_vm.start-failed', `VM "${h.vm.name_label}" cannot start: ${err.code}`, {
        detail: `XAPI refused to start the VM (${[err.code, ...err.params].join(' ')}). Free capacity, choose another host or pool, or set power_state = "halted".`,
        address: h.ctx.address,
      }));
    }
    throw err;
  }
}

/**
 * Moves the VM from its current power state to `target` (`running`, `halted`, `paused`,
 * `suspended`), starting on `hostRef` when it has to start.
 */
export async function setPowerState(h: VmHandle, target: string, hostRef: string | undefined, opts: ShutdownOptions): Promise<void> {
  for (let step = 0; step < 4; step++) {
    const cur = h.vm.power_state.toLowerCase();
    if (cur === target) return;
    try {
      if (target === 'halted') await shutdown(h, opts);
      else if (cur === 'halted') await start(h, hostRef, target === 'paused');
      else if (cur === 'paused') await h.client.callAsync('VM.unpause', h.ref);
      else if (cur === 'suspended') {
        if (hostRef) await h.client.callAsync('VM.resume_on', h.ref, hostRef, target === 'paused', false);
        else await h.client.callAsync('VM.resume', h.ref, target === 'paused', false);
      } else if (cur === 'running' && target === 'paused') await h.client.callAsync('VM.pause', h.ref);
      else if (cur === 'running' && target === 'suspended') await h.client.callAsync('VM.suspend', h.ref);
    } catch (err) {
      if (!(await actedAnyway(h, cur, err))) throw err;
    }
    await h.refresh();
  }
}

/**
 * After a power call whose reply was lost (the connection reset once xapi had the request),
 * whether xapi acted anyway: the VM left `before`, once any operation still running on it has
 * ended. Failing such a create would leave a started VM tainted, and its replacement in the
 * next plan counts its memory twice (found by the crash-point sweep: VMs burst to another pool,
 * then the plan after recovery moved them back).
 */
async function actedAnyway(h: VmHandle, before: string, err: unknown, timeoutMs = 60_000, pollMs = 100): Promise<boolean> {
  if (!(err instanceof XapiTransportError) || !err.maybeProcessed) return false;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await h.poll();
    if (h.vm.power_state.toLowerCase() !== before) return true;
    if (Object.keys(h.vm.current_operations ?? {}).length === 0 || Date.now() >= deadline || h.ctx.signal?.aborted) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Polls until the guest reports an IPv4 address (inside `cidr` when given), or fails after `timeoutS`. */
export async function waitForIp(h: VmHandle, cidr: string | undefined, timeoutS: number, pollMs = 100): Promise<string> {
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const vm = h.vm;
    const gm = h.records.get('VM_guest_metrics', vm.guest_metrics);
    const ip = guestAddresses(gm?.networks ?? {}).v4.find((a) => !cidr || inCidr(a, cidr));
    if (ip) return ip;
    if (vm.power_state !== 'Running' || Date.now() >= deadline || h.ctx.signal?.aborted) {
      throw new ResourceError(error('xcp_vm.no-ip', `VM "${vm.name_label}" reported no IP address${cidr ? ` in ${cidr}` : ''} within ${timeoutS} s`, {
        detail: vm.power_state !== 'Running'
          ? `The VM is ${vm.power_state.toLowerCase()}, so it cannot report an address.`
          : 'The guest tools report the addresses: check that they are installed and that the guest got an address (DHCP, cloud-init network_config). Raise wait_for_ip.timeout for slow guests.',
        address: h.ctx.address,
        path: ['wait_for_ip'],
      }));
    }
    await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
    await h.poll();
  }
}
