/**
 * The plan's memory ledger as resources see it: one per plan, shared by every VM the plan
 * touches, so memory one change takes (a VM started, grown or moved) is not offered to another
 * (a new VM placed on a host). The planner's capacity model implements it.
 */
import type { PoolRecords } from './snapshot';

export interface HostCapacity {
  readonly pool: string;
  readonly uuid: string;
  readonly name: string;
  readonly memoryTotal: number;
  /** Free memory after the VMs already resident (and those placed so far in this plan). */
  free: number;
  readonly cpus: number;
  vcpus: number;
}

/** Free memory per host: total minus the host's overhead and every resident VM's static maximum and overhead. */
export function hostCapacities(records: PoolRecords): HostCapacity[] {
  const out: HostCapacity[] = [];
  for (const [, host] of records.all('host')) {
    if (!host.enabled) continue;
    const metrics = records.get('host_metrics', host.metrics);
    const total = metrics?.memory_total ?? 0;
    let used = host.memory_overhead ?? 0;
    let vcpus = 0;
    for (const ref of host.resident_VMs) {
      const vm = records.get('VM', ref);
      if (!vm) continue;
      used += (vm.memory_static_max ?? 0) + (vm.memory_overhead ?? 0);
      if (!vm.is_control_domain) vcpus += vm.VCPUs_max ?? 0;
    }
    out.push({ pool: records.pool, uuid: host.uuid, name: host.name_label, memoryTotal: total, free: Math.max(0, total - used), cpus: Number(host.cpu_info?.cpu_count ?? 0), vcpus });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}


/** Memory a VM needs on a host of `pool` after the change. */
export interface MemoryDemand {
  /** Resource address, for messages. */
  readonly address: string;
  readonly pool: string;
  /** Host (name or UUID) the VM must run on; undefined lets the ledger choose. */
  readonly host?: string;
  /** Host (name or UUID) to try first when the ledger chooses (the VM's affinity). */
  readonly prefer?: string;
  /** UUIDs of the hosts the VM can run on (its storage reachable); undefined: any host. */
  readonly eligible?: ReadonlySet<string>;
  /**
   * The VM is not pinned: XAPI chooses its host at start (its affinity when it fits, else the
   * host with the most free memory), so the ledger counts it where XAPI will put it.
   */
  readonly unpinned?: boolean;
  /** Bytes needed there (memory and the hypervisor's overhead for it). */
  readonly memory: number;
}

export type MemoryTaken =
  /** `host` is the UUID of the host counted, undefined when the pool is not modelled. */
  | { readonly ok: true; readonly host?: string; readonly hostName?: string }
  /** `free` lists each host of the pool with its free bytes after the changes counted so far. */
  | { readonly ok: false; readonly free: readonly { readonly name: string; readonly uuid: string; readonly free: number }[] };

/** Counts memory demands against the pools' free memory, in the order the plan makes them. */
export interface CapacityLedger {
  /** Takes the memory on a host that has it (the given host, else the preferred one, else the best fit). */
  take(demand: MemoryDemand): MemoryTaken;
  /** Bytes the host (name or UUID) of `pool` is overcommitted by after the VMs the plan creates there; 0 when it is not. */
  overdrawn(pool: string, host: string): number;
}

/** The hypervisor's memory overhead for a VM of `memory` bytes (as xapi estimates it, roughly: 1 MiB per 256 MiB). */
export function memoryOverhead(memory: number): number {
  const mib = 1024 ** 2;
  return Math.ceil(memory / (256 * mib)) * mib;
}
