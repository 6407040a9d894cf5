/**
 * The `xcp_private_network` plan hook's checks: what the create would refuse at apply, found
 * now. `encryption = true` needs the XCP-ng SDN controller, which core XAPI (and so xcpform)
 * does not drive, whatever the pool: the configuration alone decides it.
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown, valuesEqual } from '../../values/value';
import { str } from '../kit/attrs';
import { resolve } from '../kit/resolve';
import type { PlanRequest, PlanResponse } from '../resource';

/** An encrypted private network the plan would create (a create, or a replacement). */
function encryptionRefused(req: PlanRequest): Diagnostic[] {
  const { prior, planned } = req;
  if (planned.encryption !== true) return [];
  // An object that already exists keeps what it has: only a new network is created encrypted.
  const creates = !prior || isUnknown(planned.uuid) || prior.encryption !== true;
  if (!creates) return [];
  return [error('resource.private-network-encryption', 'encrypted tunnels need the XCP-ng SDN controller', {
    detail: 'Core XAPI creates GRE/VXLAN tunnels without IPsec; encryption is a feature of Xen Orchestra\'s SDN controller, which xcpform does not drive. Set encryption = false, or create the network with the SDN controller and import it.',
    path: ['encryption'],
  })];
}

/**
 * A tunnel on a transport network whose PIF on a joined host has no IP configuration: XAPI
 * refuses `tunnel.create` (TRANSPORT_PIF_NOT_CONFIGURED), so the plan does, naming the hosts.
 */
function transportUnconfigured(req: PlanRequest, planned: PlanResponse['planned']): Diagnostic[] {
  const key = str(planned, 'transport_network');
  const pool = str(planned, 'pool') ?? str(req.prior, 'pool');
  const changes = !req.prior || req.prior.transport_network !== planned.transport_network || !valuesEqual(req.prior.hosts ?? null, planned.hosts ?? null);
  if (!key || !pool || !changes || !req.world.poolNames().includes(pool)) return [];
  const records = req.world.pool(pool);
  if (!records.has('PIF') || !records.has('network') || !records.has('host')) return [];
  const net = resolve(records, { cls: 'network', what: 'network', path: ['transport_network'] }, key);
  if (!net.ok) return [];
  const wanted = Array.isArray(planned.hosts) && !planned.hosts.some(isUnknown) ? planned.hosts.filter((h): h is string => typeof h === 'string') : undefined;
  const joined = (hostRef: string): boolean => {
    const host = records.get('host', hostRef as never);
    return !wanted || (host !== undefined && (wanted.includes(host.name_label) || wanted.includes(host.uuid)));
  };
  const bare = [...records.all('PIF').values()]
    .filter((p) => p.network === net.found.ref && joined(p.host) && p.ip_configuration_mode === 'None' && !p.management)
    .map((p) => records.get('host', p.host)?.name_label ?? p.host).sort();
  if (!bare.length) return [];
  return [error('xcp_private_network.transport-not-configured', `the transport network "${net.found.record.name_label}" has no IP address on ${bare.join(', ')}`, {
    detail: 'XAPI builds a tunnel over a PIF with an IP configuration (TRANSPORT_PIF_NOT_CONFIGURED otherwise). Use the management network, give those PIFs an address (xcp_host / PIF.reconfigure_ip), or leave those hosts out of hosts.',
    path: ['transport_network'],
  })];
}

/** Adds the private network's plan-time refusals to the refined response `res`. */
export function withPrivateNetworkChecks(req: PlanRequest, res: PlanResponse): PlanResponse {
  const diags = [...encryptionRefused(req), ...transportUnconfigured(req, res.planned)];
  return diags.length ? { ...res, diagnostics: [...(res.diagnostics ?? []), ...diags] } : res;
}
