/**
 * xcpform's own expression tree. `parse.ts` builds it from the syntax tree that
 * `getExpressionAst` (@cdktf/hcl2json) returns, resolving the things that tree leaves raw
 * (string escapes, object keys written as bare names, the trailing newline of the heredoc we
 * wrap JSON strings in). Evaluation, reference discovery and property tests work on this tree,
 * which is plain data and synchronous to walk.
 */
import { Value } from '../../values/value';

/** One step of a traversal: `.name` or `[key]` with a literal key. */
export type Step = { readonly kind: 'attr'; readonly name: string } | { readonly kind: 'index'; readonly key: string | number };

export type BinaryOp =
  | 'add' | 'subtract' | 'multiply' | 'divide' | 'modulo'
  | 'equal' | 'notEqual' | 'lessThan' | 'lessThanOrEqual' | 'greaterThan' | 'greaterThanOrEqual'
  | 'logicalAnd' | 'logicalOr';

export type UnaryOp = 'logicalNot' | 'negate';

/** `text` is the source of the node where known, for diagnostics. */
export type Expr = { readonly text?: string } & (
  | { readonly kind: 'literal'; readonly value: Value }
  /** A string template: the parts are converted to strings and joined. */
  | { readonly kind: 'template'; readonly parts: readonly Expr[] }
  /** `%{ for }` inside a template: the list the `for` yields, joined without separator. */
  | { readonly kind: 'templateJoin'; readonly list: Expr }
  /** `var.x.y[0]`: a name from the scope followed by literal steps. */
  | { readonly kind: 'scope'; readonly root: string; readonly steps: readonly Step[] }
  /** `f(x)[0].y`: literal steps applied to any expression. */
  | { readonly kind: 'relative'; readonly source: Expr; readonly steps: readonly Step[] }
  /** `a[expr]`. */
  | { readonly kind: 'index'; readonly collection: Expr; readonly key: Expr }
  /** `a[*].b` / `a.*.b`: `each` applied to every element of `source`. */
  | { readonly kind: 'splat'; readonly source: Expr; readonly each: readonly Step[] }
  | { readonly kind: 'tuple'; readonly items: readonly Expr[] }
  | { readonly kind: 'object'; readonly items: readonly { readonly key: Expr; readonly value: Expr }[] }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly expandFinal: boolean }
  | { readonly kind: 'conditional'; readonly condition: Expr; readonly then: Expr; readonly otherwise: Expr }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | {
      readonly kind: 'for';
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      /** Present for the object form `{for k, v in c : key => value}`. */
      readonly key?: Expr;
      readonly value: Expr;
      readonly condition?: Expr;
      /** `...` after the value: values with the same key are grouped into lists. */
      readonly grouped: boolean;
    }
);

export type ExprOf<K extends Expr['kind']> = Extract<Expr, { kind: K }>;

export function literal(value: Value): Expr {
  return { kind: 'literal', value };
}

/** Source-like text of a traversal, e.g. `var.x[0].name`. */
export function stepsText(root: string, steps: readonly Step[]): string {
  return root + steps.map((s) => (s.kind === 'attr' ? `.${s.name}` : typeof s.key === 'number' ? `[${s.key}]` : `[${JSON.stringify(s.key)}]`)).join('');
}
