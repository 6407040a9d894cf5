/**
 * The `xcp_private_network` plan hook's checks: what the create would refuse at apply, found
 * now. `encryption = true` needs the XCP-ng SDN controller, which core XAPI (and so xcpform)
 * does not drive, whatever the pool: the configuration alone decides it.
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown } from '../../values/value';
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

/** Adds the private network's plan-time refusals to the refined response `res`. */
export function withPrivateNetworkChecks(req: PlanRequest, res: PlanResponse): PlanResponse {
  const diags = encryptionRefused(req);
  return diags.length ? { ...res, diagnostics: [...(res.diagnostics ?? []), ...diags] } : res;
}
