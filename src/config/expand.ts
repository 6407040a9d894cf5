/**
 * `count` and `for_each` expansion: which instances a block has and their addresses, written
 * exactly as Terraform writes them (`xcp_vm.web[0]`, `xcp_vm.web["a"]`).
 */
import { Diagnostic, error } from '../diagnostics';
import { containsSensitive, deepUnmark, MarkedValue, unwrapTop, isMarkedObject } from '../values/sensitive';
import { isUnknown, Value } from '../values/value';
import { Bindings, evaluate, ExprScope } from './expr/evaluate';
import { describe } from './expr/value-ops';
import { ResourceBlock } from './model';

/** One instance: no key (neither count nor for_each), a count index, or a for_each key and value. */
export type InstanceKey =
  | { readonly kind: 'single' }
  | { readonly kind: 'count'; readonly index: number }
  | { readonly kind: 'each'; readonly key: string; readonly value: MarkedValue };

/** `xcp_vm.web`, `xcp_vm.web[0]`, `xcp_vm.web["a"]`. */
export function instanceAddress(blockAddress: string, key: InstanceKey): string {
  if (key.kind === 'single') return blockAddress;
  return key.kind === 'count' ? `${blockAddress}[${key.index}]` : `${blockAddress}[${JSON.stringify(key.key)}]`;
}

/** The index the planner records: the count index, the for_each key, or undefined. */
export function instanceIndex(key: InstanceKey): number | string | undefined {
  return key.kind === 'count' ? key.index : key.kind === 'each' ? key.key : undefined;
}

/** Terraform's advice for a for_each known only after apply. */
const TARGET = 'Alternatively, you could use the -target planning option to first apply only the resources that the for_each value depends on, and then apply a second time to fully converge.';

const UNKNOWN_SET = `The "for_each" set includes values derived from resource attributes that cannot be determined until apply, and so xcpform cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it's better to use a map value where the keys are defined statically in your configuration and where only the values contain apply-time results.\n\n${TARGET}`;

/** Expands a block; on error returns no instances and the diagnostics. */
export function expandBlock(block: Pick<ResourceBlock, 'address' | 'count' | 'forEach'>, scope: ExprScope): { keys: InstanceKey[]; diagnostics: Diagnostic[] } {
  const at = (what: 'count' | 'for_each') => ({ address: block.address, path: [what], source: (what === 'count' ? block.count : block.forEach)!.source });
  if (block.count && block.forEach) return { keys: [], diagnostics: [] }; // reported by the loader
  if (block.count) {
    const fail = (summary: string, detail: string) => ({ keys: [], diagnostics: [error('config.invalid-count', `${block.address}: ${summary}`, { detail, ...at('count') })] });
    const r = evaluate(block.count.expr, scope);
    if (r.error) return fail(r.error.summary, `${r.error.detail ?? ''}${r.error.text ? ` (in ${r.error.text})` : ''}`);
    if (containsSensitive(r.value)) return fail('Invalid count argument', 'Sensitive values, or values derived from sensitive values, cannot be used as count arguments.');
    const v = deepUnmark(r.value);
    if (isUnknown(v)) {
      return fail('Invalid count argument', 'The "count" value depends on resource attributes that cannot be determined until apply, so xcpform cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the count depends on.');
    }
    if (v === null) return fail('Invalid count argument', 'The given "count" argument value is null. An integer is required.');
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) return fail('Invalid count argument', `The given "count" argument value is unsuitable: a whole number is required, not ${describe(v)}.`);
    if (n < 0) return fail('Invalid count argument', 'The given "count" argument value is unsuitable: must be greater than or equal to zero.');
    return { keys: Array.from({ length: n }, (_, index) => ({ kind: 'count', index })), diagnostics: [] };
  }
  if (block.forEach) {
    const fail = (summary: string, detail: string) => ({ keys: [], diagnostics: [error('config.invalid-for-each', `${block.address}: ${summary}`, { detail, ...at('for_each') })] });
    const r = evaluate(block.forEach.expr, scope);
    if (r.error) return fail(r.error.summary, `${r.error.detail ?? ''}${r.error.text ? ` (in ${r.error.text})` : ''}`);
    const { value: top, marked } = unwrapTop(r.value);
    if (marked) return fail('Invalid for_each argument', 'Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.');
    // A wholly unknown set (`toset([...])` of unknown items) is told apart as Terraform, which knows its type, does.
    if (isUnknown(top) && block.forEach.expr.kind === 'call' && block.forEach.expr.name === 'toset') return fail('Invalid for_each argument', UNKNOWN_SET);
    if (isUnknown(top)) {
      return fail('Invalid for_each argument', `The "for_each" map includes keys derived from resource attributes that cannot be determined until apply, and so xcpform cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it's better to define the map keys statically in your configuration and place apply-time results only in the map values.\n\n${TARGET}`);
    }
    if (top === null) return fail('Invalid for_each argument', 'The given "for_each" argument value is null. A map, or set of strings, is allowed.');
    if (isMarkedObject(top)) {
      const keys = Object.keys(top).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return { keys: keys.map((key) => ({ kind: 'each', key, value: top[key] })), diagnostics: [] };
    }
    if (Array.isArray(top)) {
      const items = top.map((x) => deepUnmark(x));
      if (items.some(isUnknown)) return fail('Invalid for_each argument', UNKNOWN_SET);
      if (items.some((x) => typeof x !== 'string')) {
        return fail('Invalid for_each argument', `The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and this list holds ${describe(items.find((x) => typeof x !== 'string') as Value)}.`);
      }
      const keys = [...new Set(items as string[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return { keys: keys.map((key) => ({ kind: 'each', key, value: key })), diagnostics: [] };
    }
    return fail('Invalid for_each argument', `The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and you have provided ${describe(top as Value)}.`);
  }
  return { keys: [{ kind: 'single' }], diagnostics: [] };
}

/**
 * The value a reference to a whole block reads, from its instances' values: the object itself
 * without count/for_each, a list by index with count, a map by key with for_each.
 */
export function expansionValue(block: Pick<ResourceBlock, 'count' | 'forEach'>, instances: readonly { readonly index?: number | string; readonly value: MarkedValue }[]): MarkedValue {
  if (block.count) return [...instances].sort((a, b) => Number(a.index) - Number(b.index)).map((i) => i.value);
  if (block.forEach) return Object.fromEntries(instances.map((i) => [String(i.index), i.value]));
  return instances[0]?.value ?? null;
}

/** The names an instance binds: `count.index`, or `each.key` and `each.value`. */
export function bindingsFor(key: InstanceKey): Bindings {
  if (key.kind === 'count') return new Map([['count', { index: key.index }]]);
  if (key.kind === 'each') return new Map([['each', { key: key.key, value: key.value }]]);
  return new Map();
}
