/**
 * The networks a plan waits for a guest address in: `wait_for_ip { cidr }` of a VM and
 * `nic { wait_for_ip }` of its interfaces. The copy's guests report an address in each of them
 * (a guest's network setup — DHCP, cloud-init — is guest behaviour, which a rehearsal cannot
 * know), so a rehearsal neither waits out the timeout nor fails a VM whose real guest would
 * have got its address.
 */
import type { Plan } from '../plan/model';

/** Distinct CIDRs waited for by the plan's VM changes, sorted. */
export function waitedGuestCidrs(plan: Plan): string[] {
  const out = new Set<string>();
  for (const c of plan.changes) {
    if (c.type !== 'xcp_vm' || !c.after) continue;
    collect(c.after, false, out);
  }
  return [...out].sort();
}

/** Strings under a `wait_for_ip` key (the nic attribute) or its `cidr` (the VM block), at any depth. */
function collect(v: unknown, inWait: boolean, out: Set<string>): void {
  if (Array.isArray(v)) { for (const x of v) collect(x, inWait, out); return; }
  if (typeof v !== 'object' || v === null) return;
  const obj = v as Record<string, unknown>;
  // Object.keys, not entries: a plan of 1,000 VMs has a few hundred thousand values to walk.
  for (const k of Object.keys(obj)) {
    const x = obj[k];
    if (k === 'wait_for_ip' && typeof x === 'string') out.add(x);
    else if (inWait && k === 'cidr' && typeof x === 'string') out.add(x);
    else collect(x, k === 'wait_for_ip', out);
  }
}
