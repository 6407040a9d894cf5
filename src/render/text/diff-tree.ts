/**
 * The diff tree of one resource change: before and after compared value by value with the
 * schema's shapes (blocks, lists, sets, maps, objects), each node carrying its own action.
 * Rendering (values.ts) only walks this tree. Follows Terraform's differ: attributes null on
 * both sides are dropped, empty strings in blocks count as null (legacy SDK behaviour), list
 * elements are aligned by longest common subsequence, list blocks by position (as the planner
 * compares them), set elements by equality.
 */
import type { AttrPath } from '../../plan/paths';
import type { AttributeSchema, BlockSchema } from '../../schema/model';
import type { CtyType } from '../../schema/cty-type';
import { isObjectValue, isUnknown, Unknown, Value, valuesEqual } from '../../values/value';

/** The action of one value inside a resource (replacements exist only at the top). */
export type NodeAction = 'create' | 'delete' | 'update' | 'no-op';

/** Markers attached to the node whose path is listed in the change. */
export interface NodeFlags {
  readonly replace?: boolean;
  readonly migrate?: boolean;
  readonly halt?: boolean;
}

/** One nested block of a block type; `label` is empty except for map-nested blocks. */
export interface BlockItem {
  readonly label: string;
  readonly node: DiffNode;
}

/** A node of the diff tree: its own action, what to render, markers. */
export type DiffNode =
  | { readonly kind: 'primitive'; readonly action: NodeAction; readonly before: Value; readonly after: Value; readonly flags: NodeFlags }
  | { readonly kind: 'unknown'; readonly action: NodeAction; readonly before: DiffNode | null; readonly flags: NodeFlags }
  | { readonly kind: 'sensitive'; readonly action: NodeAction; readonly flags: NodeFlags }
  | { readonly kind: 'list'; readonly action: NodeAction; readonly elements: DiffNode[]; readonly context: boolean; readonly flags: NodeFlags }
  | { readonly kind: 'set'; readonly action: NodeAction; readonly elements: DiffNode[]; readonly flags: NodeFlags }
  | { readonly kind: 'map'; readonly action: NodeAction; readonly entries: [string, DiffNode][]; readonly flags: NodeFlags }
  | { readonly kind: 'object'; readonly action: NodeAction; readonly attrs: [string, DiffNode][]; readonly flags: NodeFlags }
  | {
      readonly kind: 'block';
      readonly action: NodeAction;
      readonly attrs: [string, DiffNode][];
      readonly blocks: [string, BlockItem[]][];
      readonly flags: NodeFlags;
    };

/** What the differ needs to know about paths. */
export interface DiffContext {
  sensitive(path: AttrPath): boolean;
  flags(path: AttrPath): NodeFlags;
}

/** The shape of a value, from the schema or (for `dynamic` and schema-less types) the value. */
export type Shape =
  | { readonly t: 'primitive' }
  | { readonly t: 'dynamic' }
  | { readonly t: 'list' | 'set' | 'map'; readonly elem: Shape }
  | { readonly t: 'object'; readonly attrs: Readonly<Record<string, Shape>> | null }
  | { readonly t: 'block'; readonly block: BlockSchema };

const DYNAMIC: Shape = { t: 'dynamic' };

/** An own property or null: a key named `toString` must not find Object.prototype's. */
export function own(o: { readonly [k: string]: Value }, k: string): Value {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] ?? null : null;
}

/** The shape of a cty type. */
export function shapeOfType(type: CtyType): Shape {
  if (typeof type === 'string') return type === 'dynamic' ? DYNAMIC : { t: 'primitive' };
  const [kind, inner] = type;
  if (kind === 'object') {
    const attrs: Record<string, Shape> = {};
    for (const [k, v] of Object.entries(inner as Record<string, CtyType>)) attrs[k] = shapeOfType(v);
    return { t: 'object', attrs };
  }
  return { t: kind, elem: shapeOfType(inner as CtyType) };
}

/** The shape of an attribute: its type, or its nested attributes. */
export function shapeOfAttribute(attr: AttributeSchema): Shape {
  if (attr.nested) {
    const attrs: Record<string, Shape> = {};
    for (const [k, v] of Object.entries(attr.nested.attributes)) attrs[k] = shapeOfAttribute(v);
    const obj: Shape = { t: 'object', attrs };
    return attr.nested.nesting === 'single' ? obj : { t: attr.nested.nesting, elem: obj };
  }
  return attr.type ? shapeOfType(attr.type) : DYNAMIC;
}

function inferShape(before: Value, after: Value): Shape {
  const v = before !== null && !isUnknown(before) ? before : after;
  if (Array.isArray(v)) return { t: 'list', elem: DYNAMIC };
  if (isObjectValue(v)) return { t: 'object', attrs: null };
  return { t: 'primitive' };
}

function combine(before: Value, after: Value, children: readonly { action: NodeAction }[]): NodeAction {
  if (before === null && after === null) return 'no-op';
  if (before === null) return 'create';
  if (after === null) return 'delete';
  return children.some((c) => c.action !== 'no-op') ? 'update' : 'no-op';
}

/** Diffs two values of one shape at `path`. `undefined` stands for null. */
export function diffValue(shape: Shape, before: Value, after: Value, path: AttrPath, ctx: DiffContext): DiffNode {
  const flags = ctx.flags(path);
  if (ctx.sensitive(path)) {
    const action: NodeAction = before === null && after === null ? 'no-op'
      : before === null ? 'create' : after === null ? 'delete'
      : !isUnknown(after) && valuesEqual(before, after) ? 'no-op' : 'update';
    return { kind: 'sensitive', action, flags };
  }
  if (after instanceof Unknown) {
    if (before === null) return { kind: 'unknown', action: 'create', before: null, flags };
    return { kind: 'unknown', action: 'update', before: diffValue(shape, before, null, path, ctx), flags };
  }
  const s = shape.t === 'dynamic' ? inferShape(before, after) : shape;
  if (shape.t === 'dynamic' && before !== null && after !== null && inferShape(before, null).t !== inferShape(after, null).t) {
    return { kind: 'primitive', action: 'update', before: masked(before, path, ctx), after: masked(after, path, ctx), flags };
  }
  switch (s.t) {
    case 'list':
      return s.elem.t === 'object' || s.elem.t === 'block' ? diffByPosition(s.elem, before, after, path, ctx, flags) : diffList(s.elem, before, after, path, ctx, flags);
    case 'set':
      return diffSet(s.elem, before, after, path, ctx, flags);
    case 'map': {
      const b = isObjectValue(before) ? before : {};
      const a = isObjectValue(after) ? after : {};
      const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
      const entries: [string, DiffNode][] = keys.map((k) => [k, diffValue(s.elem, own(b, k), own(a, k), [...path, k], ctx)]);
      return { kind: 'map', action: combine(before, after, entries.map((e) => e[1])), entries, flags };
    }
    case 'object': {
      const attrs = diffAttributes(s.attrs, before, after, path, ctx, false);
      return { kind: 'object', action: combine(before, after, attrs.map((e) => e[1])), attrs, flags };
    }
    case 'block':
      return diffBlock(s.block, before, after, path, ctx);
    default: {
      const action: NodeAction = before === null && after === null ? 'no-op'
        : before === null ? 'create' : after === null ? 'delete' : valuesEqual(before, after) ? 'no-op' : 'update';
      return { kind: 'primitive', action, before, after, flags };
    }
  }
}

/** A copy with sensitive parts replaced, for values written whole (a dynamic type change). */
function masked(v: Value, path: AttrPath, ctx: DiffContext): Value {
  if (ctx.sensitive(path)) return '(sensitive value)';
  if (Array.isArray(v)) return v.map((x, i) => masked(x, [...path, i], ctx));
  if (isObjectValue(v)) {
    const out: { [k: string]: Value } = {};
    for (const k of Object.keys(v)) out[k] = masked(v[k], [...path, k], ctx);
    return out;
  }
  return v;
}

function diffAttributes(
  shapes: Readonly<Record<string, Shape>> | null,
  before: Value,
  after: Value,
  path: AttrPath,
  ctx: DiffContext,
  emptyStringIsNull: boolean,
): [string, DiffNode][] {
  const b = isObjectValue(before) ? before : {};
  const a = isObjectValue(after) ? after : {};
  const names = shapes ? Object.keys(shapes) : [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const out: [string, DiffNode][] = [];
  for (const name of names.sort()) {
    let bv = own(b, name);
    let av = own(a, name);
    if (emptyStringIsNull && bv === '') bv = null;
    if (emptyStringIsNull && av === '') av = null;
    if (bv === null && av === null) continue;
    out.push([name, diffValue(shapes?.[name] ?? DYNAMIC, bv, av, [...path, name], ctx)]);
  }
  return out;
}

/** A nested block (or the resource itself) from its schema. */
export function diffBlock(block: BlockSchema, before: Value, after: Value, path: AttrPath, ctx: DiffContext): DiffNode {
  const shapes: Record<string, Shape> = {};
  for (const [k, attr] of Object.entries(block.attributes)) shapes[k] = shapeOfAttribute(attr);
  const attrs = diffAttributes(shapes, before, after, path, ctx, true);
  const b = isObjectValue(before) ? before : {};
  const a = isObjectValue(after) ? after : {};
  const blocks: [string, BlockItem[]][] = [];
  for (const name of Object.keys(block.blockTypes ?? {}).sort()) {
    const bt = block.blockTypes![name];
    const at = [...path, name];
    const groupFlags = ctx.flags(at);
    const items: BlockItem[] = [];
    if (isUnknown(own(a, name))) {
      // A whole block (or list of blocks) known only after apply: `+ disk (known after apply)`.
      items.push({ label: '', node: diffValue(DYNAMIC, own(b, name), own(a, name), at, ctx) });
    } else if (bt.nesting === 'single') {
      const bv = own(b, name);
      const av = own(a, name);
      if (bv !== null || av !== null) items.push({ label: '', node: diffBlock(bt.block, single(bv), single(av), at, ctx) });
    } else {
      const bl = asList(own(b, name));
      const al = asList(own(a, name));
      const pair = bt.nesting === 'set' ? pairSet(bl, al) : pairByIndex(bl, al);
      pair.forEach(([bv, av], i) => {
        const node = diffBlock(bt.block, bv, av, [...at, i], ctx);
        items.push({ label: '', node: groupFlags.replace ? withFlags(node, groupFlags) : node });
      });
    }
    if (items.length) blocks.push([name, items]);
  }
  const children = [...attrs.map((e) => e[1]), ...blocks.flatMap(([, items]) => items.map((i) => i.node))];
  return { kind: 'block', action: combine(before, after, children), attrs, blocks, flags: ctx.flags(path) };
}

function withFlags(node: DiffNode, flags: NodeFlags): DiffNode {
  return { ...node, flags: { ...node.flags, ...flags } };
}

function single(v: Value): Value {
  return Array.isArray(v) ? v[0] ?? null : v;
}

function asList(v: Value | undefined): Value[] {
  return v === null || v === undefined || isUnknown(v) ? [] : Array.isArray(v) ? v : [v];
}

function pairByIndex(b: Value[], a: Value[]): [Value, Value][] {
  const n = Math.max(b.length, a.length);
  return Array.from({ length: n }, (_, i) => [b[i] ?? null, a[i] ?? null] as [Value, Value]);
}

/** Equal elements pair up (unchanged); the rest are removed, then added. */
function pairSet(b: Value[], a: Value[]): [Value, Value][] {
  const used = new Array<boolean>(a.length).fill(false);
  const out: [Value, Value][] = [];
  for (const x of b) {
    const j = a.findIndex((y, k) => !used[k] && valuesEqual(x, y));
    if (j >= 0) used[j] = true;
    out.push([x, j >= 0 ? a[j] : null]);
  }
  a.forEach((y, k) => { if (!used[k]) out.push([null, y]); });
  return out;
}

function diffByPosition(elem: Shape, before: Value, after: Value, path: AttrPath, ctx: DiffContext, flags: NodeFlags): DiffNode {
  const elements = pairByIndex(asList(before), asList(after)).map(([b, a], i) => diffValue(elem, b, a, [...path, i], ctx));
  return { kind: 'list', action: combine(before, after, elements), elements, context: false, flags };
}

function diffSet(elem: Shape, before: Value, after: Value, path: AttrPath, ctx: DiffContext, flags: NodeFlags): DiffNode {
  const elements = pairSet(asList(before), asList(after)).map(([b, a], i) => diffValue(elem, b, a, [...path, i], ctx));
  return { kind: 'set', action: combine(before, after, elements), elements, flags };
}

/** Lists of primitives: longest common subsequence, the rest removed or added in place. */
function diffList(elem: Shape, before: Value, after: Value, path: AttrPath, ctx: DiffContext, flags: NodeFlags): DiffNode {
  const b = asList(before);
  const a = asList(after);
  const elements: DiffNode[] = [];
  for (const [op, bi, ai] of lcsOps(b, a)) {
    const p = [...path, op === 'delete' ? bi : ai];
    if (op === 'same') elements.push(diffValue(elem, b[bi], a[ai], p, ctx));
    else if (op === 'delete') elements.push(diffValue(elem, b[bi], null, p, ctx));
    else elements.push(diffValue(elem, null, a[ai], p, ctx));
  }
  return { kind: 'list', action: combine(before, after, elements), elements, context: true, flags };
}

/** Edit script of two sequences: removals before additions at each point, as Terraform prints. */
export function lcsOps<T>(b: readonly T[], a: readonly T[], eq: (x: T, y: T) => boolean = (x, y) => valuesEqual(x as Value, y as Value)): ['same' | 'delete' | 'create', number, number][] {
  const n = b.length;
  const m = a.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i][j] = eq(b[i], a[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const out: ['same' | 'delete' | 'create', number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && eq(b[i], a[j])) out.push(['same', i++, j++]);
    else if (i < n && (j >= m || table[i + 1][j] >= table[i][j + 1])) out.push(['delete', i++, j]);
    else out.push(['create', i, j++]);
  }
  return out;
}
