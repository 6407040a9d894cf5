/** Collection functions: length, lookup, element, concat, merge, keys, values, contains, ... */
import { isObjectValue, isUnknown, ObjectValue, UNKNOWN, Value } from '../../../values/value';
import { asList, NoCommonType, unify } from '../unify';
import { describe, distinctValues, EvalError, sameValue, sortedKeys, toInt, toList, toObject, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';

/** Number of user-perceived characters, as Terraform counts them. */
export function graphemes(s: string): string[] {
  return Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s), (x) => x.segment);
}

function notNull(v: Value, what: string): void {
  if (v === null) throw new EvalError('Invalid function argument', `Invalid value for "${what}" parameter: argument must not be null.`);
}

export const collectionFunctions: FunctionTable = {
  length: fn(1, 1, ([v]) => {
    if (isUnknown(v)) return UNKNOWN;
    notNull(v, 'value');
    if (typeof v === 'string') return graphemes(v).length;
    if (Array.isArray(v)) return v.length;
    if (isObjectValue(v)) return Object.keys(v).length;
    throw new EvalError('Invalid function argument', `Invalid value for "value" parameter: collection must be a list, a map or a tuple, not ${describe(v)}.`);
  }, true),
  lookup: fn(2, 3, ([m, k, d]) => {
    if (isUnknown(m) || isUnknown(k)) return UNKNOWN;
    const obj = toObject(m, 'inputMap');
    const key = toStr(k, 'key');
    if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
    if (d !== undefined) return d;
    throw new EvalError('Error in function call', `Call to function "lookup" failed: lookup failed to find key ${JSON.stringify(key)}.`);
  }, true),
  element: fn(2, 2, ([l, i]) => {
    if (isUnknown(l) || isUnknown(i)) return UNKNOWN;
    const list = toList(l, 'list');
    const n = toInt(i, 'index');
    if (list.length === 0) throw new EvalError('Error in function call', 'Call to function "element" failed: cannot use element function with an empty list.');
    // Negative indexes wrap from the end (as they do for lists in Terraform).
    return list[((n % list.length) + list.length) % list.length];
  }, true),
  concat: fn(1, Infinity, (args) => {
    if (args.some(isUnknown)) return UNKNOWN;
    return args.flatMap((a, i) => toList(a, `argument ${i + 1}`));
  }, true),
  merge: fn(0, Infinity, (args) => {
    if (args.some(isUnknown)) return UNKNOWN;
    const out: ObjectValue = {};
    args.forEach((a, i) => {
      if (a === null) return;
      Object.assign(out, toObject(a, `argument ${i + 1}`));
    });
    return out;
  }, true),
  keys: fn(1, 1, ([m]) => {
    if (isUnknown(m)) return UNKNOWN;
    return sortedKeys(toObject(m, 'inputMap'));
  }, true),
  values: fn(1, 1, ([m]) => {
    if (isUnknown(m)) return UNKNOWN;
    const obj = toObject(m, 'mapping');
    return sortedKeys(obj).map((k) => obj[k]);
  }, true),
  contains: fn(2, 2, ([l, v]) => toList(l, 'list').some((x) => sameValue(x, v))),
  coalesce: fn(1, Infinity, (args) => {
    let unified: Value[];
    try {
      unified = unify(args);
    } catch (err) {
      if (err instanceof NoCommonType) throw new EvalError('Invalid function argument', 'Invalid value for "vals" parameter: all arguments must have the same type.');
      throw err;
    }
    for (const a of unified) {
      if (isUnknown(a)) return UNKNOWN;
      if (a !== null && a !== '') return a;
    }
    throw new EvalError('Error in function call', 'Call to function "coalesce" failed: no non-null, non-empty-string arguments.');
  }, true),
  coalescelist: fn(1, Infinity, (args) => {
    for (const a of args) {
      if (isUnknown(a)) return UNKNOWN;
      if (toList(a).length > 0) return a;
    }
    throw new EvalError('Error in function call', 'Call to function "coalescelist" failed: no non-null arguments.');
  }, true),
  compact: fn(1, 1, ([l]) => toList(l, 'list').filter((x) => x !== null && x !== '').map((x) => toStr(x))),
  flatten: fn(1, 1, ([l]) => {
    if (isUnknown(l)) return UNKNOWN;
    const out: Value[] = [];
    const walk = (xs: Value[]): boolean => {
      for (const x of xs) {
        if (isUnknown(x)) return false;
        if (Array.isArray(x)) { if (!walk(x)) return false; } else out.push(x);
      }
      return true;
    };
    return walk(toList(l, 'list')) ? out : UNKNOWN;
  }, true),
  distinct: fn(1, 1, ([l]) => distinctValues(asList(toList(l, 'list'), 'list'))),
  zipmap: fn(2, 2, ([k, v]) => {
    if (isUnknown(k) || isUnknown(v) || (Array.isArray(k) && k.some(isUnknown))) return UNKNOWN;
    const ks = toList(k, 'keys');
    const vs = toList(v, 'values');
    if (ks.length !== vs.length) throw new EvalError('Error in function call', `Call to function "zipmap" failed: number of keys (${ks.length}) does not match number of values (${vs.length}).`);
    const out: ObjectValue = {};
    ks.forEach((key, i) => { out[toStr(key, 'key')] = vs[i]; });
    return out;
  }, true),
  sort: fn(1, 1, ([l]) => toList(l, 'list').map((x) => { notNull(x, 'list'); return toStr(x, 'list element'); }).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))),
  reverse: fn(1, 1, ([l]) => (isUnknown(l) ? UNKNOWN : [...toList(l, 'list')].reverse()), true),
  slice: fn(3, 3, ([l, s, e]) => {
    if (isUnknown(l) || isUnknown(s) || isUnknown(e)) return UNKNOWN;
    const list = toList(l, 'list');
    const from = toInt(s, 'start_index');
    const to = toInt(e, 'end_index');
    if (from < 0 || to > list.length || from > to) {
      throw new EvalError('Invalid function argument', `Invalid slice indices ${from} and ${to} for a list of ${list.length} element${list.length === 1 ? '' : 's'}: the start must be at least 0 and at most the end, and the end at most the length.`);
    }
    return list.slice(from, to);
  }, true),
  one: fn(1, 1, ([l]) => {
    if (isUnknown(l)) return UNKNOWN;
    notNull(l, 'list');
    const list = toList(l, 'list');
    if (list.length > 1) throw new EvalError('Invalid function argument', `Invalid value for "list" parameter: must be a list, set, or tuple value with either zero or one elements (this one has ${list.length}).`);
    return list.length === 0 ? null : list[0];
  }, true),
  index: fn(2, 2, ([l, v]) => {
    const i = toList(l, 'list').findIndex((x) => sameValue(x, v));
    if (i < 0) throw new EvalError('Error in function call', 'Call to function "index" failed: item not found.');
    return i;
  }),
  alltrue: fn(1, 1, ([l]) => toList(l, 'list').every((x) => x === true || x === 'true')),
  anytrue: fn(1, 1, ([l]) => toList(l, 'list').some((x) => x === true || x === 'true')),
  chunklist: fn(2, 2, ([l, n]) => {
    const list = toList(l, 'list');
    const size = toInt(n, 'size');
    if (size < 0) throw new EvalError('Invalid function argument', 'the size argument must be positive.');
    if (size === 0) return [list];
    const out: Value[] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
  }),
};

