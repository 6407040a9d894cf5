/**
 * Values as the engine sees them: JSON-like data plus `Unknown`, a value that is known only after
 * apply ("known after apply"). Configuration evaluation, planning, rendering and the tfplugin6
 * codec all share this model, so an unknown never has to be guessed from a magic string.
 */
import { BigNum } from './bignum';

export class Unknown {
  /** Refinements Terraform may send (not null, string prefix, number bounds, collection length). */
  constructor(readonly refinements: UnknownRefinements = {}) {}
  toJSON(): string {
    return '(known after apply)';
  }
}

export interface UnknownRefinements {
  readonly notNull?: boolean;
  readonly stringPrefix?: string;
  readonly numberLower?: number;
  readonly numberUpper?: number;
  readonly lengthLower?: number;
  readonly lengthUpper?: number;
}

/** The plain unknown (no refinements). */
export const UNKNOWN = new Unknown();

/**
 * A number is a JS number in the common case, or a {@link BigNum} when its value needs more
 * precision than a double has (see `values/bignum.ts`).
 */
export type Value = null | string | number | BigNum | boolean | Unknown | Value[] | { [key: string]: Value };
export type ObjectValue = { [key: string]: Value };

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function isObjectValue(value: unknown): value is ObjectValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Unknown) && !(value instanceof BigNum);
}

/** A number of either representation. */
export function isNumber(value: unknown): value is number | BigNum {
  return typeof value === 'number' || value instanceof BigNum;
}

function sameBigNum(a: Value, b: Value): boolean {
  return a instanceof BigNum && b instanceof BigNum && a.neg === b.neg && a.mant === b.mant && a.exp === b.exp;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(value: Value): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObjectValue(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** Deep equality of values; two unknowns are never known to be equal, so they compare unequal. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  if (a === b || sameBigNum(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  }
  if (isObjectValue(a) && isObjectValue(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== null);
    const kb = Object.keys(b).filter((k) => b[k] !== null);
    return ka.length === kb.length && ka.every((k) => k in b && valuesEqual(a[k], b[k]));
  }
  return false;
}

/** Set equality for cty sets (order is not significant). */
export function setsEqual(a: readonly Value[], b: readonly Value[]): boolean {
  if (a.length !== b.length) return false;
  const used = new Array<boolean>(b.length).fill(false);
  return a.every((x) => {
    const i = b.findIndex((y, j) => !used[j] && valuesEqual(x, y));
    if (i < 0) return false;
    used[i] = true;
    return true;
  });
}

/**
 * Structural sameness for plan bookkeeping (has a hook changed anything?): like
 * `valuesEqual`, but two unknowns count as the same, since both say "not known yet".
 */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b || sameBigNum(a, b)) return true;
  if (isUnknown(a) || isUnknown(b)) return isUnknown(a) && isUnknown(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isObjectValue(a) && isObjectValue(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return false;
}
