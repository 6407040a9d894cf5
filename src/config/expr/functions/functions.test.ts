import { join } from 'node:path';
import { Unknown, UNKNOWN, Value } from '../../../values/value';
import { evalHcl } from '../testing';
import { FUNCTIONS } from '.';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'config-files');
const names = { var: { l: [3, 1, 2], m: { b: 2, a: 1 }, u: UNKNOWN, ul: ['a', UNKNOWN], s: 'Hello' } };

function norm(v: unknown): unknown {
  if (v instanceof Unknown) return 'UNKNOWN';
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
  return v;
}

/** [expression, value, expression with an unknown argument (its result must be unknown)]. */
type Case = [expr: string, expected: Value, unknownCase?: string];

const cases: Record<string, Case[]> = {
  length: [['length(var.l)', 3, 'length(var.u)'], ['length("héllo")', 5], ['length(var.m)', 2], ['length(var.ul)', 2]],
  lookup: [['lookup(var.m, "a")', 1, 'lookup(var.u, "a")'], ['lookup(var.m, "z", 9)', 9]],
  element: [['element(var.l, 4)', 1, 'element(var.u, 0)']],
  concat: [['concat([1], [2, 3])', [1, 2, 3], 'concat([1], var.u)'], ['concat(["a"], var.ul)', ['a', 'a', 'UNKNOWN'] as never]],
  merge: [['merge(var.m, {c = 3}, null)', { a: 1, b: 2, c: 3 }, 'merge(var.m, var.u)']],
  join: [['join("-", ["a", "b"], ["c"])', 'a-b-c', 'join("-", var.ul)']],
  split: [['split(",", "a,b,,c")', ['a', 'b', '', 'c'], 'split(",", var.u)']],
  format: [
    ['format("%s-%03d-%.2f-%t-%q-%v", "a", 7, 3.14159, true, "x", 1)', 'a-007-3.14-true-"x"-1', 'format("%s", var.u)'],
    ['format("%[2]s%[1]s %%", "a", "b")', 'ba %'],
    ['format("%x %X %o %b %#v", 255, 255, 8, 5, {a = 1})', 'ff FF 10 101 {"a":1}'],
    ['format("%-4s|%4s|%+d", "a", "b", 3)', 'a   |   b|+3'],
  ],
  formatlist: [['formatlist("%s=%d", ["a", "b"], [1, 2])', ['a=1', 'b=2'], 'formatlist("%s", var.u)'], ['formatlist("x-%s", ["a"])', ['x-a']]],
  upper: [['upper(var.s)', 'HELLO', 'upper(var.u)']],
  lower: [['lower(var.s)', 'hello', 'lower(var.u)']],
  replace: [['replace("a-b-c", "-", "+")', 'a+b+c', 'replace(var.u, "a", "b")'], ['replace("a1b22", "/[0-9]+/", "#")', 'a#b#'], ['replace("k=v", "/(\\\\w)=(\\\\w)/", "$2=$1")', 'v=k']],
  tolist: [['tolist(["a", 1])', ['a', '1'], 'tolist(var.u)']],
  toset: [['toset(["b", "a", "b"])', ['a', 'b'], 'toset(var.ul)']],
  tomap: [['tomap({a = 1, b = "x"})', { a: '1', b: 'x' }, 'tomap(var.u)']],
  keys: [['keys(var.m)', ['a', 'b'], 'keys(var.u)']],
  values: [['values(var.m)', [1, 2], 'values(var.u)']],
  contains: [['contains(var.l, 2)', true, 'contains(var.ul, "b")'], ['contains(var.l, "2")', false]],
  coalesce: [['coalesce(null, "", "a", "b")', 'a', 'coalesce(null, var.u, "b")']],
  try: [['try(var.m.z, var.m.a)', 1, 'try(var.u, 1)'], ['try(var.nope, "fallback")', 'fallback']],
  can: [['can(var.m.z)', false, 'can(var.u)'], ['can(var.m.a)', true]],
  min: [['min(3, 1, 2)', 1, 'min(1, var.u)'], ['min(var.l...)', 1]],
  max: [['max(3, 1, 2)', 3, 'max(1, var.u)']],
  jsonencode: [['jsonencode({b = [1, true], a = null})', '{"a":null,"b":[1,true]}', 'jsonencode([var.u])']],
  jsondecode: [['jsondecode("{\\"a\\": [1, 2]}")', { a: [1, 2] }, 'jsondecode(var.u)']],
  base64encode: [['base64encode("héllo")', 'aMOpbGxv', 'base64encode(var.u)']],
  base64decode: [['base64decode("aMOpbGxv")', 'héllo', 'base64decode(var.u)']],
  cidrhost: [['cidrhost("10.12.112.0/20", 16)', '10.12.112.16', 'cidrhost(var.u, 1)'], ['cidrhost("10.12.112.0/20", -1)', '10.12.127.255'], ['cidrhost("fd00:fd12:3456:7890::/56", 16)', 'fd00:fd12:3456:7800::10']],
  cidrsubnet: [['cidrsubnet("172.16.0.0/12", 4, 2)', '172.18.0.0/16', 'cidrsubnet(var.u, 4, 2)'], ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72']],
  cidrnetmask: [['cidrnetmask("172.16.0.0/12")', '255.240.0.0', 'cidrnetmask(var.u)']],
  file: [['file("greeting.txt")', 'hello from a file\n', 'file(var.u)']],
  abs: [['abs(-2.5)', 2.5, 'abs(var.u)']],
  ceil: [['ceil(1.2)', 2, 'ceil(var.u)']],
  floor: [['floor(-1.2)', -2, 'floor(var.u)']],
  range: [['range(3)', [0, 1, 2], 'range(var.u)'], ['range(1, 4)', [1, 2, 3]], ['range(5, 0, -2)', [5, 3, 1]]],
  flatten: [['flatten([[1, [2]], [], 3])', [1, 2, 3], 'flatten([var.u])']],
  distinct: [['distinct([1, 2, 1, 3])', [1, 2, 3], 'distinct(var.ul)']],
  zipmap: [['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }, 'zipmap(var.ul, [1, 2])']],
  substr: [['substr("hello world", 1, 4)', 'ello', 'substr(var.u, 0, 1)'], ['substr("hello", -3, -1)', 'llo']],
  trimspace: [['trimspace("  a b \\n")', 'a b', 'trimspace(var.u)']],
  startswith: [['startswith("hello", "he")', true, 'startswith(var.u, "a")']],
  endswith: [['endswith("hello", "he")', false, 'endswith(var.u, "a")']],
  sum: [['sum([1, 2, 3.5])', 6.5, 'sum(var.u)']],
  one: [['one([])', null, 'one(var.u)'], ['one(["a"])', 'a']],
  tostring: [['tostring(12)', '12', 'tostring(var.u)'], ['tostring(null)', null]],
  tonumber: [['tonumber("1.5")', 1.5, 'tonumber(var.u)']],
  tobool: [['tobool("true")', true, 'tobool(var.u)']],
  sort: [['sort(["b", "a", "c"])', ['a', 'b', 'c'], 'sort(var.ul)']],
  reverse: [['reverse([1, 2, 3])', [3, 2, 1], 'reverse(var.u)']],
  slice: [['slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c'], 'slice(var.u, 0, 1)']],
  regex: [['regex("[a-z]+", "53 abc")', 'abc', 'regex("a", var.u)'], ['regex("(\\\\d+)-(\\\\d+)", "1-2")', ['1', '2']], ['regex("(?P<k>\\\\w+)=(?P<v>\\\\w+)", "a=b")', { k: 'a', v: 'b' }]],
};

describe.each(Object.keys(cases))('%s', (name) => {
  test.each(cases[name].map(([e, v]) => [e, v] as const))('%s', async (expr, expected) => {
    const r = await evalHcl(expr, names, FIXTURES);
    expect(r.error).toBeUndefined();
    expect(norm(r.value)).toEqual(expected);
  });
  const unknownCases = cases[name].filter((c) => c[2]).map((c) => c[2]!);
  if (unknownCases.length) {
    test.each(unknownCases)('unknown propagates: %s', async (expr) => {
      const r = await evalHcl(expr, names, FIXTURES);
      expect(r.error).toBeUndefined();
      expect(r.value).toBeInstanceOf(Unknown);
    });
  }
});

describe('function errors are diagnostics', () => {
  test.each([
    ['lookup(var.m, "zz")', /failed to find key/],
    ['element([], 0)', /empty list/],
    ['cidrhost("10.0.0.0/30", 9)', /does not accommodate/],
    ['cidrsubnet("10.0.0.0/30", 4, 0)', /insufficient address space/],
    ['cidrhost("nonsense", 1)', /invalid CIDR/],
    ['file("does-not-exist.txt")', /no file exists/],
    ['jsondecode("{")', /jsondecode/],
    ['base64decode("!!")', /failed to decode base64 data/],
    ['regex("x", "abc")', /did not match/],
    ['regex("(", "abc")', /Invalid regular expression/],
    ['coalesce(null, "")', /no non-null/],
    ['one([1, 2])', /zero or one/],
    ['min()', /at least one/],
    ['zipmap(["a"], [1, 2])', /does not match/],
    ['range(0, 2000)', /1024/],
    ['format("%d", 1.5)', /an integer is required/],
    ['format("%s %s", "a")', /not enough arguments/],
    ['tonumber("x")', /given string must be a decimal representation of a number/],
    ['concat(1)', /list is required/],
    ['slice([1], 0, 5)', /Invalid slice/],
    ['try(var.nope, var.nope2)', /no expression succeeded/],
  ])('%s', async (expr, pattern) => {
    const r = await evalHcl(expr, names, FIXTURES);
    expect(r.error).toBeDefined();
    expect(`${r.error!.summary}: ${r.error!.detail}`).toMatch(pattern);
  });
});

test('every function required by the issue exists', () => {
  const required = 'length lookup element concat merge join split format upper lower replace tolist toset tomap keys values contains coalesce min max jsonencode jsondecode base64encode base64decode cidrhost cidrsubnet cidrnetmask file abs ceil floor range flatten distinct zipmap substr trimspace startswith endswith sum one tostring tonumber tobool sort reverse slice formatlist regex'.split(' ');
  expect(required.filter((f) => !(f in FUNCTIONS))).toEqual([]);
});
