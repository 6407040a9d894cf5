/**
 * Shared state of decoding one file: the pre-parsed template strings (parsed in parallel before
 * decoding starts, so decoding itself is synchronous) and the diagnostics sink.
 */
import { Diagnostic, error } from '../../diagnostics';
import { Expr, literal } from '../expr/ast';
import { needsParsing, ParseResult, parseTemplate } from '../expr/parse';
import { ConfigFile } from '../files';
import { Attribute, SourceRef } from '../model';
import { Decl, lazySource } from '../lines';

export interface DecodeContext {
  readonly file: ConfigFile;
  readonly templates: ReadonlyMap<string, ParseResult>;
  readonly diagnostics: Diagnostic[];
}

/** Every string (and object key) in the documents that holds an interpolation or directive. */
export function collectTemplates(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    if (needsParsing(value)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectTemplates(v, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (needsParsing(k)) out.add(k);
      collectTemplates(v, out);
    }
  }
}

export async function parseAll(strings: Iterable<string>): Promise<Map<string, ParseResult>> {
  const list = [...strings];
  const results = await Promise.all(list.map((s) => parseTemplate(s)));
  return new Map(list.map((s, i) => [s, results[i]]));
}

/**
 * A JSON-syntax value as an expression: strings are templates, arrays tuples, objects object
 * constructors (keys may be templates too). A string that fails to parse is reported here.
 */
export function jsonToExpr(value: unknown, ctx: DecodeContext, source: SourceRef): Expr {
  if (typeof value === 'string') {
    if (!needsParsing(value)) return literal(value);
    const parsed = ctx.templates.get(value);
    if (parsed?.expr) return parsed.expr;
    const err = parsed?.error ?? { summary: 'the expression was not parsed' };
    ctx.diagnostics.push(error('config.invalid-expression', `${source.filename}: invalid expression`, {
      detail: `${err.summary}, in: ${value}`,
      source: { filename: source.filename, line: source.line !== undefined ? source.line + (err.line ?? 0) : undefined },
    }));
    return literal(null);
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return literal(value);
  if (Array.isArray(value)) return { kind: 'tuple', items: value.map((v) => jsonToExpr(v, ctx, source)) };
  if (typeof value === 'object') {
    const items = Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ key: jsonToExpr(k, ctx, source), value: jsonToExpr(v, ctx, source) }));
    return { kind: 'object', items };
  }
  return literal(null);
}

export function attribute(name: string, value: unknown, ctx: DecodeContext, decl: Decl, path: readonly (string | number)[]): Attribute {
  const source = lazySource(ctx.file, decl, path);
  return { name, expr: jsonToExpr(value, ctx, source), source };
}

/** Terraform's JSON syntax allows an object or an array of objects wherever a block goes. */
export function objects(value: unknown): Record<string, unknown>[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  return items.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x)) ? (items as Record<string, unknown>[]) : undefined;
}

/** `"${xcp.cloud}"` or `"xcp.cloud"` → `xcp.cloud`: the text of a bare reference. */
export function bareReference(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return (t.startsWith('${') && t.endsWith('}') ? t.slice(2, -1) : t).trim();
}

/** `disk[0].size` / `tags["a"]` → ["disk", 0, "size"] / ["tags", "a"]; undefined if not a path. */
export function parsePath(text: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  const re = /(?:^|\.)([A-Za-z_][\w-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < text.length && (m = re.exec(text))) {
    if (m.index !== at) return undefined;
    out.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`));
    at = re.lastIndex;
  }
  return at === text.length && out.length > 0 ? out : undefined;
}
