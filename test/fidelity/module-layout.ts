/**
 * Generated configurations with a local module: part of a case's managed blocks moved into
 * `./modules/NAME`, as a Terraform user factors a configuration. The case keeps its blocks in
 * root form (edits, shrinking and references stay as they were); this file lays it out:
 * references from module blocks to root blocks become input variables, references from the
 * root to module blocks become module outputs, root outputs reading a module block read the
 * module's output, and a call with count/for_each gives each instance its own names through an
 * `instance` variable. It also maps a block to its full instance addresses
 * (`module.m0["x"].xcp_vm.vm0[1]`), as plans and the state name them.
 */
import type { Rng } from './rng';
import type { Case, GenBlock, GenOutput } from './model';

/** The module of a case: which blocks (root-form addresses) it holds, and how it is called. */
export interface GenModule {
  readonly name: string;
  members: string[];
  count?: number;
  forEach?: string[];
  /** Root blocks (root-form addresses) the call waits for (`depends_on`); none refers to the module. */
  dependsOn?: string[];
  /** The module's own file syntax. */
  readonly format: 'json' | 'hcl';
  /** A root data source the call's count / for_each reads (the same instances; expanded once it is read at plan time). */
  gate?: string;
}

/** A block as rendered: its attributes in the file it lives in, and its depends_on. */
export interface RenderBlock {
  readonly mode: GenBlock['mode'];
  readonly type: string;
  readonly name: string;
  readonly attrs: Record<string, unknown>;
  readonly blocks: Record<string, Record<string, unknown>[]>;
  readonly count?: number;
  readonly forEach?: string[];
  readonly dependsOn: string[];
}

export interface RenderOutput { readonly name: string; readonly expr: string }

export interface ModuleCallLayout {
  readonly name: string;
  readonly source: string;
  readonly count?: number;
  readonly forEach?: string[];
  /** Argument name → value (a `${...}` template evaluated in the root). */
  readonly inputs: Record<string, string>;
  readonly dependsOn: string[];
  /** A data source whose value the count / for_each expression reads (see {@link expansionExpr}). */
  readonly gate?: string;
}

/**
 * The call's count / for_each as an expression (`${...}`): reading `gate`, which every read
 * makes non-empty, so the instances stay the given ones but are known only once it is read.
 */
export function expansionExpr(call: ModuleCallLayout): { count?: string; forEach?: string } {
  if (!call.gate) return {};
  const open = `length(jsonencode(${call.gate})) > 0`;
  if (call.count !== undefined) return { count: `\${${open} ? ${call.count} : 0}` };
  if (call.forEach) return { forEach: `\${{ for k in [${call.forEach.map((k) => `"${k}"`).join(', ')}] : k => k if ${open} }}` };
  return {};
}

export interface Layout {
  readonly root: { blocks: RenderBlock[]; outputs: RenderOutput[]; call?: ModuleCallLayout };
  readonly module?: { name: string; dir: string; format: 'json' | 'hcl'; blocks: RenderBlock[]; variables: string[]; outputs: RenderOutput[] };
}

const address = (b: { mode: string; type: string; name: string }): string => (b.mode === 'data' ? `data.${b.type}.${b.name}` : `${b.type}.${b.name}`);

/** `xcp_sr.sr0[1].uuid`, `data.xcp_host.first.name_label`, `xcp_vm.vm0[*].ip_address`. */
const REF = /(?<![\w.])((?:data\.)?xcp_[a-z_]+\.[\w-]+)((?:\[(?:\d+|"[^"\]]*"|\*)\])?)\.(\w+)/g;

/** Rewrites the references inside each `${...}` of every string in a value. */
function mapRefs(v: unknown, fn: (addr: string, index: string, attr: string, whole: string) => string): unknown {
  if (typeof v === 'string') return v.replace(/\$\{[^}]*\}/g, (interp) => interp.replace(REF, (whole, a: string, i: string, at: string) => fn(a, i, at, whole)));
  if (Array.isArray(v)) return v.map((x) => mapRefs(x, fn));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapRefs(x, fn)]));
  return v;
}

/** The members that exist (shrinking may have removed some). */
export function moduleMembers(c: Case): Set<string> {
  const present = new Set(c.blocks.filter((b) => b.mode === 'managed').map(address));
  return new Set((c.module?.members ?? []).filter((m) => present.has(m)));
}

/** `[0]`, `["x"]` or `` (the first instance of the call, the one root blocks refer to). */
function firstInstance(m: GenModule): string {
  if (m.count !== undefined) return '[0]';
  if (m.forEach) return `["${m.forEach[0]}"]`;
  return '';
}

/** The module instance keys of a call (`undefined` for a single instance). */
export function moduleKeys(m: GenModule): (number | string | undefined)[] {
  if (m.count !== undefined) return Array.from({ length: m.count }, (_, i) => i);
  if (m.forEach) return [...m.forEach];
  return [undefined];
}

/** `module.m0`, `module.m0[1]`, `module.m0["x"]`. */
export function modulePath(m: GenModule, key: number | string | undefined): string {
  return `module.${m.name}${key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `["${key}"]`}`;
}

/** The name of the output through which the root reads attribute `attr` of module block `b`. */
const refOutput = (b: GenBlock, attr: string): string => `r_${b.type.replace(/^xcp_/, '')}_${b.name}_${attr}`;

/** The configuration's files: the root and, with a module, the module's folder. */
export function layout(c: Case, dependsOn: (b: GenBlock) => string[]): Layout {
  const members = moduleMembers(c);
  const m = c.module;
  if (!m || !members.size) {
    return { root: { blocks: c.blocks.map((b) => ({ ...b, dependsOn: dependsOn(b) })), outputs: c.outputs.map((o) => ({ name: o.name, expr: o.expr })) } };
  }
  const byAddress = new Map(c.blocks.map((b) => [address(b), b]));
  const multiplied = m.count !== undefined || m.forEach !== undefined;
  const first = `module.${m.name}${firstInstance(m)}`;
  const inputs: Record<string, string> = {};
  const inputOf = new Map<string, string>();
  const modOutputs = new Map<string, string>();
  const rootBlocks: RenderBlock[] = [];
  const modBlocks: RenderBlock[] = [];
  for (const b of c.blocks) {
    const inModule = members.has(address(b));
    const toRoot = (addr: string, index: string, attr: string, whole: string): string => {
      if (members.has(addr) || !inModule) return whole;
      let name = inputOf.get(whole);
      if (!name) {
        name = `in_${inputOf.size}`;
        inputOf.set(whole, name);
        inputs[name] = `\${${whole}}`;
      }
      return `var.${name}`;
    };
    const toModule = (addr: string, index: string, attr: string, whole: string): string => {
      const target = byAddress.get(addr);
      if (inModule || !members.has(addr) || !target) return whole;
      const out = refOutput(target, attr);
      const local = address(target);
      modOutputs.set(out, target.count !== undefined ? `${local}[*].${attr}` : target.forEach ? `{for k, v in ${local} : k => v.${attr}}` : `${local}.${attr}`);
      return `${first}.${out}${index === '[*]' ? '' : index}`;
    };
    const attrs = mapRefs(mapRefs(b.attrs, toRoot), toModule) as Record<string, unknown>;
    const blocks = mapRefs(mapRefs(b.blocks, toRoot), toModule) as Record<string, Record<string, unknown>[]>;
    // Each instance of a counted module names its objects apart, as a user of such a module does.
    if (inModule && multiplied && typeof attrs.name_label === 'string') attrs.name_label = `${attrs.name_label}-\${var.instance}`;
    const deps = [...new Set(dependsOn(b).map((d) => (members.has(d) && !inModule ? `module.${m.name}` : d)))];
    const rb: RenderBlock = { mode: b.mode, type: b.type, name: b.name, attrs, blocks, ...(b.count !== undefined ? { count: b.count } : {}), ...(b.forEach ? { forEach: b.forEach } : {}), dependsOn: deps };
    (inModule ? modBlocks : rootBlocks).push(rb);
  }
  const rootOutputs: RenderOutput[] = [];
  for (const o of c.outputs) {
    const reads = [...o.expr.matchAll(REF)].map((x) => x[1]).concat([...o.expr.matchAll(/(?<![\w.])((?:data\.)?xcp_[a-z_]+\.[\w-]+) :/g)].map((x) => x[1]));
    if (!reads.some((r) => members.has(r))) { rootOutputs.push({ name: o.name, expr: o.expr }); continue; }
    const out = `out_${o.name}`;
    modOutputs.set(out, o.expr);
    const expr = m.count !== undefined ? `module.${m.name}[*].${out}` : m.forEach ? `[for k, m in module.${m.name} : m.${out}]` : `module.${m.name}.${out}`;
    rootOutputs.push({ name: o.name, expr });
  }
  if (multiplied) inputs.instance = m.count !== undefined ? '${count.index}' : '${each.key}';
  const variables = Object.keys(inputs);
  return {
    root: {
      blocks: rootBlocks,
      outputs: rootOutputs,
      call: {
        name: m.name, source: `./modules/${m.name}`, ...(m.count !== undefined ? { count: m.count } : {}), ...(m.forEach ? { forEach: m.forEach } : {}), inputs,
        // Shrinking may have removed a block the call waited for, or moved it into the module.
        dependsOn: (m.dependsOn ?? []).filter((d) => byAddress.has(d) && !members.has(d)),
        ...(m.gate && byAddress.has(m.gate) ? { gate: m.gate } : {}),
      },
    },
    module: { name: m.name, dir: `modules/${m.name}`, format: m.format, blocks: modBlocks, variables, outputs: [...modOutputs].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([name, expr]) => ({ name, expr })) },
  };
}

/** The module path prefixes of a block's instances: `['']` in the root, one per module instance inside it. */
export function modulePrefixes(c: Case, b: GenBlock): { prefix: string; key: number | string | undefined }[] {
  if (!c.module || !moduleMembers(c).has(address(b))) return [{ prefix: '', key: undefined }];
  const m = c.module;
  return moduleKeys(m).map((key) => ({ prefix: `${modulePath(m, key)}.`, key }));
}

/**
 * The module prefix under which a reference made by block `from` finds block `to`: the same
 * module instance inside the module, the call's first instance from the root.
 */
export function referencePrefix(c: Case, from: GenBlock, fromPrefix: string, toAddress: string): string {
  if (!c.module || !moduleMembers(c).has(toAddress)) return '';
  if (moduleMembers(c).has(address(from))) return fromPrefix;
  return `module.${c.module.name}${firstInstance(c.module)}.`;
}

/** Is the block inside a module called with count or for_each? */
export function inMultipliedModule(c: Case, b: GenBlock): boolean {
  return Boolean(c.module && (c.module.count !== undefined || c.module.forEach) && moduleMembers(c).has(address(b)));
}

/** Types a counted module may hold: the generator already multiplies them with count and for_each. */
const MULTIPLIABLE = new Set(['xcp_vm', 'xcp_network']);

/**
 * Sometimes moves part of a generated case into a module (from its own random stream, so a
 * seed's blocks stay as they were). A counted module holds only blocks that may exist several
 * times: no VM attaching a root VDI (two instances cannot share it), no VM a data source looks
 * up by name.
 */
export function genModule(rng: Rng, c: Case): void {
  if (!rng.chance(0.5)) return;
  const multiplied = rng.chance(0.5);
  const foundBy = new Set(c.blocks.filter((b) => b.mode === 'data').flatMap((b) => [...JSON.stringify(b.attrs).matchAll(/xcp_vm\.([\w-]+)\.name_label/g)].map((x) => `xcp_vm.${x[1]}`)));
  const candidates = c.blocks.filter((b) => b.mode === 'managed' && (!multiplied || (MULTIPLIABLE.has(b.type) && !foundBy.has(address(b)) && !JSON.stringify(b.blocks.disk ?? []).includes('xcp_vdi.'))));
  const members = candidates.filter(() => rng.chance(0.5)).map(address);
  if (!members.length && candidates.length) members.push(address(rng.pick(candidates)));
  if (!members.length) return;
  const m: GenModule = { name: 'm0', members, format: rng.chance(0.4) ? 'hcl' : 'json' };
  if (multiplied) {
    if (rng.chance(0.5)) m.count = rng.int(1, 2);
    else m.forEach = rng.subset(['x', 'y'], 1, 2);
  }
  c.module = m;
  // Sometimes the call waits for a root block that does not itself read the module (else a cycle).
  const readsModule = (b: GenBlock, seen = new Set<string>()): boolean => {
    if (seen.has(address(b))) return false;
    seen.add(address(b));
    const refs = [...JSON.stringify({ a: b.attrs, b: b.blocks }).matchAll(/((?:data\.)?xcp_[a-z_]+\.[\w-]+)/g)].map((x) => x[1]);
    // A data.xcp_pool waits for the xcp_pool of its pool (model.ts dependsOn).
    return refs.some((r) => members.includes(r) || (r.startsWith('data.xcp_pool.') && members.some((x) => x.startsWith('xcp_pool.'))) || (c.blocks.some((x) => address(x) === r) && readsModule(c.blocks.find((x) => address(x) === r)!, seen)));
  };
  const waitable = c.blocks.filter((b) => b.mode === 'managed' && !members.includes(address(b)) && !readsModule(b));
  if (waitable.length && rng.chance(0.3)) m.dependsOn = [address(rng.pick(waitable))];
  // Sometimes the count / for_each reads a data source that refers to nothing (read at plan time, in both tools).
  const free = c.blocks.filter((b) => b.mode === 'data' && b.type !== 'xcp_pool' && !JSON.stringify({ a: b.attrs, b: b.blocks }).includes('${'));
  if (multiplied && free.length && rng.chance(0.4)) m.gate = address(rng.pick(free));
}

export type { GenOutput };
