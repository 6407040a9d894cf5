/**
 * Type unification on untyped values, as cty does it for conditionals, `coalesce`, `tolist`,
 * `toset`, `tomap` and the set functions: the values' types are inferred from their shape (a
 * JavaScript array is a tuple, an object an object, `null` fits anything) and converted to one
 * common type. Strings absorb numbers and bools; tuples of one length stay tuples, of different
 * lengths become lists; objects with the same attributes stay objects, others become maps.
 * Anything else (number with bool, a sequence with a mapping) has no common type.
 */
import { isObjectValue, isUnknown, ObjectValue, Value } from '../../values/value';
import { EvalError, toStr } from './value-ops';

type Kind = 'null' | 'unknown' | 'string' | 'number' | 'bool' | 'seq' | 'map';

function kindOf(v: Value): Kind {
  if (v === null) return 'null';
  if (isUnknown(v)) return 'unknown';
  if (Array.isArray(v)) return 'seq';
  if (isObjectValue(v)) return 'map';
  return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'number';
}

/** Thrown when values have no common type; callers reword it for their context. */
export class NoCommonType extends EvalError {
  constructor(detail: string) {
    super('Inconsistent types', detail);
  }
}

/** Converts every value to one common type, or throws {@link NoCommonType}. */
export function unify(values: readonly Value[]): Value[] {
  const kinds = new Set(values.map(kindOf).filter((k) => k !== 'null' && k !== 'unknown'));
  if (kinds.size === 0) return [...values];
  if (kinds.has('seq') || kinds.has('map')) {
    if (kinds.size > 1) throw new NoCommonType(`a ${kinds.has('seq') ? 'sequence' : 'mapping'} cannot be mixed with ${[...kinds].filter((k) => k !== 'seq').join(' and ')}`);
    return kinds.has('seq') ? unifySequences(values) : unifyMappings(values);
  }
  if (kinds.size === 1) return [...values];
  if (kinds.has('string')) return values.map((v) => (v === null || isUnknown(v) ? v : toStr(v)));
  throw new NoCommonType('a number cannot be mixed with a bool');
}

function unifySequences(values: readonly Value[]): Value[] {
  const seqs = values.filter(Array.isArray) as Value[][];
  const len = seqs[0].length;
  if (seqs.every((s) => s.length === len)) {
    const columns = Array.from({ length: len }, (_, i) => unify(seqs.map((s) => s[i])));
    let j = 0;
    return values.map((v) => {
      if (!Array.isArray(v)) return v;
      const at = j++;
      return columns.map((c) => c[at]);
    });
  }
  const all = unify(seqs.flat());
  let at = 0;
  return values.map((v) => {
    if (!Array.isArray(v)) return v;
    const out = all.slice(at, at + v.length);
    at += v.length;
    return out;
  });
}

function unifyMappings(values: readonly Value[]): Value[] {
  const maps = values.filter(isObjectValue) as ObjectValue[];
  const keyText = (m: ObjectValue) => Object.keys(m).sort().join('\u0000');
  const sameKeys = maps.every((m) => keyText(m) === keyText(maps[0]));
  const out: ObjectValue[] = maps.map(() => ({}));
  if (sameKeys) {
    for (const k of Object.keys(maps[0])) unify(maps.map((m) => m[k])).forEach((v, i) => { out[i][k] = v; });
  } else {
    const flat = maps.flatMap((m) => Object.keys(m).map((k) => [m, k] as const));
    const unified = unify(flat.map(([m, k]) => m[k]));
    flat.forEach(([m, k], i) => { out[maps.indexOf(m)][k] = unified[i]; });
  }
  let n = 0;
  return values.map((v) => (isObjectValue(v) ? out[n++] : v));
}

/** A sequence's elements converted to one type (a tuple passed where a list is expected). */
export function asList(items: readonly Value[], what: string): Value[] {
  try {
    return unify(items);
  } catch (err) {
    if (err instanceof NoCommonType) throw new EvalError('Invalid function argument', `Invalid value for "${what}" parameter: all elements must be of the same type (${err.detail}).`);
    throw err;
  }
}
