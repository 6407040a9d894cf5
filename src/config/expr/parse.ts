/**
 * Parses expressions with `getExpressionAst` from @cdktf/hcl2json and converts its syntax tree
 * into {@link Expr}. Two entry points:
 * - {@link parseTemplate}: a string from Terraform's JSON syntax (which is also what hcl2json
 *   turns `.tf` attributes into), i.e. a template where `${...}` interpolates and `$${` escapes;
 *   a string that is exactly one `${...}` yields that expression's value unconverted.
 * - {@link parseExpression}: a bare HCL expression (`-var` values, type constraints).
 * The string is wrapped in a heredoc rather than quotes because the JSON syntax has already
 * decoded backslash escapes; a heredoc applies no further escaping, only `$${` and `%%{`.
 * Parsing is asynchronous (WASM); everything after it is synchronous.
 */
import { getExpressionAst } from '@cdktf/hcl2json';
import { Value } from '../../values/value';
import { nfc } from '../../values/strings';
import { BinaryOp, Expr, literal, Step, UnaryOp } from './ast';
import { parseNumberText } from './value-ops';

export interface ParseError {
  readonly summary: string;
  /** 0-based line inside the expression, when the parser said. */
  readonly line?: number;
}

export type ParseResult = { readonly expr: Expr; readonly error?: undefined } | { readonly error: ParseError; readonly expr?: undefined };

interface RawNode {
  type: string;
  meta?: Record<string, unknown>;
  children?: RawNode[];
  range?: { start: { byte: number }; end: { byte: number } };
}

interface TraversalPart { type: string; segment: string }

/** True when a JSON-syntax string holds an interpolation or directive and needs parsing. */
export function needsParsing(s: string): boolean {
  return s.includes('${') || s.includes('%{');
}

export async function parseTemplate(s: string): Promise<ParseResult> {
  if (!needsParsing(s)) return { expr: literal(nfc(s)) };
  const src = heredocSource(s);
  return templateResult(s, src, await callParser(src, -1));
}

/**
 * {@link parseTemplate} without waiting: the parser must already be loaded, which it is once
 * any expression of the configuration has been parsed (`templatefile` reads its file during
 * evaluation, which is synchronous).
 */
export function parseTemplateSync(s: string): ParseResult {
  if (!needsParsing(s)) return { expr: literal(nfc(s)) };
  const src = heredocSource(s);
  return templateResult(s, src, callParserSync(src, -1));
}

/** The template as a heredoc: no escapes apply in it other than `$${` and `%%{`. */
function heredocSource(s: string): string {
  const lines = new Set(s.split('\n').map((l) => l.trim()));
  let delim = 'XCPFORM_EOT';
  for (let n = 0; lines.has(delim); n++) delim = `XCPFORM_EOT${n}`;
  return `<<${delim}\n${s}\n${delim}\n`;
}

function templateResult(s: string, src: string, raw: { ast: RawNode } | { error: ParseError }): ParseResult {
  if ('error' in raw) return raw;
  try {
    const top = convert(raw.ast, Buffer.from(src, 'utf8'), 'raw');
    const parts = top.kind === 'template' ? [...top.parts] : [top];
    const last = parts[parts.length - 1];
    if (last && last.kind === 'literal' && typeof last.value === 'string' && last.value.endsWith('\n')) {
      const trimmed = last.value.slice(0, -1);
      if (trimmed === '') parts.pop();
      else parts[parts.length - 1] = literal(trimmed);
    }
    if (parts.length === 0) return { expr: { ...literal(''), text: s } };
    if (parts.length === 1 && parts[0].kind !== 'literal') return { expr: { ...parts[0], text: parts[0].text ?? s } };
    if (parts.length === 1) return { expr: { ...parts[0], text: s } };
    return { expr: { kind: 'template', parts, text: s } };
  } catch (err) {
    return { error: { summary: (err as Error).message } };
  }
}

export async function parseExpression(s: string): Promise<ParseResult> {
  const raw = await callParser(s, 0);
  if ('error' in raw) return raw;
  try {
    return { expr: convert(raw.ast, Buffer.from(s, 'utf8'), 'quoted') };
  } catch (err) {
    return { error: { summary: (err as Error).message } };
  }
}

async function callParser(src: string, lineShift: number): Promise<{ ast: RawNode } | { error: ParseError }> {
  try {
    const ast = (await getExpressionAst('expr.tf', src)) as unknown as RawNode | null;
    if (!ast) return { error: { summary: 'empty expression' } };
    return { ast };
  } catch (err) {
    return parseFailure(err, lineShift);
  }
}

type WasmCall = (file: string, src: string, cb: (err: string | null, res?: string) => void) => void;
type WasmRoot = { getExpressionAst?: WasmCall; parse?: WasmCall };

/** Strip markers (`~`) and `<<-` heredocs are applied by the file parser but not by the expression parser. */
function needsFlattening(text: string): boolean {
  return text.startsWith('<<-') || ((text.startsWith('"') || text.startsWith('<<')) && /~\}|[$%]\{~/.test(text));
}

/**
 * A nested template with strip markers or an indented heredoc, rewritten by the file parser
 * (which applies them) into a JSON-syntax template and parsed again.
 */
let flattening = false;

function flattenTemplate(text: string): Expr | undefined {
  if (flattening || text.startsWith('<<XCPFORM_EOT')) return undefined;
  const root = (globalThis as { __parse_terraform_config_wasm__?: WasmRoot }).__parse_terraform_config_wasm__;
  if (!root?.parse) return undefined;
  let json: string | undefined;
  root.parse('template.tf', `x = ${text}\n`, (err, res) => { if (!err) json = res; });
  if (json === undefined) return undefined;
  const value = (JSON.parse(json) as { x?: unknown }).x;
  if (typeof value !== 'string') return undefined;
  flattening = true;
  try {
    const parsed = parseTemplateSync(value);
    return parsed.error ? undefined : { ...parsed.expr, text };
  } finally {
    flattening = false;
  }
}

/** The loaded parser, called directly: its exported functions answer synchronously. */
function callParserSync(src: string, lineShift: number): { ast: RawNode } | { error: ParseError } {
  const root = (globalThis as { __parse_terraform_config_wasm__?: WasmRoot }).__parse_terraform_config_wasm__;
  if (!root?.getExpressionAst) return { error: { summary: 'the HCL parser is not loaded yet' } };
  let result: { ast: RawNode } | { error: ParseError } = { error: { summary: 'the HCL parser did not answer' } };
  root.getExpressionAst('expr.tf', src, (err, res) => {
    if (err) { result = parseFailure(new Error(err), lineShift); return; }
    const ast = JSON.parse(res ?? 'null') as RawNode | null;
    result = ast ? { ast } : { error: { summary: 'empty expression' } };
  });
  return result;
}

function parseFailure(err: unknown, lineShift: number): { error: ParseError } {
  {
    const msg = String((err as Error)?.message ?? err);
    const m = /expr\.tf:(\d+),\d+(?:-\d+)?: (.*?)(?:, and \d+ other diagnostic\(s\))?\s*$/s.exec(msg);
    if (!m) return { error: { summary: msg.trim() } };
    return { error: { summary: m[2].trim(), line: Math.max(0, Number(m[1]) + lineShift) } };
  }
}

type Mode = 'raw' | 'quoted';

const ESCAPES = /\\(n|r|t|"|\\|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})|\$\$\{|%%\{/g;

/** Decodes a literal piece of a template: quoted strings have backslash escapes, both kinds `$${`. */
export function decodeLiteral(raw: string, mode: Mode): string {
  return nfc(decodeEscapes(raw, mode));
}

function decodeEscapes(raw: string, mode: Mode): string {
  return raw.replace(ESCAPES, (all, esc: string | undefined) => {
    if (all === '$${') return '${';
    if (all === '%%{') return '%{';
    if (mode === 'raw') return all;
    switch (esc![0]) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u': case 'U': return String.fromCodePoint(parseInt(esc!.slice(1), 16));
      default: return esc!;
    }
  });
}

function steps(parts: readonly TraversalPart[]): Step[] {
  return parts.map((p) => {
    if (p.type === 'nameTraversal') return { kind: 'attr', name: p.segment };
    const seg = p.segment;
    if (seg.startsWith('"')) return { kind: 'index', key: decodeLiteral(seg.slice(1, -1), 'quoted') };
    const n = Number(seg);
    return Number.isFinite(n) && seg.trim() !== '' ? { kind: 'index', key: n } : { kind: 'index', key: seg };
  });
}

function convert(node: RawNode, src: Buffer, mode: Mode): Expr {
  const meta = node.meta ?? {};
  const kids = node.children ?? [];
  const text = typeof meta.value === 'string' ? meta.value : undefined;
  const sub = (n: RawNode, m: Mode = mode) => convert(n, src, m);
  switch (node.type) {
    case 'templateWrap':
      return sub(kids[0]);
    case 'template': {
      const normalised = text !== undefined && needsFlattening(text) ? flattenTemplate(text) : undefined;
      if (normalised) return normalised;
      const m: Mode = text?.startsWith('"') ? 'quoted' : text?.startsWith('<<') ? 'raw' : mode;
      const parts = kids.map((k) => (k.type === 'literalValue' && k.meta?.type === 'string' ? literal(decodeLiteral(String(k.meta.value), m)) : sub(k, m)));
      if (parts.length === 1 && parts[0].kind === 'literal') return { ...parts[0], text };
      return { kind: 'template', parts, text };
    }
    case 'templateJoin':
      return { kind: 'templateJoin', list: sub(kids[0]), text };
    case 'literalValue': {
      const v = String(meta.value);
      let value: Value;
      if (meta.type === 'number') value = parseNumberText(v);
      else if (meta.type === 'bool') value = v === 'true';
      else if (meta.type === 'string') value = decodeLiteral(v, mode);
      else value = null;
      return { kind: 'literal', value, text };
    }
    case 'scopeTraversal': {
      const parts = meta.traversal as TraversalPart[];
      return { kind: 'scope', root: parts[0].segment, steps: steps(parts.slice(1)), text };
    }
    case 'relativeTraversal':
      return { kind: 'relative', source: sub(kids[0]), steps: steps(meta.traversal as TraversalPart[]), text };
    case 'index':
      return { kind: 'index', collection: sub(kids[0]), key: sub(kids[1]), text };
    case 'splat': {
      const each = kids[1]?.type === 'relativeTraversal' ? steps(kids[1].meta!.traversal as TraversalPart[]) : [];
      return { kind: 'splat', source: sub(kids[0]), each, text };
    }
    case 'tuple':
      return { kind: 'tuple', items: kids.map((k) => sub(k)), text };
    case 'object': {
      const items: { key: Expr; value: Expr }[] = [];
      for (let i = 0; i + 1 < kids.length; i += 2) items.push({ key: objectKey(kids[i], src, mode), value: sub(kids[i + 1]) });
      return { kind: 'object', items, text };
    }
    case 'function':
      return { kind: 'call', name: String(meta.name), args: kids.map((k) => sub(k)), expandFinal: meta.expandedFinalArgument === true, text };
    case 'conditional': {
      const directive = text?.startsWith('%{') ?? false;
      const cond: Expr = {
        kind: 'conditional',
        condition: sub(kids[0]),
        then: kids[1] ? sub(kids[1]) : literal(''),
        otherwise: kids[2] ? sub(kids[2]) : directive ? literal('') : literal(null),
        text,
      };
      return directive ? { kind: 'template', parts: [cond], text } : cond;
    }
    case 'unaryOp':
      return { kind: 'unary', op: meta.operator as UnaryOp, operand: sub(kids[0]), text };
    case 'binaryOp':
      return { kind: 'binary', op: meta.operator as BinaryOp, left: sub(kids[0]), right: sub(kids[1]), text };
    case 'for': {
      let i = 0;
      const collection = sub(kids[i++]);
      const key = meta.keyExpression ? sub(kids[i++]) : undefined;
      const value = sub(kids[i++]);
      const condition = meta.conditionalExpression ? sub(kids[i++]) : undefined;
      const keyVar = meta.keyVar ? String(meta.keyVar) : undefined;
      return { kind: 'for', keyVar, valueVar: String(meta.valVar), collection, key, value, condition, grouped: meta.groupedValue === true, text };
    }
    case '':
      if (kids.length === 1) return sub(kids[0]);
      throw new Error('unsupported expression');
    default:
      throw new Error(`unsupported expression syntax "${node.type}"`);
  }
}

/** An object key: a bare name is a literal string; anything else is an expression. */
function objectKey(node: RawNode, src: Buffer, mode: Mode): Expr {
  if (node.type === '' && (node.children ?? []).length === 0 && node.range) {
    const name = src.subarray(node.range.start.byte, node.range.end.byte).toString('utf8').trim();
    return literal(name);
  }
  const inner = node.type === '' && node.children?.length === 1 ? node.children[0] : node;
  // A key written as a single bare name inside the key wrapper is also literal (HCL's rule).
  if (inner.type === 'scopeTraversal' && node.type === '' && (inner.meta!.traversal as TraversalPart[]).length === 1 && !isParenthesized(node, src)) {
    return literal((inner.meta!.traversal as TraversalPart[])[0].segment);
  }
  return convert(node, src, mode);
}

function isParenthesized(node: RawNode, src: Buffer): boolean {
  if (!node.range) return false;
  return src.subarray(Math.max(0, node.range.start.byte - 1), node.range.start.byte).toString() === '(';
}
