/**
 * The same case as native syntax (`main.tf`), so that generated configurations go through the
 * HCL reader too. Strings keep their `${...}` templates (same meaning in both syntaxes).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dependsOn, renderModuleTfJson, renderTfJsonText, type Case } from './model';
import { type ModuleCallLayout, type RenderBlock, type RenderOutput, expansionExpr, layout } from './module-layout';

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

function blocksHcl(blocks: readonly RenderBlock[], outputs: readonly RenderOutput[], out: string[], call?: ModuleCallLayout): void {
  for (const b of blocks) {
    const head: string[] = [];
    if (b.count !== undefined) head.push(`  count = ${b.count}`);
    if (b.forEach) head.push(`  for_each = { ${b.forEach.map((k) => `${k} = "${k}"`).join(', ')} }`);
    if (b.dependsOn.length) head.push(`  depends_on = [${b.dependsOn.join(', ')}]`);
    out.push('', `${b.mode === 'data' ? 'data' : 'resource'} "${b.type}" "${b.name}" {`, ...head, ...body(b.attrs, b.blocks, '  '), '}');
  }
  if (call) {
    out.push('', `module "${call.name}" {`, `  source = "${call.source}"`);
    const gated = expansionExpr(call);
    const bare = (e: string) => e.slice(2, -1);
    if (call.count !== undefined) out.push(`  count = ${gated.count ? bare(gated.count) : call.count}`);
    if (call.forEach) out.push(`  for_each = ${gated.forEach ? bare(gated.forEach) : `toset([${call.forEach.map((k) => `"${k}"`).join(', ')}])`}`);
    if (call.dependsOn.length) out.push(`  depends_on = [${call.dependsOn.join(', ')}]`);
    out.push(...body(call.inputs, {}, '  '), '}');
  }
  for (const o of outputs) out.push('', `output "${o.name}" {`, `  value = ${o.expr}`, '}');
}

const TERRAFORM = ['terraform {', '  required_providers {', '    xcp = { source = "registry.terraform.io/xcpform/xcp" }', '  }', '}'];

/** The root module in native syntax. */
export function renderTf(c: Case): string {
  const out = [
    ...TERRAFORM, '',
    'provider "xcp" {', `  pools = { ${c.pools.map((p) => `${p} = { url = "embedded" }`).join(', ')} }`, `  default_pool = "${c.pools[0]}"`, '}',
  ];
  const l = layout(c, (b) => dependsOn(c, b));
  blocksHcl(l.root.blocks, l.root.outputs, out, l.root.call);
  return `${out.join('\n')}\n`;
}

/** The module in native syntax (undefined without a module). */
export function renderModuleTf(c: Case): string | undefined {
  const m = layout(c, (b) => dependsOn(c, b)).module;
  if (!m) return undefined;
  const out = [...TERRAFORM];
  for (const v of m.variables) out.push('', `variable "${v}" {`, '  type = string', '}');
  blocksHcl(m.blocks, m.outputs, out);
  return `${out.join('\n')}\n`;
}

/**
 * Every file of a case, by path relative to the working folder: the root (`main.tf` or
 * `main.tf.json`, as the case's format says) and the module's file in its own format.
 */
export function caseFiles(c: Case): Record<string, string> {
  const files: Record<string, string> = c.format === 'hcl' ? { 'main.tf': renderTf(c) } : { 'main.tf.json': renderTfJsonText(c) };
  if (c.module) {
    const dir = `modules/${c.module.name}`;
    const text = c.module.format === 'hcl' ? renderModuleTf(c) : renderModuleTfJson(c);
    if (text !== undefined) files[c.module.format === 'hcl' ? `${dir}/main.tf` : `${dir}/main.tf.json`] = typeof text === 'string' ? text : `${JSON.stringify(text, null, 2)}\n`;
  }
  return files;
}

/** Writes a case into a folder, replacing the files of the case written before. */
export function writeCase(dir: string, c: Case): void {
  for (const f of ['main.tf', 'main.tf.json']) rmSync(join(dir, f), { force: true });
  rmSync(join(dir, 'modules'), { recursive: true, force: true });
  for (const [name, text] of Object.entries(caseFiles(c))) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}
