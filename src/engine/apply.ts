/**
 * Applying a plan in a workspace: a stale-plan check against the state's lineage and serial,
 * the executor over the live state (persisted after every change), then the outputs.
 */
import { Diagnostic, error } from '../diagnostics';
import { executePlan, type ExecuteResult } from '../executor/apply';
import type { ApplyEvent } from '../executor/ports';
import { stateScope } from '../executor/resolve';
import type { Plan } from '../plan/model';
import { setOutput } from '../state';
import { containsUnknown } from '../values/value';
import { withRefreshedPrior } from './prior-state';
import { outputType } from './output-types';
import { LiveState } from './state-adapter';
import { applyStatements } from './statements-apply';
import { withStateDependencies } from './state-dependencies';
import type { Workspace } from './workspace';

export interface ApplyOptions {
  readonly parallelism?: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: ApplyEvent) => void;
}

/** Terraform's rules for saved plans: a different lineage or a newer serial makes it stale. */
export function checkStale(plan: Plan, lineage: string, serial: number): Diagnostic | undefined {
  if (plan.prior.lineage && plan.prior.lineage !== lineage) {
    return error('plan.stale-lineage', 'Saved plan does not match the given state', { detail: 'The given plan file can not be applied because it was created from a different state lineage.' });
  }
  if (plan.prior.serial !== serial) {
    return error('plan.stale', 'Saved plan is stale', { detail: 'The given plan file can no longer be applied because the state was changed by another operation after the plan was created.' });
  }
  return undefined;
}

export { ctyTypeOf } from './output-types';

export async function applyWorkspacePlan(ws: Workspace, plan: Plan, opts: ApplyOptions): Promise<ExecuteResult & { diagnostics: Diagnostic[] }> {
  const runtime = await ws.runtime();
  const live = new LiveState(ws.manager);
  // Created objects carry the state's lineage (crash safety), so the lineage must be on disk
  // before the first create: killed before its first state write, an apply would otherwise
  // leave objects tagged with a lineage no later run knows, and they would be duplicated.
  const needsLineage = ws.manager.serial === 0 && plan.changes.some((c) => c.action !== 'no-op');
  // Apply starts from the plan's refreshed prior state (see prior-state.ts), written first.
  await ws.manager.apply((s) => {
    const next = withRefreshedPrior(s, plan);
    return next === s && needsLineage ? { ...s } : next;
  });
  const result = await executePlan({
    plan: await applyStatements(ws.manager, plan),
    config: plan.mode === 'destroy' ? undefined : ws.config,
    // The state's lineage tags every created object, so only this state adopts it after a crash.
    contexts: {
      applyContext: (address, progress, signal, floor) => runtime.applyContext(address, progress, signal, ws.manager.lineage, floor),
      defaultPool: runtime.defaultPool,
      mark: () => runtime.liveWorld().mark(),
    },
    state: {
      // The embedded simulator's world is saved before the state records a change (its own
      // autosave lags by 200 ms): killed in between, the state is at worst older than the
      // world, and the next run adopts what it does not record (tagged objects).
      put: async (change, attributes, opts) => { await runtime.saveEmbeddedWorld(); return live.put(withStateDependencies(change, ws.config), attributes, opts); },
      remove: async (change) => { await runtime.saveEmbeddedWorld(); return live.remove(change); },
      current: () => live.current(),
    },
    parallelism: opts.parallelism,
    signal: opts.signal,
    onEvent: opts.onEvent,
  });
  const diagnostics = [...result.diagnostics];
  // Outputs from the state as it now is.
  if (ws.config) {
    if (plan.mode === 'destroy') {
      await ws.manager.apply((s) => ({ ...s, outputs: {} }));
    } else {
      const { outputs, diagnostics: od } = ws.config.evaluateOutputs(stateScope(live.current(), ws.config));
      diagnostics.push(...od.filter((d) => d.severity === 'error'));
      await ws.manager.apply((s) => {
        let next = { ...s, outputs: {} };
        for (const o of outputs) if (!containsUnknown(o.value)) next = setOutput(next, o.name, { value: o.value, type: outputType(ws.config!.config.outputs.get(o.name)?.value.expr, o.value), sensitive: o.sensitive || undefined });
        return next;
      });
    }
  }
  await ws.manager.flush();
  return { ...result, diagnostics };
}
