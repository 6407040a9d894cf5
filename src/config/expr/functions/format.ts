/**
 * `format` and `formatlist`: cty's printf-like verbs (%v %#v %t %d %b %o %x %X %e %E %f %g %G
 * %s %q %%), flags (+ - # space 0), width, precision and explicit argument indexes (`%[2]s`).
 * Numbers go through Go's fmt rules (gofmt.ts); widths count grapheme clusters.
 */
import { isNumber, isUnknown, UNKNOWN, Value } from '../../../values/value';
import { jsonEncode, jsonString } from './encoding';
import { graphemes } from './collections';
import { EvalError, formatNumber, toBool, toList, toNum, toStr } from '../value-ops';
import { formatFloat, formatInteger } from './gofmt';
import { fn, FunctionTable } from './registry';

const VERB = /%(?:\[(\d+)\])?([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?(?:\[(\d+)\])?([a-zA-Z%])?/g;

function failed(msg: string): EvalError {
  return new EvalError('Error in function call', `Call to function "format" failed: ${msg}.`);
}

export function formatString(spec: string, args: readonly Value[]): string {
  let next = 0;
  let used = 0;
  const out = spec.replace(VERB, (all, idx: string | undefined, flags: string, width: string | undefined, prec: string | undefined, idx2: string | undefined, verb: string | undefined) => {
    if (width === '*' || prec === '*') throw failed(`*-prefixed width or precision is not supported`);
    if (!verb) throw failed(`unrecognized format verb at "${all}"`);
    if (verb === '%') return '%';
    const explicit = idx ?? idx2;
    const i = explicit ? Number(explicit) - 1 : next;
    next = i + 1;
    used = Math.max(used, next);
    if (i < 0 || i >= args.length) throw failed(`not enough arguments for "${all}" at ${i + 1}: need index ${i + 1} but have ${args.length} total`);
    const precision = prec === undefined ? undefined : prec === '' ? 0 : Number(prec);
    const { sign, body, numeric } = formatOne(verb, flags, precision, args[i]);
    return pad(sign, body, flags, width === undefined ? 0 : Number(width), numeric);
  });
  if (used < args.length) throw failed(`too many arguments; only ${used} used by format string`);
  return out;
}

function pad(sign: string, body: string, flags: string, width: number, numeric: boolean): string {
  const len = graphemes(sign + body).length;
  if (len >= width) return sign + body;
  const fill = width - len;
  if (flags.includes('-')) return sign + body + ' '.repeat(fill);
  if (flags.includes('0') && numeric && !body.includes('Inf')) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}

function signOf(neg: boolean, flags: string): string {
  return neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
}

function formatOne(verb: string, flags: string, prec: number | undefined, v: Value): { sign: string; body: string; numeric: boolean } {
  const text = (body: string) => ({ sign: '', body, numeric: false });
  if (v === null) throw failed('null value cannot be formatted');
  switch (verb) {
    case 'v':
      if (flags.includes('#') || typeof v === 'object' && !isNumber(v)) return text(jsonEncode(v));
      if (isNumber(v)) { const f = formatFloat(v, 'g', undefined); return { sign: signOf(f.neg, flags), body: f.body, numeric: true }; }
      return text(toStr(v));
    case 't': return text(toBool(v, 'argument') ? 'true' : 'false');
    case 's': {
      const s = toStr(v, 'argument');
      return text(prec === undefined ? s : graphemes(s).slice(0, prec).join(''));
    }
    case 'q': return text(jsonString(toStr(v, 'argument')));
    case 'd': case 'b': case 'o': case 'x': case 'X': {
      const n = toNum(v, 'argument');
      const r = formatInteger(n, verb, flags, prec);
      if (!r) throw failed(`an integer is required for %${verb}, but ${formatNumber(n)} has a fractional part`);
      return { sign: signOf(r.neg, flags), body: r.body, numeric: prec === undefined };
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
      const f = formatFloat(toNum(v, 'argument'), verb, prec);
      return { sign: signOf(f.neg, flags), body: f.body, numeric: true };
    }
    default:
      throw failed(`unsupported format verb %${verb}`);
  }
}

export const formatFunctions: FunctionTable = {
  format: fn(1, Infinity, ([spec, ...args]) => formatString(toStr(spec, 'format'), args)),
  formatlist: fn(1, Infinity, ([spec, ...args]) => {
    if (isUnknown(spec)) return UNKNOWN;
    let n: number | undefined;
    let first = 0;
    args.forEach((a, i) => {
      if (!Array.isArray(a)) return;
      if (n !== undefined && n !== a.length) throw new EvalError('Error in function call', `Call to function "formatlist" failed: argument ${i + 2} has length ${a.length}, which is inconsistent with argument ${first + 2} of length ${n}.`);
      if (n === undefined) { n = a.length; first = i; }
    });
    const count = n ?? 1;
    const out: Value[] = [];
    for (let i = 0; i < count; i++) out.push(formatString(toStr(spec, 'format'), args.map((a) => (Array.isArray(a) ? toList(a)[i] : a))));
    return out;
  }),
};
