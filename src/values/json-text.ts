/**
 * JSON text with numbers at full precision. `JSON.stringify` can only write a double, so a
 * {@link BigNum} would lose digits; {@link stringifyExact} writes every digit instead (as cty
 * writes numbers in state and plan JSON). Infinity, which JSON cannot hold, stays `null`.
 */
import { BigNum, normalize, numberText, parseDecimal } from './bignum';

const MARK = '\u0000xcpform-number:';
const MARKED = /"\\u0000xcpform-number:(-?[0-9.]+)"/g;

/** `JSON.stringify(value, null, indent)`, but BigNums keep every digit. */
export function stringifyExact(value: unknown, indent?: string | number): string {
  let found = false;
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]` is the value before its toJSON ran.
    const raw = this[key];
    if (raw instanceof BigNum) { found = true; return MARK + numberText(raw); }
    return v;
  }, indent);
  return found ? text.replace(MARKED, '$1') : text;
}

/** A JSON number token a double cannot hold exactly (more digits than a double keeps). */
function needsBigNum(token: string): boolean {
  const n = Number(token);
  if (!Number.isFinite(n)) return true;
  if (Number.isSafeInteger(n) && /^-?\d+$/.test(token)) return false;
  return normalize(parseDecimal(token)) instanceof BigNum;
}

/** `JSON.parse`, but numbers a double cannot hold become BigNums with every digit. */
export function parseExact(text: string): unknown {
  // Fast path: no number token long enough to lose digits.
  if (!/[0-9]{16}|[0-9.eE+-]{18}/.test(text)) return JSON.parse(text);
  let out = '';
  let at = 0;
  let found = false;
  const token = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    if (m[0].startsWith('"') || !needsBigNum(m[0])) continue;
    out += text.slice(at, m.index) + JSON.stringify(MARK + m[0]);
    at = m.index + m[0].length;
    found = true;
  }
  if (!found) return JSON.parse(text);
  return JSON.parse(out + text.slice(at), (_k, v: unknown) => (typeof v === 'string' && v.startsWith(MARK) ? normalize(parseDecimal(v.slice(MARK.length))) : v));
}
