/**
 * The plan's hook for module calls whose count / for_each reads data sources: after the refresh
 * has read the pools, those data sources are read (the same read the planner makes) and the
 * calls are expanded, before the planner walks the configuration, as Terraform reads them
 * during its plan walk before expanding the module.
 */
import type { ConfigEvaluator } from '../config/evaluator';
import { deferredResourceTypes } from '../config/modules/deferred';
import type { Diagnostic } from '../diagnostics';
import { planDataInstance } from '../plan/data';
import type { WorldSnapshot } from '../resources/snapshot';

/** Expands the deferred module calls of `config` against `world`; the diagnostics of calls still unknown. */
export function expandModulesForPlan(config: ConfigEvaluator, world: WorldSnapshot, defaultPool: string): Diagnostic[] {
  if (!config.hasDeferredModules) return [];
  return config.expandDeferredModules((block, inst) => {
    const pool = config.defaultPoolOf(block.providerConfig) ?? defaultPool;
    const res = planDataInstance(block, inst, world, pool);
    return res.read ? res.value : undefined;
  });
}

/** Resource types the refresh must read for: the configuration's blocks and those of modules expanded at plan time. */
export function plannedTypes(config: ConfigEvaluator): string[] {
  return [...config.blocks.filter((b) => b.mode === 'managed').map((b) => b.type), ...deferredResourceTypes(config.config)];
}
