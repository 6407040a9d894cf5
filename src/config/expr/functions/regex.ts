/**
 * RE2 patterns (Go's regexp, which Terraform uses) run on JavaScript's RegExp: the pattern is
 * translated so that it means what it means in RE2 — ASCII `\s`, `.` not matching only `\n`,
 * `\A` `\z`, `\pL`, `\p{Greek}`, POSIX classes, `\Q...\E`, `\x{...}`, `(?P<name>)`, inline
 * flags including ungreedy `(?U)` — and Perl features RE2 lacks (lookaround, back-references)
 * are refused. Matching all occurrences follows Go's rule for empty matches.
 */
import { EvalError } from '../value-ops';

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7f', blank: '\\t ', cntrl: '\\x00-\\x1f\\x7f', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
const SPACE = '\\t\\n\\f\\r ';

function unsupported(pattern: string, what: string): EvalError {
  return new EvalError('Invalid function argument', `Invalid value for "pattern" parameter: invalid regular expression pattern: error parsing regexp: invalid or unsupported Perl syntax: \`${what}\` (in ${JSON.stringify(pattern)}).`);
}

function unicodeClass(name: string): string {
  if (/^[A-Z][a-z]?$/.test(name)) return name;
  return `Script=${name}`;
}

/** Translates an RE2 pattern into JavaScript RegExp source and flags. */
export function translateRe2(pattern: string): { source: string; flags: string } {
  let out = '';
  let flags = '';
  let dotAll = false;
  let ungreedy = false;
  let i = 0;
  const n = pattern.length;
  const escape = (inClass: boolean): string => {
    const c = pattern[i + 1];
    i += 2;
    switch (c) {
      case 'A': if (inClass) break; return '(?<![\\s\\S])';
      case 'z': if (inClass) break; return '(?![\\s\\S])';
      case 's': return inClass ? SPACE : `[${SPACE}]`;
      case 'S': return inClass ? '\\x00-\\x08\\x0b\\x0e-\\x1f\\x21-\\u{10ffff}' : `[^${SPACE}]`;
      case 'p': case 'P': {
        let name: string;
        if (pattern[i] === '{') { const end = pattern.indexOf('}', i); name = pattern.slice(i + 1, end); i = end + 1; } else name = pattern[i++];
        const neg = name.startsWith('^');
        return `\\${(c === 'P') !== neg ? 'P' : 'p'}{${unicodeClass(neg ? name.slice(1) : name)}}`;
      }
      case 'x':
        if (pattern[i] === '{') { const end = pattern.indexOf('}', i); const hex = pattern.slice(i + 1, end); i = end + 1; return `\\u{${hex}}`; }
        return '\\x';
      case 'Q': {
        const end = pattern.indexOf('\\E', i);
        const lit = pattern.slice(i, end < 0 ? n : end);
        i = end < 0 ? n : end + 2;
        return lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      }
      case 'C': throw unsupported(pattern, '\\C');
      default:
        if (c !== undefined && /[1-9]/.test(c)) throw unsupported(pattern, `\\${c}`);
    }
    return `\\${c}`;
  };
  while (i < n) {
    const c = pattern[i];
    if (c === '\\') { out += escape(false); continue; }
    if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (pattern[j] === '^') { cls += '^'; j++; }
      if (pattern[j] === ']') { cls += '\\]'; j++; }
      const single = /^\[:(\^?)([a-z]+):\]\]/.exec(pattern.slice(j));
      if (single && single[1] === '^' && cls === '[') { out += `[^${POSIX[single[2]] ?? ''}]`; i = j + single[0].length; continue; }
      while (j < n && pattern[j] !== ']') {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(j));
        if (posix && POSIX[posix[2]]) { cls += POSIX[posix[2]]; j += posix[0].length; continue; }
        if (pattern[j] === '\\') { i = j; cls += escape(true); j = i; continue; }
        cls += pattern[j] === '[' ? '\\[' : pattern[j];
        j++;
      }
      out += cls + ']';
      i = j + 1;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (/^P?<[A-Za-z_]/.test(rest)) { out += '(?<'; i += rest.startsWith('P') ? 4 : 3; continue; }
      if (/^(=|!|<=|<!)/.test(rest)) throw unsupported(pattern, `(?${rest.slice(0, rest[0] === '<' ? 2 : 1)}`);
      const m = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
      if (m) {
        for (const f of m[1]) {
          if (f === 'i' && !flags.includes('i')) flags += 'i';
          if (f === 'm' && !flags.includes('m')) flags += 'm';
          if (f === 's') dotAll = true;
          if (f === 'U') ungreedy = true;
        }
        out += m[3] === ':' ? '(?:' : '';
        i += 2 + m[0].length;
        continue;
      }
    }
    if (c === '.') { out += dotAll ? '[\\s\\S]' : '[^\\n]'; i++; continue; }
    if (ungreedy && /[*+?}]/.test(c) && (c !== '?' || !/[*+?}]/.test(pattern[i - 1] ?? ''))) {
      out += c;
      i++;
      if (pattern[i] === '?') i++; else out += '?';
      continue;
    }
    out += c;
    i++;
  }
  return { source: out, flags };
}

/** Compiles an RE2 pattern; `g` adds the global flag. */
export function compileRegex(pattern: string, global = false): RegExp {
  const { source, flags } = translateRe2(pattern);
  try {
    return new RegExp(source, flags + 'u' + (global ? 'g' : ''));
  } catch (err) {
    throw new EvalError('Invalid function argument', `Invalid value for "pattern" parameter: invalid regular expression pattern: ${(err as Error).message}.`);
  }
}

/** Every match, as Go's FindAll finds them (no empty match right after a previous match). */
export function allMatches(re: RegExp, s: string): RegExpExecArray[] {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  const out: RegExpExecArray[] = [];
  let prevEnd = -1;
  let pos = 0;
  while (pos <= s.length) {
    g.lastIndex = pos;
    const m = g.exec(s);
    if (!m) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (m[0].length === 0) {
      if (m.index === prevEnd) accept = false;
      pos = end + (s.codePointAt(end)! > 0xffff ? 2 : 1);
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.Expand template: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (all, _x: string, braced?: string, bare?: string) => {
    if (all === '$$') return '$';
    const name = braced ?? bare ?? '';
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}
