/**
 * The engine asks a resource type what it can do (`ResourceType.capabilities`) instead of
 * testing type names: chargeback, placement, cross-pool routing, durations. A type without an
 * implementation in this build has no capabilities.
 */
import { resourceType } from '../resources/registry';
import type { ResourceCapabilities } from '../resources/resource';

const NONE: ResourceCapabilities = {};

export function capabilitiesOf(type: string): ResourceCapabilities {
  return resourceType(type)?.capabilities ?? NONE;
}

/** Addresses seen recently → their type: the executor asks for every address of the state at each step. */
const TYPES = new Map<string, string>();
const TYPES_KEPT = 100_000;

/** The resource type of a managed address (`xcp_vm.web[0]` → `xcp_vm`; module paths skipped). */
export function typeOfAddress(address: string): string {
  const known = TYPES.get(address);
  if (known !== undefined) return known;
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  while (parts[0] === 'module' && parts.length > 2) parts.splice(0, 2);
  const type = parts[0] === 'data' ? '' : parts[0];
  if (TYPES.size >= TYPES_KEPT) TYPES.clear();
  TYPES.set(address, type);
  return type;
}

/** True when the address is an instance of a network type (NICs attach to it). */
export function isNetworkAddress(address: string): boolean {
  return capabilitiesOf(typeOfAddress(address)).network === true;
}

/** True when the address is an instance of a pool-link type (a VPN link). */
export function isPoolLinkAddress(address: string): boolean {
  return capabilitiesOf(typeOfAddress(address)).poolLink === true;
}
