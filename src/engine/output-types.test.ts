import { parseExpression } from '../config/expr/parse';
import { outputType } from './output-types';

async function typeOf(text: string, value: unknown): Promise<unknown> {
  const { expr } = await parseExpression(text);
  return outputType(expr, value as never);
}

describe('the type an output is recorded with', () => {
  test.each([
    ['a list attribute of a data source instance', 'data.xcp_host.h[0].pifs', ['a'], ['list', 'string']],
    ['a map attribute of a data source', 'data.xcp_pool.p.software_version', { v: '1' }, ['map', 'string']],
    ['a set attribute of a resource', 'xcp_vm.web.tags', ['x'], ['set', 'string']],
    ['a string attribute', 'xcp_vm.web.ip_address', '10.0.0.1', 'string'],
    ['a for_each instance attribute', 'xcp_network.n["a"].mtu', 1500, 'number'],
    ['an element of a list attribute', 'xcp_vm.web.ip_addresses[0]', '10.0.0.1', 'string'],
    ['a splat builds a tuple', 'xcp_vm.web[*].ip_address', ['10.0.0.1'], ['tuple', ['string']]],
    ['a for expression builds an object', '{ for k, v in xcp_network.n : k => v.mtu }', { a: 1500 }, ['object', { a: 'number' }]],
    ['a whole resource instance: from the value', 'xcp_network.lan', { mtu: 1500 }, ['object', { mtu: 'number' }]],
    ['a variable: from the value', 'var.x', [1], ['tuple', ['number']]],
    ['an unknown attribute name: from the value', 'xcp_vm.web.nope', 'x', 'string'],
    ['null: dynamic', 'xcp_vm.web.ip_address', null, 'dynamic'],
  ])('%s: %s', async (_name, text, value, expected) => {
    expect(await typeOf(text, value)).toEqual(expected);
  });
});
