/**
 * A change on its way to the state carries the dependencies Terraform writes there (see
 * state/dependencies.ts): the closure of its block's references over the configuration's blocks,
 * by configuration address. The plan's own `dependsOn` (direct, with instance keys) orders the
 * apply; the state's form is what a later plan, `terraform` included, reads back.
 */
import type { ConfigEvaluator } from '../config/evaluator';
import type { ResourceChange } from '../plan/model';
import { stateDependencies } from '../state/dependencies';

export function withStateDependencies(change: ResourceChange, config: ConfigEvaluator | undefined): ResourceChange {
  if (!config || change.mode !== 'managed') return change;
  let references = refsCache.get(config);
  if (!references || references.size !== config.blocks.length) {
    references = new Map(config.blocks.map((b) => [b.address, b.references]));
    refsCache.set(config, references);
  }
  const refs = references;
  return { ...change, dependsOn: stateDependencies(change.address, change.dependsOn, (a) => refs.get(a)) };
}

const refsCache = new WeakMap<ConfigEvaluator, Map<string, readonly string[]>>();
