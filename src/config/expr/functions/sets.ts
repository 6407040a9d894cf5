/**
 * Set functions (setunion, setintersection, setsubtract, setproduct) and the other collection
 * functions that build new collections: transpose, matchkeys. Set results are de-duplicated and
 * in cty's set order; elements of different types are unified first (`setunion([1], ["a"])`
 * is a set of strings).
 */
import { ObjectValue, Value } from '../../../values/value';
import { asList } from '../unify';
import { distinctValues, EvalError, sameValue, sortedKeys, sortSet, toList, toObject, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';

/** The arguments' elements unified to one type, then split back per argument. */
function unifiedSets(args: Value[], name: string): Value[][] {
  const lists = args.map((a, i) => toList(a, i === 0 ? 'first_set' : 'other_sets'));
  const all = asList(lists.flat(), name);
  let at = 0;
  return lists.map((l) => { const out = all.slice(at, at + l.length); at += l.length; return out; });
}

function asSet(items: Value[]): Value[] {
  return sortSet(distinctValues(items));
}

export const setFunctions: FunctionTable = {
  setunion: fn(1, Infinity, (args) => asSet(unifiedSets(args, 'sets').flat())),
  setintersection: fn(1, Infinity, (args) => {
    const [first, ...others] = unifiedSets(args, 'sets');
    return asSet(first.filter((x) => others.every((o) => o.some((y) => sameValue(x, y)))));
  }),
  setsubtract: fn(2, 2, (args) => {
    const [a, b] = unifiedSets(args, 'a');
    return asSet(a.filter((x) => !b.some((y) => sameValue(x, y))));
  }),
  setproduct: fn(1, Infinity, (args) => {
    if (args.length < 2) throw new EvalError('Error in function call', 'Call to function "setproduct" failed: at least two arguments are required.');
    const lists = args.map((a) => toList(a, 'sets'));
    let out: Value[][] = [[]];
    for (const l of lists) out = out.flatMap((prefix) => l.map((x) => [...prefix, x]));
    return lists.some((l) => l.length === 0) ? [] : out;
  }),
  transpose: fn(1, 1, ([m]) => {
    const obj = toObject(m, 'values');
    const out: Record<string, Value[]> = {};
    for (const k of sortedKeys(obj)) {
      for (const v of toList(obj[k], 'values')) {
        if (v === null) throw new EvalError('Invalid function argument', 'Invalid value for "values" parameter: lists must not contain null values.');
        (out[toStr(v)] ??= []).push(k);
      }
    }
    return out as ObjectValue;
  }),
  matchkeys: fn(3, 3, ([v, k, s]) => {
    const values = toList(v, 'values');
    const keys = toList(k, 'keys');
    const search = toList(s, 'searchset');
    if (values.length !== keys.length) throw new EvalError('Error in function call', 'Call to function "matchkeys" failed: length of keys and values should be equal.');
    const [ks, ss] = [asList(keys, 'keys'), asList(search, 'searchset')];
    return values.filter((_, i) => ss.some((x) => sameValue(x, ks[i])));
  }),
};

