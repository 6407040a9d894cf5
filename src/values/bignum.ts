/**
 * Terraform's numbers: binary floating point with a large mantissa (cty keeps a Go `big.Float`
 * of 512 bits for literals and arithmetic, 53 bits for results of float64 math such as `pow`).
 * A {@link BigNum} is `mant × 2^exp` rounded to `prec` bits (nearest, ties to even). Plain
 * JavaScript numbers stay the common representation: a JS number `n` stands for the 512-bit
 * rounding of its own shortest decimal text, which is exact for every safe integer, and
 * arithmetic only builds a BigNum when the result has no such JS number (see `normalize`).
 * Infinity stays a JS number; there is no NaN.
 */

/** Precision of literals, conversions from strings and arithmetic results. */
export const LITERAL_PREC = 512;
/** Precision of results computed with float64 math (pow, log). */
export const FLOAT64_PREC = 53;

export class BigNum {
  /** `neg` gives the sign; `mant` ≥ 1 has at most `prec` bits (zero is never a BigNum). */
  constructor(readonly neg: boolean, readonly mant: bigint, readonly exp: number, readonly prec: number) {}

  /** As a JSON number text: every digit, no exponent (Terraform's `Text('f', -1)`). */
  toString(): string {
    return formatShortest(this);
  }

  /** JSON.stringify of a value holding a BigNum writes the nearest double (callers wanting every digit use `numberText`). */
  toJSON(): number {
    return Number(formatShortest(this));
  }
}

export type Num = number | BigNum;

export function isBigNum(v: unknown): v is BigNum {
  return v instanceof BigNum;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds `mant × 2^exp` (plus a sticky "something below" flag) to `prec` bits, ties to even. */
function round(neg: boolean, mant: bigint, exp: number, prec: number, sticky = false): BigNum | number {
  if (mant === 0n) return neg ? -0 : 0;
  const len = bitLength(mant);
  if (len > prec) {
    const drop = len - prec;
    const half = 1n << BigInt(drop - 1);
    const rest = mant & ((1n << BigInt(drop)) - 1n);
    mant >>= BigInt(drop);
    exp += drop;
    if (rest > half || (rest === half && (sticky || (mant & 1n) === 1n))) mant += 1n;
  }
  // Keep the mantissa odd so equal values have one representation.
  while ((mant & 1n) === 0n) { mant >>= 1n; exp += 1; }
  return new BigNum(neg, mant, exp, prec);
}

/** Parts of a finite JS number: exactly `mant × 2^exp`. */
function fromDouble(n: number, prec: number): BigNum | number {
  if (n === 0 || !Number.isFinite(n)) return n;
  const neg = n < 0;
  let a = Math.abs(n);
  let exp = 0;
  while (!Number.isInteger(a)) { a *= 2; exp -= 1; }
  let mant = BigInt(a);
  while ((mant & 1n) === 0n) { mant >>= 1n; exp += 1; }
  return new BigNum(neg, mant, exp, prec);
}

/** A decimal text (`-1.5e3`, `0.1`) rounded to `prec` bits; Infinity beyond any use. */
export function parseDecimal(text: string, prec = LITERAL_PREC): BigNum | number {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`not a number: ${text}`);
  const neg = m[1] === '-';
  const digits = BigInt((m[2] || '0') + (m[3] ?? ''));
  const dexp = Number(m[4] ?? 0) - (m[3] ?? '').length;
  if (digits === 0n) return neg ? -0 : 0;
  if (dexp >= 0) return round(neg, digits * 10n ** BigInt(dexp), 0, prec);
  const den = 10n ** BigInt(-dexp);
  const shift = Math.max(0, prec + 2 - (bitLength(digits) - bitLength(den)));
  const num = digits << BigInt(shift);
  return round(neg, num / den, -shift, prec, num % den !== 0n);
}

/** The BigNum a JS number stands for (its shortest text at 512 bits); null for 0 and ±Infinity. */
function lift(n: Num): BigNum | null {
  if (n instanceof BigNum) return n;
  if (n === 0 || !Number.isFinite(n)) return null;
  if (Number.isSafeInteger(n)) return fromDouble(n, LITERAL_PREC) as BigNum;
  return parseDecimal(String(n)) as BigNum;
}

/**
 * The canonical form: a JS number whenever one stands for exactly this value at 512 bits;
 * BigNums of other precisions stay as they are unless they are safe integers.
 */
export function normalize(v: BigNum | number): Num {
  if (typeof v === 'number') return v;
  if (v.exp >= 0 && bitLength(v.mant) + v.exp <= 53) return (v.neg ? -1 : 1) * Number(v.mant << BigInt(v.exp));
  if (v.prec !== LITERAL_PREC) return v;
  const n = Number(formatShortest(v));
  if (!Number.isFinite(n) || n === 0) return v;
  const back = lift(n);
  return back && back.neg === v.neg && back.mant === v.mant && back.exp === v.exp ? n : v;
}

/** A float64 result (pow, log): exact value of the double, with 53 bits of precision. */
export function fromFloat64(n: number): Num {
  if (Number.isSafeInteger(n) || n === 0 || !Number.isFinite(n)) return n;
  return fromDouble(n, FLOAT64_PREC);
}

/** The nearest double (for math only float64 can do). */
export function toDouble(n: Num): number {
  if (typeof n === 'number') return n;
  if (n.exp >= 0 && bitLength(n.mant) + n.exp <= 1100) return (n.neg ? -1 : 1) * Number(n.mant << BigInt(n.exp));
  return Number(formatShortest(n));
}

function precOf(n: Num): number {
  return n instanceof BigNum ? n.prec : LITERAL_PREC;
}

function signOf(n: Num): number {
  if (n instanceof BigNum) return n.neg ? -1 : 1;
  return n > 0 || Object.is(n, 0) ? (n === 0 ? 0 : 1) : n === 0 ? 0 : -1;
}

export function isZero(n: Num): boolean {
  return n === 0;
}

export function isInfinite(n: Num): boolean {
  return typeof n === 'number' && !Number.isFinite(n);
}

export function add(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(r)) return r;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return r;
  }
  if (isInfinite(a)) return a;
  if (isInfinite(b)) return b;
  const x = lift(a);
  const y = lift(b);
  // Adding a zero literal still widens the result to the literal's precision.
  if (!x) return y ? widen(y) : Object.is(a, -0) && Object.is(b, -0) ? -0 : 0;
  if (!y) return widen(x);
  const e = Math.min(x.exp, y.exp);
  const mx = (x.mant << BigInt(x.exp - e)) * (x.neg ? -1n : 1n);
  const my = (y.mant << BigInt(y.exp - e)) * (y.neg ? -1n : 1n);
  const sum = mx + my;
  return normalize(round(sum < 0n, sum < 0n ? -sum : sum, e, Math.max(x.prec, y.prec)));
}

function widen(x: BigNum): Num {
  return normalize(x.prec >= LITERAL_PREC ? x : new BigNum(x.neg, x.mant, x.exp, LITERAL_PREC));
}

export function negate(a: Num): Num {
  if (typeof a === 'number') return -a;
  return new BigNum(!a.neg, a.mant, a.exp, a.prec);
}

export function subtract(a: Num, b: Num): Num {
  return add(a, negate(b));
}

export function multiply(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(r) && r !== 0) return r;
    if (!Number.isFinite(a) || !Number.isFinite(b) || a === 0 || b === 0) return r;
  }
  if (isInfinite(a) || isInfinite(b)) return signOf(a) * signOf(b) * Infinity;
  const x = lift(a);
  const y = lift(b);
  if (!x || !y) return signOf(a) * signOf(b) < 0 ? -0 : 0;
  const r = round(x.neg !== y.neg, x.mant * y.mant, x.exp + y.exp, LITERAL_PREC);
  if (typeof r === 'number') return r;
  const prec = Math.max(x.prec, y.prec, bitLength(r.mant));
  return normalize(new BigNum(r.neg, r.mant, r.exp, Math.min(prec, LITERAL_PREC)));
}

/** Division; the caller rejects 0/0 and ∞/∞. */
export function divide(a: Num, b: Num): Num {
  if (isInfinite(a)) return signOf(a) * signOf(b) * Infinity;
  if (isInfinite(b)) return signOf(a) * signOf(b) < 0 ? -0 : 0;
  if (b === 0) return (signOf(a) < 0) !== Object.is(b, -0) ? -Infinity : Infinity;
  const x = lift(a);
  const y = lift(b)!;
  if (!x) return y.neg !== Object.is(a, -0) ? -0 : 0;
  const prec = Math.max(x.prec, y.prec);
  const shift = Math.max(0, prec + 2 - (bitLength(x.mant) - bitLength(y.mant)));
  const num = x.mant << BigInt(shift);
  return normalize(round(x.neg !== y.neg, num / y.mant, x.exp - y.exp - shift, prec, num % y.mant !== 0n));
}

/** -1, 0 or 1. */
export function compare(a: Num, b: Num): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const d = subtract(a, b);
  return signOf(d);
}

export function isInteger(n: Num): boolean {
  if (typeof n === 'number') return Number.isInteger(n);
  return n.exp >= 0;
}

/** Truncation toward zero (a BigInt), for integers of any size. */
export function truncate(n: Num): bigint {
  if (typeof n === 'number') {
    if (Number.isSafeInteger(Math.trunc(n))) return BigInt(Math.trunc(n));
    return truncate(lift(n) ?? 0);
  }
  const v = n.exp >= 0 ? n.mant << BigInt(n.exp) : n.mant >> BigInt(-n.exp);
  return n.neg ? -v : v;
}

/** An integer as a number (JS number when safe). */
export function fromBigInt(i: bigint): Num {
  const n = Number(i);
  if (Number.isSafeInteger(n)) return n;
  return normalize(round(i < 0n, i < 0n ? -i : i, 0, Math.max(LITERAL_PREC, bitLength(i < 0n ? -i : i))));
}

/** Exact decimal digits and point position: value = 0.digits × 10^point (digits without trailing zeros). */
export function exactDecimal(n: BigNum): { digits: string; point: number } {
  let s: string;
  let point: number;
  if (n.exp >= 0) {
    s = (n.mant << BigInt(n.exp)).toString();
    point = s.length;
  } else {
    s = (n.mant * 5n ** BigInt(-n.exp)).toString();
    point = s.length + n.exp;
  }
  s = s.replace(/0+$/, '');
  return { digits: s, point };
}

function decimalOf(mant: bigint, exp: number): { digits: string; point: number } {
  if (mant === 0n) return { digits: '', point: 0 };
  return exactDecimal(new BigNum(false, mant, exp, Number.MAX_SAFE_INTEGER));
}

/**
 * The shortest decimal digits that identify `n` at its own precision (Go's big.Float shortest
 * conversion, whose bounds are half an ulp either side even at powers of two).
 */
export function shortestDecimal(n: BigNum): { digits: string; point: number } {
  const d = exactDecimal(n);
  const shift = n.prec + 1 - bitLength(n.mant);
  const mant = n.mant << BigInt(shift);
  const exp = n.exp - shift;
  const lower = decimalOf(mant - 1n, exp);
  const upper = decimalOf(mant + 1n, exp);
  const inclusive = (mant & 2n) === 0n;
  // Digit i of each bound, unaligned, exactly as Go's big.Float compares them.
  const at = (x: { digits: string }, i: number): string => (i < x.digits.length ? x.digits[i] : '0');
  const lowerLen = lower.digits.length;
  const upperLen = upper.digits.length;
  for (let i = 0; i < d.digits.length; i++) {
    const m = d.digits[i];
    const l = at(lower, i);
    const u = at(upper, i);
    const okdown = l !== m || (inclusive && i + 1 === lowerLen);
    const okup = m !== u && (inclusive || m.charCodeAt(0) + 1 < u.charCodeAt(0) || i + 1 < upperLen);
    if (okdown && okup) return roundDigits(d, i + 1);
    if (okdown) return { digits: d.digits.slice(0, i + 1).replace(/0+$/, ''), point: d.point };
    if (okup) return roundUp(d, i + 1);
  }
  return d;
}

/** Rounds to `n` digits, half to even (on the exact digits). */
export function roundDigits(d: { digits: string; point: number }, n: number): { digits: string; point: number } {
  if (n < 0) return { digits: '', point: d.point };
  if (n >= d.digits.length) return d;
  const c = d.digits[n];
  const up = c === '5' && n + 1 === d.digits.length ? n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1 : c >= '5';
  return up ? roundUp(d, n) : { digits: d.digits.slice(0, n).replace(/0+$/, ''), point: d.point };
}

function roundUp(d: { digits: string; point: number }, n: number): { digits: string; point: number } {
  const chars = d.digits.slice(0, n).split('');
  let i = n - 1;
  while (i >= 0 && chars[i] === '9') i--;
  if (i < 0) return { digits: '1', point: d.point + 1 };
  chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
  return { digits: chars.slice(0, i + 1).join(''), point: d.point };
}

/** Plain decimal text of digits/point, without exponent. */
export function plainText(neg: boolean, d: { digits: string; point: number }): string {
  let s: string;
  if (d.digits === '') s = '0';
  else if (d.point <= 0) s = `0.${'0'.repeat(-d.point)}${d.digits}`;
  else if (d.point >= d.digits.length) s = d.digits + '0'.repeat(d.point - d.digits.length);
  else s = `${d.digits.slice(0, d.point)}.${d.digits.slice(d.point)}`;
  return neg ? `-${s}` : s;
}

function formatShortest(n: BigNum): string {
  return plainText(n.neg, shortestDecimal(n));
}

/** A number as Terraform writes it: every significant digit, never an exponent. */
export function numberText(n: Num): string {
  if (n instanceof BigNum) return formatShortest(n);
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Object.is(n, -0)) return '-0';
  const s = String(n);
  if (!s.includes('e')) return s;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  return plainText(m[1] === '-', { digits: (m[2] + (m[3] ?? '')).replace(/0+$/, ''), point: Number(m[4]) + 1 });
}

/** Decimal digits of any number for formatting (exact for BigNums, shortest for JS numbers). */
export function decimalDigits(n: Num): { neg: boolean; digits: string; point: number; exact: { digits: string; point: number } } {
  const b = n instanceof BigNum ? n : lift(n);
  if (!b) return { neg: Object.is(n, -0), digits: '', point: 0, exact: { digits: '', point: 0 } };
  const short = n instanceof BigNum ? shortestDecimal(b) : (() => { const t = numberText(Math.abs(n as number)); const [i, f = ''] = t.split('.'); const all = (i + f).replace(/^0+/, ''); return { digits: all.replace(/0+$/, ''), point: i === '0' ? -(f.length - f.replace(/^0+/, '').length) : i.length }; })();
  return { neg: b.neg, digits: short.digits, point: short.point, exact: exactDecimal(b) };
}
