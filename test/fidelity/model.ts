/**
 * A generated configuration ("case") as data: blocks with attributes and nested blocks, count
 * and for_each, outputs. Rendered to `.tf.json` for both front doors. String values may hold
 * `${...}` expressions, as `.tf.json` allows.
 */
import { type GenModule, type ModuleCallLayout, type RenderBlock, type RenderOutput, expansionExpr, layout } from './module-layout';

export interface GenBlock {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Top-level attributes; strings may be `${...}` templates. */
  attrs: Record<string, unknown>;
  /** Nested blocks by block type, each a list of bodies (single blocks have at most one). */
  blocks: Record<string, Record<string, unknown>[]>;
  count?: number;
  /** for_each over a map literal with these keys (values equal to the keys). */
  forEach?: string[];
}

export interface GenOutput {
  readonly name: string;
  /** The expression, without `${}`. */
  readonly expr: string;
  /** What it reads, `xcp_vm.ip_address`, for failure grouping. */
  readonly reads: string;
}

export interface Case {
  /** Part of the managed blocks moved into a local module (module-layout.ts). */
  module?: GenModule;
  readonly seed: number;
  /** false: resource attributes never read data sources (data sources still feed outputs). */
  readonly dataRefs?: boolean;
  /** `hcl`: written as `main.tf` (native syntax) instead of `main.tf.json`. */
  readonly format?: 'json' | 'hcl';
  readonly pools: readonly string[];
  blocks: GenBlock[];
  outputs: GenOutput[];
}

export function blockAddress(b: GenBlock): string {
  return b.mode === 'data' ? `data.${b.type}.${b.name}` : `${b.type}.${b.name}`;
}

/** The instance addresses a block expands to. */
export function instanceAddresses(b: GenBlock): string[] {
  const base = blockAddress(b);
  if (b.count !== undefined) return Array.from({ length: b.count }, (_, i) => `${base}[${i}]`);
  if (b.forEach) return b.forEach.map((k) => `${base}["${k}"]`);
  return [base];
}

/** Instance keys (`undefined` for a single instance). */
export function instanceKeys(b: GenBlock): (number | string | undefined)[] {
  if (b.count !== undefined) return Array.from({ length: b.count }, (_, i) => i);
  if (b.forEach) return [...b.forEach];
  return [undefined];
}

/** A reference to an attribute of one instance of a block (a `${...}` template). */
export function refTo(b: GenBlock, attr: string, which = 0): string {
  const base = blockAddress(b);
  if (b.count !== undefined) return `\${${base}[${which % b.count}].${attr}}`;
  if (b.forEach) return `\${${base}["${b.forEach[which % b.forEach.length]}"].${attr}}`;
  return `\${${base}.${attr}}`;
}

export function cloneCase(c: Case): Case {
  return JSON.parse(JSON.stringify(c)) as Case;
}

/**
 * `depends_on` of a block: a data.xcp_pool of a pool an xcp_pool of the case manages reads it
 * after that resource changes it, as a Terraform user writes it (without, Terraform reads the
 * data source at plan time, before the change, and the next plan's outputs differ once).
 */
export function dependsOn(c: Case, b: GenBlock): string[] {
  if (b.mode !== 'data' || b.type !== 'xcp_pool') return [];
  return c.blocks.filter((x) => x.mode === 'managed' && x.type === 'xcp_pool' && x.attrs.pool === b.attrs.pool).map((x) => `xcp_pool.${x.name}`);
}

const PROVIDERS = { required_providers: { xcp: { source: 'registry.terraform.io/xcpform/xcp' } } };

/** The `resource` / `data` / `output` parts of a `.tf.json` document. */
function blocksJson(blocks: readonly RenderBlock[], outputs: readonly RenderOutput[], doc: Record<string, unknown>, call?: ModuleCallLayout): void {
  for (const mode of ['managed', 'data'] as const) {
    const byType: Record<string, Record<string, unknown>> = {};
    for (const b of blocks.filter((x) => x.mode === mode)) {
      const body: Record<string, unknown> = { ...b.attrs };
      for (const [bt, items] of Object.entries(b.blocks)) if (items.length) body[bt] = items;
      if (b.count !== undefined) body.count = b.count;
      if (b.forEach) body.for_each = Object.fromEntries(b.forEach.map((k) => [k, k]));
      if (b.dependsOn.length) body.depends_on = b.dependsOn;
      (byType[b.type] ??= {})[b.name] = body;
    }
    if (Object.keys(byType).length) doc[mode === 'managed' ? 'resource' : 'data'] = byType;
  }
  if (call) {
    doc.module = {
      [call.name]: {
        source: call.source,
        ...(call.count !== undefined ? { count: expansionExpr(call).count ?? call.count } : {}),
        ...(call.forEach ? { for_each: expansionExpr(call).forEach ?? Object.fromEntries(call.forEach.map((k) => [k, k])) } : {}),
        ...(call.dependsOn.length ? { depends_on: call.dependsOn } : {}),
        ...call.inputs,
      },
    };
  }
  if (outputs.length) doc.output = Object.fromEntries(outputs.map((o) => [o.name, { value: `\${${o.expr}}` }]));
}

/** The root `.tf.json` document of a case. */
export function renderTfJson(c: Case): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    terraform: PROVIDERS,
    // default_pool explicit: with several pools the implicit default is the first name in sorted order.
    provider: { xcp: { pools: Object.fromEntries(c.pools.map((p) => [p, { url: 'embedded' }])), default_pool: c.pools[0] } },
  };
  const l = layout(c, (b) => dependsOn(c, b));
  blocksJson(l.root.blocks, l.root.outputs, doc, l.root.call);
  return doc;
}

/** The module's `.tf.json` document (undefined without a module). */
export function renderModuleTfJson(c: Case): Record<string, unknown> | undefined {
  const m = layout(c, (b) => dependsOn(c, b)).module;
  if (!m) return undefined;
  const doc: Record<string, unknown> = { terraform: PROVIDERS };
  if (m.variables.length) doc.variable = Object.fromEntries(m.variables.map((v) => [v, { type: 'string' }]));
  blocksJson(m.blocks, m.outputs, doc);
  return doc;
}

export function renderTfJsonText(c: Case): string {
  return `${JSON.stringify(renderTfJson(c), null, 2)}\n`;
}

/** Addresses (`xcp_sr.s1`, `data.xcp_template.t`) a value refers to. */
export function referencesIn(value: unknown): string[] {
  const text = JSON.stringify(value) ?? '';
  const out = new Set<string>();
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const r of m[1].matchAll(/\b(data\.xcp_[a-z_]+\.[A-Za-z0-9_-]+|xcp_[a-z_]+\.[A-Za-z0-9_-]+)/g)) out.add(r[1]);
  }
  return [...out];
}

/** The blocks a block refers to (by address). */
export function dependenciesOf(b: GenBlock): string[] {
  return referencesIn({ a: b.attrs, b: b.blocks });
}

/** A short form for reports: one line per block and output (the `.tf.json` bodies, compact). */
export function renderCompact(c: Case): string {
  const lines = [`pools: ${c.pools.join(', ')} (embedded)`];
  type Doc = { resource?: Record<string, Record<string, unknown>>; data?: Record<string, Record<string, unknown>>; module?: Record<string, unknown>; variable?: Record<string, unknown>; output?: Record<string, unknown> };
  const compact = (doc: Doc, prefix: string) => {
    for (const [kind, blocks] of [['resource', doc.resource], ['data', doc.data]] as const) {
      for (const [type, byName] of Object.entries(blocks ?? {})) for (const [name, body] of Object.entries(byName)) lines.push(`${prefix}${kind} ${type}.${name} ${JSON.stringify(body)}`);
    }
    for (const [name, body] of Object.entries(doc.module ?? {})) lines.push(`${prefix}module ${name} ${JSON.stringify(body)}`);
    for (const name of Object.keys(doc.variable ?? {})) lines.push(`${prefix}variable ${name}`);
    for (const [name, body] of Object.entries(doc.output ?? {})) lines.push(`${prefix}output ${name} ${JSON.stringify(body)}`);
  };
  compact(renderTfJson(c) as Doc, '');
  const m = renderModuleTfJson(c);
  if (m) compact(m as Doc, `(modules/${c.module!.name}) `);
  return lines.join('\n');
}
