/**
 * The attribute rows of one change for the report's diff table, flattened from the renderers'
 * diff tree (`render/text/resource.ts` `changeTree`), which has already applied the plan's
 * sensitive paths and the schema's sensitive attributes: a sensitive value reaches this file
 * only as a `sensitive` node, which has no value to leak.
 */
import { formatPath } from '../diagnostics';
import type { ResourceChange } from '../plan/model';
import type { AttrPath } from '../plan/paths';
import type { BlockSchema } from '../schema/model';
import type { DiffNode, NodeAction, NodeFlags } from '../render/text/diff-tree';
import { changeTree } from '../render/text/resource';
import { formatPrimitive } from '../render/text/values';
import { providerSchemas, SchemaLookup } from '../render/sensitivity';

/** One changed leaf attribute. `before`/`after` are display text ('' for absent). */
export interface AttrRow {
  readonly path: string;
  readonly action: NodeAction;
  readonly before: string;
  readonly after: string;
  readonly flags: NodeFlags;
}

/** The changed rows of a change and how many unchanged leaves were left out. */
export interface ChangeRows {
  readonly rows: readonly AttrRow[];
  readonly unchanged: number;
}

/** Shown instead of any secret. */
export const SENSITIVE_TEXT = '(sensitive value)';
/** Shown for values known only after apply. */
export const UNKNOWN_TEXT = '(known after apply)';

/** The text of one side of a subtree, for `unknown` nodes that replace a known value. */
function sideText(node: DiffNode, side: 'before' | 'after'): string {
  const present = (n: DiffNode) => (side === 'before' ? n.action !== 'create' : n.action !== 'delete');
  switch (node.kind) {
    case 'primitive':
      return formatPrimitive(side === 'before' ? node.before : node.after);
    case 'sensitive':
      return SENSITIVE_TEXT;
    case 'unknown':
      return side === 'after' ? UNKNOWN_TEXT : node.before ? sideText(node.before, 'before') : 'null';
    case 'list':
    case 'set':
      return `[${node.elements.filter(present).map((e) => sideText(e, side)).join(', ')}]`;
    case 'map':
    case 'object':
      return `{${(node.kind === 'map' ? node.entries : node.attrs).filter(([, n]) => present(n)).map(([k, n]) => `${k} = ${sideText(n, side)}`).join(', ')}}`;
    case 'block': {
      const attrs = node.attrs.filter(([, n]) => present(n)).map(([k, n]) => `${k} = ${sideText(n, side)}`);
      const blocks = node.blocks.flatMap(([k, items]) => items.filter((i) => present(i.node)).map((i) => `${k} ${sideText(i.node, side)}`));
      return `{${[...attrs, ...blocks].join(', ')}}`;
    }
  }
}

function leaf(node: DiffNode, path: AttrPath): AttrRow {
  const hasBefore = node.action !== 'create';
  const hasAfter = node.action !== 'delete';
  let before = '';
  let after = '';
  if (node.kind === 'sensitive') {
    before = hasBefore ? SENSITIVE_TEXT : '';
    after = hasAfter ? SENSITIVE_TEXT : '';
  } else if (node.kind === 'unknown') {
    before = node.before ? sideText(node.before, 'before') : '';
    after = UNKNOWN_TEXT;
  } else {
    before = hasBefore ? sideText(node, 'before') : '';
    after = hasAfter ? sideText(node, 'after') : '';
  }
  return { path: formatPath(path), action: node.action, before, after, flags: node.flags };
}

class RowCollector {
  readonly rows: AttrRow[] = [];
  unchanged = 0;

  add(node: DiffNode, path: AttrPath, block: BlockSchema | undefined): void {
    const children = this.children(node, path, block);
    if (!children) {
      if (node.action === 'no-op') this.unchanged++;
      else this.rows.push(leaf(node, path));
      return;
    }
    if (!children.length) {
      // An empty collection created or removed (`tags = []`) still deserves a row.
      if (node.action === 'no-op') this.unchanged++;
      else this.rows.push(leaf(node, path));
      return;
    }
    for (const [child, p, b] of children) this.add(child, p, b);
  }

  /** Children with their paths; `undefined` for leaves. */
  private children(node: DiffNode, path: AttrPath, block: BlockSchema | undefined): [DiffNode, AttrPath, BlockSchema | undefined][] | undefined {
    switch (node.kind) {
      case 'primitive':
      case 'unknown':
      case 'sensitive':
        return undefined;
      case 'list':
      case 'set':
        return node.elements.map((e, i) => [e, [...path, i], undefined]);
      case 'map':
        return node.entries.map(([k, e]) => [e, [...path, k], undefined]);
      case 'object':
        return node.attrs.map(([k, e]) => [e, [...path, k], undefined]);
      case 'block': {
        const out: [DiffNode, AttrPath, BlockSchema | undefined][] = node.attrs.map(([k, e]) => [e, [...path, k], undefined]);
        for (const [name, items] of node.blocks) {
          const bt = block?.blockTypes?.[name];
          items.forEach((item, i) => {
            const p = item.label ? [...path, name, item.label] : bt?.nesting === 'single' ? [...path, name] : [...path, name, i];
            out.push([item.node, p, bt?.block]);
          });
        }
        return out;
      }
    }
  }
}

/** The rows of `change`, in the diff tree's order (attributes by name, then nested blocks). */
export function changeRows(change: ResourceChange, schemas: SchemaLookup = providerSchemas): ChangeRows {
  const tree = changeTree(change, schemas);
  const c = new RowCollector();
  c.add(tree, [], schemas(change.mode, change.type)?.block);
  return { rows: c.rows, unchanged: c.unchanged };
}
