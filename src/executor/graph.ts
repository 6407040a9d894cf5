/**
 * From plan changes to the apply graph: change nodes with instance-level dependencies, duration
 * estimates for critical-path-first scheduling, and storage-migration claims per host.
 */
import { buildChangeGraph, type ChangeGraph, type ChangeNode, type Claim } from '../dag';
import type { ResourceChange } from '../plan/model';
import { isUnknown, Value } from '../values/value';
import { capabilitiesOf } from '../plan/capabilities';

const GIB = 1024 ** 3;

export function blockOf(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** Expands block-level references (`xcp_network.lan`) to the changed instances they name. */
export function instanceDeps(change: ResourceChange, byBlock: ReadonlyMap<string, string[]>): string[] {
  const out = new Set<string>();
  for (const dep of change.dependsOn) for (const a of byBlock.get(blockOf(dep)) ?? []) if (a !== change.address) out.add(a);
  return [...out].sort();
}

export function changeNodes(changes: readonly ResourceChange[]): ChangeNode[] {
  const byBlock = new Map<string, string[]>();
  for (const c of changes) {
    const list = byBlock.get(blockOf(c.address)) ?? [];
    list.push(c.address);
    byBlock.set(blockOf(c.address), list);
  }
  return changes.map((c) => ({
    address: c.address,
    kind: c.action === 'delete' ? 'destroy' : c.action === 'replace' || c.action === 'replace-cbd' ? 'replace' : 'apply',
    dependsOn: instanceDeps(c, byBlock),
    createBeforeDestroy: c.action === 'replace-cbd',
  }));
}

export function applyGraph(changes: readonly ResourceChange[]): ChangeGraph {
  return buildChangeGraph(changeNodes(changes));
}

/**
 * Estimated seconds per change, for the critical-path-first priority: VM creates and boots
 * dominate, migrations scale with the bytes they move (about 1 GiB per 10 s of storage motion).
 */
export function estimateSeconds(change: ResourceChange, destroy: boolean): number {
  const seconds = capabilitiesOf(change.type).seconds ?? { create: 5, delete: 5 };
  if (destroy) return seconds.delete;
  if (change.action === 'migrate') return 30 + ((change.migration?.bytes ?? 0) / GIB) * 10;
  const s = seconds.create;
  return change.action === 'update' ? Math.max(2, s / 6) : s;
}

/** A migration that moves disks holds a storage-migration slot on its source host. */
export function storageClaims(change: ResourceChange): Claim[] {
  if (change.action !== 'migrate' || !change.migration?.bytes) return [];
  const host = change.migration.fromHost ?? hostOf(change.before?.host ?? null) ?? change.migration.fromPool;
  return [{ kind: 'storage-migration', key: host }];
}

function hostOf(v: Value): string | undefined {
  return typeof v === 'string' && !isUnknown(v) ? v : undefined;
}
