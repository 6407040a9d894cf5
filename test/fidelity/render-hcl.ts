/**
 * The same case as native syntax (`main.tf`), so that generated configurations go through the
 * HCL reader too. Strings keep their `${...}` templates (same meaning in both syntaxes).
 */
import { dependsOn, type Case } from './model';

/**
 * A string as an HCL quoted template: literal parts escaped, `${...}` interpolations kept as
 * they are (an expression inside one is HCL, where `"a"` needs no backslash, as JSON needs).
 */
function template(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) { out += JSON.stringify(text.slice(i)).slice(1, -1); break; }
    out += JSON.stringify(text.slice(i, start)).slice(1, -1);
    let depth = 0;
    let end = start + 2;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}') { if (depth === 0) break; depth--; }
    }
    out += text.slice(start, end + 1);
    i = end + 1;
  }
  return `"${out}"`;
}

function value(v: unknown, indent: string): string {
  if (typeof v === 'string') return template(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => value(x, indent)).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, x]) => `${indent}  ${JSON.stringify(k)} = ${value(x, `${indent}  `)}`).join('\n')}\n${indent}}`;
}

function body(attrs: Record<string, unknown>, blocks: Record<string, Record<string, unknown>[]>, indent: string): string[] {
  const lines = Object.entries(attrs).map(([k, v]) => `${indent}${k} = ${value(v, indent)}`);
  for (const [bt, items] of Object.entries(blocks)) {
    for (const item of items) lines.push(`${indent}${bt} {`, ...body(item, {}, `${indent}  `), `${indent}}`);
  }
  return lines;
}

export function renderTf(c: Case): string {
  const out = [
    'terraform {', '  required_providers {', '    xcp = { source = "registry.terraform.io/xcpform/xcp" }', '  }', '}', '',
    'provider "xcp" {', `  pools = { ${c.pools.map((p) => `${p} = { url = "embedded" }`).join(', ')} }`, `  default_pool = "${c.pools[0]}"`, '}',
  ];
  for (const b of c.blocks) {
    const attrs: Record<string, unknown> = { ...b.attrs };
    const head: string[] = [];
    if (b.count !== undefined) head.push(`  count = ${b.count}`);
    if (b.forEach) head.push(`  for_each = { ${b.forEach.map((k) => `${k} = "${k}"`).join(', ')} }`);
    const deps = dependsOn(c, b);
    if (deps.length) head.push(`  depends_on = [${deps.join(', ')}]`);
    out.push('', `${b.mode === 'data' ? 'data' : 'resource'} "${b.type}" "${b.name}" {`, ...head, ...body(attrs, b.blocks, '  '), '}');
  }
  for (const o of c.outputs) out.push('', `output "${o.name}" {`, `  value = ${o.expr}`, '}');
  return `${out.join('\n')}\n`;
}
