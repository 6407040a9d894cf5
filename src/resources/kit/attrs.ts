/**
 * Small typed readers of an attribute of a state object (`ObjectValue`) and of nested blocks
 * (`values.ts` reads one value). A value that is unknown or of the wrong type reads as
 * `undefined`, so callers decide what "unset" means.
 */
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../values/value';

/** A string attribute, or undefined when null, unknown or not a string. */
export function str(o: ObjectValue | null | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** A number attribute, or undefined. */
export function num(o: ObjectValue | null | undefined, key: string): number | undefined {
  const v = o?.[key];
  return typeof v === 'number' ? v : undefined;
}

/** A bool attribute, or undefined. */
export function bool(o: ObjectValue | null | undefined, key: string): boolean | undefined {
  const v = o?.[key];
  return typeof v === 'boolean' ? v : undefined;
}

/** A list (or set) of strings; unknown elements are dropped. */
export function strings(o: ObjectValue | null | undefined, key: string): string[] {
  const v = o?.[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A map of strings; {} when unset. */
export function strMap(o: ObjectValue | null | undefined, key: string): Record<string, string> {
  const v = o?.[key];
  if (!isObjectValue(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** The objects of a nested list block (or the single object of a single block, as a list). */
export function blocks(o: ObjectValue | null | undefined, key: string): ObjectValue[] {
  const v = o?.[key];
  if (Array.isArray(v)) return v.filter(isObjectValue);
  return isObjectValue(v) ? [v] : [];
}

/** A single nested block, or null. */
export function block(o: ObjectValue | null | undefined, key: string): ObjectValue | null {
  const v = o?.[key];
  return isObjectValue(v) ? v : null;
}

/** True when the attribute is present and unknown (known after apply). */
export function unknownAt(o: ObjectValue | null | undefined, key: string): boolean {
  return isUnknown(o?.[key] as Value);
}

/** Numeric order of XAPI device positions ("0" < "2" < "10"), text order as a tie-break. */
export function byPosition(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted copy of a string list (sets are stored sorted so states compare stably). */
export function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

/**
 * A set's members in the order of the prior value (the configuration's order), new members
 * sorted after them: sets are unordered, but a stable order keeps state equal to the plan.
 */
export function orderedSet(values: Iterable<string>, prior: readonly string[]): string[] {
  const set = new Set(values);
  const kept = prior.filter((v, i) => set.has(v) && prior.indexOf(v) === i);
  return [...kept, ...[...set].filter((v) => !kept.includes(v)).sort()];
}

/** Copy of a string map with sorted keys. */
export function sortedMap(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
