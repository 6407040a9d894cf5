/**
 * Placement decided at apply: a new VM with a `placement` block whose plan left `pool` unknown
 * (terraform-provider-xcp plans one resource at a time, so it cannot know what the other VMs of
 * the same apply take) gets its pool and host here, from the live free memory of the candidate
 * pools, minus what the creates still running in this process have claimed. The claims make
 * concurrent creates (terraform applies with parallelism) see each other; a claim ends when its
 * create does, by which time the VM runs and the records count it. xcpform's own plan places
 * the whole configuration up front (`src/plan/placement.ts`) and never reaches this.
 */
import { error } from '../../diagnostics';
import { isUnknown, type ObjectValue } from '../../values/value';
import { hostCapacities, memoryOverhead, type HostCapacity } from '../capacity';
import { ResourceError, type ApplyContext } from '../resource';
import { block, num, str } from '../kit/attrs';

const CAPACITY_CLASSES = ['host', 'host_metrics', 'VM'] as const;

interface Claim { readonly pool: string; readonly host: string; readonly bytes: number }

/** Memory claimed by the creates in flight in this process. */
const claims = new Set<Claim>();

/** Where a new VM goes, and how to end its claim. */
export interface Placed {
  readonly pool: string;
  /** Host UUID the VM is counted on (started there), when chosen here. */
  readonly host?: string;
  release(): void;
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/**
 * The pool (and host) of a new VM: `pool` when the plan knows it; else, with a placement block,
 * the first candidate pool with a host that has room (`fill-first`) or the host with the most
 * room across them (`spread`); else the default pool.
 */
export async function placeAtApply(ctx: ApplyContext, planned: ObjectValue): Promise<Placed> {
  const known = str(planned, 'pool');
  const placement = block(planned, 'placement');
  const release = (): void => undefined;
  if (known && !isUnknown(planned.pool)) return { pool: known, release };
  const pools = Array.isArray(placement?.pools) ? placement!.pools.filter((p): p is string => typeof p === 'string') : [];
  if (!pools.length) return { pool: ctx.pools[0], release };
  const memory = num(planned, 'memory') ?? 1024 ** 3;
  const need = memory + memoryOverhead(memory);
  const running = str(planned, 'power_state') === undefined || str(planned, 'power_state') === 'running';
  if (!running) return { pool: pools[0], release };
  // Read every candidate first, then choose and claim without yielding: concurrent creates
  // of this process see each other's claims.
  const hosts: HostCapacity[] = [];
  // As of now: what the other creates of this apply started counts (host.resident_VMs).
  for (const pool of pools) hosts.push(...hostCapacities(await ctx.records(pool, CAPACITY_CLASSES, { asOfNow: true })));
  for (const c of claims) {
    const h = hosts.find((x) => x.pool === c.pool && x.uuid === c.host);
    if (h) h.free -= c.bytes;
  }
  const fits = hosts.filter((h) => h.free >= need);
  let chosen: HostCapacity | undefined;
  if (str(placement, 'strategy') === 'spread') chosen = fits.reduce<HostCapacity | undefined>((a, b) => (!a || b.free > a.free ? b : a), undefined);
  else {
    const pool = pools.find((p) => fits.some((h) => h.pool === p));
    chosen = fits.filter((h) => h.pool === pool).reduce<HostCapacity | undefined>((a, b) => (!a || b.free < a.free ? b : a), undefined);
  }
  if (!chosen) {
    const free = pools.map((p) => `${p}: largest free ${gib(Math.max(0, ...hosts.filter((h) => h.pool === p).map((h) => h.free)))}`).join('; ');
    throw new ResourceError(error('plan.no-capacity', `no host of pools ${pools.join(', ')} has the ${gib(need)} of memory the new VM needs`, {
      detail: `Free memory after the VMs being created now: ${free}. Free capacity (stop or shrink VMs), add hosts, or add a pool to placement.pools.`,
      path: ['placement'],
    }));
  }
  const claim: Claim = { pool: chosen.pool, host: chosen.uuid, bytes: need };
  claims.add(claim);
  return { pool: chosen.pool, host: chosen.uuid, release: () => { claims.delete(claim); } };
}
