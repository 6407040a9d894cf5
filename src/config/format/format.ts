/**
 * Canonical formatting of HCL native syntax, as `terraform fmt` does it (hclwrite's rules plus
 * Terraform's own normalisations): two-space indentation by bracket nesting, one space between
 * tokens except where HCL's style omits it, `=` and trailing comments aligned across
 * consecutive attribute lines, `"${x}"` attribute values unwrapped to `x`, and legacy quoted
 * variable types (`"string"`) rewritten. Only whitespace changes otherwise; strings, heredocs
 * and comments are kept as written. Idempotent.
 */
import { bracketChange, Token, tokenize } from './lexer';

interface Line {
  lead: Token[];
  assign?: Token[];
  comment?: Token[];
}

const NIL: Token = { kind: 'nl', text: '', spaces: 0 };
const isOp = (t: Token, text: string) => t.kind === 'op' && t.text === text;
const CLOSERS_OF_EXPR = new Set(['(', '{', '[', '=', ':', ',', '?', '+', '*', '/', '%', '-', '==', '!=', '>', '>=', '<', '<=', '&&', '||', '!']);

/** hclwrite's spaceAfterToken, for strings and heredocs as whole tokens. */
function spaceAfter(subject: Token, before: Token, after: Token): boolean {
  if (after === NIL || after.kind === 'nl') return false;
  if (subject.kind === 'ident' && isOp(after, '(')) return false;
  if ((subject.kind === 'ident' && isOp(after, '::')) || (isOp(subject, '::') && after.kind === 'ident')) return false;
  if (isOp(subject, '.') || isOp(after, '.')) return false;
  if (isOp(after, ',') || isOp(after, '...')) return false;
  if (isOp(subject, ',')) return true;
  if (subject.kind === 'ident' && subject.text === 'in' && before.kind === 'ident') return true;
  if (isOp(after, '[') && (subject.kind === 'ident' || subject.kind === 'number' || bracketChange(subject) < 0)) return false;
  if (isOp(subject, '-')) {
    if (before === NIL) return false;
    return !(before.kind === 'op' && CLOSERS_OF_EXPR.has(before.text));
  }
  if (isOp(subject, '{') || isOp(after, '}')) return !(isOp(subject, '{') && isOp(after, '}'));
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  if (isOp(subject, '!')) return false;
  return true;
}

const columns = (ts: readonly Token[]): number => ts.reduce((n, t) => n + t.spaces + (t.kind === 'nl' ? 0 : [...t.text.replace(/\r?\n$/, '')].length), 0);

function splitLines(tokens: Token[]): Line[] {
  const lines: Line[] = [];
  let cur: Token[] = [];
  for (const t of tokens) {
    cur.push(t);
    if (t.kind === 'nl' || (t.kind === 'comment' && t.text.endsWith('\n'))) { lines.push({ lead: cur }); cur = []; }
  }
  if (cur.length) lines.push({ lead: cur });
  for (const line of lines) {
    if (line.lead.length > 1 && line.lead[line.lead.length - 1].kind === 'comment') {
      line.comment = line.lead.slice(-1);
      line.lead = line.lead.slice(0, -1);
    }
    const eq = line.lead.findIndex((t, i) => i > 0 && isOp(t, '='));
    if (eq > 0) {
      let net = 0;
      for (const t of line.lead.slice(eq)) net += bracketChange(t);
      if (net === 0) { line.assign = line.lead.slice(eq); line.lead = line.lead.slice(0, eq); }
    }
  }
  return lines;
}

function indent(lines: Line[]): void {
  const indents: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (!first) continue;
    if (first.kind === 'nl') { first.spaces = 0; continue; }
    let net = 0;
    for (const t of [...line.lead, ...(line.assign ?? [])]) net += bracketChange(t);
    if (net > 0) {
      first.spaces = 2 * indents.length;
      indents.push(net);
    } else {
      let closed = -net;
      while (closed > 0 && indents.length) {
        const top = indents[indents.length - 1];
        if (closed > top) { closed -= top; indents.pop(); } else if (closed < top) { indents[indents.length - 1] -= closed; closed = 0; } else { indents.pop(); closed = 0; }
      }
      first.spaces = 2 * indents.length;
    }
  }
}

function spaces(lines: Line[]): void {
  for (const line of lines) {
    for (const cell of [line.lead, line.assign ?? []]) {
      cell.forEach((t, i) => {
        if (cell === line.assign && i === 0) t.spaces = 1;
        const after = cell[i + 1] ?? NIL;
        if (after !== NIL) after.spaces = spaceAfter(t, cell[i - 1] ?? NIL, after) ? 1 : 0;
      });
    }
  }
}

function cells(lines: Line[]): void {
  const align = (has: (l: Line) => boolean, width: (l: Line) => number, set: (l: Line, n: number) => void) => {
    let start = -1;
    let max = 0;
    const close = (end: number) => {
      for (const l of lines.slice(start, end)) set(l, max - width(l) + 1);
      start = -1;
      max = 0;
    };
    lines.forEach((l, i) => {
      if (!has(l)) { if (start >= 0) close(i); return; }
      if (start < 0) start = i;
      max = Math.max(max, width(l));
    });
    if (start >= 0) close(lines.length);
  };
  align((l) => !!l.assign, (l) => columns(l.lead), (l, n) => { l.assign![0].spaces = n; });
  align((l) => !!l.comment, (l) => columns(l.lead) + columns(l.assign ?? []), (l, n) => { l.comment![0].spaces = n; });
}

/** `"${expr}"` as a whole attribute value → the tokens of `expr` (Terraform's fmt), else undefined. */
function unwrapInterpolation(text: string): Token[] | undefined {
  if (!text.startsWith('"${') || !text.endsWith('}"')) return undefined;
  const inner = text.slice(3, -2);
  // The interpolation must span the whole string: re-tokenize the inside and check brackets never close early.
  let toks: Token[];
  try { toks = tokenize(inner); } catch { return undefined; }
  let depth = 0;
  for (const t of toks) { depth += isOp(t, '{') ? 1 : isOp(t, '}') ? -1 : 0; if (depth < 0) return undefined; }
  if (depth !== 0 || toks.some((t) => t.kind === 'comment' || t.kind === 'heredoc')) return undefined;
  while (toks[0]?.kind === 'nl') toks.shift();
  while (toks[toks.length - 1]?.kind === 'nl') toks.pop();
  if (!toks.length) return undefined;
  if (toks.some((t) => t.kind === 'nl') && !(isOp(toks[0], '(') && isOp(toks[toks.length - 1], ')'))) {
    return [{ kind: 'op', text: '(', spaces: 0 }, ...toks, { kind: 'op', text: ')', spaces: 0 }];
  }
  return toks;
}

const LEGACY_TYPES: Record<string, string> = { '"string"': 'string', '"list"': 'list(string)', '"map"': 'map(string)', list: 'list(any)', map: 'map(any)', set: 'set(any)' };

/**
 * Terraform's rewrites of attribute values at body level (not inside object constructors):
 * `"${x}"` unwrapped, and a `variable` block's legacy `type`.
 */
function normalize(tokens: Token[]): Token[] {
  const out: Token[] = [];
  // Per open `{`: is it a block body (true) or an object constructor; and the block's type.
  const stack: { body: boolean; type?: string }[] = [];
  let lineStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'nl' || t.kind === 'comment') { out.push(t); lineStart = out.length; continue; }
    const inBody = stack.length === 0 || stack[stack.length - 1].body;
    // An attribute `NAME = VALUE` where VALUE is one token followed by the line end.
    if (inBody && isOp(t, '=') && out.length - lineStart === 1 && out[lineStart].kind === 'ident') {
      const value = tokens[i + 1];
      const end = tokens[i + 2];
      if (value && (!end || end.kind === 'nl' || end.kind === 'comment')) {
        const name = out[lineStart].text;
        const inVariable = stack.length === 1 && stack[0].type === 'variable';
        if (inVariable && name === 'type' && LEGACY_TYPES[value.text] && (value.kind === 'string' || value.kind === 'ident')) {
          out.push(t, ...tokenize(LEGACY_TYPES[value.text]));
          i++;
          continue;
        }
        const inner = value.kind === 'string' ? unwrapInterpolation(value.text) : undefined;
        if (inner) { out.push(t, ...inner); i++; continue; }
      }
    }
    if (isOp(t, '{')) {
      const lead = out.slice(lineStart);
      const body = lead.length > 0 && lead.every((x) => x.kind === 'ident' || x.kind === 'string');
      stack.push({ body, ...(body ? { type: lead[0].text } : {}) });
    } else if (isOp(t, '[') || isOp(t, '(')) stack.push({ body: false });
    else if (bracketChange(t) < 0) stack.pop();
    out.push(t);
  }
  return out;
}

/** The canonical form of an HCL file's text; throws on text the tokenizer rejects. */
export function formatHcl(src: string): string {
  const tokens = normalize(tokenize(src));
  const lines = splitLines(tokens);
  indent(lines);
  spaces(lines);
  cells(lines);
  let out = '';
  for (const line of lines) for (const t of [...line.lead, ...(line.assign ?? []), ...(line.comment ?? [])]) out += ' '.repeat(t.spaces) + t.text;
  return out;
}
