/**
 * Planning a workspace: refresh (one bulk read per class per pool), then the pure planner.
 */
import * as path from 'node:path';
import { Diagnostic, error, warning } from '../diagnostics';
import { makePlan, type PlanInput } from '../plan/planner';
import type { Plan, PlanMode } from '../plan/model';
import { refreshInstances } from '../plan/refresh';
import { RefreshCache, RefreshCacheDamaged } from '../plan/refresh-cache';
import { PoolUnavailableError, type ProviderRuntime } from '../provider/runtime';
import { allDataSourceTypes, resourceType } from '../resources/registry';
import { WorldSnapshot } from '../resources/snapshot';
import type { XapiClass } from '../xenapi';
import { priorResources } from './state-adapter';
import type { Workspace } from './workspace';
import { capabilitiesOf } from '../plan/capabilities';
import { expandModulesForPlan, plannedTypes } from './plan-modules';

export interface PlanOptions {
  readonly mode: PlanMode;
  readonly refresh?: boolean;
  readonly targets?: readonly string[];
  readonly replace?: readonly string[];
}

/** Classes every pool is read for: what the configured resource types, data sources and placement need. */
export function classesForConfig(types: Iterable<string>, hasData: boolean): Set<XapiClass> {
  const out = new Set<XapiClass>(['pool', 'host', 'host_metrics']);
  for (const t of types) for (const c of resourceType(t)?.classes ?? []) out.add(c);
  if (hasData) for (const ds of allDataSourceTypes()) for (const c of ds.classes) out.add(c);
  for (const t of types) if (capabilitiesOf(t).placed) out.add('VM');
  return out;
}

/**
 * The workspace's refresh cache (`.xcpform/refresh/<lineage>/` in the working folder), or none
 * when `XCPFORM_REFRESH_CACHE=off`. Keyed by lineage, so workspaces and fresh states never share one.
 */
export function refreshCacheFor(ws: Workspace): RefreshCache | undefined {
  const setting = (ws.options.env.XCPFORM_REFRESH_CACHE ?? '').toLowerCase();
  if (setting === 'off' || setting === '0' || setting === 'false') return undefined;
  const key = (ws.manager.serial === 0 || !ws.manager.lineage ? 'new' : ws.manager.lineage).replace(/[^A-Za-z0-9-]/g, '_');
  return new RefreshCache(path.join(ws.options.dir, '.xcpform', 'refresh', key));
}

export async function planWorkspace(ws: Workspace, opts: PlanOptions): Promise<{ plan?: Plan; diagnostics: Diagnostic[] }> {
  const config = ws.config;
  if (!config) return { diagnostics: [error('engine.no-config', 'no configuration loaded')] };
  let runtime;
  try {
    runtime = await ws.runtime();
  } catch (err) {
    if (err instanceof PoolUnavailableError) return { diagnostics: [error('provider.pool-unavailable', err.message, { detail: 'Check the provider block\'s pools.' })] };
    throw err;
  }
  const cache = opts.refresh !== false ? refreshCacheFor(ws) : undefined;
  try {
    return await planWith(ws, opts, runtime, cache);
  } catch (err) {
    // A cached record unreadable in the middle of planning: drop the cache, plan again from a full read.
    if (!(err instanceof RefreshCacheDamaged) || !cache) throw err;
    cache.clear();
    const again = await planWith(ws, opts, runtime, cache);
    const note = warning('refresh.cache-damaged', 'Refresh cache damaged: every object was read again', { detail: `${err.message}. The cache was removed and written anew.` });
    return again.plan ? { ...again, plan: { ...again.plan, diagnostics: [note, ...again.plan.diagnostics] } } : { ...again, diagnostics: [note, ...again.diagnostics] };
  }
}

async function planWith(ws: Workspace, opts: PlanOptions, runtime: ProviderRuntime, cache: RefreshCache | undefined): Promise<{ plan?: Plan; diagnostics: Diagnostic[] }> {
  const config = ws.config!;
  const prior = priorResources(ws.manager.state);
  const types = new Set([...plannedTypes(config), ...prior.map((p) => p.type)]);
  // Modules expanded at plan time may hold data sources.
  const hasData = config.blocks.some((b) => b.mode === 'data') || config.hasDeferredModules;
  const classes = classesForConfig(types, hasData);
  const needs = new Map(runtime.pools.map((p) => [p, classes]));
  let refreshed;
  let saveCache: (() => Promise<string | undefined>) | undefined;
  let world = new WorldSnapshot();
  const diagnostics: Diagnostic[] = [];
  // Data sources and import blocks read the world even with -refresh=false.
  if (opts.refresh !== false || hasData || (config.config.imports.length > 0 && opts.mode === 'normal')) {
    const r = await refreshInstances(opts.refresh === false ? [] : prior.filter((p) => p.mode === 'managed'), runtime, needs, {
      ...(cache ? { cache, state: { lineage: ws.manager.lineage, serial: ws.manager.serial } } : {}),
    });
    diagnostics.push(...r.diagnostics);
    world = r.world;
    if (opts.refresh !== false) refreshed = r.refreshed;
    saveCache = r.saveCache;
  }
  const input: PlanInput = {
    config,
    // A state never written has no lineage yet: such a plan is checked on serial only, as Terraform does.
    prior: { lineage: ws.manager.serial === 0 ? '' : ws.manager.lineage, serial: ws.manager.serial, resources: prior, outputs: ws.priorOutputs(), sensitiveOutputs: Object.entries(ws.manager.state.outputs).filter(([, o]) => o.sensitive).map(([k]) => k) },
    refreshed,
    world,
    pools: runtime.pools,
    defaultPool: runtime.defaultPool,
    rateCard: ws.settings.rateCard,
    mode: opts.mode,
    targets: opts.targets,
    replace: opts.replace,
  };
  // Module calls whose count / for_each reads planned values are expanded first.
  const expansion = opts.mode === 'destroy' ? [] : expandModulesForPlan(config, (blockValues) => makePlan({ ...input, blockValues }), input.targets);
  if (expansion.some((d) => d.severity === 'error')) return { diagnostics: [...diagnostics, ...expansion] };
  const plan = makePlan(input);
  // Written after planning: the plan no longer needs the records, and a failure only costs the next plan a full read.
  const cacheProblem = await saveCache?.();
  if (cacheProblem) diagnostics.push(warning('refresh.cache-write', 'Refresh cache not written', { detail: `${cacheProblem}. The next plan reads every object again.` }));
  return { plan: diagnostics.length ? { ...plan, diagnostics: [...diagnostics, ...plan.diagnostics], errored: plan.errored || diagnostics.some((d) => d.severity === 'error') } : plan, diagnostics: [] };
}
