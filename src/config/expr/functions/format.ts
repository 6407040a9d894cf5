/**
 * `format` and `formatlist`: Terraform's printf-like verbs (%v %#v %t %d %b %o %x %X %e %E %f
 * %g %G %s %q %%), flags (+ - # space 0), width, precision and explicit argument indexes
 * (`%[2]s`).
 */
import { isUnknown, UNKNOWN, Value } from '../../../values/value';
import { jsonEncode } from './encoding';
import { graphemes } from './collections';
import { EvalError, formatNumber, toBool, toList, toNum, toStr } from '../value-ops';
import { fn, FunctionTable } from './registry';

const VERB = /%(?:\[(\d+)\])?([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])?/g;

export function formatString(spec: string, args: readonly Value[]): string {
  let next = 0;
  return spec.replace(VERB, (all, idx: string | undefined, flags: string, width: string | undefined, prec: string | undefined, verb: string | undefined) => {
    if (!verb) throw new EvalError('Error in function call', `Call to function "format" failed: unrecognized format verb at "${all}".`);
    if (verb === '%') return '%';
    const i = idx ? Number(idx) - 1 : next;
    next = i + 1;
    if (i < 0 || i >= args.length) throw new EvalError('Error in function call', `Call to function "format" failed: not enough arguments for "${all}" in the format string.`);
    const body = formatOne(verb, flags, prec === undefined ? undefined : Number(prec), args[i], all);
    return pad(body, flags, width === undefined ? 0 : Number(width), 'dbo xXeEfgG'.includes(verb));
  });
}

function pad(s: string, flags: string, width: number, numeric: boolean): string {
  const len = graphemes(s).length;
  if (len >= width) return s;
  const fill = width - len;
  if (flags.includes('-')) return s + ' '.repeat(fill);
  if (flags.includes('0') && numeric) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function signed(n: number, body: string, flags: string): string {
  if (n < 0 || Object.is(n, -0)) return body.startsWith('-') ? body : `-${body}`;
  return (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
}

function formatOne(verb: string, flags: string, prec: number | undefined, v: Value, all: string): string {
  if (v === null && verb !== 'v') throw new EvalError('Error in function call', `Call to function "format" failed: unsupported value null for "${all}".`);
  switch (verb) {
    case 'v':
      if (flags.includes('#')) return jsonEncode(v);
      return v === null ? 'null' : typeof v === 'object' ? jsonEncode(v) : toStr(v);
    case 't': return toBool(v, 'argument') ? 'true' : 'false';
    case 's': {
      const s = toStr(v, 'argument');
      return prec === undefined ? s : graphemes(s).slice(0, prec).join('');
    }
    case 'q': return JSON.stringify(toStr(v, 'argument'));
    case 'd': case 'b': case 'o': case 'x': case 'X': {
      const n = toNum(v, 'argument');
      if ((verb === 'x' || verb === 'X') && typeof v === 'string' && !/^\s*-?[\d.]/.test(v)) {
        const hex = Buffer.from(v, 'utf8').toString('hex');
        return verb === 'X' ? hex.toUpperCase() : hex;
      }
      if (!Number.isInteger(n)) throw new EvalError('Error in function call', `Call to function "format" failed: ${formatNumber(n)} is not a whole number, required by "${all}".`);
      const base = verb === 'd' ? 10 : verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
      let body = BigInt(Math.abs(n)).toString(base);
      if (verb === 'X') body = body.toUpperCase();
      if (flags.includes('#')) body = (base === 16 ? (verb === 'X' ? '0X' : '0x') : base === 8 ? '0' : base === 2 ? '0b' : '') + body;
      return signed(n, body, flags);
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
      const n = toNum(v, 'argument');
      let body: string;
      if (verb === 'f' || verb === 'F') body = Math.abs(n).toFixed(prec ?? 6);
      else if (verb === 'e' || verb === 'E') body = Math.abs(n).toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      else body = prec === undefined ? formatNumber(Math.abs(n)) : String(Number(Math.abs(n).toPrecision(prec)));
      if (verb === 'E' || verb === 'G') body = body.toUpperCase();
      return signed(n, body, flags);
    }
    default:
      throw new EvalError('Error in function call', `Call to function "format" failed: unsupported format verb "%${verb}".`);
  }
}

export const formatFunctions: FunctionTable = {
  format: fn(1, Infinity, ([spec, ...args]) => formatString(toStr(spec, 'format'), args)),
  formatlist: fn(1, Infinity, ([spec, ...args]) => {
    if (isUnknown(spec)) return UNKNOWN;
    let n: number | undefined;
    for (const a of args) {
      if (!Array.isArray(a)) continue;
      if (n !== undefined && n !== a.length) throw new EvalError('Error in function call', 'Call to function "formatlist" failed: all list arguments must have the same length.');
      n = a.length;
    }
    const count = n ?? 1;
    const out: Value[] = [];
    for (let i = 0; i < count; i++) out.push(formatString(toStr(spec, 'format'), args.map((a) => (Array.isArray(a) ? toList(a)[i] : a))));
    return out;
  }),
};
