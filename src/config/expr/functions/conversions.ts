/** Type conversion functions: tostring, tonumber, tobool, tolist, toset, tomap. */
import { isNumber, isObjectValue, isUnknown, ObjectValue, UNKNOWN, Value } from '../../../values/value';
import { NoCommonType, unify } from '../unify';
import { describe, distinctValues, EvalError, sortSet, toBool, toNum, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';

function convertError(name: string, v: Value, to: string): EvalError {
  return new EvalError('Invalid function argument', `Invalid value for "v" parameter: cannot convert ${describe(v)} to ${to} (in ${name}).`);
}

/** Elements converted to one type, or cty's error for a collection of mixed types. */
function unifyPrimitives(items: Value[], to = 'list'): Value[] {
  try {
    return unify(items);
  } catch (err) {
    if (err instanceof NoCommonType) throw new EvalError('Invalid function argument', `Invalid value for "v" parameter: cannot convert ${to === 'map' ? 'object' : 'tuple'} to ${to} of any single type.`);
    throw err;
  }
}

export const conversionFunctions: FunctionTable = {
  tostring: fn(1, 1, ([v]) => {
    if (v === null) return null;
    if (typeof v === 'object' && !isNumber(v)) throw convertError('tostring', v, 'string');
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
    return sortSet(distinctValues(unifyPrimitives(v, 'set')));
  }),
  tomap: fn(1, 1, ([v]) => {
    if (isUnknown(v)) return UNKNOWN;
    if (v === null) return null;
    if (!isObjectValue(v)) throw convertError('tomap', v, 'map');
    const keys = Object.keys(v);
    const unified = unifyPrimitives(keys.map((k) => v[k]), 'map');
    const out: ObjectValue = {};
    keys.forEach((k, i) => { out[k] = unified[i]; });
    return out;
  }, true),
};
