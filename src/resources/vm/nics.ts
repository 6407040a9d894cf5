/**
 * Applying `nic` blocks, matched by VIF device: new VIFs (created and plugged when the VM runs),
 * removed VIFs (unplugged and destroyed), a network change with `VIF.move` (keeps the MAC and
 * UUID; destroy and recreate where `VIF.move` is missing), a MAC change by recreating the VIF,
 * locking mode and allowed addresses, and the rate limit (applied at the next plug).
 */
import { isXapiError, type XapiRecord } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import { blocks, num, str, strings } from '../kit/attrs';
import { nicNetwork, ROUTES_KEY, type NicNetwork } from './nic-routing';
import { NIC_IDENTITY, assignPositions } from './positions';
import { tolerate, type VmHandle } from './vm-handle';
import { canonicalMac, sameMac } from './mac';

interface VifRecords {
  readonly ref: string;
  readonly vif: XapiRecord<'VIF'>;
}

function vifs(h: VmHandle): Map<string, VifRecords> {
  const out = new Map<string, VifRecords>();
  for (const ref of h.vm.VIFs) {
    const vif = h.records.get('VIF', ref);
    if (vif) out.set(vif.device, { ref, vif });
  }
  return out;
}


function qos(nic: ObjectValue): { type: string; params: Record<string, string> } {
  const kbps = num(nic, 'rate_limit_kbps');
  return kbps ? { type: 'ratelimit', params: { kbps: String(kbps) } } : { type: '', params: {} };
}

async function unplugDestroy(h: VmHandle, v: VifRecords): Promise<void> {
  if (h.vm.power_state === 'Running' && v.vif.currently_attached) await tolerate(['DEVICE_ALREADY_DETACHED'], () => h.client.callAsync('VIF.unplug', v.ref));
  await h.client.call('VIF.destroy', v.ref);
}

async function createVif(h: VmHandle, nic: ObjectValue, index: number, device: string, target: NicNetwork): Promise<void> {
  const q = qos(nic);
  const network = target.ref;
  const mtu = num(nic, 'mtu') ?? h.records.get('network', network)?.MTU ?? 1500;
  const ref = await h.client.call<string>('VIF.create', {
    device, network, VM: h.ref, MAC: canonicalMac(str(nic, 'mac') ?? ''), MTU: mtu, other_config: target.routes ? { [ROUTES_KEY]: target.routes } : {},
    qos_algorithm_type: q.type, qos_algorithm_params: q.params,
    locking_mode: str(nic, 'locking_mode') ?? 'network_default',
    ipv4_allowed: strings(nic, 'ipv4_allowed'), ipv6_allowed: strings(nic, 'ipv6_allowed'),
  });
  if (h.vm.power_state === 'Running') await tolerate(['DEVICE_ALREADY_ATTACHED'], () => h.client.callAsync('VIF.plug', ref));
  void index;
}

async function settings(h: VmHandle, v: VifRecords, nic: ObjectValue): Promise<void> {
  const lock = str(nic, 'locking_mode');
  if (lock !== undefined && lock !== v.vif.locking_mode) await h.client.call('VIF.set_locking_mode', v.ref, lock);
  for (const [field, want] of [['ipv4_allowed', strings(nic, 'ipv4_allowed')], ['ipv6_allowed', strings(nic, 'ipv6_allowed')]] as const) {
    const have = v.vif[field];
    if (want.length === have.length && want.every((a) => have.includes(a))) continue;
    await h.client.call(`VIF.set_${field}`, v.ref, want);
  }
  const q = qos(nic);
  if (q.type !== v.vif.qos_algorithm_type) await h.client.call('VIF.set_qos_algorithm_type', v.ref, q.type);
  if ((q.params.kbps ?? '') !== (v.vif.qos_algorithm_params.kbps ?? '')) await h.client.call('VIF.set_qos_algorithm_params', v.ref, q.params);
}

/** Brings the VM's VIFs to `planned` (matched by device). */
export async function applyNics(h: VmHandle, planned: ObjectValue): Promise<void> {
  const want = blocks(planned, 'nic');
  const positions = assignPositions(want, NIC_IDENTITY.key, NIC_IDENTITY.slots);
  const have = vifs(h);
  for (const [device, v] of have) if (!positions.includes(device)) await unplugDestroy(h, v);
  for (let i = 0; i < want.length; i++) {
    const nic = want[i];
    const device = positions[i];
    if (device === undefined) throw new Error('nic device unknown at apply');
    const target = await nicNetwork(h.ctx, h.pool, h.records, str(nic, 'network') ?? '', i);
    const network = target.ref;
    const cur = have.get(device);
    const mac = str(nic, 'mac');
    const mtu = num(nic, 'mtu');
    if (!cur || (mac && !sameMac(mac, cur.vif.MAC)) || (mtu !== undefined && mtu !== cur.vif.MTU)) {
      if (cur) await unplugDestroy(h, cur);
      await createVif(h, { ...nic, mac: mac ?? cur?.vif.MAC ?? null }, i, device, target);
      continue;
    }
    if (cur.vif.network !== network) {
      try {
        await h.client.callAsync('VIF.move', cur.ref, network);
      } catch (err) {
        if (!isXapiError(err) || err.code !== 'MESSAGE_METHOD_UNKNOWN') throw err;
        await unplugDestroy(h, cur);
        await createVif(h, { ...nic, mac: cur.vif.MAC }, i, device, target);
        continue;
      }
    }
    // The network of another pool this VIF stands for (a migration or a move changes it).
    if (cur.vif.other_config[ROUTES_KEY] !== target.routes) {
      if (ROUTES_KEY in cur.vif.other_config) await h.client.call('VIF.remove_from_other_config', cur.ref, ROUTES_KEY);
      if (target.routes) await h.client.call('VIF.add_to_other_config', cur.ref, ROUTES_KEY, target.routes);
    }
    await settings(h, cur, nic);
  }
  await h.refresh();
}
