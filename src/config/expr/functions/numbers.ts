/**
 * Numeric functions: abs, ceil, floor, log, min, max, sum, pow, signum, parseint, range. Results
 * keep cty's precision: exact where cty is exact, float64 (53 bits) where cty uses Go's math
 * package (`pow`, `log`).
 */
import { add, compare, fromBigInt, fromFloat64, isInteger, negate, Num, toDouble, truncate } from '../../../values/bignum';
import { Value } from '../../../values/value';
import { EvalError, toInt, toList, toNum, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';

function failed(name: string, msg: string): EvalError {
  return new EvalError('Error in function call', `Call to function "${name}" failed: ${msg}.`);
}

function numbers(args: Value[], name: string): Num[] {
  if (args.length === 0) throw failed(name, 'must pass at least one number');
  return args.map((a) => toNum(a, 'argument'));
}

function sign(n: Num): number {
  return compare(n, 0);
}

/** Go's float64 math, refusing NaN the way cty's conversion panics on it. */
function float64(name: string, n: number): Num {
  if (Number.isNaN(n)) throw failed(name, 'panic in function implementation: Float.SetFloat64(NaN)');
  return fromFloat64(n);
}

function roundToward(n: Num, up: boolean): Num {
  if (typeof n === 'number') return up ? Math.ceil(n) : Math.floor(n);
  if (isInteger(n)) return n;
  const t = truncate(n);
  return fromBigInt(up ? (sign(n) > 0 ? t + 1n : t) : (sign(n) < 0 ? t - 1n : t));
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An integer in a base from 2 to 62, as Go's big.Int.SetString reads it (no prefixes). */
function parseInteger(s: string, base: number): bigint | undefined {
  const m = /^([+-]?)(.+)$/s.exec(s);
  if (!m) return undefined;
  let v = 0n;
  for (const ch of m[2]) {
    let d = DIGITS.indexOf(base <= 36 ? ch.toLowerCase() : ch);
    if (base <= 36 && d >= 36) d = -1;
    if (d < 0 || d >= base) return undefined;
    v = v * BigInt(base) + BigInt(d);
  }
  return m[1] === '-' ? -v : v;
}

export const numberFunctions: FunctionTable = {
  abs: fn(1, 1, ([n]) => { const x = toNum(n, 'num'); return sign(x) < 0 ? negate(x) : x; }),
  ceil: fn(1, 1, ([n]) => roundToward(toNum(n, 'num'), true)),
  floor: fn(1, 1, ([n]) => roundToward(toNum(n, 'num'), false)),
  signum: fn(1, 1, ([n]) => {
    const x = toNum(n, 'num');
    if (!isInteger(x)) throw new EvalError('Invalid function argument', 'Invalid value for "num" parameter: value must be a whole number.');
    return sign(x);
  }),
  pow: fn(2, 2, ([a, b]) => float64('pow', Math.pow(toDouble(toNum(a, 'num')), toDouble(toNum(b, 'power'))))),
  log: fn(2, 2, ([a, b]) => float64('log', Math.log(toDouble(toNum(a, 'num'))) / Math.log(toDouble(toNum(b, 'base'))))),
  min: fn(0, Infinity, (args) => numbers(args, 'min').reduce((m, x) => (compare(x, m) < 0 ? x : m))),
  max: fn(0, Infinity, (args) => numbers(args, 'max').reduce((m, x) => (compare(x, m) > 0 ? x : m))),
  sum: fn(1, 1, ([l]) => {
    const list = toList(l, 'list');
    if (list.length === 0) throw failed('sum', 'cannot sum an empty list');
    return list.map((x) => {
      if (x === null) throw failed('sum', 'argument must be list, set, or tuple of number values');
      return toNum(x, 'list element');
    }).reduce((acc, x) => add(acc, x));
  }),
  parseint: fn(2, 2, ([s, b]) => {
    const base = toInt(b, 'base');
    if (base < 2 || base > 62) throw new EvalError('Invalid function argument', 'Invalid value for "base" parameter: base must be a whole number between 2 and 62 inclusive.');
    const str = toStr(s, 'number');
    const v = parseInteger(str, base);
    if (v === undefined) throw new EvalError('Invalid function argument', `Invalid value for "number" parameter: cannot parse ${JSON.stringify(str)} as a base ${base} integer.`);
    return fromBigInt(v);
  }),
  range: fn(1, 3, (args) => {
    const nums = args.map((a) => toNum(a, 'argument'));
    const [start, end] = nums.length === 1 ? [0, nums[0]] : [nums[0], nums[1]];
    const step = nums[2] ?? (compare(start, end) <= 0 ? 1 : -1);
    if (sign(step) > 0 && compare(end, start) < 0) throw failed('range', 'end must be greater than start when step is positive');
    if (sign(step) < 0 && compare(end, start) > 0) throw failed('range', 'end must be less than start when step is negative');
    const out: Value[] = [];
    for (let x = start; sign(step) > 0 ? compare(x, end) < 0 : compare(x, end) > 0; x = add(x, step)) {
      if (out.length >= 1024) throw failed('range', 'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
      out.push(x);
    }
    return out;
  }),
};

