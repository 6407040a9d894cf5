/**
 * The planner: a pure function of the evaluated configuration, the prior and refreshed state,
 * the bulk-read records and the provider settings, returning the Plan (inert data). It walks
 * the configuration blocks in dependency order, evaluating each with the planned values of the
 * blocks it references, diffs each instance with the schema-driven diff, lets the resource
 * refine the plan, then adds deletions, drift and outputs.
 */
import { Diagnostic, error, hasErrors, warning } from '../diagnostics';
import { CycleError, Graph, topologicalOrder } from '../dag';
import type { RateCard } from '../provider/endpoints';
import { resourceSchema } from '../provider/schemas';
import { resourceType } from '../resources/registry';
import type { WorldSnapshot } from '../resources/snapshot';
import { ADDRESS_KEY, LINEAGE_KEY } from '../resources/kit/owned-keys';
import type { XapiRecord } from '../xenapi';
import { VERSION } from '../version';
import { ObjectValue, Value, valuesEqual } from '../values/value';
import { monthlyCost } from './cost';
import { dependencyPending, planDataInstance } from './data';
import { planDeletes } from './deletes';
import { detectDrift } from './drift';
import type { Action, DataRead, OutputChange, Plan, PlanMode, PoolCapacity, ResourceChange } from './model';
import { planManagedInstance } from './managed';
import type { BlockInfo, ConfigPort, PriorResource, Scope } from './ports';
import { applyTargets } from './targets';
import { leavingObjects } from './leaving';
import { planPostconditions } from './conditions';
import { markChanges, resolveStatements } from './statements';
import { hostCapacities, Placer } from './placement';
import { linksFrom } from './vpn-routing';
import { capabilitiesOf, isNetworkAddress } from './capabilities';

export interface PlanInput {
  readonly config: ConfigPort;
  readonly prior: {
    readonly lineage: string;
    readonly serial: number;
    readonly resources: readonly PriorResource[];
    readonly outputs: Readonly<Record<string, Value>>;
    /** Names of the prior outputs the state marks sensitive (their values never reach a plan's text). */
    readonly sensitiveOutputs?: readonly string[];
  };
  /** Refreshed state by address (null = deleted outside xcpform); absent with -refresh=false. */
  readonly refreshed?: ReadonlyMap<string, ObjectValue | null>;
  readonly world: WorldSnapshot;
  readonly pools: readonly string[];
  readonly defaultPool: string;
  readonly rateCard?: RateCard;
  readonly mode: PlanMode;
  readonly targets?: readonly string[];
  /** `-replace=ADDR`. */
  readonly replace?: readonly string[];
  /** Filled with each planned block's value by address (what references to it read): module calls expanded at plan time read them. */
  readonly blockValues?: Map<string, Value>;
}

/** Orders blocks so that every block comes after the blocks it references. */
export function blockOrder(blocks: readonly BlockInfo[], existing?: (address: string) => boolean): { order: BlockInfo[]; diagnostics: Diagnostic[] } {
  const known = new Map(blocks.map((b) => [b.address, b]));
  const g = Graph.from(blocks.map((b) => b.address));
  for (const b of blocks) for (const r of b.references) if (known.has(r) && r !== b.address) g.addDependency(b.address, r);
  // VPN links before the VMs that may need them (a VM bursting into another pool reaches its
  // network over a link it does not refer to).
  for (const vm of blocks.filter((b) => b.mode === 'managed' && capabilitiesOf(b.type).routesNics)) {
    for (const link of blocks.filter((b) => b.mode === 'managed' && capabilitiesOf(b.type).poolLink)) if (!link.references.includes(vm.address)) g.addDependency(vm.address, link.address);
  }
  const self = blocks.filter((b) => b.references.includes(b.address));
  if (self.length) {
    return { order: [], diagnostics: self.map((b) => error('plan.self-reference', `${b.address} refers to itself`, { address: b.address, source: b.source, detail: 'A resource cannot use its own attributes in its configuration.' })) };
  }
  try {
    return { order: topologicalOrder(g, existing).map((a) => known.get(a)!), diagnostics: [] };
  } catch (err) {
    if (!(err instanceof CycleError)) throw err;
    return {
      order: [],
      diagnostics: [error('plan.cycle', 'Cycle in the configuration', { detail: `${err.message}\nBreak the cycle by removing one of these references or depends_on entries.` })],
    };
  }
}

export function makePlan(given: PlanInput): Plan {
  // moved/import blocks rewrite the prior state before anything is planned against it.
  const statements = resolveStatements({ ...given, prior: given.prior.resources, importing: given.mode === 'normal' });
  const input: PlanInput = { ...given, prior: { ...given.prior, resources: statements.prior }, refreshed: statements.refreshed };
  const diagnostics: Diagnostic[] = [...statements.diagnostics];
  const changes: ResourceChange[] = [];
  const scopeValues = given.blockValues ?? new Map<string, Value>();
  const scope: Scope = (address) => scopeValues.get(address);
  const refreshedOf = (address: string, prior: PriorResource | undefined): ObjectValue | null =>
    input.refreshed ? (input.refreshed.has(address) ? input.refreshed.get(address)! : prior?.attributes ?? null) : prior?.attributes ?? null;
  const priorByAddress = new Map(input.prior.resources.map((r) => [r.address, r]));
  // Blocks with objects in the state are planned before new ones whenever dependencies allow:
  // the memory a halted VM takes when it starts is counted before a new VM is placed, so the
  // placement does not hand it out twice.
  const stateBlocks = new Set(input.prior.resources.map((r) => `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`));
  const { order, diagnostics: orderDiags } = blockOrder(input.config.blocks, (a) => stateBlocks.has(a));
  diagnostics.push(...orderDiags);
  const planned = new Set<string>();
  const dataReads: DataRead[] = [];
  const plannedValues = new Map<string, ObjectValue>();
  const blockPools = new Map<string, Set<string>>();
  const routing = {
    links: () => linksFrom(plannedValues),
    poolOfNetwork: (v: Value) => networkPool(v, plannedValues, input.world, input.pools),
  };
  let placer: Placer | undefined;
  const getPlacer = () => (placer ??= new Placer(input.world, input.pools, leftoverOf(input.prior)));
  const leaving = leavingObjects(input.prior.resources, input.config.blocks);

  if (input.mode !== 'destroy') {
    for (const block of order) {
      const { instances, diagnostics: evalDiags } = input.config.evaluateBlock(block.address, scope, { preconditions: true });
      diagnostics.push(...evalDiags);
      const values: [number | string | undefined, Value][] = [];
      // The pools of the blocks this one refers to are settled before it is planned (a block never refers to itself).
      const blockRouting = { ...routing, fallbackPool: onlyPool(block, blockPools) };
      // An aliased provider configuration (`provider = xcp.cloud`, a module's `providers`) has its own default pool.
      const defaultPool = input.config.defaultPoolOf?.(block.providerConfig) ?? input.defaultPool;
      for (const inst of instances) {
        planned.add(inst.address);
        const prior = priorByAddress.get(inst.address);
        if (block.mode === 'data') {
          const res = planDataInstance(block, inst, input.world, defaultPool, input.mode === 'normal' && dependencyPending(block, changes));
          diagnostics.push(...res.diagnostics);
          if (res.change) changes.push(res.change);
          if (res.read) dataReads.push(res.read);
          values.push([inst.index, res.value]);
          diagnostics.push(...planPostconditions(input.config, block.address, inst.address, res.value, scope));
          continue;
        }
        const res = planManagedInstance({
          block,
          instance: inst,
          prior: refreshedOf(inst.address, prior),
          tainted: prior?.tainted ?? false,
          replaceRequested: (input.replace ?? []).includes(inst.address),
          triggered: block.lifecycle.replaceTriggeredBy.some((t) => triggerFired(t, changes)),
          world: input.world,
          pools: input.pools,
          defaultPool,
          rateCard: input.rateCard,
          mode: input.mode,
          placer: getPlacer,
          routing: blockRouting,
          leaving,
        });
        if (res.change?.after) {
          plannedValues.set(inst.address, res.change.after);
          const pool = res.change.after.pool;
          if (typeof pool === 'string') {
            const pools = blockPools.get(block.address);
            if (pools) pools.add(pool);
            else blockPools.set(block.address, new Set([pool]));
          }
        }
        diagnostics.push(...res.diagnostics);
        if (res.change) changes.push(res.change);
        values.push([inst.index, res.value]);
        diagnostics.push(...planPostconditions(input.config, block.address, inst.address, res.value, scope));
      }
      scopeValues.set(block.address, scopeValue(values));
    }
  }

  changes.push(...planDeletes({
    prior: input.prior.resources.filter((r) => r.mode === 'managed' && !planned.has(r.address)),
    blocks: input.config.blocks,
    refreshed: (r) => refreshedOf(r.address, r),
    destroyMode: input.mode === 'destroy',
    defaultPool: input.defaultPool,
    rateCard: input.rateCard,
    diagnostics,
  }));

  const drift = input.refreshed ? detectDrift(input.prior.resources, input.refreshed, priorByAddress) : [];
  const outputs = input.mode === 'destroy' ? destroyedOutputs(input.prior.outputs, input.prior.sensitiveOutputs ?? []) : planOutputs(input, scope, diagnostics);
  let finalChanges = markChanges(changes, statements, input.config, diagnostics).sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  if (input.targets?.length) {
    finalChanges = applyTargets(finalChanges, input.targets, diagnostics);
  }
  for (const c of finalChanges) if (!resourceKnown(c.type, c.mode)) diagnostics.push(warning('plan.not-implemented', `${c.address}: resource type ${c.type} cannot be applied by this build of xcpform yet`, { address: c.address }));
  const capacity = placer ? capacityReport(placer, input, finalChanges) : undefined;
  return {
    formatVersion: 1,
    xcpformVersion: VERSION,
    mode: input.mode,
    prior: { lineage: input.prior.lineage, serial: input.prior.serial },
    variables: input.config.variables,
    changes: finalChanges,
    ...(dataReads.length ? { dataReads } : {}),
    drift,
    outputs,
    diagnostics,
    targets: input.targets ?? [],
    ...(capacity ? { capacity } : {}),
    currency: input.rateCard?.currency,
    errored: hasErrors(diagnostics),
  };
}

function resourceKnown(type: string, mode: 'managed' | 'data'): boolean {
  return mode === 'data' || resourceType(type) !== undefined || !resourceSchema(type);
}

/** A replace_triggered_by entry fires when the referenced resource (or attribute) changes. */
function triggerFired(trigger: string, changes: readonly ResourceChange[]): boolean {
  const active: Action[] = ['create', 'update', 'migrate', 'replace', 'replace-cbd', 'delete'];
  return changes.some((c) => active.includes(c.action) && (trigger === c.address || trigger.startsWith(`${c.address}.`) || c.address.startsWith(`${trigger}[`)));
}

/** count → list, for_each → map, neither → the single object. */
function scopeValue(values: readonly [number | string | undefined, Value][]): Value {
  if (values.length === 0) return [];
  if (values.every(([i]) => i === undefined)) return values[0][1];
  if (values.every(([i]) => typeof i === 'number')) return values.map(([, v]) => v);
  return Object.fromEntries(values.map(([i, v]) => [String(i), v]));
}

function planOutputs(input: PlanInput, scope: Scope, diagnostics: Diagnostic[]): OutputChange[] {
  const { outputs, diagnostics: diags } = input.config.evaluateOutputs(scope);
  diagnostics.push(...diags);
  const out: OutputChange[] = outputs.map((o) => {
    const before = input.prior.outputs[o.name] ?? null;
    const had = o.name in input.prior.outputs;
    // Terraform does not store a null output: absent and null are the same value.
    return { name: o.name, before, after: o.value, sensitive: o.sensitive, action: !had ? (o.value === null ? 'no-op' : 'create') : valuesEqual(before, o.value) ? 'no-op' : 'update' };
  });
  for (const [name, before] of Object.entries(input.prior.outputs)) {
    if (!outputs.some((o) => o.name === name)) out.push({ name, before, after: null, sensitive: (input.prior.sensitiveOutputs ?? []).includes(name), action: 'delete' });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A destroy plan removes every output the state holds (`- name = "value" -> null`, as Terraform
 * plans it), keeping the state's sensitivity so a secret stays hidden. An output whose value is
 * null is not an output Terraform would have stored: there is nothing to remove.
 */
function destroyedOutputs(prior: Readonly<Record<string, Value>>, sensitive: readonly string[]): OutputChange[] {
  return Object.entries(prior)
    .filter(([, before]) => before !== null)
    .map(([name, before]) => ({ name, before, after: null, sensitive: sensitive.includes(name), action: 'delete' as const }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export { monthlyCost };

/** The pool of a network value: a planned network with that uuid (or name), else a live one with that uuid. */
function networkPool(v: Value, planned: ReadonlyMap<string, ObjectValue>, world: WorldSnapshot, pools: readonly string[]): string | undefined {
  if (typeof v !== 'string') return undefined;
  for (const [address, after] of planned) {
    if (!isNetworkAddress(address)) continue;
    if ((after.uuid === v || after.name_label === v) && typeof after.pool === 'string') return after.pool;
  }
  for (const p of pools) if (world.pool(p).byUuid('network', v)) return p;
  return undefined;
}

/** The one pool of the network blocks a VM refers to, for network values not known yet. */
function onlyPool(block: BlockInfo, blockPools: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  const pools = new Set<string>();
  for (const r of block.references) if (isNetworkAddress(r)) for (const p of blockPools.get(r) ?? []) pools.add(p);
  return pools.size === 1 ? [...pools][0] : undefined;
}

/**
 * Memory per host before and after the plan, with the plan's VMs on each host. Built from the
 * live records and the planned changes (not from the placer's running totals), so every VM the
 * plan creates, starts, stops, resizes, moves or destroys counts once: what it frees on the host
 * it runs on now, what it takes where it will run. A running VM without a host the plan knows
 * (no `host`, no `affinity` host with room) is shown where XAPI will start it as predicted (the
 * host with the most free memory that fits); only when no host has room is it listed as unplaced,
 * its memory taken from the pool (`unplacedMemory`).
 */
function capacityReport(_placer: Placer, input: PlanInput, changes: readonly ResourceChange[]): PoolCapacity[] {
  interface HostView { readonly name: string; readonly uuid: string; readonly memoryTotal: number; readonly freeBefore: number; freeAfter: number; readonly vms: string[] }
  interface PoolView { readonly hosts: HostView[]; readonly unplaced: string[]; unplacedMemory: number }
  const view = new Map<string, PoolView>();
  for (const p of input.pools) {
    const hosts = hostCapacities(input.world.pool(p)).map((h) => ({ name: h.name, uuid: h.uuid, memoryTotal: h.memoryTotal, freeBefore: h.free, freeAfter: h.free, vms: [] as string[] }));
    view.set(p, { hosts, unplaced: [], unplacedMemory: 0 });
  }
  const hostOf = (pool: string | undefined, h: Value | undefined): HostView | undefined =>
    typeof h === 'string' && pool !== undefined ? view.get(pool)?.hosts.find((x) => x.uuid === h || x.name === h) : undefined;
  const takesMemory = (state: Value | undefined) => state === undefined || state === null || state === 'running' || state === 'paused';
  for (const c of changes) {
    if (c.mode !== 'managed' || !capabilitiesOf(c.type).placed) continue;
    // Where the VM runs now, from the live records (what hostCapacities counted as used).
    let now: { pool: string; host: HostView; bytes: number; overhead: number } | undefined;
    const uuid = c.before?.uuid;
    if (c.action !== 'create' && typeof uuid === 'string') {
      for (const [pool, pv] of view) {
        const found = input.world.pool(pool).byUuid('VM', uuid);
        if (!found) continue;
        const rec = found.record;
        const host = rec.power_state === 'Running' || rec.power_state === 'Paused' ? pv.hosts.find((h) => h.uuid === input.world.pool(pool).get('host', rec.resident_on)?.uuid) : undefined;
        if (host) now = { pool, host, bytes: (rec.memory_static_max ?? 0) + (rec.memory_overhead ?? 0), overhead: rec.memory_overhead ?? 0 };
        break;
      }
    }
    const after = c.action === 'delete' ? null : c.after;
    const pool = typeof after?.pool === 'string' ? after.pool : now?.pool ?? (typeof c.before?.pool === 'string' ? c.before.pool : input.defaultPool);
    const pv = view.get(pool);
    if (c.action === 'no-op') {
      if (now) now.host.vms.push(c.address);
      continue;
    }
    if (now) now.host.freeAfter += now.bytes;
    if (!after || !pv || !takesMemory(after.power_state)) continue;
    const sameVm = c.action === 'update' || c.action === 'migrate';
    const memory = typeof after.memory === 'number' ? after.memory : now ? now.bytes - now.overhead : 0;
    const bytes = memory + (sameVm && now ? now.overhead : 0);
    // An update leaves a running VM where it is; otherwise the planned host, else the affinity host XAPI prefers when it fits.
    const stays = c.action === 'update' && now && now.pool === pool ? now.host : undefined;
    const affinity = hostOf(pool, after.affinity);
    // Without either, where XAPI starts it as predicted (the host with the most free memory
    // that fits), as the capacity ledger counted it; unplaced only when no host has room.
    const mostFree = pv.hosts.filter((h) => h.freeAfter >= bytes).reduce<HostView | undefined>((a, b) => (!a || b.freeAfter > a.freeAfter ? b : a), undefined);
    const host = stays ?? hostOf(pool, after.host) ?? (affinity && affinity.freeAfter >= bytes ? affinity : undefined) ?? mostFree;
    if (host) {
      host.freeAfter -= bytes;
      host.vms.push(c.address);
    } else {
      pv.unplaced.push(c.address);
      pv.unplacedMemory += bytes;
    }
  }
  return [...view].map(([pool, pv]) => ({
    pool,
    hosts: pv.hosts.map((h) => ({ name: h.name, uuid: h.uuid, memoryTotal: h.memoryTotal, freeBefore: h.freeBefore, freeAfter: Math.max(0, h.freeAfter), vms: h.vms })),
    unplacedVms: pv.unplaced,
    unplacedMemory: pv.unplacedMemory,
  }));
}

/**
 * A VM an interrupted create of this state left (its address and this state's lineage, not an
 * object of the state): the apply adopts it where it is (vm/create.ts), so the plan's capacity
 * model gives its create the memory it already holds (`Placer`).
 */
function leftoverOf(prior: PlanInput['prior']): ((vm: XapiRecord<'VM'>) => boolean) | undefined {
  if (!prior.lineage) return undefined;
  const inState = new Set<string>();
  for (const r of prior.resources) if (typeof r.attributes?.uuid === 'string') inState.add(r.attributes.uuid);
  return (vm) => !vm.is_control_domain && vm.other_config[ADDRESS_KEY] !== undefined && vm.other_config[LINEAGE_KEY] === prior.lineage && !inState.has(vm.uuid);
}
