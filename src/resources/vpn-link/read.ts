/**
 * Reading a VPN link from the bulk records of both pools: the two gateways (found by the link id
 * in their other_config), the parameters they run with, and the link's status. A link whose
 * gateway is gone reads as gone, so the next apply rebuilds it (adopting the surviving gateway).
 */
import type { ObjectValue, Value } from '../../values/value';
import type { XapiRecord } from '../../xenapi';
import type { WorldSnapshot, PoolRecords } from '../snapshot';
import { userOtherConfig } from '../kit/owned-keys';
import { formOf } from '../kit/refs';
import { str } from '../kit/values';
import { DEFAULT_GATEWAY_TEMPLATE, findGateway, PARAMS_HASH_KEY, PARAMS_KEY, PUBKEY_KEY, SALT_KEY, SECRET_HASH_KEY, uplinkAddress } from './gateway';
import { PLAIN_PARAMS, secretFingerprint } from './params';

export const VPN_CLASSES = ['VM', 'VIF', 'VBD', 'VDI', 'network', 'PIF', 'VM_guest_metrics', 'VM_metrics', 'pool'] as const;

function vifNetwork(records: PoolRecords, vm: XapiRecord<'VM'>, device: string): string | undefined {
  for (const v of vm.VIFs) {
    const vif = records.get('VIF', v);
    if (vif?.device === device) return vif.network;
  }
  return undefined;
}

/** `up` when both gateways run with the same parameters, `down` when one is not running, else `degraded`. */
export function linkStatus(a: XapiRecord<'VM'>, b: XapiRecord<'VM'>): string {
  if (a.power_state !== 'Running' || b.power_state !== 'Running') return 'down';
  return a.other_config[PARAMS_HASH_KEY] === b.other_config[PARAMS_HASH_KEY] ? 'up' : 'degraded';
}

export function readLink(prior: ObjectValue, world: WorldSnapshot, defaultPool: string): ObjectValue | null | undefined {
  const id = str(prior.uuid);
  const localPool = str(prior.pool) ?? defaultPool;
  const remotePool = str(prior.remote_pool);
  if (!id || !remotePool) return null;
  const local = world.pool(localPool);
  const remote = world.pool(remotePool);
  if (!local.has('VM') || !remote.has('VM')) return undefined;
  const gl = findGateway(local, id, 'local');
  const gr = findGateway(remote, id, 'remote');
  if (!gl || !gr) return null;
  const oc = gl.record.other_config;
  let params: Record<string, Value> = {};
  try { params = JSON.parse(oc[PARAMS_KEY] ?? '{}') as Record<string, Value>; } catch { /* damaged record: every parameter drifts */ }
  const secretsMatch = secretFingerprint(prior, oc[SALT_KEY] ?? '') === oc[SECRET_HASH_KEY];
  const priorGateway = Array.isArray(prior.gateway) ? prior.gateway[0] : prior.gateway;
  const pg = (priorGateway ?? null) as ObjectValue | null;
  const status = linkStatus(gl.record, gr.record);
  const startTimes = [gl.record, gr.record].map((vm) => local.get('VM_metrics', vm.metrics)?.start_time ?? remote.get('VM_metrics', vm.metrics)?.start_time).filter(Boolean) as string[];
  return {
    ...prior,
    id,
    uuid: id,
    pool: localPool,
    name_label: gl.record.name_label.replace(/ gateway$/, ''),
    name_description: gl.record.name_description,
    tags: [...gl.record.tags].sort(),
    other_config: userOtherConfig(oc, prior.other_config),
    network: formOf(local, 'network', vifNetwork(local, gl.record, '1'), prior.network),
    remote_network: formOf(remote, 'network', vifNetwork(remote, gr.record, '1'), prior.remote_network),
    ...Object.fromEntries(PLAIN_PARAMS.map((k) => [k, k in params ? params[k] : prior[k] ?? null])),
    // Keys are never recorded in XAPI: a fingerprint mismatch means they were changed elsewhere,
    // shown as a change of the sensitive value so the plan rekeys.
    psk: secretsMatch ? prior.psk ?? null : prior.psk === null ? null : '',
    private_key: secretsMatch ? prior.private_key ?? null : prior.private_key === null ? null : '',
    remote_private_key: secretsMatch ? prior.remote_private_key ?? null : prior.remote_private_key === null ? null : '',
    gateway: pg ? {
      ...pg,
      // The template is a create-time choice XAPI does not keep; left out, it is the default one.
      template: str(pg.template) ?? DEFAULT_GATEWAY_TEMPLATE,
      vcpus: gl.record.VCPUs_max,
      memory: gl.record.memory_static_max,
      uplink_network: formOf(local, 'network', vifNetwork(local, gl.record, '0'), pg.uplink_network),
      remote_uplink_network: formOf(remote, 'network', vifNetwork(remote, gr.record, '0'), pg.remote_uplink_network),
      public_ip: uplinkAddress(local, gl.record) ?? pg.public_ip ?? null,
      remote_public_ip: uplinkAddress(remote, gr.record) ?? pg.remote_public_ip ?? null,
    } : null,
    status,
    last_handshake: status === 'up' && startTimes.length ? startTimes.sort().at(-1)! : null,
    bytes_in: typeof prior.bytes_in === 'number' ? prior.bytes_in : 0,
    bytes_out: typeof prior.bytes_out === 'number' ? prior.bytes_out : 0,
    public_key: oc[PUBKEY_KEY] ?? null,
    remote_public_key: gr.record.other_config[PUBKEY_KEY] ?? null,
    gateway_vm: gl.record.uuid,
    remote_gateway_vm: gr.record.uuid,
  };
}
