/**
 * Filling in, at apply time, the values a plan could not know: configuration that referred to
 * attributes of resources created earlier in the same apply is evaluated again with their real
 * values. Every value the plan knew is kept as planned (Terraform's rule: apply keeps every
 * known planned value); a value that now evaluates differently is an error, not a surprise.
 */
import { Diagnostic, error } from '../diagnostics';
import type { ResourceChange } from '../plan/model';
import type { ConfigPort, Scope } from '../plan/ports';
import { decide } from '../plan/decide';
import { resourceSchema } from '../provider/schemas';
import { containsUnknown, isObjectValue, isUnknown, ObjectValue, Value, valuesEqual } from '../values/value';
import { blockOf } from './graph';
import { linksFrom, routeNics } from '../plan/vpn-routing';
import { capabilitiesOf, isNetworkAddress } from '../plan/capabilities';

/** A block's instances evaluated over the state as it is now (see evaluation-cache.ts). */
export type BlockEvaluator = (blockAddress: string) => ReturnType<ConfigPort['evaluateBlock']>;

/**
 * Scope over the current state: count instances as lists, for_each as maps. With the
 * configuration, a block the state has no instance of and whose configuration expands to none
 * (`count = 0`, an empty `for_each`) reads as an empty list, as the planner saw it; without, it
 * reads as not known.
 */
export function stateScope(current: ReadonlyMap<string, ObjectValue>, config?: ConfigPort): Scope {
  const byBlock = new Map<string, [string | number | undefined, ObjectValue][]>();
  for (const [address, attrs] of current) {
    const m = /\[(\d+)\]$|\["((?:[^"\\]|\\.)*)"\]$/.exec(address);
    const index = m ? (m[1] !== undefined ? Number(m[1]) : JSON.parse(`"${m[2]}"`) as string) : undefined;
    const list = byBlock.get(blockOf(address)) ?? [];
    list.push([index, attrs]);
    byBlock.set(blockOf(address), list);
  }
  const empty = new Map<string, boolean>();
  const scope: Scope = (block) => {
    const items = byBlock.get(block);
    if (!items) {
      if (!config?.blocks.some((b) => b.address === block)) return undefined;
      if (!empty.has(block)) {
        empty.set(block, false); // a block never refers to itself; this only guards the recursion
        empty.set(block, config.evaluateBlock(block, scope).instances.length === 0);
      }
      return empty.get(block) ? [] : undefined;
    }
    if (items.every(([i]) => i === undefined)) return items[0][1];
    if (items.every(([i]) => typeof i === 'number')) return [...items].sort((a, b) => (a[0] as number) - (b[0] as number)).map(([, v]) => v);
    return Object.fromEntries(items.map(([i, v]) => [String(i), v]));
  };
  return scope;
}

/**
 * Replaces the Unknown leaves of `planned` that the configuration sets with their `fresh` value;
 * values only XAPI decides (a migrated VM's new host, a new disk's UUID) stay Unknown for the
 * resource to settle, as Terraform leaves them to the provider.
 */
export function fillUnknowns(planned: Value, fresh: Value, config: Value): Value {
  if (isUnknown(planned)) return config === null || config === undefined || isUnknown(config) ? planned : fresh;
  if (Array.isArray(planned) && Array.isArray(fresh)) return planned.map((v, i) => fillUnknowns(v, fresh[i] ?? null, Array.isArray(config) ? config[i] ?? null : null));
  if (isObjectValue(planned) && isObjectValue(fresh)) {
    const cfg = isObjectValue(config) ? config : {};
    return Object.fromEntries(Object.entries(planned).map(([k, v]) => [k, fillUnknowns(v, fresh[k] ?? null, cfg[k] ?? null)]));
  }
  return planned;
}

/**
 * The configuration of a data resource read during apply (`<=`): evaluated again now that the
 * values it waited for (a resource created earlier in this apply, another data source read
 * before it) are in the state.
 */
export function resolveDataConfig(
  change: ResourceChange,
  config: ConfigPort | undefined,
  current: ReadonlyMap<string, ObjectValue>,
  evaluate: BlockEvaluator = (block) => config!.evaluateBlock(block, stateScope(current, config)),
): { config: ObjectValue; diagnostics: Diagnostic[] } {
  const block = config?.blocks.find((b) => b.address === blockOf(change.address) && b.mode === 'data');
  const unknown = (detail: string) => error('apply.still-unknown', `${change.address}: configuration still refers to values that are not known`, { address: change.address, detail });
  if (!config || !block) return { config: change.after ?? {}, diagnostics: [unknown('The configuration of this data resource is not available to read it again. Run plan again and apply the new plan.')] };
  const { instances, diagnostics } = evaluate(block.address);
  const inst = instances.find((i) => i.address === change.address);
  if (!inst) return { config: change.after ?? {}, diagnostics: [...diagnostics, unknown('The configuration no longer has this instance. Run plan again and apply the new plan.')] };
  if (containsUnknown(inst.values)) return { config: inst.values, diagnostics: [...diagnostics, unknown('A resource it depends on did not produce the attribute. This is a bug in xcpform; please report it.')] };
  return { config: inst.values, diagnostics };
}

/**
 * The final planned state and configuration of a change, with references resolved. Without
 * unknown configuration the plan's values are used unchanged. `current` is read for the
 * networks and pool links a VM's NICs are routed over (and by the default `evaluate`): a
 * caller passing its own `evaluate` may pass only those instances.
 */
export function resolveChange(
  change: ResourceChange,
  config: ConfigPort | undefined,
  current: ReadonlyMap<string, ObjectValue>,
  defaultPool: string,
  evaluate: BlockEvaluator = (block) => config!.evaluateBlock(block, stateScope(current, config)),
): { planned: ObjectValue; config: ObjectValue; diagnostics: Diagnostic[] } {
  const after = change.after!;
  const schema = resourceSchema(change.type);
  const block = config?.blocks.find((b) => b.address === blockOf(change.address));
  if (!schema || !config || !block) return { planned: after, config: after, diagnostics: [] };
  const evaluated = evaluate(block.address);
  const inst = evaluated.instances.find((i) => i.address === change.address);
  // A copy: the evaluation may be shared with other steps (evaluation-cache.ts).
  const diagnostics = [...evaluated.diagnostics];
  if (!inst) return { planned: after, config: after, diagnostics };
  const cfg: ObjectValue = { ...inst.values };
  if ((cfg.pool ?? null) === null && typeof after.pool === 'string') cfg.pool = after.pool;
  if (capabilitiesOf(change.type).routesNics && typeof cfg.pool === 'string') {
    // The same cross-pool routing the plan made, now with the links' and networks' real values.
    const networkPools = new Map<string, string>();
    for (const [address, attrs] of current) {
      if (isNetworkAddress(address) && typeof attrs.uuid === 'string' && typeof attrs.pool === 'string') networkPools.set(attrs.uuid, attrs.pool);
    }
    const routed = routeNics(change.address, cfg.pool, cfg, linksFrom(current), (v) => (typeof v === 'string' ? networkPools.get(v) : undefined));
    diagnostics.push(...routed.diagnostics);
  }
  if (containsUnknown(cfg)) {
    return { planned: after, config: cfg, diagnostics: [...diagnostics, error('apply.still-unknown', `${change.address}: configuration still refers to values that are not known`, { address: change.address, detail: 'A resource it depends on did not produce the attribute. This is a bug in xcpform; please report it.' })] };
  }
  const prior = change.action === 'create' || change.action === 'replace' || change.action === 'replace-cbd' ? null : change.before;
  // The one decision, as the plan made it (its hook runs where a world is given: the plan's
  // records are not at hand here, so the values the hook refined are the plan's, kept below).
  const fresh = decide({ schema, address: change.address, prior, config: cfg, ignoreChanges: block.lifecycle.ignoreChanges }).planned;
  const planned = fillUnknowns(after, fresh, cfg) as ObjectValue;
  for (const [name, attr] of Object.entries(schema.block.attributes)) {
    // Only values the configuration sets are compared: the plan may know more than a plain
    // diff (a resource's plan hook, placement), and an unknown fresh value says nothing.
    if (!(attr.required || attr.optional) || (cfg[name] ?? null) === null || containsUnknown(after[name] ?? null) || containsUnknown(fresh[name] ?? null)) continue;
    if (!valuesEqual(after[name] ?? null, fresh[name] ?? null) && !(after[name] === null && fresh[name] === null)) {
      if (name === 'pool' || name === 'host') continue; // placement may have chosen them at plan time
      diagnostics.push(error('apply.inconsistent', `${change.address}: attribute "${name}" changed between plan and apply`, {
        address: change.address,
        path: [name],
        detail: 'The configuration now evaluates to a different value than the plan showed. Run plan again and review the new plan.',
      }));
    }
  }
  return { planned, config: cfg, diagnostics };
}
