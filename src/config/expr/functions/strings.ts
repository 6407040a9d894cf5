/** String functions: join, split, upper, lower, replace, substr, trimspace, regex, ... */
import { isUnknown, ObjectValue, UNKNOWN, Value } from '../../../values/value';
import { EvalError, toInt, toList, toStr } from '../value-ops';
import { graphemes } from './collections';
import { fn, FunctionTable } from './registry';

/** Compiles an RE2 pattern as a JavaScript RegExp (named groups `(?P<n>...)` become `(?<n>...)`). */
export function compileRegex(pattern: string, flags = ''): RegExp {
  let src = pattern.replace(/\(\?P</g, '(?<');
  let f = flags;
  const inline = /^\(\?([imsU]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    for (const c of inline[1]) if ('ims'.includes(c) && !f.includes(c)) f += c;
  }
  try {
    return new RegExp(src, f + 'u');
  } catch (err) {
    throw new EvalError('Invalid function argument', `Invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}.`);
  }
}

function matchValue(m: RegExpExecArray): Value {
  if (m.groups && Object.keys(m.groups).length > 0) {
    const out: ObjectValue = {};
    for (const [k, v] of Object.entries(m.groups)) out[k] = v ?? null;
    return out;
  }
  if (m.length > 1) return m.slice(1).map((x) => x ?? null);
  return m[0];
}

export const stringFunctions: FunctionTable = {
  join: fn(2, Infinity, ([sep, ...lists]) => {
    const parts = lists.flatMap((l) => toList(l, 'lists'));
    return parts.map((p) => {
      if (p === null) throw new EvalError('Invalid function argument', 'Invalid value for "lists" parameter: element is null; cannot concatenate null values.');
      return toStr(p, 'list element');
    }).join(toStr(sep, 'separator'));
  }),
  split: fn(2, 2, ([sep, s]) => {
    const str = toStr(s, 'str');
    const d = toStr(sep, 'separator');
    return d === '' ? graphemes(str) : str.split(d);
  }),
  upper: fn(1, 1, ([s]) => toStr(s, 'str').toUpperCase()),
  lower: fn(1, 1, ([s]) => toStr(s, 'str').toLowerCase()),
  title: fn(1, 1, ([s]) => toStr(s, 'str').replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())),
  strrev: fn(1, 1, ([s]) => graphemes(toStr(s, 'str')).reverse().join('')),
  replace: fn(3, 3, ([s, sub, rep]) => {
    const str = toStr(s, 'str');
    const find = toStr(sub, 'substr');
    const with_ = toStr(rep, 'replace');
    if (find.length > 1 && find.startsWith('/') && find.endsWith('/')) {
      const re = compileRegex(find.slice(1, -1), 'g');
      return str.replace(re, with_.replace(/\$\{(\w+)\}/g, (_, n: string) => (/^\d+$/.test(n) ? `$${n}` : `$<${n}>`)));
    }
    return find === '' ? str : str.split(find).join(with_);
  }),
  substr: fn(3, 3, ([s, o, l]) => {
    const chars = graphemes(toStr(s, 'str'));
    let offset = toInt(o, 'offset');
    let length = toInt(l, 'length');
    if (offset < 0) offset = Math.max(0, chars.length + offset);
    if (offset > chars.length) throw new EvalError('Error in function call', 'Call to function "substr" failed: offset is out of range.');
    if (length < 0) length = chars.length - offset;
    return chars.slice(offset, offset + length).join('');
  }),
  trimspace: fn(1, 1, ([s]) => toStr(s, 'str').replace(/^\s+|\s+$/gu, '')),
  trim: fn(2, 2, ([s, cut]) => {
    const set = new Set(graphemes(toStr(cut, 'cutset')));
    const chars = graphemes(toStr(s, 'str'));
    let a = 0;
    let b = chars.length;
    while (a < b && set.has(chars[a])) a++;
    while (b > a && set.has(chars[b - 1])) b--;
    return chars.slice(a, b).join('');
  }),
  trimprefix: fn(2, 2, ([s, p]) => { const str = toStr(s, 'str'); const pre = toStr(p, 'prefix'); return str.startsWith(pre) ? str.slice(pre.length) : str; }),
  trimsuffix: fn(2, 2, ([s, p]) => { const str = toStr(s, 'str'); const suf = toStr(p, 'suffix'); return suf && str.endsWith(suf) ? str.slice(0, -suf.length) : str; }),
  chomp: fn(1, 1, ([s]) => toStr(s, 'str').replace(/(\r\n|\n|\r)+$/, '')),
  startswith: fn(2, 2, ([s, p]) => {
    if (isUnknown(p)) return UNKNOWN;
    if (isUnknown(s)) return UNKNOWN;
    return toStr(s, 'str').startsWith(toStr(p, 'prefix'));
  }),
  endswith: fn(2, 2, ([s, p]) => toStr(s, 'str').endsWith(toStr(p, 'suffix'))),
  regex: fn(2, 2, ([p, s]) => {
    const m = compileRegex(toStr(p, 'pattern')).exec(toStr(s, 'string'));
    if (!m) throw new EvalError('Error in function call', 'Call to function "regex" failed: pattern did not match any part of the given string.');
    return matchValue(m);
  }),
  regexall: fn(2, 2, ([p, s]) => {
    const re = compileRegex(toStr(p, 'pattern'), 'g');
    return Array.from(toStr(s, 'string').matchAll(re), (m) => matchValue(m as RegExpExecArray));
  }),
};
