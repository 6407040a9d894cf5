/**
 * `moved` blocks at plan time, as Terraform resolves them: the statements are checked (same
 * resource type, not redundant, not ambiguous, no cycle, the old address no longer declared),
 * count's implied moves are added (`a` ↔ `a[0]` when count is added or removed), then each
 * prior instance follows the chain of statements to its final address. An instance whose
 * final address is already taken stays where it is, with Terraform's warning.
 */
import { Diagnostic, error, warning } from '../diagnostics';
import type { PriorResource, StatementSource } from './ports';

/** How a configuration block is expanded: no count/for_each, count, for_each; undefined when not declared. */
export type ExpansionOf = (blockAddress: string) => 'none' | 'count' | 'for_each' | undefined;

interface Endpoint {
  /** The module instance path (`module.app["a"]`); `''` in the root module. */
  readonly module?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Present for an instance endpoint; `null` is the no-key instance (`a` opposite `b[0]`). */
  readonly key?: string | number | null;
}

interface Statement {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly text: { readonly from: string; readonly to: string };
  readonly source?: StatementSource;
  readonly implied?: boolean;
}

const KEY_RE = /\[(\d+|"(?:[^"\\]|\\.)*")\]$/;
/** `module.a`, `module.a["k"]`, `module.a.module.b[0]`: a module (instance) address. */
const isModule = (a: string): boolean => /^module\.[A-Za-z_][\w-]*(\[[^\]]*\])?$/.test(a.slice(MODULE_RE.exec(a)![1].length));
const MODULE_RE = /^((?:module\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.)*)/;

function parseEndpoint(full: string): { module?: string; mode: 'managed' | 'data'; type: string; name: string; key?: string | number } | undefined {
  const prefix = MODULE_RE.exec(full)![1];
  const text = full.slice(prefix.length);
  const module = prefix ? { module: prefix.slice(0, -1) } : {};
  const m = KEY_RE.exec(text);
  const base = m ? text.slice(0, m.index) : text;
  const parts = base.split('.');
  const data = parts[0] === 'data';
  const [type, name] = data ? parts.slice(1) : parts;
  if (!type || !name || parts.length !== (data ? 3 : 2)) return undefined;
  const key = m ? (m[1].startsWith('"') ? (JSON.parse(m[1]) as string) : Number(m[1])) : undefined;
  return { ...module, mode: data ? 'data' : 'managed', type, name, ...(key === undefined ? {} : { key }) };
}

/** `xcp_vm.a`, `xcp_vm.a[0]`, `xcp_vm.a["k"]`, `data.T.N`. */
export function endpointText(e: { module?: string; mode: 'managed' | 'data'; type: string; name: string; key?: string | number | null }): string {
  const k = e.key === undefined || e.key === null ? '' : typeof e.key === 'number' ? `[${e.key}]` : `[${JSON.stringify(e.key)}]`;
  return `${e.module ? `${e.module}.` : ''}${e.mode === 'data' ? 'data.' : ''}${e.type}.${e.name}${k}`;
}

const resourceOf = (e: Endpoint) => `${e.module ? `${e.module}.` : ''}${e.mode === 'data' ? 'data.' : ''}${e.type}.${e.name}`;
const where = (s?: StatementSource) => (s ? `${s.filename}${s.line ? `:${s.line}` : ''}` : 'an implied move');

function toStatement(raw: { from: string; to: string; source: StatementSource }): Statement | undefined {
  const f = parseEndpoint(raw.from);
  const t = parseEndpoint(raw.to);
  if (!f || !t) return undefined;
  // One keyed side makes both instance endpoints: the keyless one is the no-key instance.
  const instance = f.key !== undefined || t.key !== undefined;
  const from: Endpoint = instance ? { ...f, key: f.key ?? null } : f;
  const to: Endpoint = instance ? { ...t, key: t.key ?? null } : t;
  return { from, to, text: raw, source: raw.source };
}

/** Does `e` (a statement endpoint) cover the instance or endpoint `x`? */
function covers(e: Endpoint, x: Endpoint): boolean {
  if (resourceOf(e) !== resourceOf(x)) return false;
  if (e.key === undefined || x.key === undefined) return true;
  return e.key === x.key;
}

/** The static checks; returns the usable statements and the errors. */
export function checkMoves(raw: readonly { from: string; to: string; source: StatementSource }[], expansionOf: ExpansionOf): { statements: Statement[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const statements: Statement[] = [];
  for (const r of raw) {
    const s = toStatement(r);
    if (!s) continue; // reported by the loader
    const at = { source: r.source };
    if (endpointText(s.from) === endpointText(s.to)) {
      diagnostics.push(error('plan.move-redundant', 'Redundant move statement', { ...at, detail: `This statement declares a move from ${r.from} to the same address, which is the same as not declaring this move at all.` }));
      continue;
    }
    if (s.from.mode !== s.to.mode || s.from.type !== s.to.type) {
      diagnostics.push(error('plan.move-cross-type', 'Unsupported `moved` across resource types', {
        ...at,
        detail: `This statement declares a move from ${r.from} to ${r.to}, but the xcp provider cannot convert an object of one resource type into another. Keep the resource type, or use a removed block with destroy = false and an import block instead.`,
      }));
      continue;
    }
    // An instance of a counted block is still declared only if the expansion has it: the
    // planner checks that once blocks are expanded (see statements.ts).
    const declared = expansionOf(resourceOf(s.from));
    const fromKeyFits = s.from.key === undefined || (declared === 'none' && s.from.key === null);
    if (declared !== undefined && fromKeyFits) {
      diagnostics.push(error('plan.moved-object-exists', 'Moved object still exists', {
        ...at,
        detail: `This statement declares a move from ${r.from}, but that resource is still declared in the configuration.\n\nChange your configuration so that this resource will be declared as ${r.to} instead.`,
      }));
      continue;
    }
    const twin = statements.find((o) => endpointText(o.from) === endpointText(s.from) && endpointText(o.to) !== endpointText(s.to));
    if (twin) {
      diagnostics.push(error('plan.move-ambiguous', 'Ambiguous move statements', {
        ...at,
        detail: `A statement at ${where(twin.source)} declared that ${twin.text.from} moved to ${twin.text.to}, but this statement instead declares that it moved to ${r.to}.\n\nEach resource can move to only one destination resource.`,
      }));
      continue;
    }
    statements.push(s);
  }
  const cycle = findCycle(statements);
  if (cycle) {
    const lines = cycle.map((s) => `  - ${where(s.source)}: ${s.text.from} → ${s.text.to}`).join('\n');
    diagnostics.push(error('plan.move-cycle', 'Cyclic dependency in move statements', {
      source: cycle[0].source,
      detail: `The following chained move statements form a cycle, and so there is no final location to move objects to:\n${lines}\n\nA chain of move statements must end with an address that doesn't appear in any other statements, and which typically also refers to an object still declared in the configuration.`,
    }));
    return { statements: [], diagnostics };
  }
  return { statements, diagnostics };
}

function findCycle(statements: readonly Statement[]): Statement[] | undefined {
  const next = (s: Statement) => statements.filter((o) => o !== s && covers(o.from, s.to));
  const state = new Map<Statement, 'visiting' | 'done'>();
  const stack: Statement[] = [];
  const visit = (s: Statement): Statement[] | undefined => {
    if (state.get(s) === 'done') return undefined;
    if (state.get(s) === 'visiting') return stack.slice(stack.indexOf(s));
    state.set(s, 'visiting');
    stack.push(s);
    for (const n of next(s)) { const c = visit(n); if (c) return c; }
    stack.pop();
    state.set(s, 'done');
    return undefined;
  };
  for (const s of statements) { const c = visit(s); if (c) return c; }
  return undefined;
}

/** Count's implied moves: `a` → `a[0]` when count was added, `a[0]` → `a` when it was removed. */
function impliedMoves(prior: readonly PriorResource[], expansionOf: ExpansionOf, explicit: readonly Statement[]): Statement[] {
  const out: Statement[] = [];
  let addresses: Set<string> | undefined;
  const have = (a: string) => (addresses ??= new Set(prior.map((p) => p.address))).has(a);
  for (const p of prior) {
    if (p.index !== undefined && p.index !== 0) continue; // only a and a[0] can move implicitly
    const base = p.index === undefined ? p.address : p.address.slice(0, p.address.length - `[${JSON.stringify(p.index)}]`.length);
    const module = MODULE_RE.exec(p.address)![1].slice(0, -1);
    const exp = expansionOf(base);
    const from = { ...(module ? { module } : {}), mode: p.mode, type: p.type, name: p.name, key: p.index ?? null } as Endpoint;
    let to: Endpoint | undefined;
    if (exp === 'count' && p.index === undefined && !have(`${base}[0]`)) to = { ...from, key: 0 };
    if (exp === 'none' && p.index === 0 && !have(base)) to = { ...from, key: null };
    if (!to || explicit.some((s) => covers(s.from, from))) continue;
    out.push({ from, to, text: { from: p.address, to: endpointText(to) }, implied: true });
  }
  return out;
}

export interface MoveResult {
  /** The prior instances at their new addresses. */
  readonly prior: PriorResource[];
  /** New address → address in the prior state. */
  readonly previous: Map<string, string>;
  /** New address → the first statement that moved it (absent for implied moves). */
  readonly sources: Map<string, StatementSource>;
  readonly diagnostics: Diagnostic[];
}

/** Applies the statements to the prior instances. */
export function applyMoves(given: readonly PriorResource[], all: readonly { from: string; to: string; source: StatementSource }[], expansionOf: ExpansionOf): MoveResult {
  const modular = all.filter((s) => isModule(s.from) || isModule(s.to));
  const raw = all.filter((s) => !modular.includes(s));
  const moduleMoves = moveModules(given, modular);
  const prior = moduleMoves.prior;
  const { statements: explicit, diagnostics } = checkMoves(raw, expansionOf);
  diagnostics.push(...moduleMoves.diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { prior: [...given], previous: new Map(), sources: new Map(), diagnostics };
  const statements = [...explicit, ...impliedMoves(prior, expansionOf, explicit)];
  const previous = new Map<string, string>(moduleMoves.previous);
  const sources = new Map<string, StatementSource>(moduleMoves.sources);
  if (!statements.length) return { prior: [...prior], previous, sources, diagnostics };
  const target = new Map<PriorResource, { at: Endpoint; source?: StatementSource }>();
  for (const p of prior) {
    const module = MODULE_RE.exec(p.address)![1].slice(0, -1);
    let at: Endpoint = { ...(module ? { module } : {}), mode: p.mode, type: p.type, name: p.name, key: p.index ?? null };
    // Follow the chain (acyclic, checked above); each statement is used at most once.
    const used = new Set<Statement>();
    let source: StatementSource | undefined;
    for (;;) {
      const s = statements.find((x) => !used.has(x) && covers(x.from, at));
      if (!s) break;
      used.add(s);
      source ??= s.source;
      at = { ...s.to, key: s.to.key === undefined ? at.key : s.to.key };
    }
    if (endpointText(at) !== p.address) target.set(p, { at, source });
  }
  const staying = new Set(prior.filter((p) => !target.has(p)).map((p) => p.address));
  const blocked: string[] = [];
  const out: PriorResource[] = [];
  for (const p of prior) {
    const t = target.get(p);
    if (!t) { out.push(p); continue; }
    const to = t.at;
    const addr = endpointText(to);
    if (staying.has(addr) || previous.has(addr)) { blocked.push(`  - ${p.address} could not move to ${addr}`); out.push(p); continue; }
    previous.set(addr, moduleMoves.previous.get(p.address) ?? p.address);
    previous.delete(p.address);
    if (t.source) sources.set(addr, t.source);
    const key = to.key === null || to.key === undefined ? undefined : to.key;
    const { index: _old, ...rest } = p;
    out.push({ ...rest, address: addr, type: to.type, name: to.name, ...(key === undefined ? {} : { index: key }) });
  }
  if (blocked.length) {
    diagnostics.push(warning('plan.move-blocked', 'Unresolved resource instance address changes', {
      detail: `xcpform tried to adjust resource instance addresses in the prior state based on change information recorded in the configuration, but some adjustments did not succeed due to existing objects already at the intended addresses:\n${blocked.join('\n')}\n\nxcpform has planned to destroy these objects. If xcpform's proposed changes aren't appropriate, you must first resolve the conflicts using the "xcpform state" subcommands and then create a new plan.`,
    }));
  }
  return { prior: out, previous, sources, diagnostics };
}

/**
 * `moved { from = module.a  to = module.b }` (also with instance keys): every prior instance
 * under the old module path takes the new one. A statement naming a module on one side and a
 * resource on the other is an error, as in Terraform.
 */
function moveModules(prior: readonly PriorResource[], statements: readonly { from: string; to: string; source: StatementSource }[]): { prior: PriorResource[]; previous: Map<string, string>; sources: Map<string, StatementSource>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const previous = new Map<string, string>();
  const sources = new Map<string, StatementSource>();
  if (!statements.length) return { prior: [...prior], previous, sources, diagnostics };
  const usable = statements.filter((s) => {
    if (isModule(s.from) !== isModule(s.to)) {
      diagnostics.push(error('plan.move-kind', 'Invalid "moved" addresses', { source: s.source, detail: 'The "from" and "to" addresses must either both refer to resources or both refer to modules.' }));
      return false;
    }
    return true;
  });
  const taken = new Set(prior.map((p) => p.address));
  const out = prior.map((p) => {
    for (const s of usable) {
      let rest: string | undefined;
      let to = s.to;
      if (p.address.startsWith(`${s.from}.`)) rest = p.address.slice(s.from.length + 1);
      else if (!/\]$/.test(s.from) && p.address.startsWith(`${s.from}[`) && !/\]$/.test(s.to)) {
        // module.a covers every instance of it: module.a["k"] moves to module.b["k"].
        const close = p.address.indexOf('].', s.from.length);
        if (close > 0) { to = `${s.to}${p.address.slice(s.from.length, close + 1)}`; rest = p.address.slice(close + 2); }
      }
      if (rest === undefined) continue;
      const addr = `${to}.${rest}`;
      if (taken.has(addr)) return p;
      previous.set(addr, p.address);
      sources.set(addr, s.source);
      return { ...p, address: addr };
    }
    return p;
  });
  return { prior: out, previous, sources, diagnostics };
}
