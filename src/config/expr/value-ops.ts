/**
 * Conversions and comparisons on values, with HCL's rules: numbers and bools convert to
 * strings, numeric strings to numbers, "true"/"false" to bools; object keys iterate in
 * lexical order (cty's order, not JavaScript's, which puts integer-like keys first).
 */
import { isObjectValue, isUnknown, ObjectValue, Unknown, Value } from '../../values/value';

/** A user-facing error raised inside evaluation; the evaluator turns it into a diagnostic. */
export class EvalError extends Error {
  constructor(readonly summary: string, readonly detail?: string) {
    super(detail ? `${summary}: ${detail}` : summary);
  }
}

/** HCL's name for the kind of a value, for messages. */
export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (isUnknown(v)) return 'unknown value';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** Numbers as Terraform prints them: no exponent, no trailing zeros. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n);
  const s = String(n);
  if (!s.includes('e')) return s;
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

export function sortedKeys(obj: ObjectValue): string[] {
  return Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function isList(v: Value): v is Value[] {
  return Array.isArray(v);
}

/** Converts to string or raises; unknown must be handled by the caller. */
export function toStr(v: Value, what = 'value'): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) throw new EvalError('Invalid value', `The ${what} is null; a string is required.`);
  throw new EvalError('Invalid value', `The ${what} is a ${typeName(v)}; a string is required.`);
}

export function toNum(v: Value, what = 'value'): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  if (v === null) throw new EvalError('Invalid value', `The ${what} is null; a number is required.`);
  throw new EvalError('Invalid value', `The ${what} is ${describe(v)}; a number is required.`);
}

export function toBool(v: Value, what = 'value'): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === null) throw new EvalError('Invalid value', `The ${what} is null; a bool is required.`);
  throw new EvalError('Invalid value', `The ${what} is ${describe(v)}; a bool is required.`);
}

export function toInt(v: Value, what = 'value'): number {
  const n = toNum(v, what);
  if (!Number.isInteger(n)) throw new EvalError('Invalid value', `The ${what} must be a whole number, not ${formatNumber(n)}.`);
  return n;
}

/** A list, or raises. Sets and tuples are lists here. */
export function toList(v: Value, what = 'value'): Value[] {
  if (Array.isArray(v)) return v;
  throw new EvalError('Invalid value', `The ${what} is ${describe(v)}; a list is required.`);
}

export function toObject(v: Value, what = 'value'): ObjectValue {
  if (isObjectValue(v)) return v;
  throw new EvalError('Invalid value', `The ${what} is ${describe(v)}; a map or object is required.`);
}

/** "a string", "a list", "null" for messages. */
export function describe(v: Value): string {
  const n = typeName(v);
  return n === 'null' ? 'null' : n === 'unknown value' ? 'an unknown value' : /^[aeiou]/.test(n) ? `an ${n}` : `a ${n}`;
}

/**
 * Equality as `==`: values of different kinds are unequal, even "1" and 1. Returns an unknown
 * when the answer depends on an unknown.
 */
export function equals(a: Value, b: Value): boolean | Unknown {
  if (isUnknown(a) || isUnknown(b)) return new Unknown({ notNull: true });
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    let unknown = false;
    for (let i = 0; i < a.length; i++) {
      const r = equals(a[i], b[i]);
      if (r === false) return false;
      if (r !== true) unknown = true;
    }
    return unknown ? new Unknown({ notNull: true }) : true;
  }
  if (isObjectValue(a) || isObjectValue(b)) {
    if (!isObjectValue(a) || !isObjectValue(b)) return false;
    const ka = sortedKeys(a);
    const kb = sortedKeys(b);
    if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
    let unknown = false;
    for (const k of ka) {
      const r = equals(a[k], b[k]);
      if (r === false) return false;
      if (r !== true) unknown = true;
    }
    return unknown ? new Unknown({ notNull: true }) : true;
  }
  return a === b;
}

/** Deep equality of known values for set membership (unknowns never equal). */
export function sameValue(a: Value, b: Value): boolean {
  return equals(a, b) === true;
}

/** Removes duplicates, keeping first occurrences (cty sets). */
export function distinctValues(list: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const v of list) if (!out.some((x) => sameValue(x, v))) out.push(v);
  return out;
}

/** Sorts set elements the way cty orders sets of strings and numbers (others keep order). */
export function sortSet(list: Value[]): Value[] {
  if (list.every((v) => typeof v === 'string')) return [...list].sort((a, b) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0));
  if (list.every((v) => typeof v === 'number')) return [...list].sort((a, b) => (a as number) - (b as number));
  return list;
}
