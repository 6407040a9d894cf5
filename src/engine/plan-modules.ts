/**
 * The plan's hook for module calls whose count / for_each waits for planned values (see
 * config/modules/deferred.ts): a plan is made without them, they are expanded with the values
 * it gave the blocks they read, and again while a round expands a call whose own calls wait
 * (at most as deep as modules nest). Then the caller plans the expanded configuration.
 */
import type { ConfigEvaluator } from '../config/evaluator';
import { deferredResourceTypes } from '../config/modules/deferred';
import type { Diagnostic } from '../diagnostics';
import type { Value } from '../values/value';

/** As deep as module calls may nest (config/load.ts). */
const MAX_ROUNDS = 21;

/**
 * Expands the deferred module calls of `config`; `planWithout(values)` makes a plan of the
 * configuration as expanded so far, filling `values` with each planned block's value. Returns
 * the diagnostics of calls whose count / for_each stays unknown (Terraform's refusals).
 */
export function expandModulesForPlan(config: ConfigEvaluator, planWithout: (values: Map<string, Value>) => void, targets: readonly string[] = []): Diagnostic[] {
  for (let round = 0; config.hasDeferredModules; round++) {
    const values = new Map<string, Value>();
    planWithout(values);
    const { progressed, diagnostics } = config.expandDeferredModules((address) => values.get(address), round + 1 >= MAX_ROUNDS);
    if (diagnostics.length) return untargeted(diagnostics, targets);
    // No call could be expanded: what they wait for is unknown at plan time; report it.
    if (!progressed) return untargeted(config.expandDeferredModules((address) => values.get(address), true).diagnostics, targets);
  }
  return [];
}

/**
 * With -target, Terraform plans only the targets and what they depend on: a module call no
 * target lies in is not expanded, so its unknown count / for_each is no error.
 */
function untargeted(diagnostics: Diagnostic[], targets: readonly string[]): Diagnostic[] {
  if (!targets.length) return diagnostics;
  const under = (target: string, at: string) => target === at || target.startsWith(`${at}.`) || target.startsWith(`${at}[`);
  return diagnostics.filter((d) => !d.address || targets.some((t) => under(t, d.address!)));
}

/** Resource types the refresh must read for: the configuration's blocks and those of modules expanded at plan time. */
export function plannedTypes(config: ConfigEvaluator): string[] {
  return [...config.blocks.filter((b) => b.mode === 'managed').map((b) => b.type), ...deferredResourceTypes(config.config)];
}
