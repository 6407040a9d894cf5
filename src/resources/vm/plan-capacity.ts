/**
 * Memory a VM change takes, counted in the plan's capacity ledger (`PlanRequest.capacity`):
 * a halted VM that starts, a running VM that grows or moves to another host, a new VM pinned to
 * a host that was already full. Each either fits (a started VM is pinned to the host counted,
 * so XAPI starts it where the plan said) or is a `plan.no-capacity` error naming the free
 * memory of the pool's hosts, instead of `HOST_NOT_ENOUGH_FREE_MEMORY` at apply.
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown, type ObjectValue } from '../../values/value';
import { memoryOverhead, type CapacityLedger, type MemoryTaken } from '../capacity';
import { block, num, str } from '../kit/attrs';
import { gibText } from './plan-checks';

export interface CapacityCheck {
  readonly diagnostics: Diagnostic[];
  /** Host UUID the VM is counted on when it starts, to pin it there (set as `host`). */
  readonly pin?: string;
}

function running(state: ObjectValue | null): boolean {
  const s = str(state, 'power_state');
  return s === 'running' || s === 'paused';
}

function needs(memory: number): number {
  return memory + memoryOverhead(memory);
}

function freeList(taken: MemoryTaken): string {
  return taken.ok ? '' : taken.free.map((h) => `${h.name} ${gibText(h.free)}`).join(', ');
}

function noCapacity(summary: string, taken: MemoryTaken, action: string, path: string): Diagnostic {
  return error('plan.no-capacity', summary, {
    detail: `Free memory per host, after the changes of this plan counted before this one: ${freeList(taken)}. Free memory (stop, shrink or move other VMs, or add a host), or ${action}.`,
    path: [path],
  });
}

/** A known host value (name or UUID), else undefined. */
function hostOf(v: ObjectValue | null, key: string): string | undefined {
  const h = v?.[key];
  return typeof h === 'string' && !isUnknown(h) ? h : undefined;
}

/**
 * A VM the plan creates, if it runs: counted on a host with room and pinned there when the
 * planner has not counted it yet (no host planned), else the host it was counted on must not be
 * overcommitted.
 */
function checkCreated(ledger: CapacityLedger, planned: ObjectValue, eligible?: ReadonlySet<string>, unpinned?: boolean): CapacityCheck {
  const pool = str(planned, 'pool');
  const host = hostOf(planned, 'host');
  const memory = num(planned, 'memory');
  if (!pool || memory === undefined || !running(planned)) return { diagnostics: [] };
  if (!host) {
    const taken = ledger.take({ address: 'the VM', pool, prefer: hostOf(planned, 'affinity'), memory: needs(memory), ...(eligible ? { eligible } : {}), ...(unpinned ? { unpinned } : {}) });
    if (!taken.ok) return { diagnostics: [noCapacity(`no host of pool "${pool}"${eligible ? ' that reaches its storage' : ''} has the ${gibText(needs(memory))} of memory the new VM needs`, taken, 'give the VM less memory, or create it with power_state = "halted"', 'memory')] };
    return { diagnostics: [], ...(taken.host ? { pin: taken.host } : {}) };
  }
  const over = ledger.overdrawn(pool, host);
  if (!over) return { diagnostics: [] };
  return {
    diagnostics: [error('plan.no-capacity', `host ${host} of pool "${pool}" lacks ${gibText(over)} of memory for the new VMs placed on it (this one needs ${gibText(memory)})`, {
      detail: `The plan counts each new VM on one host. Free memory (stop, shrink or move other VMs, or add a host), give the VM less memory, or create it with power_state = "halted".`,
      path: ['memory'],
    })],
  };
}

/**
 * Counts the memory the change of an existing VM (or a new one) takes; `planned` is the
 * refined plan of an update (not of a replacement), `moves` true for a live migration to
 * another host of the pool; `eligible` the UUIDs of the hosts that reach the VM's storage;
 * `unpinned` when the VM will not be pinned (its storage is created by the same plan), so it is
 * counted where XAPI will start it.
 */
export function checkCapacity(ledger: CapacityLedger | undefined, prior: ObjectValue | null, planned: ObjectValue, moves = false, eligible?: ReadonlySet<string>, unpinned = false): CapacityCheck {
  const address = 'the VM';
  // A VM with a placement block is counted by the planner's placement, once.
  if (!ledger || block(planned, 'placement')) return { diagnostics: [] };
  if (!prior) return checkCreated(ledger, planned, eligible, unpinned);
  const pool = str(prior, 'pool');
  const before = num(prior, 'memory');
  const after = num(planned, 'memory');
  if (!pool || str(planned, 'pool') !== pool || after === undefined || !running(planned)) return { diagnostics: [] };
  const host = hostOf(planned, 'host');
  if (!running(prior)) {
    // Starts: anywhere with room (its affinity first) unless a host is set; pinned where counted.
    const taken = ledger.take({ address, pool, host, prefer: hostOf(planned, 'affinity'), memory: needs(after), ...(eligible ? { eligible } : {}), ...(unpinned ? { unpinned } : {}) });
    if (!taken.ok) {
      return { diagnostics: [noCapacity(`${host ? `host ${host}` : `no host of pool "${pool}"${eligible ? ' that reaches its storage' : ''}`} has the ${gibText(needs(after))} of memory ${address} needs to start`, taken, 'keep power_state = "halted"', 'power_state')] };
    }
    return { diagnostics: [], ...(host === undefined && taken.host ? { pin: taken.host } : {}) };
  }
  const from = hostOf(prior, 'host');
  if (!from) return { diagnostics: [] };
  if (moves && host !== undefined) {
    // A live migration: the VM holds its memory on both hosts until it is done.
    const taken = ledger.take({ address, pool, host, memory: needs(after) });
    if (!taken.ok) return { diagnostics: [noCapacity(`host ${host} has not the ${gibText(needs(after))} of memory ${address} needs to move there`, taken, `keep host = "${from}"`, 'host')] };
    return { diagnostics: [] };
  }
  if (before === undefined || after <= before) return { diagnostics: [] };
  const taken = ledger.take({ address, pool, host: from, memory: needs(after) - needs(before) });
  if (!taken.ok) {
    return { diagnostics: [noCapacity(`host ${from} has not the ${gibText(needs(after) - needs(before))} of memory ${address} needs to grow from ${gibText(before)} to ${gibText(after)}`, taken, `keep memory at ${before}`, 'memory')] };
  }
  return { diagnostics: [] };
}
