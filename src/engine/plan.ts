/**
 * Planning a workspace: refresh (one bulk read per class per pool), then the pure planner.
 */
import { Diagnostic, error } from '../diagnostics';
import { makePlan } from '../plan/planner';
import type { Plan, PlanMode } from '../plan/model';
import { refreshInstances } from '../plan/refresh';
import { PoolUnavailableError } from '../provider/runtime';
import { allDataSourceTypes, resourceType } from '../resources/registry';
import { WorldSnapshot } from '../resources/snapshot';
import type { XapiClass } from '../xenapi';
import { priorResources } from './state-adapter';
import type { Workspace } from './workspace';

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
  for (const t of types) if (t === 'xcp_vm') out.add('VM');
  return out;
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
  const prior = priorResources(ws.manager.state);
  const types = new Set([...config.blocks.filter((b) => b.mode === 'managed').map((b) => b.type), ...prior.map((p) => p.type)]);
  const classes = classesForConfig(types, config.blocks.some((b) => b.mode === 'data'));
  const needs = new Map(runtime.pools.map((p) => [p, classes]));
  let refreshed;
  let world = new WorldSnapshot();
  const diagnostics: Diagnostic[] = [];
  if (opts.refresh !== false || config.blocks.some((b) => b.mode === 'data')) {
    const r = await refreshInstances(opts.refresh === false ? [] : prior.filter((p) => p.mode === 'managed'), runtime, needs);
    diagnostics.push(...r.diagnostics);
    world = r.world;
    if (opts.refresh !== false) refreshed = r.refreshed;
  }
  const plan = makePlan({
    config,
    // A state never written has no lineage yet: such a plan is checked on serial only, as Terraform does.
    prior: { lineage: ws.manager.serial === 0 ? '' : ws.manager.lineage, serial: ws.manager.serial, resources: prior, outputs: ws.priorOutputs() },
    refreshed,
    world,
    pools: runtime.pools,
    defaultPool: runtime.defaultPool,
    rateCard: ws.settings.rateCard,
    mode: opts.mode,
    targets: opts.targets,
    replace: opts.replace,
  });
  return { plan: diagnostics.length ? { ...plan, diagnostics: [...diagnostics, ...plan.diagnostics], errored: plan.errored || diagnostics.some((d) => d.severity === 'error') } : plan, diagnostics: [] };
}
