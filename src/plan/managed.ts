/**
 * Plans one managed resource instance: defaults the pool, diffs with the schema, lets the
 * resource refine the plan, applies lifecycle rules, and describes the change for reviewers.
 */
import { Diagnostic, error } from '../diagnostics';
import type { RateCard } from '../provider/endpoints';
import { resourceSchema } from '../provider/schemas';
import { resourceType } from '../resources/registry';
import type { WorldSnapshot } from '../resources/snapshot';
import { isObjectValue, isUnknown, ObjectValue, Value } from '../values/value';
import type { Placer } from './placement';
import { routeNics, transferTime, type LinkInfo, type NetworkPoolLookup } from './vpn-routing';
import { monthlyCost } from './cost';
import { capabilitiesOf } from './capabilities';
import { decide } from './decide';
import { getAt } from './diff';
import type { Action, ActionReason, Migration, PlanMode, ResourceChange } from './model';
import { jsonPatch } from './patch';
import type { AttrPath } from './paths';
import type { BlockInfo, InstanceConfig } from './ports';
import { sensitivePaths } from './sensitive';

export interface ManagedRequest {
  readonly block: BlockInfo;
  readonly instance: InstanceConfig;
  /** Refreshed (or prior, without refresh) state; null when the object does not exist. */
  readonly prior: ObjectValue | null;
  readonly tainted: boolean;
  readonly replaceRequested: boolean;
  readonly triggered: boolean;
  readonly world: WorldSnapshot;
  readonly pools: readonly string[];
  readonly defaultPool: string;
  readonly rateCard?: RateCard;
  readonly mode: PlanMode;
  /** Capacity model for `placement` blocks, shared by every instance of the plan. */
  readonly placer?: () => Placer;
  /** VPN links and network pools, for VMs attached to networks of another pool. */
  readonly routing?: { readonly links: () => LinkInfo[]; readonly poolOfNetwork: NetworkPoolLookup; readonly fallbackPool?: string };
  /** Objects the plan destroys because their block left the configuration (`PlanRequest.leaving`). */
  readonly leaving?: (pool: string, uuid: string) => boolean;
}

export interface ManagedResult {
  readonly change?: ResourceChange;
  /** The planned value other blocks see through references. */
  readonly value: Value;
  readonly diagnostics: Diagnostic[];
}

export function planManagedInstance(req: ManagedRequest): ManagedResult {
  const { block, instance } = req;
  const diagnostics: Diagnostic[] = [];
  const at = { address: instance.address, source: block.source };
  const schema = resourceSchema(block.type);
  if (!schema) {
    return { value: null, diagnostics: [error('plan.unknown-type', `${instance.address}: the xcp provider has no resource type "${block.type}"`, at)] };
  }
  const config: ObjectValue = { ...instance.values };
  const placementNotes: string[] = [];
  const caps = capabilitiesOf(block.type);
  if (caps.placed && req.placer && req.mode === 'normal') {
    const placed = applyPlacement(instance.address, config, req.prior, req.placer(), at, diagnostics);
    if (placed) placementNotes.push(placed);
  }
  if ((config.pool ?? null) === null && !req.prior) config.pool = req.defaultPool;
  applySrMap(config, req.prior);
  const via: string[] = [];
  if (caps.routesNics && req.routing) {
    const vmPool = typeof config.pool === 'string' ? config.pool : typeof req.prior?.pool === 'string' ? req.prior.pool : req.defaultPool;
    const routed = routeNics(instance.address, vmPool, config, req.routing.links(), req.routing.poolOfNetwork, req.routing.fallbackPool);
    via.push(...routed.via);
    placementNotes.push(...routed.notes);
    diagnostics.push(...routed.diagnostics.map((d) => ({ ...d, source: block.source })));
  }
  const pool = config.pool;
  if (typeof pool === 'string' && !req.pools.includes(pool)) {
    diagnostics.push(error('plan.unknown-pool', `${instance.address}: attribute "pool": no pool named "${pool}"`, {
      ...at, path: ['pool'], detail: `The provider's pools are: ${req.pools.join(', ')}.`,
    }));
  }
  if (req.mode === 'refresh-only') return { value: req.prior, diagnostics };
  const forceReplace = req.tainted || req.replaceRequested || req.triggered;
  const decision = decide({
    schema, address: instance.address, resource: resourceType(block.type), prior: req.prior, config, world: req.world,
    capacity: req.mode === 'normal' ? req.placer?.().forAddress(instance.address) : undefined, leaving: req.leaving,
    ignoreChanges: block.lifecycle.ignoreChanges, forceReplace,
  });
  for (const d of decision.diagnostics) diagnostics.push({ ...d, address: d.address ?? instance.address, source: d.source ?? block.source });
  let planned = decision.planned;
  let action: Action = decision.action;
  const { replacePaths, migratePaths, haltPaths } = decision;
  const notes: string[] = [...placementNotes, ...decision.notes];
  const bytes = decision.bytesToMove;
  let reason: ActionReason | undefined;
  if (action === 'replace') {
    reason = req.tainted ? 'replace_because_tainted' : req.replaceRequested ? 'replace_by_request' : req.triggered ? 'replace_by_triggers' : 'replace_because_cannot_update';
    if (block.lifecycle.createBeforeDestroy) action = 'replace-cbd';
    if (block.lifecycle.preventDestroy) {
      diagnostics.push(error('plan.prevent-destroy', 'Instance cannot be destroyed', {
        ...at,
        detail: `Resource ${instance.address} has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed (it must be replaced). To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the -target flag.`,
      }));
    }
  }
  if (req.rateCard && 'monthly_cost' in schema.block.attributes) {
    planned = { ...planned, monthly_cost: monthlyCost(block.type, planned, req.rateCard, req.defaultPool) };
  }
  const migration = action === 'migrate' ? { ...describeMigration(req.prior!, planned, req.defaultPool, bytes), ...(via.length ? { via: via[0] } : {}) } : undefined;
  if (migration && migration.bytes && migration.fromPool !== migration.toPool) {
    const link = req.routing?.links().find((l) => (l.pool === migration.fromPool && l.remotePool === migration.toPool) || (l.pool === migration.toPool && l.remotePool === migration.fromPool));
    if (link?.bandwidthMbps) notes.push(`estimated transfer time ${transferTime(migration.bytes, link.bandwidthMbps)} at ${link.bandwidthMbps} Mbit/s over ${link.address}`);
  }
  const sens = dedupePaths([...sensitivePaths(schema.block, planned), ...instance.sensitivePaths]);
  const before = action === 'create' ? null : req.prior;
  const change: ResourceChange = {
    address: instance.address,
    mode: 'managed',
    type: block.type,
    name: block.name,
    ...(instance.index !== undefined ? { index: instance.index } : {}),
    providerConfig: block.providerConfig,
    action,
    ...(reason ? { actionReason: reason } : {}),
    before,
    after: planned,
    beforeSensitive: before ? sensitivePaths(schema.block, before) : [],
    afterSensitive: sens,
    replacePaths,
    migratePaths,
    haltPaths,
    notes,
    ...(migration ? { migration } : {}),
    ...(req.rateCard ? { cost: { before: monthlyCost(block.type, before, req.rateCard, req.defaultPool), after: monthlyCost(block.type, planned, req.rateCard, req.defaultPool) } } : {}),
    dependsOn: [...new Set([...block.references, ...via])].sort(),
    schemaVersion: schema.version,
    patch: jsonPatch(before, planned),
  };
  return { change, value: planned, diagnostics };
}

const GIB = 1024 ** 3;

function dedupePaths(paths: readonly AttrPath[]): AttrPath[] {
  const seen = new Set<string>();
  return paths.filter((p) => { const k = JSON.stringify(p); if (seen.has(k)) return false; seen.add(k); return true; });
}

/** Chooses pool and host for a VM with a placement block; returns the note for the plan. */
function applyPlacement(address: string, config: ObjectValue, prior: ObjectValue | null, placer: Placer, at: Pick<Diagnostic, 'address' | 'source'>, diagnostics: Diagnostic[]): string | undefined {
  const raw = config.placement;
  const p = Array.isArray(raw) ? raw[0] : raw;
  if (!isObjectValue(p) || !Array.isArray(p.pools) || p.pools.some((x) => typeof x !== 'string')) {
    // A new VM in a fixed pool still takes memory the placed ones cannot use.
    // A move to another pool by hand must fit there too: checked now, not at apply.
    if (prior && typeof config.pool === 'string' && typeof prior.pool === 'string' && config.pool !== prior.pool && prior.power_state !== 'halted') {
      const memory = num(config.memory) ?? num(prior.memory ?? null) ?? GIB;
      const moved = placer.place({ address, memory, vcpus: num(config.vcpus) ?? 1, pools: [config.pool], strategy: 'fill-first' });
      if (!moved.ok) {
        diagnostics.push(error('plan.no-capacity', `${address}: no capacity in pool ${config.pool} for the migration`, {
          ...at, path: ['pool'],
          detail: `The VM ${moved.reason}. Free capacity in pool ${config.pool}, or keep the VM in pool ${prior.pool}.`,
        }));
      } else if ((config.host ?? null) === null) config.host = moved.host;
      return undefined;
    }
    // A new VM on a host named in the configuration is counted there (its hook reports the
    // overdraft). One without a host is counted by its hook's capacity check, which prefers its
    // affinity, keeps to the hosts that reach its storage and pins it where it is counted.
    if (!prior && typeof config.pool === 'string' && typeof config.host === 'string') {
      placer.reserve(config.pool, config.host, num(config.memory) ?? GIB, address);
    }
    return undefined;
  }
  const pools = p.pools as string[];
  const strategy = p.strategy === 'spread' ? 'spread' : 'fill-first';
  const memory = num(config.memory) ?? num(prior?.memory ?? null) ?? GIB;
  const vcpus = num(config.vcpus) ?? num(prior?.vcpus ?? null) ?? 1;
  const running = prior && prior.power_state === 'running' && typeof prior.pool === 'string';
  const result = placer.place({
    address, memory, vcpus, pools, strategy,
    ...(running ? { current: { pool: prior!.pool as string, host: typeof prior!.host === 'string' ? prior!.host : undefined, memory: num(prior!.memory ?? null) ?? memory } } : {}),
  });
  if (!result.ok) {
    diagnostics.push(error('plan.no-capacity', `${address}: no capacity in pools ${pools.join(', ')}`, {
      ...at, path: ['placement'],
      detail: `The VM ${result.reason}. Free capacity (stop or shrink VMs), add hosts, or add a pool to placement.pools.`,
    }));
    return undefined;
  }
  config.pool = result.pool;
  if (result.moved || !prior) config.host = result.host;
  return `placement (${strategy}) chose pool ${result.pool}, host ${result.hostName}`;
}

/** `placement.sr_map`: a VM created in or moving into a pool puts unplaced disks on that pool's mapped SR. */
function applySrMap(config: ObjectValue, prior: ObjectValue | null): void {
  const p = Array.isArray(config.placement) ? config.placement[0] : config.placement;
  if (!isObjectValue(p) || !isObjectValue(p.sr_map) || typeof config.pool !== 'string') return;
  if (prior && prior.pool === config.pool) return;
  const sr = p.sr_map[config.pool];
  if (typeof sr !== 'string' || !Array.isArray(config.disk)) return;
  config.disk = config.disk.map((d) => (isObjectValue(d) && (d.sr ?? null) === null ? { ...d, sr } : d));
}

function num(v: Value | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function str(v: Value): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function describeMigration(prior: ObjectValue, planned: ObjectValue, defaultPool: string, bytes: number | undefined): Migration {
  const host = getAt(planned, ['host']);
  return {
    fromPool: str(prior.pool) ?? defaultPool,
    toPool: str(planned.pool) ?? defaultPool,
    ...(str(prior.host) ? { fromHost: str(prior.host) } : {}),
    ...(str(host) && !isUnknown(host) ? { toHost: str(host) } : {}),
    bytes: bytes ?? 0,
  };
}
