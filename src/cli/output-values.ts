/**
 * The `Outputs:` section apply prints after "Apply complete!", as Terraform prints it: one
 * `name = value` per root output sorted by name, sensitive ones as `<sensitive>`, values in
 * Terraform's console notation (quoted strings, heredocs for multi-line strings, `tolist(…)`,
 * `toset(…)` and `tomap(…)` around typed collections, quoted object keys). The value's type is
 * the cty type the state records for the output.
 */
import type { OutputState } from '../state';

const spaces = (n: number): string => ' '.repeat(n);

/** Go's strconv.Quote for the characters a value may hold. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function heredoc(s: string, indent: number): string {
  const lines = s.split('\n');
  let delimiter = 'EOT';
  while (lines.some((l) => l.trim() === delimiter)) delimiter += '_';
  const body = lines.map((l) => `\n${spaces(indent)}${l}`).join('');
  return `${indent > 0 ? '<<-' : '<<'}${delimiter}${body}\n${spaces(indent)}${delimiter}`;
}

export type CtyType = unknown;

function kindOf(type: CtyType): string | undefined {
  return Array.isArray(type) && typeof type[0] === 'string' ? type[0] : typeof type === 'string' ? type : undefined;
}

function elementType(type: CtyType, key: string | number): CtyType {
  if (!Array.isArray(type)) return 'dynamic';
  const [kind, inner] = type as [string, unknown];
  if (kind === 'list' || kind === 'set' || kind === 'map') return inner;
  if (kind === 'tuple' && Array.isArray(inner)) return inner[key as number] ?? 'dynamic';
  if (kind === 'object' && inner && typeof inner === 'object') return (inner as Record<string, unknown>)[key] ?? 'dynamic';
  return 'dynamic';
}

/** One value in Terraform's console notation, at `indent` columns. */
export function formatValue(v: unknown, type: CtyType, indent = 0): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v.includes('\n') ? heredoc(v, indent) : quote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return String(v);
  const kind = kindOf(type);
  if (Array.isArray(v)) {
    const wrap = kind === 'set' ? 'toset' : kind === 'list' ? 'tolist' : '';
    if (v.length === 0) return wrap ? `${wrap}([])` : '[]';
    // A set of strings or numbers lists in cty's order: sorted.
    const ordered = kind === 'set' && v.every((x) => typeof x === 'string') ? [...v].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      : kind === 'set' && v.every((x) => typeof x === 'number') ? [...v].sort((a, b) => a - b) : v;
    const items = ordered.map((x, i) => `${spaces(indent + 2)}${formatValue(x, elementType(type, i), indent + 2)},\n`).join('');
    return wrap ? `${wrap}([\n${items}${spaces(indent)}])` : `[\n${items}${spaces(indent)}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const wrap = kind === 'map' ? 'tomap' : '';
  if (entries.length === 0) return wrap ? `${wrap}({})` : '{}';
  const items = entries.map(([k, x]) => `${spaces(indent + 2)}${quote(k)} = ${formatValue(x, elementType(type, k), indent + 2)}\n`).join('');
  return wrap ? `${wrap}({\n${items}${spaces(indent)}})` : `{\n${items}${spaces(indent)}}`;
}

/** The section printed after "Apply complete!" (empty when there are no outputs). */
export function renderOutputValues(outputs: Readonly<Record<string, OutputState>>): string {
  // A null output is no output for Terraform (it keeps none in its state), so it is not listed.
  const names = Object.keys(outputs).filter((n) => outputs[n].value !== null && outputs[n].value !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) return '';
  const lines = names.map((n) => `${n} = ${outputs[n].sensitive ? '<sensitive>' : formatValue(outputs[n].value, outputs[n].type)}`);
  return `\nOutputs:\n\n${lines.join('\n')}\n`;
}
