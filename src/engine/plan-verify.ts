/**
 * A saved plan's actions must follow from what it recorded. The plan file is what a pull
 * request hands to the apply job, so it may have been edited on the way: values are checked
 * against the configuration when each change runs (`executor/resolve.ts`), and here, before
 * anything runs, every action is derived again by the planner itself (the one decision,
 * `plan/decide.ts`, through `plan/managed.ts`) from the plan's own inputs: the state it was made
 * against (same lineage and serial, checked before), the refreshed objects it recorded (each
 * change's `before`, the objects its drift says are gone), its configuration snapshot and
 * variables, its mode, targets and replace requests, and the pools' records as they are now. A
 * `no-op` turned into a `delete`, an added or dropped change, a create turned into a replace:
 * each is refused, naming the address.
 */
import { Diagnostic, error } from '../diagnostics';
import type { Action, Plan } from '../plan/model';
import { makePlan, type PlanInput } from '../plan/planner';
import { WorldSnapshot } from '../resources/snapshot';
import type { ObjectValue } from '../values/value';
import { classesForConfig } from './plan';
import { expandModulesForPlan, plannedTypes } from './plan-modules';
import { priorResources } from './state-adapter';
import type { Workspace } from './workspace';

/** Managed actions by address; `no-op` where a plan lists an address without changing it. */
function actions(plan: Plan): Map<string, Action> {
  return new Map(plan.changes.filter((c) => c.mode === 'managed').map((c) => [c.address, c.action]));
}

/**
 * Derives the saved plan's actions again and returns one error per address whose recorded
 * action does not follow (none when the plan is consistent).
 */
export async function verifySavedPlanActions(ws: Workspace, plan: Plan): Promise<Diagnostic[]> {
  const config = ws.config;
  if (!config) return [];
  const runtime = await ws.runtime();
  const prior = priorResources(ws.manager.state);
  const refreshed = new Map<string, ObjectValue | null>();
  for (const c of plan.changes) if (c.mode === 'managed' && c.before !== null) refreshed.set(c.address, c.before);
  for (const d of plan.drift) if (d.action === 'delete') refreshed.set(d.address, null);
  const types = new Set([...plannedTypes(config), ...prior.map((p) => p.type)]);
  const classes = classesForConfig(types, config.blocks.some((b) => b.mode === 'data') || config.hasDeferredModules);
  // The records hooks and placement consult; objects themselves come from the plan, not a refresh.
  // Read through the runtime's live world, whose bulk read the apply that follows then shares.
  const world = new WorldSnapshot();
  for (const pool of runtime.pools) (await runtime.liveWorld().records(pool, [...classes])).shareInto(world.pool(pool), classes);
  const input: PlanInput = {
    config,
    prior: { lineage: plan.prior.lineage, serial: plan.prior.serial, resources: prior, outputs: ws.priorOutputs() },
    refreshed,
    world,
    pools: runtime.pools,
    defaultPool: runtime.defaultPool,
    rateCard: ws.settings.rateCard,
    mode: plan.mode,
    targets: plan.targets,
    replace: plan.changes.filter((c) => c.actionReason === 'replace_by_request').map((c) => c.address),
  };
  // The snapshot's module calls that wait for planned values, expanded as the plan expanded them.
  const expansion = plan.mode === 'destroy' ? [] : expandModulesForPlan(config, (blockValues) => makePlan({ ...input, blockValues }), input.targets);
  if (expansion.some((d) => d.severity === 'error')) return expansion;
  const again = makePlan(input);
  const recorded = actions(plan);
  const derived = actions(again);
  const out: Diagnostic[] = [];
  for (const address of [...new Set([...recorded.keys(), ...derived.keys()])].sort()) {
    const saved = recorded.get(address) ?? 'no-op';
    const expected = derived.get(address) ?? 'no-op';
    if (saved === expected || (!derived.has(address) && !recorded.has(address))) continue;
    out.push(error('plan.actions-mismatch', `Saved plan's action for ${address} does not follow from it`, {
      address,
      detail: `The plan file says "${saved}", but its own prior state, refreshed objects and configuration give "${expected}". The file was changed after "xcpform plan" wrote it, or the pools changed since; nothing was applied. Run plan again and review the new plan.`,
    }));
  }
  return out;
}
