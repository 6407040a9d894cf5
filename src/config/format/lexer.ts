/**
 * A whitespace-preserving tokenizer for HCL native syntax, enough for formatting: strings and
 * heredocs are single tokens (their contents are never reformatted), `#` and `//` comments
 * include their newline as HCL's scanner gives them, brackets and operators are tokens.
 */

export type TokenKind = 'nl' | 'comment' | 'string' | 'heredoc' | 'number' | 'ident' | 'op';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Spaces before the token in the output (set by the formatter). */
  spaces: number;
}

const OPS3 = ['...'];
const OPS2 = ['==', '!=', '<=', '>=', '&&', '||', '=>', '::'];

/** End index (exclusive) of the quoted string starting at `start` (a `"`), interpolations nested. */
function endOfString(src: string, start: number): number {
  let i = start + 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') { i += 2; continue; }
    if (ch === '"') return i + 1;
    if (ch === '\n') return i; // unterminated: stop at the line end
    if ((ch === '$' || ch === '%') && src[i + 1] === '{') {
      if (src[i - 1] === ch && src[i - 2] !== ch) { i += 2; continue; } // $${ and %%{ escapes
      i = endOfInterpolation(src, i + 2);
      continue;
    }
    i++;
  }
  return i;
}

/** Index just after the `}` closing an interpolation whose body starts at `i`. */
function endOfInterpolation(src: string, i: number): number {
  let depth = 1;
  while (i < src.length && depth > 0) {
    const ch = src[i];
    if (ch === '"') { i = endOfString(src, i); continue; }
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    i++;
  }
  return i;
}

/** Tokens of `src`; throws on a character HCL does not allow outside strings and comments. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const push = (kind: TokenKind, text: string) => out.push({ kind, text, spaces: 0 });
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') { i++; continue; }
    if (ch === '\n' || (ch === '\r' && src[i + 1] === '\n')) {
      const n = ch === '\r' ? 2 : 1;
      push('nl', src.slice(i, i + n));
      i += n;
      continue;
    }
    if (ch === '#' || (ch === '/' && src[i + 1] === '/')) {
      let end = src.indexOf('\n', i);
      end = end < 0 ? src.length : end + 1;
      push('comment', src.slice(i, end));
      i = end;
      continue;
    }
    if (ch === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      push('comment', src.slice(i, stop));
      i = stop;
      continue;
    }
    if (ch === '"') {
      const end = endOfString(src, i);
      push('string', src.slice(i, end));
      i = end;
      continue;
    }
    const heredoc = /^<<(-?)([A-Za-z_][\w-]*)\r?\n/.exec(src.slice(i, i + 200));
    if (heredoc) {
      const marker = heredoc[2];
      let at = i + heredoc[0].length;
      let end = src.length;
      while (at < src.length) {
        const nl = src.indexOf('\n', at);
        const lineEnd = nl < 0 ? src.length : nl;
        if (src.slice(at, lineEnd).replace(/\r$/, '').trim() === marker) { end = at + src.slice(at, lineEnd).replace(/\r$/, '').length; break; }
        at = lineEnd + 1;
      }
      push('heredoc', src.slice(i, end));
      i = end;
      continue;
    }
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i, i + 64));
    if (num) { push('number', num[0]); i += num[0].length; continue; }
    const id = /^[\p{L}_][\p{L}\p{N}_-]*/u.exec(src.slice(i, i + 256));
    if (id) { push('ident', id[0]); i += id[0].length; continue; }
    const three = src.slice(i, i + 3);
    if (OPS3.includes(three)) { push('op', three); i += 3; continue; }
    const two = src.slice(i, i + 2);
    if (OPS2.includes(two)) { push('op', two); i += 2; continue; }
    if ('{}[]()=,.:?+-*/%<>!'.includes(ch)) { push('op', ch); i++; continue; }
    throw new Error(`Invalid character ${JSON.stringify(ch)} at offset ${i}`);
  }
  return out;
}

/** +1 for an opening bracket, -1 for a closing one, 0 otherwise. */
export function bracketChange(t: Token | undefined): number {
  if (!t || t.kind !== 'op') return 0;
  return '{[('.includes(t.text) ? 1 : '}])'.includes(t.text) ? -1 : 0;
}
