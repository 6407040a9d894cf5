/**
 * Conversions and comparisons on values, with HCL's rules: numbers and bools convert to
 * strings, numeric strings to numbers, "true"/"false" to bools; object keys iterate in
 * lexical order (cty's order, not JavaScript's, which puts integer-like keys first).
 */
import { BigNum, isInteger, Num, numberText, parseDecimal, normalize, compare as compareNum, toDouble } from '../../values/bignum';
import { nfc } from '../../values/strings';
import { isNumber, isObjectValue, isUnknown, ObjectValue, Unknown, Value } from '../../values/value';

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
  if (v instanceof BigNum) return 'number';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** Numbers as Terraform prints them: every digit, no exponent (`Text('f', -1)`). */
export function formatNumber(n: Num): string {
  return numberText(n);
}

/** cty's string-to-number rule: a decimal (sign, point, exponent allowed) or Inf, nothing else. */
export function parseNumberString(s: string): Num | undefined {
  if (s === 'Inf' || s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return parseNumberText(s);
}

/** A number literal or numeric string at full precision (a JS number when one is exact). */
export function parseNumberText(s: string): Num {
  const n = Number(s);
  if (Number.isSafeInteger(n) && /^[+-]?\d+$/.test(s)) return n;
  return normalize(parseDecimal(s));
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
  if (isNumber(v)) return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) throw new EvalError('Invalid value', `The ${what} is null; a string is required.`);
  throw new EvalError('Invalid value', `The ${what} is a ${typeName(v)}; a string is required.`);
}

export function toNum(v: Value, what = 'value'): Num {
  if (isNumber(v)) return v;
  if (typeof v === 'string') {
    const n = parseNumberString(v);
    if (n !== undefined) return n;
    throw new EvalError('Invalid value', `The ${what} is ${JSON.stringify(v)}: cannot convert ${JSON.stringify(v)} to number; given string must be a decimal representation of a number.`);
  }
  if (v === null) throw new EvalError('Invalid value', `The ${what} is null; a number is required.`);
  throw new EvalError('Invalid value', `The ${what} is ${describe(v)}; a number is required.`);
}

export function toBool(v: Value, what = 'value'): boolean {
  if (typeof v === 'boolean') return v;
  // cty also accepts "1" and "0", although its own message names only "true" and "false".
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  if (v === null) throw new EvalError('Invalid value', `The ${what} is null; a bool is required.`);
  throw new EvalError('Invalid value', `The ${what} is ${describe(v)}; a bool is required.`);
}

export function toInt(v: Value, what = 'value'): number {
  const n = toNum(v, what);
  const d = toDouble(n);
  if (!isInteger(n) || !Number.isSafeInteger(d)) throw new EvalError('Invalid value', `The ${what} must be a whole number, between -9223372036854775808 and 9223372036854775807 (not ${formatNumber(n)}).`);
  return d;
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
  if (isNumber(a) && isNumber(b)) return compareNum(a, b) === 0;
  if (typeof a === 'string' && typeof b === 'string') return a === b || nfc(a) === nfc(b);
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

/**
 * Sorts set elements the way cty orders sets: strings bytewise, numbers numerically, false
 * before true, then unknowns, then nulls; other element types keep their order.
 */
export function sortSet(list: Value[]): Value[] {
  const rank = (v: Value) => (v === null ? 2 : isUnknown(v) ? 1 : 0);
  const known = list.filter((v) => rank(v) === 0);
  const rest = list.filter((v) => rank(v) !== 0).sort((a, b) => rank(a) - rank(b));
  if (known.every((v) => typeof v === 'string')) known.sort((a, b) => byBytes(a as string, b as string));
  else if (known.every(isNumber)) known.sort((a, b) => compareNum(a as Num, b as Num));
  else if (known.every((v) => typeof v === 'boolean')) known.sort((a, b) => Number(a) - Number(b));
  return [...known, ...rest];
}

/** Bytewise (UTF-8) order of two strings. */
export function byBytes(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
