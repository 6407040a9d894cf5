/**
 * Go's fmt verbs for numbers, as cty's `format` applies them to its big numbers: `%e %f %g` with
 * Go's big.Float rules (rounding half to even on the exact binary value; `%g` without a
 * precision prints the shortest digits), and `%d %b %o %x %X` on integers of any size.
 */
import { decimalDigits, isInfinite, isInteger, Num, roundDigits, truncate } from '../../../values/bignum';

interface Dec { digits: string; point: number }

function fmtE(d: Dec, prec: number, upper: boolean): string {
  const first = d.digits[0] ?? '0';
  let s = first;
  if (prec > 0) s += '.' + (d.digits.slice(1, 1 + prec)).padEnd(prec, '0');
  const exp = d.digits === '' ? 0 : d.point - 1;
  const e = String(Math.abs(exp)).padStart(2, '0');
  return `${s}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${e}`;
}

function fmtF(d: Dec, prec: number): string {
  let int = d.point > 0 ? d.digits.slice(0, d.point).padEnd(d.point, '0') : '0';
  if (int === '') int = '0';
  if (prec <= 0) return int;
  let frac = '';
  for (let i = 0; i < prec; i++) {
    const j = d.point + i;
    frac += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
  }
  return `${int}.${frac}`;
}

/** A float verb (e E f F g G, or v as g) applied to a number; `prec` undefined when not given. */
export function formatFloat(n: Num, verb: string, prec: number | undefined): { neg: boolean; body: string } {
  if (isInfinite(n)) return { neg: (n as number) < 0, body: 'Inf' };
  const v = verb === 'F' ? 'f' : verb === 'v' ? 'g' : verb;
  const info = decimalDigits(n);
  const lower = v.toLowerCase();
  const shortest = (lower === 'g') && prec === undefined;
  let p = prec ?? 6;
  let d: Dec;
  if (shortest) {
    d = { digits: info.digits, point: info.point };
    p = d.digits.length;
  } else if (lower === 'e') d = roundDigits(info.exact, 1 + p);
  else if (lower === 'f') d = roundDigits(info.exact, info.exact.point + p);
  else { if (p === 0) p = 1; d = roundDigits(info.exact, p); }
  if (d.digits === '') d = { digits: '', point: 0 };
  let body: string;
  if (lower === 'e') body = fmtE(d, p, v === 'E');
  else if (lower === 'f') body = fmtF(d, p);
  else {
    let eprec = p;
    if (eprec > d.digits.length && d.digits.length >= d.point) eprec = d.digits.length;
    if (shortest) eprec = 6;
    const exp = d.point - 1;
    if (d.digits !== '' && (exp < -4 || exp >= eprec)) {
      body = fmtE(d, Math.min(p, d.digits.length) - 1, v === 'G');
    } else {
      body = fmtF(d, Math.max((p > d.point ? d.digits.length : p) - d.point, 0));
    }
  }
  return { neg: info.neg, body };
}

/** An integer verb; null when the number is not a whole number. */
export function formatInteger(n: Num, verb: string, flags: string, prec: number | undefined): { neg: boolean; body: string } | null {
  if (!isInteger(n) || isInfinite(n)) return null;
  const i = truncate(n);
  const base = verb === 'd' ? 10 : verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
  let body = (i < 0n ? -i : i).toString(base);
  if (verb === 'X') body = body.toUpperCase();
  if (prec !== undefined) body = prec === 0 && i === 0n ? '' : body.padStart(prec, '0');
  const prefix = flags.includes('#') ? (({ b: '0b', o: '0', x: '0x', X: '0X' } as Record<string, string>)[verb] ?? '') : '';
  return { neg: i < 0n, body: prefix + body };
}
