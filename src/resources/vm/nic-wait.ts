/**
 * Per-interface IP waits (`nic.wait_for_ip`): after create and start, each such interface must
 * report an IPv4 address inside its network before the apply goes on; the deadline is the
 * `wait_for_ip` block's timeout (300 s without one). The guest tools report addresses per
 * device (`VM_guest_metrics.networks` keys `<device>/ip`).
 */
import { error } from '../../diagnostics';
import type { ObjectValue } from '../../values/value';
import { ResourceError } from '../resource';
import { blocks, str } from '../kit/attrs';
import { inCidr } from './platform';
import type { VmHandle } from './vm-handle';

export interface NicWait {
  readonly index: number;
  readonly device: string;
  readonly cidr: string;
}

/** The interfaces of `planned` that wait for an address, with their device. */
export function nicWaits(planned: ObjectValue): NicWait[] {
  return blocks(planned, 'nic').flatMap((n, index) => {
    const cidr = str(n, 'wait_for_ip');
    const device = str(n, 'device');
    return cidr && device !== undefined ? [{ index, device, cidr }] : [];
  });
}

/** IPv4 addresses the guest reports on `device`. */
function deviceAddresses(networks: Readonly<Record<string, string>>, device: string): string[] {
  // xapi reports the first address twice (`0/ip` and `0/ipv4/0`).
  return [...new Set(Object.entries(networks).filter(([k, v]) => v && (k === `${device}/ip` || k.startsWith(`${device}/ipv4/`))).map(([, v]) => v))];
}

/** Polls until every waiting interface has an address in its network, or fails naming the first that has none. */
export async function waitForNicIps(h: VmHandle, waits: readonly NicWait[], timeoutS: number, pollMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const vm = h.vm;
    const networks = h.records.get('VM_guest_metrics', vm.guest_metrics)?.networks ?? {};
    const missing = waits.find((w) => !deviceAddresses(networks, w.device).some((a) => inCidr(a, w.cidr)));
    if (!missing) return;
    if (vm.power_state !== 'Running' || Date.now() >= deadline || h.ctx.signal?.aborted) {
      const seen = deviceAddresses(networks, missing.device);
      throw new ResourceError(error('xcp_vm.no-ip', `VM "${vm.name_label}" reported no IP address in ${missing.cidr} on interface ${missing.device} within ${timeoutS} s`, {
        detail: vm.power_state !== 'Running'
          ? `The VM is ${vm.power_state.toLowerCase()}, so it cannot report an address.`
          : `${seen.length ? `Interface ${missing.device} reports ${seen.join(', ')}, outside ${missing.cidr}.` : `Interface ${missing.device} reports no address yet.`} Check the guest's network configuration, or the nic's wait_for_ip; raise wait_for_ip.timeout for slow guests.`,
        address: h.ctx.address,
        path: ['nic', missing.index, 'wait_for_ip'],
      }));
    }
    await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
    await h.poll();
  }
}
