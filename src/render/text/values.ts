/**
 * Renders a diff tree (diff-tree.ts) the way Terraform's `jsonformat/computed/renderers` do:
 * `=` aligned within a block, `-> null` on removals, `# forces replacement`, `(known after
 * apply)`, `(sensitive value)`, `# (N unchanged attributes hidden)` and friends, lists with one
 * unchanged element of context around a change, heredocs for multi-line strings.
 */
import { isUnknown, Value } from '../../values/value';
import type { DiffNode, NodeAction } from './diff-tree';
import { lcsOps } from './diff-tree';
import { indentOf, LineAction, linePrefix, paint, TextStyle } from './style';

/** Per-call options, cloned as they go down the tree (Terraform's RenderHumanOpts). */
export interface RenderOpts {
  readonly style: TextStyle;
  readonly showUnchanged?: boolean;
  readonly overrideNullSuffix?: boolean;
  readonly overrideReplace?: boolean;
}

/** Attributes shown even when unchanged, so a reviewer knows which object is meant. */
export const IMPORTANT_ATTRIBUTES: readonly string[] = ['id', 'name_label', 'tags'];

function nullSuffix(action: NodeAction, o: RenderOpts): string {
  return action === 'delete' && !o.overrideNullSuffix ? paint(o.style, ' -> null', 'darkGray') : '';
}

function markers(node: DiffNode, o: RenderOpts): string {
  let out = '';
  if (node.flags.replace || o.overrideReplace) out += paint(o.style, ' # forces replacement', 'red');
  if (node.flags.halt && node.action !== 'no-op') out += paint(o.style, ' # requires shutdown', 'yellow');
  return out;
}

/** `# (1 unchanged attribute hidden)` / `# (3 unchanged blocks hidden)`. */
export function unchanged(word: string, count: number, o: RenderOpts): string {
  return paint(o.style, `# (${count} unchanged ${word}${count === 1 ? '' : 's'} hidden)`, 'darkGray');
}

/** The symbol a nested line carries: the node's action, `~>` for a migrating attribute. */
export function lineAction(node: DiffNode): LineAction {
  return node.flags.migrate && node.action === 'update' ? 'migrate' : node.action;
}

/** Terraform quotes attribute names that are not valid identifiers. */
export function attrName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : JSON.stringify(name);
}

/** A primitive as Terraform writes it: quoted strings, bare numbers and bools, `null`. */
export function formatPrimitive(v: Value): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (isUnknown(v)) return '(known after apply)';
  // A dynamic value that changed kind (string to object): written whole, as JSON.
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (isUnknown(x) ? '(known after apply)' : x));
  return String(v);
}

/** Renders one node at nesting level `indent`; multi-line results end without a newline. */
export function renderNode(node: DiffNode, indent: number, o: RenderOpts): string {
  switch (node.kind) {
    case 'primitive':
      return renderPrimitive(node, indent, o);
    case 'unknown': {
      if (node.action === 'create' || !node.before) return `(known after apply)${markers(node, o)}`;
      // The markers belong to the whole change and follow `(known after apply)`, once: the old
      // value (same path, same flags) is drawn without its own, as Terraform's unknown renderer does.
      const before = renderNode({ ...node.before, flags: {} }, indent, { ...o, overrideNullSuffix: true, overrideReplace: false });
      return `${before} ${paint(o.style, '->', 'yellow')} (known after apply)${markers(node, o)}`;
    }
    case 'sensitive':
      return `(sensitive value)${nullSuffix(node.action, o)}${markers(node, o)}`;
    case 'list':
      return renderList(node, indent, o);
    case 'set':
      return renderSet(node, indent, o);
    case 'map':
      return renderMap(node, indent, o);
    case 'object':
      return renderObject(node, indent, o);
    case 'block':
      return renderBlock(node, indent, o);
  }
}

function renderPrimitive(node: Extract<DiffNode, { kind: 'primitive' }>, indent: number, o: RenderOpts): string {
  const multiline = (v: Value) => typeof v === 'string' && v.includes('\n');
  if (multiline(node.before) || multiline(node.after)) return renderHeredoc(node, indent, o);
  const before = formatPrimitive(node.before);
  const after = formatPrimitive(node.after);
  switch (node.action) {
    case 'create':
      return `${after}${markers(node, o)}`;
    case 'delete':
      return `${before}${nullSuffix(node.action, o)}${markers(node, o)}`;
    case 'no-op':
      return `${before}${markers(node, o)}`;
    default:
      return `${before} ${paint(o.style, '->', 'yellow')} ${after}${markers(node, o)}`;
  }
}

function heredocLines(v: Value): string[] {
  if (typeof v !== 'string') return v === null ? [] : [formatPrimitive(v)];
  return (v.endsWith('\n') ? v.slice(0, -1) : v).split('\n');
}

function renderHeredoc(node: Extract<DiffNode, { kind: 'primitive' }>, indent: number, o: RenderOpts): string {
  const lines: string[] = [];
  const push = (action: LineAction, text: string) => lines.push(`${linePrefix(o.style, indent + 1, action)}${text}`.trimEnd());
  if (node.action === 'update') {
    const b = heredocLines(node.before);
    const a = heredocLines(node.after);
    for (const [op, bi, ai] of lcsOps(b, a, (x, y) => x === y)) {
      if (op === 'same') push('no-op', b[bi]);
      else if (op === 'delete') push('delete', b[bi]);
      else push('create', a[ai]);
    }
  } else {
    for (const line of heredocLines(node.action === 'delete' ? node.before : node.after ?? node.before)) push('no-op', line);
  }
  const close = `${linePrefix(o.style, indent, 'no-op')}EOT${nullSuffix(node.action, o)}`;
  return `<<-EOT${markers(node, o)}\n${lines.join('\n')}\n${close}`;
}

function closing(indent: number, o: RenderOpts, bracket: string, action: NodeAction): string {
  return `${linePrefix(o.style, indent, 'no-op')}${bracket}${nullSuffix(action, o)}`;
}

function renderList(node: Extract<DiffNode, { kind: 'list' }>, indent: number, o: RenderOpts): string {
  if (!node.elements.length) return `[]${nullSuffix(node.action, o)}${markers(node, o)}`;
  const elementOpts: RenderOpts = { ...o, overrideNullSuffix: true, overrideReplace: false };
  const contextOpts: RenderOpts = { ...elementOpts, showUnchanged: true };
  const out: string[] = [`[${markers(node, o)}`];
  let pending: DiffNode[] = [];
  let renderNext = false;
  const line = (el: DiffNode, opts: RenderOpts) => `${linePrefix(o.style, indent + 1, lineAction(el))}${renderNode(el, indent + 1, opts)},`;
  for (const el of node.elements) {
    if (el.action === 'no-op' && !renderNext && !o.showUnchanged) {
      pending.push(el);
      continue;
    }
    renderNext = false;
    if (node.context) {
      if (pending.length > 1) out.push(`${linePrefix(o.style, indent + 1, 'no-op')}${unchanged('element', pending.length - 1, o)}`);
      if (pending.length > 0) out.push(line(pending[pending.length - 1], contextOpts));
      pending = [];
      if (el.action !== 'no-op') renderNext = true;
    }
    out.push(line(el, el.action === 'no-op' ? contextOpts : elementOpts));
  }
  if (pending.length) out.push(`${linePrefix(o.style, indent + 1, 'no-op')}${unchanged('element', pending.length, o)}`);
  out.push(closing(indent, o, ']', node.action));
  return out.join('\n');
}

function renderSet(node: Extract<DiffNode, { kind: 'set' }>, indent: number, o: RenderOpts): string {
  if (!node.elements.length) return `[]${nullSuffix(node.action, o)}${markers(node, o)}`;
  const elementOpts: RenderOpts = { ...o, overrideNullSuffix: true, overrideReplace: false };
  const out: string[] = [`[${markers(node, o)}`];
  let hidden = 0;
  for (const el of node.elements) {
    if (el.action === 'no-op' && !o.showUnchanged) {
      hidden++;
      continue;
    }
    out.push(`${linePrefix(o.style, indent + 1, lineAction(el))}${renderNode(el, indent + 1, elementOpts)},`);
  }
  if (hidden) out.push(`${linePrefix(o.style, indent + 1, 'no-op')}${unchanged('element', hidden, o)}`);
  out.push(closing(indent, o, ']', node.action));
  return out.join('\n');
}

function renderMap(node: Extract<DiffNode, { kind: 'map' }>, indent: number, o: RenderOpts): string {
  if (!node.entries.length) return `{}${nullSuffix(node.action, o)}${markers(node, o)}`;
  const childOpts: RenderOpts = { ...o, overrideReplace: false, showUnchanged: o.showUnchanged };
  const width = Math.max(...node.entries.map(([k]) => JSON.stringify(k).length));
  const out: string[] = [`{${markers(node, o)}`];
  let hidden = 0;
  for (const [k, el] of node.entries) {
    if (el.action === 'no-op' && !o.showUnchanged) {
      hidden++;
      continue;
    }
    const comma = el.kind === 'object' ? ',' : '';
    out.push(`${linePrefix(o.style, indent + 1, lineAction(el))}${JSON.stringify(k).padEnd(width)} = ${renderNode(el, indent + 1, childOpts)}${comma}`);
  }
  if (hidden) out.push(`${linePrefix(o.style, indent + 1, 'no-op')}${unchanged('element', hidden, o)}`);
  out.push(closing(indent, o, '}', node.action));
  return out.join('\n');
}

function renderObject(node: Extract<DiffNode, { kind: 'object' }>, indent: number, o: RenderOpts): string {
  if (!node.attrs.length) return `{}${nullSuffix(node.action, o)}${markers(node, o)}`;
  const childOpts: RenderOpts = { ...o, overrideReplace: false };
  const width = Math.max(...node.attrs.map(([k]) => attrName(k).length));
  const out: string[] = [`{${markers(node, o)}`];
  let hidden = 0;
  for (const [k, el] of node.attrs) {
    if (el.action === 'no-op' && !o.showUnchanged) {
      hidden++;
      continue;
    }
    out.push(`${linePrefix(o.style, indent + 1, lineAction(el))}${attrName(k).padEnd(width)} = ${renderNode(el, indent + 1, childOpts)}`);
  }
  if (hidden) out.push(`${linePrefix(o.style, indent + 1, 'no-op')}${unchanged('attribute', hidden, o)}`);
  out.push(closing(indent, o, '}', node.action));
  return out.join('\n');
}

/** A block body, `{` to `}`; also the body of a resource (indent 0). */
export function renderBlock(node: Extract<DiffNode, { kind: 'block' }>, indent: number, o: RenderOpts): string {
  if (!node.attrs.length && !node.blocks.length) return `{}${markers(node, o)}`;
  const childOpts: RenderOpts = { ...o, overrideReplace: false, overrideNullSuffix: false };
  const width = node.attrs.length ? Math.max(...node.attrs.map(([k]) => attrName(k).length)) : 0;
  const out: string[] = [`{${markers(node, o)}`];
  let hidden = 0;
  for (const [k, el] of node.attrs) {
    const important = IMPORTANT_ATTRIBUTES.includes(k);
    if (el.action === 'no-op' && !o.showUnchanged && !important) {
      hidden++;
      continue;
    }
    const opts = important ? { ...childOpts, showUnchanged: true } : childOpts;
    out.push(`${linePrefix(o.style, indent + 1, lineAction(el))}${attrName(k).padEnd(width)} = ${renderNode(el, indent + 1, opts)}`);
  }
  if (hidden) out.push(`${linePrefix(o.style, indent + 1, 'no-op')}${unchanged('attribute', hidden, o)}`);
  let hiddenBlocks = 0;
  for (const [name, items] of node.blocks) {
    let first = true;
    for (const item of items) {
      if (item.node.action === 'no-op' && !o.showUnchanged) {
        hiddenBlocks++;
        continue;
      }
      if (first && node.attrs.length) out.push('');
      first = false;
      const body = renderNode(item.node, indent + 1, { ...childOpts, overrideReplace: Boolean(item.node.flags.replace) });
      out.push(`${linePrefix(o.style, indent + 1, lineAction(item.node))}${attrName(name)}${item.label} ${body}`);
    }
  }
  if (hiddenBlocks) out.push('', `${linePrefix(o.style, indent + 1, 'no-op')}${unchanged('block', hiddenBlocks, o)}`);
  out.push(`${indentOf(indent)}${linePrefix(o.style, 0, 'no-op')}}`);
  return out.join('\n');
}
