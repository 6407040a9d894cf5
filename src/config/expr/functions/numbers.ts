/** Numeric functions: abs, ceil, floor, min, max, sum, pow, signum, parseint. */
import { Value } from '../../../values/value';
import { EvalError, toInt, toList, toNum, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';

function numbers(args: Value[], name: string): number[] {
  if (args.length === 0) throw new EvalError('Error in function call', `Call to function "${name}" failed: must pass at least one number.`);
  return args.map((a) => toNum(a, 'argument'));
}

export const numberFunctions: FunctionTable = {
  abs: fn(1, 1, ([n]) => Math.abs(toNum(n, 'num'))),
  ceil: fn(1, 1, ([n]) => Math.ceil(toNum(n, 'num'))),
  floor: fn(1, 1, ([n]) => Math.floor(toNum(n, 'num'))),
  signum: fn(1, 1, ([n]) => Math.sign(toNum(n, 'num'))),
  pow: fn(2, 2, ([a, b]) => Math.pow(toNum(a, 'num'), toNum(b, 'power'))),
  min: fn(0, Infinity, (args) => Math.min(...numbers(args, 'min'))),
  max: fn(0, Infinity, (args) => Math.max(...numbers(args, 'max'))),
  sum: fn(1, 1, ([l]) => {
    const list = toList(l, 'list');
    if (list.length === 0) throw new EvalError('Error in function call', 'Call to function "sum" failed: cannot sum an empty list.');
    return list.reduce<number>((acc, x) => acc + toNum(x, 'list element'), 0);
  }),
  parseint: fn(2, 2, ([s, b]) => {
    const base = toInt(b, 'base');
    if (base < 2 || base > 62) throw new EvalError('Invalid function argument', 'The base must be between 2 and 62.');
    const str = toStr(s, 'number');
    const n = parseInt(str, base);
    if (Number.isNaN(n) || !new RegExp(`^[-+]?[0-9a-z]+$`, 'i').test(str)) {
      throw new EvalError('Error in function call', `Call to function "parseint" failed: cannot parse ${JSON.stringify(str)} as a base ${base} integer.`);
    }
    return n;
  }),
};
