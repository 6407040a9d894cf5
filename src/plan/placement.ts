/**
 * Placement for cloudbursting: chooses a pool and host for each VM with a `placement` block from
 * live capacity (free memory per host, read from the bulk records), so that overflow lands in
 * the next pool (`fill-first`) or load is balanced (`spread`). A VM already placed in one of its
 * candidate pools stays put while it fits. Pure: capacity comes from the snapshot and is
 * consumed as VMs are placed, in address order, so the result is deterministic.
 */
import { hostCapacities, type CapacityLedger, type HostCapacity, type MemoryDemand, type MemoryTaken } from '../resources/capacity';

export { hostCapacities, type HostCapacity };
import type { PoolRecords, WorldSnapshot } from '../resources/snapshot';
import type { XapiRecord } from '../xenapi';
import { ADDRESS_KEY } from '../resources/kit/owned-keys';

export interface PlacementDemand {
  readonly address: string;
  readonly memory: number;
  readonly vcpus: number;
  readonly pools: readonly string[];
  readonly strategy: 'fill-first' | 'spread';
  /** Where the VM is now (pool and host uuid), when it exists and runs. */
  readonly current?: { readonly pool: string; readonly host?: string; readonly memory: number };
}

export type PlacementResult =
  | { readonly ok: true; readonly pool: string; readonly host: string; readonly hostName: string; readonly moved: boolean }
  | { readonly ok: false; readonly reason: string };

/** The host with the least free memory that still fits `memory` (keeps large holes for large VMs). */
function bestFit(hosts: readonly HostCapacity[], memory: number): HostCapacity | undefined {
  return hosts.filter((h) => h.free >= memory).reduce<HostCapacity | undefined>((a, b) => (!a || b.free < a.free ? b : a), undefined);
}

/**
 * The plan's capacity model: free memory per host, taken by the VMs the plan places, creates,
 * starts, grows or moves, in plan order (also the resources' `CapacityLedger`).
 */
export class Placer implements CapacityLedger {
  private readonly hosts = new Map<string, HostCapacity[]>();
  /** Bytes by which creates pinned to a host exceed its free memory. */
  private readonly over = new Map<HostCapacity, number>();

  /**
   * Running VMs an interrupted create left, by address: the apply adopts each where it runs, so
   * its create takes the memory it already holds instead of more (counted twice, a crash late in
   * a full apply made the recovery plan refuse for "no capacity" or send VMs to another pool).
   */
  private readonly leftovers = new Map<string, { pool: string; host: HostCapacity }>();

  /** @param leftover which VMs are leftovers of this state's interrupted creates. */
  constructor(world: WorldSnapshot, pools: readonly string[], leftover?: (vm: XapiRecord<'VM'>) => boolean) {
    for (const p of pools) this.hosts.set(p, hostCapacities(world.pool(p)));
    if (!leftover) return;
    for (const p of pools) {
      const records = world.pool(p);
      for (const [, vm] of records.all('VM')) {
        if (vm.power_state !== 'Running' || !leftover(vm)) continue;
        const host = this.hosts.get(p)!.find((h) => h.uuid === records.get('host', vm.resident_on)?.uuid);
        const address = vm.other_config[ADDRESS_KEY];
        if (host && address && !this.leftovers.has(address)) this.leftovers.set(address, { pool: p, host });
      }
    }
  }

  /** The leftover of `address` in one of `pools`, once: its memory is the create's. */
  private leftoverIn(address: string, pools: readonly string[]): HostCapacity | undefined {
    const hit = this.leftovers.get(address);
    if (!hit || !pools.includes(hit.pool)) return undefined;
    this.leftovers.delete(address);
    return hit.host;
  }

  /** Capacity view for reports (placement view of the HTML/Markdown renderers). */
  capacity(): ReadonlyMap<string, readonly HostCapacity[]> {
    return this.hosts;
  }

  /**
   * Counts a VM the plan creates in a fixed pool (no placement block) against that pool's
   * capacity, on its host when given, else on the host that fits it best (the least free
   * memory that fits; the most free when none fits, recorded as overdrawn).
   */
  reserve(pool: string, host: string | undefined, memory: number, address?: string): HostCapacity | undefined {
    const left = address === undefined ? undefined : this.leftoverIn(address, [pool]);
    if (left && (host === undefined || left.uuid === host || left.name === host)) return left;
    const hosts = this.hosts.get(pool) ?? [];
    const target = hosts.find((h) => h.uuid === host || h.name === host) ?? bestFit(hosts, memory) ?? hosts.reduce<HostCapacity | undefined>((a, b) => (!a || b.free > a.free ? b : a), undefined);
    if (target) {
      if (target.free < memory) this.over.set(target, (this.over.get(target) ?? 0) + memory - target.free);
      target.free = Math.max(0, target.free - memory);
    }
    return target;
  }

  overdrawn(pool: string, host: string): number {
    const h = this.hosts.get(pool)?.find((x) => x.uuid === host || x.name === host);
    return h ? this.over.get(h) ?? 0 : 0;
  }

  /**
   * The ledger as the resource `address` sees it (resource hooks do not know their address): a
   * create whose leftover runs in the pool is counted where the leftover is, taking nothing more.
   */
  forAddress(address: string): CapacityLedger {
    return {
      take: (d) => {
        const left = d.host === undefined ? this.leftoverIn(address, [d.pool]) : undefined;
        return left ? { ok: true, host: left.uuid, hostName: left.name } : this.take(d);
      },
      overdrawn: (pool, host) => this.overdrawn(pool, host),
    };
  }

  take(d: MemoryDemand): MemoryTaken {
    const all = this.hosts.get(d.pool);
    if (!all?.length) return { ok: true };
    // Only hosts that reach the VM's storage; the message lists those.
    const hosts = d.eligible ? all.filter((h) => d.eligible!.has(h.uuid)) : all;
    const find = (key: string | undefined) => (key === undefined ? undefined : hosts.find((h) => h.uuid === key || h.name === key));
    let target: HostCapacity | undefined;
    if (d.host !== undefined) {
      target = all.find((h) => h.uuid === d.host || h.name === d.host);
      // A host the model does not know (disabled, or not created yet) is left to apply.
      if (!target) return { ok: true };
      if (target.free < d.memory) target = undefined;
    } else {
      const preferred = find(d.prefer);
      const mostFree = (): HostCapacity | undefined => hosts.filter((h) => h.free >= d.memory).reduce<HostCapacity | undefined>((a, b) => (!a || b.free > a.free ? b : a), undefined);
      target = preferred && preferred.free >= d.memory ? preferred : d.unpinned ? mostFree() : bestFit(hosts, d.memory);
    }
    if (!target) return { ok: false, free: hosts.map((h) => ({ name: h.name, uuid: h.uuid, free: h.free })) };
    target.free -= d.memory;
    return { ok: true, host: target.uuid, hostName: target.name };
  }

  place(d: PlacementDemand): PlacementResult {
    const left = d.current ? undefined : this.leftoverIn(d.address, d.pools);
    if (left) return { ok: true, pool: left.pool, host: left.uuid, hostName: left.name, moved: false };
    if (d.current && d.pools.includes(d.current.pool) && d.strategy === 'fill-first') {
      // Burst back: a VM that overflowed into a later pool returns when an earlier one has room.
      const idx = d.pools.indexOf(d.current.pool);
      const earlier = d.pools.slice(0, idx).find((p) => (this.hosts.get(p) ?? []).some((h) => h.free >= d.memory));
      if (earlier) {
        const here = this.hosts.get(d.current.pool)?.find((h) => h.uuid === d.current!.host);
        if (here) here.free += d.current.memory;
        const chosen = this.hosts.get(earlier)!.filter((h) => h.free >= d.memory).reduce((a, b) => (b.free < a.free ? b : a));
        chosen.free -= d.memory;
        chosen.vcpus += d.vcpus;
        return { ok: true, pool: chosen.pool, host: chosen.uuid, hostName: chosen.name, moved: true };
      }
    }
    if (d.current && d.pools.includes(d.current.pool)) {
      const host = this.hosts.get(d.current.pool)?.find((h) => h.uuid === d.current!.host);
      if (host && (host.free >= 0)) {
        // Already placed: its memory is already counted as used; it stays unless the host is overcommitted.
        const delta = d.memory - d.current.memory;
        if (delta <= host.free) {
          host.free -= Math.max(0, delta);
          return { ok: true, pool: d.current.pool, host: host.uuid, hostName: host.name, moved: false };
        }
      }
    }
    const candidates = d.pools.flatMap((p) => (this.hosts.get(p) ?? []).filter((h) => h.free >= d.memory));
    if (!candidates.length) {
      const summary = d.pools.map((p) => {
        const best = Math.max(0, ...(this.hosts.get(p) ?? []).map((h) => h.free));
        return `${p}: ${this.hosts.has(p) ? `largest free ${gib(best)}` : 'not configured'}`;
      }).join('; ');
      return { ok: false, reason: `needs ${gib(d.memory)} of memory; ${summary}` };
    }
    let chosen: HostCapacity;
    if (d.strategy === 'spread') {
      chosen = candidates.reduce((a, b) => (b.free > a.free ? b : a));
    } else {
      const firstPool = d.pools.find((p) => candidates.some((h) => h.pool === p))!;
      // Within the pool, best fit keeps large holes for large VMs.
      chosen = candidates.filter((h) => h.pool === firstPool).reduce((a, b) => (b.free < a.free ? b : a));
    }
    chosen.free -= d.memory;
    chosen.vcpus += d.vcpus;
    return { ok: true, pool: chosen.pool, host: chosen.uuid, hostName: chosen.name, moved: Boolean(d.current) };
  }
}

export function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}
