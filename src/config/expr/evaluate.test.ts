import { Sensitive, unmark } from '../../values/sensitive';
import { UNKNOWN, Unknown, Value } from '../../values/value';
import { evalHcl, evalTemplate } from './testing';

const vars = {
  x: 3,
  s: 'abc',
  l: [1, 2, 3],
  m: { a: 'x', b: 'y' },
  objs: [{ n: 'a', v: 1 }, { n: 'b', v: 2 }],
  obj: { n: 'single' },
  u: UNKNOWN,
  ul: [1, UNKNOWN],
  secret: new Sensitive('pw'),
  t: true,
  f: false,
  nil: null,
  nums: { '10': 'ten', '2': 'two', b: 'bee' },
};
const names = { var: vars, local: { k: 'b' } };

type Case = [name: string, expr: string, expected: Value | 'UNKNOWN'];

function norm(v: unknown): unknown {
  if (v instanceof Unknown) return 'UNKNOWN';
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
  return v;
}

const ok = async (expr: string) => {
  const r = await evalHcl(expr, names);
  expect(r.error).toBeUndefined();
  return norm(unmark(r.value).value);
};

describe('operators', () => {
  const cases: Case[] = [
    ['add', 'var.x + 1', 4],
    ['subtract', 'var.x - 5', -2],
    ['multiply', 'var.x * 2', 6],
    ['divide', '7 / 2', 3.5],
    ['modulo', '7 % 3', 1],
    ['negate', '-var.x', -3],
    ['numeric string converts', '"2" + 1', 3],
    ['precedence', '1 + 2 * 3', 7],
    ['parentheses', '(1 + 2) * 3', 9],
    ['equal numbers', 'var.x == 3', true],
    ['string and number are never equal', '"3" == 3', false],
    ['deep equality', '[1, {a = 2}] == [1, {a = 2}]', true],
    ['not equal', 'var.s != "abc"', false],
    ['less than', '1 < 2', true],
    ['less or equal', '2 <= 2', true],
    ['greater than', '1 > 2', false],
    ['greater or equal', '3 >= 2', true],
    ['and', 'var.t && var.f', false],
    ['or', 'var.t || var.f', true],
    ['not', '!var.f', true],
    ['null equality', 'var.nil == null', true],
    ['unknown + number', 'var.u + 1', 'UNKNOWN'],
    ['unknown comparison', 'var.u < 1', 'UNKNOWN'],
    ['unknown equality', 'var.u == 1', 'UNKNOWN'],
    ['list with unknown equality', 'var.ul == [1, 2]', 'UNKNOWN'],
    ['list with unknown, decided by a known element', 'var.ul == [2, 2]', false],
    ['not unknown', '!var.u', 'UNKNOWN'],
    ['unknown || true is true (cty refinement)', 'var.u || true', true],
    ['true || unknown is true', 'true || var.u', true],
    ['unknown || false is unknown', 'var.u || false', 'UNKNOWN'],
    ['unknown && false is false', 'var.u && false', false],
    ['unknown && true is unknown', 'var.u && true', 'UNKNOWN'],
    ['conditional true', 'var.t ? "y" : "n"', 'y'],
    ['conditional false', 'var.f ? "y" : "n"', 'n'],
    ['conditional on unknown', 'var.u ? "y" : "n"', 'UNKNOWN'],
    ['unselected branch is not evaluated', 'length(var.l) > 5 ? var.l[5] : 0', 0],
  ];
  test.each(cases)('%s: %s', async (_n, expr, expected) => {
    expect(await ok(expr)).toEqual(expected);
  });
});

describe('references, indexing and splats', () => {
  const cases: Case[] = [
    ['attribute', 'var.obj.n', 'single'],
    ['index by number', 'var.l[1]', 2],
    ['legacy index', 'var.l.1', 2],
    ['index by string', 'var.m["b"]', 'y'],
    ['index by expression', 'var.m[local.k]', 'y'],
    ['numeric string index into list', 'var.l["0"]', 1],
    ['splat', 'var.objs[*].n', ['a', 'b']],
    ['legacy splat', 'var.objs.*.v', [1, 2]],
    ['splat of a single object', 'var.obj[*].n', ['single']],
    ['splat of null', 'var.nil[*]', []],
    ['splat of unknown', 'var.u[*].n', 'UNKNOWN'],
    ['attribute of unknown', 'var.u.anything', 'UNKNOWN'],
    ['index into unknown', 'var.u[3]', 'UNKNOWN'],
    ['unknown index', 'var.l[var.u]', 'UNKNOWN'],
    ['relative traversal of a call', 'tolist(var.objs)[1].n', 'b'],
  ];
  test.each(cases)('%s: %s', async (_n, expr, expected) => {
    expect(await ok(expr)).toEqual(expected);
  });
});

describe('collections, for expressions, templates', () => {
  const cases: Case[] = [
    ['tuple', '[1, "a", true, null]', [1, 'a', true, null]],
    ['object with bare, quoted and computed keys', '{a = 1, "b" = 2, (local.k) = 3}', { a: 1, b: 3 }],
    ['for over list', '[for v in var.l : v * 2]', [2, 4, 6]],
    ['for with index', '[for i, v in var.l : i]', [0, 1, 2]],
    ['for with if', '[for v in var.l : v if v != 2]', [1, 3]],
    ['for over map in key order', '[for k, v in var.nums : k]', ['10', '2', 'b']],
    ['object for', '{for k, v in var.m : v => k}', { x: 'a', y: 'b' }],
    ['grouping', '{for o in var.objs : "all" => o.n...}', { all: ['a', 'b'] }],
    ['for over unknown', '[for v in var.u : v]', 'UNKNOWN'],
    ['for with unknown element keeps known shape', '[for v in var.ul : v]', [1, 'UNKNOWN']],
    ['template', '"x-${var.x}-${var.s}"', 'x-3-abc'],
    ['template with unknown', '"x-${var.u}"', 'UNKNOWN'],
    ['template if directive', '"%{ if var.x > 2 }big%{ else }small%{ endif }"', 'big'],
    ['template for directive', '"%{ for v in var.l }${v};%{ endfor }"', '1;2;3;'],
    ['escapes in quoted strings', '"a\\tb\\n\\"q\\" $${lit} %%{d}"', 'a\tb\n"q" ${lit} %{d}'],
    ['bool and number in template', '"${true}/${1.5}"', 'true/1.5'],
  ];
  test.each(cases)('%s: %s', async (_n, expr, expected) => {
    expect(await ok(expr)).toEqual(expected);
  });
});

describe('JSON-syntax templates', () => {
  const cases: Case[] = [
    ['a lone interpolation keeps its type', '${var.l}', [1, 2, 3]],
    ['text around an interpolation makes a string', 'n=${var.x}', 'n=3'],
    ['$${ escapes an interpolation', 'a $${lit} b', 'a ${lit} b'],
    ['no interpolation stays a literal', 'plain "quoted" \\ text', 'plain "quoted" \\ text'],
    ['trailing newlines are kept', 'x\n${var.x}\n', 'x\n3\n'],
    ['quotes inside an interpolation', '${lookup(var.m, "a")}', 'x'],
    ['directive', '%{if var.t}yes%{endif}', 'yes'],
  ];
  test.each(cases)('%s: %j', async (_n, src, expected) => {
    const r = await evalTemplate(src, names);
    expect(r.error).toBeUndefined();
    expect(norm(r.value)).toEqual(expected);
  });
});

describe('sensitive values stay marked', () => {
  const cases: [string, string, (string | number)[][]][] = [
    ['direct reference', 'var.secret', [[]]],
    ['through a template', '"user:${var.secret}"', [[]]],
    ['through a function', 'upper(var.secret)', [[]]],
    ['through an operator', 'var.secret == "pw"', [[]]],
    ['inside a collection only at its element', '[var.s, var.secret]', [[1]]],
    ['through a conditional on a sensitive condition', 'var.secret == "x" ? 1 : 2', [[]]],
    ['not when unrelated', 'var.s', []],
  ];
  test.each(cases)('%s: %s', async (_n, expr, paths) => {
    const r = await evalHcl(expr, names);
    expect(r.error).toBeUndefined();
    expect(unmark(r.value).paths).toEqual(paths);
  });
});

describe('errors are results with the failing expression, never exceptions', () => {
  const cases: [string, string, RegExp][] = [
    ['index out of range', 'var.l[5]', /Invalid index/],
    ['missing attribute', 'var.obj.nope', /Unsupported attribute/],
    ['attribute of null', 'var.nil.a', /null value/],
    ['undeclared name', 'nope.x', /undeclared/],
    ['unknown function', 'nosuch(1)', /unknown function/],
    ['bad operand', '"a" + 1', /Invalid value/],
    ['zero by zero', '0 / 0', /can't divide zero by zero/],
    ['null in template', '"a${var.nil}"', /null/],
    ['list in template', '"a${var.l}"', /string required/],
    ['too few arguments', 'lookup(var.m)', /Not enough/],
    ['too many arguments', 'upper("a", "b")', /Too many/],
    ['duplicate for key', '{for v in var.l : "k" => v}', /Duplicate object key/],
    ['for over a number', '[for v in 3 : v]', /non-iterable/],
    ['attribute of a list', 'var.objs.n', /list of objects/],
  ];
  test.each(cases)('%s: %s', async (_n, expr, pattern) => {
    const r = await evalHcl(expr, names);
    expect(r.error).toBeDefined();
    expect(`${r.error!.summary}: ${r.error!.detail}`).toMatch(pattern);
    expect(r.error!.text).toBeTruthy();
  });
});
