/**
 * `moved`, `import` and `removed` blocks: their structure (checked for `validate` and `plan`
 * alike), their static addresses, and the model the planner resolves against the state.
 * Checks that need the state (a move whose target is taken, an import whose object is
 * missing) belong to the planner (src/plan/moves.ts, imports.ts).
 */
import { Diagnostic, error } from '../../diagnostics';
import { parseAddress } from '../../state/model';
import { BodyLocation, BodySpec, checkBody, checkConditionExpressions, CONDITION_SPEC } from '../body-check';
import { lineOf } from '../lines';
import { ConfigFile } from '../files';
import { ImportStatement, MovedStatement, RemovedStatement, SourceRef } from '../model';
import { exprReferences } from '../references';
import { DecodeContext, jsonToExpr, objects } from './context';

export type StatementKind = 'moved' | 'import' | 'removed';

const SPECS: Record<StatementKind, BodySpec> = {
  moved: { attributes: ['from', 'to'], required: ['from', 'to'] },
  import: { attributes: ['to', 'id', 'for_each', 'provider'], required: ['to', 'id'] },
  removed: { attributes: ['from'], required: ['from'], blocks: { lifecycle: { attributes: ['destroy'], max: 1 } } },
};

/** Line of the `n`-th `kind` block of a file (then of `path` inside it). */
export function statementLine(file: ConfigFile, kind: StatementKind, n: number, path: readonly (string | number)[] = []): number | undefined {
  const lines = file.text.split('\n');
  const hcl = file.format === 'hcl';
  let at = -1;
  let seen = -1;
  const header = hcl ? new RegExp(`^\\s*${kind}\\s*\\{`) : new RegExp(`"${kind}"\\s*:`);
  for (let i = 0; i < lines.length; i++) {
    if (!header.test(lines[i])) continue;
    if (!hcl) { at = i; break; }
    if (++seen === n) { at = i; break; }
  }
  if (at < 0) return undefined;
  // JSON: the n-th repetition of the block's first required key marks the n-th block.
  const keyRe = (k: string) => (hcl ? new RegExp(`^\\s*"?${k}"?\\s*(=|\\{)`) : new RegExp(`"${k}"\\s*:`));
  const find = (re: RegExp, from: number) => { for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i; return -1; };
  if (!hcl) {
    const first = SPECS[kind].required![0];
    for (let k = 0; k <= n; k++) { const next = find(keyRe(first), at + 1); if (next < 0) break; at = next; }
    if (path.length === 0) return at + 1;
    at = Math.max(0, at - 1);
  }
  for (const seg of path) {
    if (typeof seg === 'number') continue;
    const next = find(keyRe(seg), at + 1);
    if (next < 0) break;
    at = next;
  }
  return at + 1;
}

function blocksOf(file: ConfigFile, kind: StatementKind): Record<string, unknown>[] {
  const raw = file.body[kind];
  return raw === undefined ? [] : objects(raw) ?? [];
}

/** Structural errors of every `moved`, `import` and `removed` block of the files. */
export function checkStatements(files: readonly ConfigFile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of files) {
    for (const kind of ['moved', 'import', 'removed'] as const) {
      blocksOf(file, kind).forEach((body, n) => {
        const at: BodyLocation = { filename: file.path, line: (p) => statementLine(file, kind, n, p) };
        out.push(...checkBody(body, SPECS[kind], at, [], kind));
        out.push(...staticAddresses(file, kind, n, body));
      });
    }
    // Output preconditions: the same shape as a resource's.
    for (const group of objects(file.body.output ?? []) ?? []) {
      for (const [name, raw] of Object.entries(group)) {
        const body = (objects(raw) ?? [])[0];
        if (!body || !('precondition' in body)) continue;
        const at: BodyLocation = { filename: file.path, line: (p) => lineOf(file, { kind: 'output', name }, p) };
        out.push(...checkBody({ precondition: body.precondition }, { attributes: [], blocks: { precondition: CONDITION_SPEC } }, at, [], 'output'));
        out.push(...checkConditionExpressions([body], at, []));
      }
    }
  }
  return out;
}

/** A static address written as a reference (`xcp_vm.a[0]`); in JSON files a plain string is one too. */
export function staticAddress(file: ConfigFile, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  const wrapped = t.startsWith('${') && t.endsWith('}') && t.indexOf('${', 2) < 0;
  if (!wrapped && file.format === 'hcl') return undefined; // a quoted string, not a reference
  const text = (wrapped ? t.slice(2, -1) : t).trim();
  if (/^(module\.[A-Za-z_][\w-]*(\[(\d+|"(?:[^"\\]|\\.)*")\])?)(\.module\.[A-Za-z_][\w-]*(\[(\d+|"(?:[^"\\]|\\.)*")\])?)*$/.test(text)) return text; // a module (instance)
  return parseAddress(text) ? text : undefined;
}

function staticAddresses(file: ConfigFile, kind: StatementKind, n: number, body: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const src = (attr: string): SourceRef => ({ filename: file.path, line: statementLine(file, kind, n, [attr]) });
  const invalid = (attr: string) => error('config.invalid-static-address', 'Invalid expression', {
    source: src(attr),
    detail: `A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here (the "${attr}" of a ${kind} block).`,
  });
  if (kind === 'moved') {
    for (const attr of ['from', 'to']) if (attr in body && !staticAddress(file, body[attr])) out.push(invalid(attr));
  } else if (kind === 'removed') {
    if (!('from' in body)) return out;
    const addr = staticAddress(file, body.from);
    if (!addr) out.push(invalid('from'));
    else if (!parseAddress(addr)) {
      if (/\]$/.test(addr)) out.push(error('config.removed-instance-key', 'Module instance keys not allowed', { source: src('from'), detail: 'Module address must be a module (e.g. "module.foo"), not a module instance (e.g. "module.foo[1]").' }));
    } else if (parseAddress(addr)!.key !== undefined) {
      out.push(error('config.removed-instance-key', 'Resource instance keys not allowed', { source: src('from'), detail: 'Resource address must be a resource (e.g. "xcp_vm.web"), not a resource instance (e.g. "xcp_vm.web[1]").' }));
    } else if (parseAddress(addr)!.mode === 'data') {
      out.push(error('config.removed-data', 'Invalid "removed" address', { source: src('from'), detail: 'Data sources cannot be removed: they hold no object to forget. Delete the data block instead.' }));
    }
  } else if ('to' in body) {
    const text = typeof body.to === 'string' ? body.to.trim().replace(/^\$\{([\s\S]*)\}$/, '$1').trim() : '';
    if (/^data\./.test(text)) out.push(error('config.import-data', 'Invalid import address', { source: src('to'), detail: 'Only managed resources can be imported.' }));
    else if (!/^(module\.[A-Za-z_][\w-]*(\[[^\]]+\])?\.)*[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*(\[[^\]]+\])?$/.test(text)) out.push(error('config.invalid-import-address', "Invalid import 'to' expression", { source: src('to'), detail: 'The import target must be a resource address such as xcp_vm.web, xcp_vm.web[0] or xcp_vm.web[each.key] (also in a module: module.app.xcp_vm.web).' }));
  }
  return out;
}

/** The model of every statement in one file; structural errors come from {@link checkStatements}. */
export function decodeStatements(ctx: DecodeContext): { moved: MovedStatement[]; imports: ImportStatement[]; removed: RemovedStatement[] } {
  const file = ctx.file;
  const moved: MovedStatement[] = [];
  const imports: ImportStatement[] = [];
  const removed: RemovedStatement[] = [];
  const sourceOf = (kind: StatementKind, n: number): SourceRef => {
    let line: number | undefined | null = null;
    return { filename: file.path, get line() { if (line === null) line = statementLine(file, kind, n); return line; } };
  };
  blocksOf(file, 'moved').forEach((b, n) => {
    const from = staticAddress(file, b.from);
    const to = staticAddress(file, b.to);
    if (from && to) moved.push({ from, to, source: { filename: file.path, line: statementLine(file, 'moved', n) } });
  });
  blocksOf(file, 'import').forEach((b, n) => {
    if (!('to' in b) || !('id' in b)) return;
    const source = sourceOf('import', n);
    const at = (attr: string): SourceRef => ({ filename: file.path, line: statementLine(file, 'import', n, [attr]) });
    const toValue = file.format === 'json' && typeof b.to === 'string' && !b.to.includes('${') ? `\${${b.to}}` : b.to;
    const to = { name: 'to', expr: jsonToExpr(toValue, ctx, at('to')), source: at('to') };
    const id = { name: 'id', expr: jsonToExpr(b.id, ctx, at('id')), source: at('id') };
    const forEach = 'for_each' in b ? { name: 'for_each', expr: jsonToExpr(b.for_each, ctx, at('for_each')), source: at('for_each') } : undefined;
    const refs = new Set<string>();
    exprReferences(id.expr, refs);
    if (forEach) exprReferences(forEach.expr, refs);
    imports.push({ to, id, ...(forEach ? { forEach } : {}), references: [...refs].sort(), source });
  });
  blocksOf(file, 'removed').forEach((b, n) => {
    const from = staticAddress(file, b.from);
    if (!from || (parseAddress(from) ? parseAddress(from)!.key !== undefined : /\]$/.test(from))) return;
    const lc = (objects(b.lifecycle ?? []) ?? [])[0] ?? {};
    const destroy = !(lc.destroy === false || lc.destroy === 'false');
    removed.push({ from, destroy, source: { filename: file.path, line: statementLine(file, 'removed', n) } });
  });
  return { moved, imports, removed };
}

/** In JSON files an import target may be a plain string; its `${...}` form is parsed with the other templates. */
export function jsonImportTargets(files: readonly ConfigFile[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (file.format !== 'json') continue;
    for (const b of blocksOf(file, 'import')) if (typeof b.to === 'string' && !b.to.includes('${')) out.push(`\${${b.to}}`);
  }
  return out;
}
