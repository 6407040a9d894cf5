/**
 * String functions with Go's semantics: upper/lower/title map one code point at a time (Go's
 * simple case mapping, so `upper("ß")` stays "ß"), trimspace trims Go's Unicode spaces,
 * regex/regexall/replace use RE2 (regex.ts); lengths and substrings count grapheme clusters.
 */
import { isUnknown, ObjectValue, UNKNOWN, Value } from '../../../values/value';
import { EvalError, toInt, toList, toStr } from '../value-ops';
import { graphemes } from './collections';
import { allMatches, compileRegex, expandTemplate } from './regex';
import { fn, FunctionTable } from './registry';

export { compileRegex } from './regex';

/** One code point through JS case mapping, kept when JS would expand it (Go maps simply). */
function mapSimple(c: string, upper: boolean): string {
  if (!upper && c === '\u0130') return 'i';
  const m = upper ? c.toUpperCase() : c.toLowerCase();
  return Array.from(m).length === 1 ? m : c;
}

const TITLE: Record<string, string> = { 'Ǆ': 'ǅ', 'ǅ': 'ǅ', 'ǆ': 'ǅ', 'Ǉ': 'ǈ', 'ǈ': 'ǈ', 'ǉ': 'ǈ', 'Ǌ': 'ǋ', 'ǋ': 'ǋ', 'ǌ': 'ǋ', 'Ǳ': 'ǲ', 'ǲ': 'ǲ', 'ǳ': 'ǲ' };
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM_SPACE = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'gu');

/** Go's strings.Title separators: ASCII other than letters, digits and `_`; Unicode spaces. */
function isSeparator(c: string): boolean {
  const cp = c.codePointAt(0)!;
  if (cp < 0x80) return !/[A-Za-z0-9_]/.test(c);
  if (/[\p{L}\p{Nd}]/u.test(c)) return false;
  return new RegExp(`[${GO_SPACE}]`, 'u').test(c);
}

function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? TITLE[c] ?? mapSimple(c, true) : c;
    prev = c;
  }
  return out;
}

function matchValue(m: RegExpExecArray, pattern: string): Value {
  const named = m.groups ? Object.keys(m.groups) : [];
  if (named.length > 0) {
    if (named.length !== m.length - 1) throw new EvalError('Invalid function argument', `Invalid value for "pattern" parameter: invalid regular expression pattern ${JSON.stringify(pattern)}: cannot mix both named and unnamed capture groups.`);
    const out: ObjectValue = {};
    for (const k of named) out[k] = m.groups![k] ?? null;
    return out;
  }
  if (m.length > 1) return m.slice(1).map((x) => x ?? null);
  return m[0];
}

export const stringFunctions: FunctionTable = {
  join: fn(2, Infinity, ([sep, ...lists]) => {
    const parts = lists.flatMap((l) => toList(l, 'lists'));
    return parts.map((p, i) => {
      if (p === null) throw new EvalError('Invalid function argument', `Invalid value for "lists" parameter: element ${i} is null; cannot concatenate null values.`);
      return toStr(p, 'list element');
    }).join(toStr(sep, 'separator'));
  }),
  split: fn(2, 2, ([sep, s]) => {
    const str = toStr(s, 'str');
    const d = toStr(sep, 'separator');
    return d === '' ? Array.from(str) : str.split(d);
  }),
  upper: fn(1, 1, ([s]) => Array.from(toStr(s, 'str'), (c) => mapSimple(c, true)).join('')),
  lower: fn(1, 1, ([s]) => Array.from(toStr(s, 'str'), (c) => mapSimple(c, false)).join('')),
  title: fn(1, 1, ([s]) => title(toStr(s, 'str'))),
  strrev: fn(1, 1, ([s]) => graphemes(toStr(s, 'str')).reverse().join('')),
  replace: fn(3, 3, ([s, sub, rep]) => {
    const str = toStr(s, 'str');
    const find = toStr(sub, 'substr');
    const with_ = toStr(rep, 'replace');
    if (find.length > 1 && find.startsWith('/') && find.endsWith('/')) {
      const matches = allMatches(compileRegex(find.slice(1, -1)), str);
      let out = '';
      let at = 0;
      for (const m of matches) {
        out += str.slice(at, m.index) + expandTemplate(with_, m);
        at = m.index + m[0].length;
      }
      return out + str.slice(at);
    }
    if (find === '') return with_ + Array.from(str).map((c) => c + with_).join('');
    return str.split(find).join(with_);
  }),
  substr: fn(3, 3, ([s, o, l]) => {
    const chars = graphemes(toStr(s, 'str'));
    let offset = toInt(o, 'offset');
    let length = toInt(l, 'length');
    if (offset < 0) offset = Math.max(0, chars.length + offset);
    if (offset >= chars.length) return '';
    if (length < 0) length = chars.length - offset;
    return chars.slice(offset, offset + length).join('');
  }),
  trimspace: fn(1, 1, ([s]) => toStr(s, 'str').replace(TRIM_SPACE, '')),
  trim: fn(2, 2, ([s, cut]) => {
    const set = new Set(Array.from(toStr(cut, 'cutset')));
    const chars = Array.from(toStr(s, 'str'));
    let a = 0;
    let b = chars.length;
    while (a < b && set.has(chars[a])) a++;
    while (b > a && set.has(chars[b - 1])) b--;
    return chars.slice(a, b).join('');
  }),
  trimprefix: fn(2, 2, ([s, p]) => { const str = toStr(s, 'str'); const pre = toStr(p, 'prefix'); return str.startsWith(pre) ? str.slice(pre.length) : str; }),
  trimsuffix: fn(2, 2, ([s, p]) => { const str = toStr(s, 'str'); const suf = toStr(p, 'suffix'); return suf && str.endsWith(suf) ? str.slice(0, -suf.length) : str; }),
  chomp: fn(1, 1, ([s]) => toStr(s, 'str').replace(/(\r\n|\n|\r)+$/, '')),
  indent: fn(2, 2, ([n, s]) => toStr(s, 'str').replace(/\n/g, `\n${' '.repeat(Math.max(0, toInt(n, 'spaces')))}`)),
  strcontains: fn(2, 2, ([s, sub]) => toStr(s, 'str').includes(toStr(sub, 'substr'))),
  startswith: fn(2, 2, ([s, p]) => {
    if (isUnknown(p)) return UNKNOWN;
    if (isUnknown(s)) return UNKNOWN;
    return toStr(s, 'str').startsWith(toStr(p, 'prefix'));
  }),
  endswith: fn(2, 2, ([s, p]) => toStr(s, 'str').endsWith(toStr(p, 'suffix'))),
  regex: fn(2, 2, ([p, s]) => {
    const pattern = toStr(p, 'pattern');
    const m = compileRegex(pattern).exec(toStr(s, 'string'));
    if (!m) throw new EvalError('Error in function call', 'Call to function "regex" failed: pattern did not match any part of the given string.');
    return matchValue(m, pattern);
  }),
  regexall: fn(2, 2, ([p, s]) => {
    const pattern = toStr(p, 'pattern');
    return allMatches(compileRegex(pattern), toStr(s, 'string')).map((m) => matchValue(m, pattern));
  }),
};
