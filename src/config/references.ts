/**
 * Finds what an expression refers to, from its syntax alone: `var.x`, `local.y`, `xcp_vm.web`,
 * `data.xcp_sr.local`. Names bound inside the expression (`for` variables, `dynamic` block
 * iterators) and the built-in objects (`count`, `each`, `self`, `path`, `terraform`) are not
 * references. The planner and the DAG order blocks by these.
 */
import { Expr, Step } from './expr/ast';
import { Body } from './model';

const BUILTIN = new Set(['count', 'each', 'self', 'path', 'terraform']);

/** Adds the references of an expression to `out`. `bound` holds locally bound names. */
export function exprReferences(expr: Expr, out: Set<string>, bound: ReadonlySet<string> = new Set()): void {
  const walk = (e: Expr, b: ReadonlySet<string>): void => {
    switch (e.kind) {
      case 'literal': return;
      case 'scope': {
        if (b.has(e.root) || BUILTIN.has(e.root)) return;
        const ref = referenceOf(e.root, e.steps);
        if (ref) out.add(ref);
        return;
      }
      case 'template': e.parts.forEach((p) => walk(p, b)); return;
      case 'templateJoin': walk(e.list, b); return;
      case 'relative': walk(e.source, b); return;
      case 'index': walk(e.collection, b); walk(e.key, b); return;
      case 'splat': walk(e.source, b); return;
      case 'tuple': e.items.forEach((i) => walk(i, b)); return;
      case 'object': e.items.forEach((i) => { walk(i.key, b); walk(i.value, b); }); return;
      case 'call': e.args.forEach((a) => walk(a, b)); return;
      case 'conditional': walk(e.condition, b); walk(e.then, b); walk(e.otherwise, b); return;
      case 'unary': walk(e.operand, b); return;
      case 'binary': walk(e.left, b); walk(e.right, b); return;
      case 'for': {
        walk(e.collection, b);
        const inner = new Set(b);
        if (e.keyVar) inner.add(e.keyVar);
        inner.add(e.valueVar);
        if (e.key) walk(e.key, inner);
        walk(e.value, inner);
        if (e.condition) walk(e.condition, inner);
        return;
      }
    }
  };
  walk(expr, bound);
}

/**
 * The referenced object of a traversal: `var.x`, `local.y`, `data.T.N`, `T.N`, and a module
 * call's output `module.M.OUT` (instance keys left out) or the whole call `module.M`; undefined
 * if incomplete. A module output is its own reference, as in Terraform's graph: a block reading
 * one output depends on what that output reads, not on everything in the module.
 */
export function referenceOf(root: string, steps: readonly Step[]): string | undefined {
  const name = (i: number) => (steps[i]?.kind === 'attr' ? (steps[i] as { name: string }).name : undefined);
  if (root === 'module') {
    if (!name(0)) return undefined;
    const output = steps[1]?.kind === 'index' ? name(2) : name(1);
    return output ? `module.${name(0)}.${output}` : `module.${name(0)}`;
  }
  if (root === 'var' || root === 'local') return name(0) ? `${root}.${name(0)}` : undefined;
  if (root === 'data') return name(0) && name(1) ? `data.${name(0)}.${name(1)}` : undefined;
  return name(0) ? `${root}.${name(0)}` : undefined;
}

/** References of every attribute and nested block in a body, `dynamic` iterators bound. */
export function bodyReferences(body: Body, out: Set<string>, bound: ReadonlySet<string> = new Set()): void {
  for (const attr of Object.values(body.attributes)) exprReferences(attr.expr, out, bound);
  for (const list of Object.values(body.blocks)) for (const b of list) bodyReferences(b, out, bound);
  for (const d of body.dynamic) {
    exprReferences(d.forEach.expr, out, bound);
    bodyReferences(d.content, out, new Set([...bound, d.iterator]));
  }
}

/** True for references to resources or data sources (not variables, locals or modules). */
export function isBlockReference(ref: string): boolean {
  return !ref.startsWith('var.') && !ref.startsWith('local.') && !ref.startsWith('module.');
}
