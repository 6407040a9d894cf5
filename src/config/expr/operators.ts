/**
 * HCL's unary and binary operators over values that may be unknown or marked sensitive.
 * Unknown operands give unknown results, except that `false && x` is false and `true || x` is
 * true even when x is unknown: cty (since 1.13, Terraform 1.5) refines those results, because
 * the answer cannot depend on x. Both operands are always evaluated (HCL does not skip the right
 * side), so errors on either side are reported.
 */
import { markSensitive, MarkedValue, deepUnmark, containsSensitive } from '../../values/sensitive';
import { add, compare, divide, isInfinite, isInteger, multiply, negate, Num, subtract, truncate, fromBigInt } from '../../values/bignum';
import { isUnknown, Unknown, Value } from '../../values/value';
import { BinaryOp, UnaryOp } from './ast';
import { equals, EvalError, toBool, toNum } from './value-ops';

const NOT_NULL = new Unknown({ notNull: true });

function withMarks(result: Value, ...operands: MarkedValue[]): MarkedValue {
  return operands.some(containsSensitive) ? markSensitive(result) : result;
}

export function applyUnary(op: UnaryOp, operand: MarkedValue): MarkedValue {
  const v = deepUnmark(operand);
  if (isUnknown(v)) return withMarks(NOT_NULL, operand);
  if (op === 'logicalNot') return withMarks(!toBool(v, 'operand of "!"'), operand);
  return withMarks(negate(toNum(v, 'operand of "-"')), operand);
}

const SYMBOL: Record<BinaryOp, string> = {
  add: '+', subtract: '-', multiply: '*', divide: '/', modulo: '%',
  equal: '==', notEqual: '!=', lessThan: '<', lessThanOrEqual: '<=', greaterThan: '>', greaterThanOrEqual: '>=',
  logicalAnd: '&&', logicalOr: '||',
};

export function applyBinary(op: BinaryOp, left: MarkedValue, right: MarkedValue): MarkedValue {
  const a = deepUnmark(left);
  const b = deepUnmark(right);
  const sym = SYMBOL[op];
  if (op === 'equal' || op === 'notEqual') {
    const eq = equals(a, b);
    return withMarks(isUnknown(eq) ? eq : op === 'equal' ? eq : !eq, left, right);
  }
  if (op === 'logicalAnd' || op === 'logicalOr') {
    const x = isUnknown(a) ? a : toBool(a, `left operand of "${sym}"`);
    const y = isUnknown(b) ? b : toBool(b, `right operand of "${sym}"`);
    const decisive = op === 'logicalAnd' ? false : true;
    if (x === decisive || y === decisive) return withMarks(decisive, left, right);
    if (isUnknown(x) || isUnknown(y)) return withMarks(NOT_NULL, left, right);
    return withMarks(!decisive, left, right);
  }
  const x = isUnknown(a) ? a : toNum(a, `left operand of "${sym}"`);
  const y = isUnknown(b) ? b : toNum(b, `right operand of "${sym}"`);
  if (isUnknown(x) || isUnknown(y)) return withMarks(NOT_NULL, left, right);
  let r: Value;
  switch (op) {
    case 'add': r = add(x, y); break;
    case 'subtract': r = subtract(x, y); break;
    case 'multiply': r = multiply(x, y); break;
    case 'divide':
      if ((x === 0 && y === 0) || (isInfinite(x) && isInfinite(y))) throw new EvalError('Arithmetic error', "Call to function \"divide\" failed: can't divide zero by zero or infinity by infinity.");
      r = divide(x, y);
      break;
    case 'modulo': r = modulo(x, y); break;
    case 'lessThan': r = compare(x, y) < 0; break;
    case 'lessThanOrEqual': r = compare(x, y) <= 0; break;
    case 'greaterThan': r = compare(x, y) > 0; break;
    case 'greaterThanOrEqual': r = compare(x, y) >= 0; break;
    default: throw new EvalError('Unsupported operator', `The operator ${String(op)} is not supported.`);
  }
  return withMarks(r, left, right);
}

/** Remainder of division truncated toward zero; cty gives x itself for x % 0. */
function modulo(x: Num, y: Num): Num {
  if (y === 0 || isInfinite(x)) return x;
  if (typeof x === 'number' && typeof y === 'number' && Number.isSafeInteger(x) && Number.isSafeInteger(y)) return x % y;
  if (isInfinite(y)) return x;
  const q = divide(x, y);
  const whole = isInteger(q) ? q : fromBigInt(truncate(q));
  return subtract(x, multiply(y, whole));
}
