/** Type conversion functions: tostring, tonumber, tobool, tolist, toset, tomap. */
import { isObjectValue, isUnknown, ObjectValue, UNKNOWN, Value } from '../../../values/value';
import { describe, distinctValues, EvalError, sortSet, toBool, toNum, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';

function convertError(name: string, v: Value, to: string): EvalError {
  return new EvalError('Invalid function argument', `Invalid value for "v" parameter: cannot convert ${describe(v)} to ${to} (in ${name}).`);
}

/** Converts a mixed list of primitives to a common type the way cty unifies: to string. */
function unifyPrimitives(items: Value[]): Value[] {
  const kinds = new Set(items.filter((x) => x !== null && !isUnknown(x)).map((x) => (Array.isArray(x) ? 'list' : typeof x)));
  if (kinds.size <= 1 || [...kinds].some((k) => k === 'object' || k === 'list')) return items;
  return items.map((x) => (x === null || isUnknown(x) ? x : toStr(x)));
}

export const conversionFunctions: FunctionTable = {
  tostring: fn(1, 1, ([v]) => {
    if (v === null) return null;
    if (typeof v === 'object') throw convertError('tostring', v, 'string');
    return toStr(v);
  }),
  tonumber: fn(1, 1, ([v]) => (v === null ? null : toNum(v, 'argument'))),
  tobool: fn(1, 1, ([v]) => (v === null ? null : toBool(v, 'argument'))),
  tolist: fn(1, 1, ([v]) => {
    if (isUnknown(v)) return UNKNOWN;
    if (v === null) return null;
    if (!Array.isArray(v)) throw convertError('tolist', v, 'list');
    return unifyPrimitives(v);
  }, true),
  toset: fn(1, 1, ([v]) => {
    if (v === null) return null;
    if (!Array.isArray(v)) throw convertError('toset', v, 'set');
    return sortSet(distinctValues(unifyPrimitives(v)));
  }),
  tomap: fn(1, 1, ([v]) => {
    if (isUnknown(v)) return UNKNOWN;
    if (v === null) return null;
    if (!isObjectValue(v)) throw convertError('tomap', v, 'map');
    const keys = Object.keys(v);
    const unified = unifyPrimitives(keys.map((k) => v[k]));
    const out: ObjectValue = {};
    keys.forEach((k, i) => { out[k] = unified[i]; });
    return out;
  }, true),
};
