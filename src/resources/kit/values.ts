/**
 * Typed reads of attribute values. Planned values may hold `Unknown` (known after apply); every
 * getter here treats an unknown like an unset value, so apply code never mistakes one for data.
 */
import { isObjectValue, isUnknown, ObjectValue, Value } from '../../values/value';

/** A string attribute, or undefined when null, unknown or not a string. */
export function str(v: Value | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A number attribute, or undefined. */
export function num(v: Value | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** A bool attribute, or undefined. */
export function bool(v: Value | undefined): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** A list or set of strings (unknown elements dropped), or undefined when not a known list. */
export function strList(v: Value | undefined): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string');
}

/** A map of strings, or undefined when not a known map. */
export function strMap(v: Value | undefined): Record<string, string> | undefined {
  if (!isObjectValue(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** A list of nested block objects (a `list` block), unknown items dropped. */
export function blockList(v: Value | undefined): ObjectValue[] {
  return Array.isArray(v) ? v.filter((x): x is ObjectValue => isObjectValue(x)) : [];
}

/** True when the value is set and known (not null, not unknown). */
export function known(v: Value | undefined): boolean {
  return v !== undefined && v !== null && !isUnknown(v);
}

/** Sorted copy, for deterministic lists in state. */
export function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

/** Two string maps hold the same entries. */
export function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

/** Two string sets hold the same members. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** The pool an object lives in: its `pool` attribute, else the default (first) pool. */
export function poolOf(attrs: ObjectValue, pools: readonly string[]): string {
  return str(attrs.pool) ?? pools[0];
}

/** `a` changed to `b` for the purpose of an update: both known and different. */
export function changed(prior: Value | undefined, planned: Value | undefined): boolean {
  if (!known(planned)) return false;
  return JSON.stringify(normalise(prior ?? null)) !== JSON.stringify(normalise(planned ?? null));
}

function normalise(v: Value): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (isObjectValue(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, normalise(v[k])]));
  return v;
}
