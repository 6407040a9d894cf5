import { Sensitive } from '../values/sensitive';
import { UNKNOWN, Value } from '../values/value';
import { literal } from './expr/ast';
import { parseExpression } from './expr/parse';
import { tableScope } from './expr/testing';
import { expandBlock, expansionValue, instanceAddress, InstanceKey } from './expand';
import { ResourceBlock } from './model';

const source = { filename: 'main.tf', line: 3 };

async function block(meta: { count?: string; forEach?: string }): Promise<ResourceBlock> {
  const attr = async (name: string, text?: string) => (text === undefined ? undefined : { name, expr: (await parseExpression(text)).expr ?? literal(null), source });
  return {
    address: 'xcp_vm.web', mode: 'managed', type: 'xcp_vm', name: 'web',
    count: await attr('count', meta.count), forEach: await attr('for_each', meta.forEach),
    dependsOn: [], providerConfig: 'xcp', body: { attributes: {}, blocks: {}, dynamic: [] },
    lifecycle: { createBeforeDestroy: false, preventDestroy: false, ignoreChanges: [], replaceTriggeredBy: [] },
    references: [], source,
  };
}

const scope = tableScope({ var: { n: 2, u: UNKNOWN, m: { b: 2, a: 1 }, s: new Sensitive(2), ul: ['a', UNKNOWN], um: { a: UNKNOWN } } });

describe('instance addresses, as Terraform writes them', () => {
  test.each([
    [{ kind: 'single' }, 'xcp_vm.web'],
    [{ kind: 'count', index: 0 }, 'xcp_vm.web[0]'],
    [{ kind: 'each', key: 'a', value: 'a' }, 'xcp_vm.web["a"]'],
    [{ kind: 'each', key: 'with "quotes"', value: 1 }, 'xcp_vm.web["with \\"quotes\\""]'],
  ] as [InstanceKey, string][])('%j → %s', (key, address) => {
    expect(instanceAddress('xcp_vm.web', key)).toBe(address);
  });
});

describe('expansion', () => {
  test.each([
    ['no count or for_each', {}, ['xcp_vm.web']],
    ['count', { count: 'var.n + 1' }, ['xcp_vm.web[0]', 'xcp_vm.web[1]', 'xcp_vm.web[2]']],
    ['count zero', { count: '0' }, []],
    ['count as a numeric string', { count: '"2"' }, ['xcp_vm.web[0]', 'xcp_vm.web[1]']],
    ['for_each over a map, in key order', { forEach: 'var.m' }, ['xcp_vm.web["a"]', 'xcp_vm.web["b"]']],
    ['for_each over a set of strings', { forEach: 'toset(["y", "x", "y"])' }, ['xcp_vm.web["x"]', 'xcp_vm.web["y"]']],
    ['for_each over a map with unknown values', { forEach: 'var.um' }, ['xcp_vm.web["a"]']],
  ] as const)('%s', async (_n, meta, addresses) => {
    const r = expandBlock(await block(meta), scope);
    expect(r.diagnostics).toEqual([]);
    expect(r.keys.map((k) => instanceAddress('xcp_vm.web', k))).toEqual(addresses);
  });

  test('each.value of a map entry', async () => {
    const r = expandBlock(await block({ forEach: 'var.m' }), scope);
    expect(r.keys).toEqual([{ kind: 'each', key: 'a', value: 1 }, { kind: 'each', key: 'b', value: 2 }]);
  });

  test.each([
    ['unknown count', { count: 'var.u' }, /Invalid count argument/, /cannot be determined until apply/],
    ['negative count', { count: '-1' }, /Invalid count argument/, /greater than or equal to zero/],
    ['fractional count', { count: '1.5' }, /Invalid count argument/, /whole number/],
    ['null count', { count: 'null' }, /Invalid count argument/, /null/],
    ['sensitive count', { count: 'var.s' }, /Invalid count argument/, /Sensitive/],
    ['count expression error', { count: 'var.nope' }, /Unsupported attribute/, /nope/],
    ['unknown for_each', { forEach: 'var.u' }, /Invalid for_each argument/, /cannot be determined until apply/],
    ['for_each set with unknown element', { forEach: 'var.ul' }, /Invalid for_each argument/, /cannot be determined until apply/],
    ['for_each of numbers', { forEach: '[1, 2]' }, /Invalid for_each argument/, /map, or set of strings/],
    ['for_each of a string', { forEach: '"a"' }, /Invalid for_each argument/, /map, or set of strings/],
    ['null for_each', { forEach: 'null' }, /Invalid for_each argument/, /null/],
  ] as const)('%s is a diagnostic at the argument', async (_n, meta, summary, detail) => {
    const r = expandBlock(await block(meta), scope);
    expect(r.keys).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d.summary).toMatch(summary);
    expect(d.detail).toMatch(detail);
    expect(d).toMatchObject({ address: 'xcp_vm.web', source: { filename: 'main.tf', line: 3 } });
  });
});

describe('the value of a whole block, for references', () => {
  test.each([
    ['single', {}, [{ value: { a: 1 } }], { a: 1 }],
    ['count → list by index', { count: '2' }, [{ index: 1, value: 'b' }, { index: 0, value: 'a' }], ['a', 'b']],
    ['for_each → map by key', { forEach: 'var.m' }, [{ index: 'x', value: 1 }], { x: 1 }],
  ] as const)('%s', async (_n, meta, instances, expected) => {
    expect(expansionValue(await block(meta), instances as unknown as { index?: number | string; value: Value }[])).toEqual(expected);
  });
});
