import fc from 'fast-check';
import { Sensitive } from '../../values/sensitive';
import { UNKNOWN, Value } from '../../values/value';
import { BinaryOp, Expr } from './ast';
import { evaluate } from './evaluate';
import { FUNCTIONS } from './functions';
import { parseTemplate } from './parse';
import { tableScope } from './testing';

const leafValue: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null), fc.boolean(), fc.double({ noNaN: true }), fc.integer({ min: -5, max: 5 }), fc.string({ maxLength: 6 }),
  fc.constantFrom('10.0.0.0/16', 'true', '1', '', 'a,b', '{"a":1}'), fc.constant(UNKNOWN),
);
const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafValue, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', '10', 'n'), tie('v'), { maxKeys: 3 })),
})).v;

const ops: BinaryOp[] = ['add', 'subtract', 'multiply', 'divide', 'modulo', 'equal', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'logicalAnd', 'logicalOr'];
const fnNames = [...Object.keys(FUNCTIONS).filter((f) => f !== 'file'), 'try', 'can', 'nosuch'];

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    value.map((v): Expr => ({ kind: 'literal', value: v })),
    fc.constantFrom('a', 'b', 's', 'u', 'x').map((n): Expr => ({ kind: 'scope', root: 'var', steps: [{ kind: 'attr', name: n }] })),
    fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom(...ops), left: tie('e'), right: tie('e') }),
    fc.record({ kind: fc.constant('unary' as const), op: fc.constantFrom('logicalNot' as const, 'negate' as const), operand: tie('e') }),
    fc.record({ kind: fc.constant('conditional' as const), condition: tie('e'), then: tie('e'), otherwise: tie('e') }),
    fc.record({ kind: fc.constant('call' as const), name: fc.constantFrom(...fnNames), args: fc.array(tie('e'), { maxLength: 3 }), expandFinal: fc.boolean() }),
    fc.record({ kind: fc.constant('index' as const), collection: tie('e'), key: tie('e') }),
    fc.record({ kind: fc.constant('splat' as const), source: tie('e'), each: fc.constantFrom([], [{ kind: 'attr' as const, name: 'a' }]) }),
    fc.record({ kind: fc.constant('template' as const), parts: fc.array(tie('e'), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('tuple' as const), items: fc.array(tie('e'), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('object' as const), items: fc.array(fc.record({ key: tie('e'), value: tie('e') }), { maxLength: 2 }) }),
    fc.record({
      kind: fc.constant('for' as const), keyVar: fc.constant('k'), valueVar: fc.constant('v'), collection: tie('e'),
      key: fc.option(tie('e'), { nil: undefined }), value: tie('e'), condition: fc.option(tie('e'), { nil: undefined }), grouped: fc.boolean(),
    }),
  ),
})).e;

test('evaluation never throws, whatever the expression and the values', () => {
  fc.assert(
    fc.property(expr, value, value, (e, a, b) => {
      const scope = tableScope({ var: { a, b, s: new Sensitive(a), u: UNKNOWN, x: 1 } });
      const r = evaluate(e, scope);
      expect(r.error === undefined || typeof r.error.summary === 'string').toBe(true);
    }),
    { numRuns: 3000 },
  );
});

test('parsing never throws on arbitrary template strings', async () => {
  await fc.assert(
    fc.asyncProperty(fc.stringOf(fc.constantFrom('$', '{', '}', '%', 'a', '"', '\\', '\n', '(', ')', '.', '[', ']', '*', ' ', '1', '+', '?', ':'), { maxLength: 20 }), async (s) => {
      const r = await parseTemplate(s);
      expect(Boolean(r.expr) !== Boolean(r.error)).toBe(true);
      if (r.expr) evaluate(r.expr, tableScope({ a: 1 }));
    }),
    { numRuns: 300 },
  );
});
