/**
 * cty numbers on the wire. cty numbers are arbitrary-precision decimals; the Value model holds
 * a JS number when that is faithful and otherwise the **decimal string** (for example
 * `"123456789012345678901234567890"` or `"0.1000000000000000000001"`).
 *
 * A JS number `n` stands for the decimal it prints as (`String(n)`), not for its binary value:
 * Terraform sends a configured `0.1` as the string "0.1" (it is not an exact float64), we hold
 * 0.1, and we send back "0.1" so the planned value equals the configured one. Encoding:
 * - integers: msgpack int (exact float64 beyond 2^53, which go-cty reads exactly);
 * - other numbers whose printed decimal is exactly their float64 value (0.5, 1.25): float64;
 * - the rest: the printed decimal as a string;
 * - numeric strings: that string (canonical, trimmed).
 * Decoding accepts int, uint, int64 (as bigint), float32/64 and decimal strings.
 */

import { BigNum, fromBigInt, numberText, parseDecimal as parseBig, normalize } from '../../values/bignum';

/** Raised for a value that cannot be a cty number. */
export class NumberCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NumberCodecError';
  }
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal as sign, significant digits (no leading/trailing zeros) and exponent. */
interface Decimal {
  readonly negative: boolean;
  readonly digits: string;
  /** value = 0.digits × 10^exponent */
  readonly exponent: number;
}

function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const intPart = m[2];
  const frac = m[3] ?? '';
  let digits = intPart + frac;
  let exponent = intPart.length + Number(m[4] ?? 0);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  exponent -= lead;
  digits = digits.replace(/0+$/, '');
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  return { negative: m[1] === '-', digits, exponent };
}

function sameDecimal(a: Decimal, b: Decimal): boolean {
  return a.negative === b.negative && a.digits === b.digits && a.exponent === b.exponent;
}

/** True for a string Terraform would accept as a number ("42", "-1.5", "1e3"). */
export function isDecimalString(text: string): boolean {
  return parseDecimal(text) !== undefined;
}

/** The plain decimal text of a finite JS number as it prints, without exponent notation. */
export function plainDecimal(n: number): string {
  const d = parseDecimal(String(n))!;
  if (d.digits === '') return '0';
  const sign = d.negative ? '-' : '';
  if (d.exponent <= 0) return `${sign}0.${'0'.repeat(-d.exponent)}${d.digits}`;
  if (d.exponent >= d.digits.length) return `${sign}${d.digits}${'0'.repeat(d.exponent - d.digits.length)}`;
  return `${sign}${d.digits.slice(0, d.exponent)}.${d.digits.slice(d.exponent)}`;
}

/** Is the float64 `n` exactly the decimal it prints as? (A dyadic rational with that decimal.) */
function printsExactly(n: number): boolean {
  if (Number.isInteger(n)) return true;
  const d = parseDecimal(String(n))!;
  const fractionDigits = d.digits.length - d.exponent;
  // digits × 10^-k is a dyadic rational iff 5^k divides digits.
  return BigInt(d.digits) % 5n ** BigInt(fractionDigits) === 0n;
}

/**
 * Decodes a msgpack number (or decimal string) into the Value form: a JS number when one is
 * faithful, otherwise a {@link BigNum} holding the decimal at cty's 512-bit precision.
 */
export function decodeNumber(raw: number | bigint | string): number | BigNum {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'bigint') {
    const n = Number(raw);
    return BigInt(n) === raw && Number.isSafeInteger(n) ? n : fromBigInt(raw);
  }
  const d = parseDecimal(raw);
  if (!d) throw new NumberCodecError(`"${raw}" is not a number`);
  const n = Number(raw.trim());
  if (Number.isFinite(n) && sameDecimal(d, parseDecimal(String(n))!)) return n;
  return normalize(parseBig(canonicalDecimal(raw)));
}

/** The canonical text of a decimal string kept in the Value model (trimmed, no "+" sign). */
export function canonicalDecimal(text: string): string {
  return text.trim().replace(/^\+/, '');
}

/** Encodes a Value number (JS number or decimal string) as what msgpack should carry. */
export function encodeNumber(value: number | string | BigNum): number | string {
  // Every digit of a big number, as cty writes it (Text('f', -1)); go-cty reads number strings.
  if (value instanceof BigNum) return numberText(value);
  if (typeof value === 'string') {
    if (!isDecimalString(value)) throw new NumberCodecError(`"${value}" is not a number`);
    return canonicalDecimal(value);
  }
  if (Number.isNaN(value)) throw new NumberCodecError('NaN is not a number cty can hold');
  if (!Number.isFinite(value) || printsExactly(value)) return value;
  return plainDecimal(value);
}

/** Equality of two Value numbers as decimals (1 equals "1.0"). */
export function numbersEqual(a: number | string | BigNum, b: number | string | BigNum): boolean {
  const text = (x: number | string | BigNum) => (typeof x === 'string' ? x : x instanceof BigNum ? numberText(x) : String(x));
  const da = parseDecimal(text(a));
  const db = parseDecimal(text(b));
  return da !== undefined && db !== undefined && sameDecimal(da, db);
}
