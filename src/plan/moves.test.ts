/** Where `moved` statements (and count's implied moves) take prior instances, and what they refuse. */
import { applyMoves, ExpansionOf } from './moves';
import type { PriorResource } from './ports';

const src = (line: number) => ({ filename: 'main.tf', line });

function prior(...addresses: string[]): PriorResource[] {
  return addresses.map((address) => {
    const m = /^(\w+)\.(\w+)(?:\[(\d+|"[^"]*")\])?$/.exec(address)!;
    const index = m[3] === undefined ? undefined : m[3].startsWith('"') ? (JSON.parse(m[3]) as string) : Number(m[3]);
    return { address, mode: 'managed', type: m[1], name: m[2], ...(index === undefined ? {} : { index }), providerConfig: 'xcp', attributes: { id: address }, dependencies: [] };
  });
}

/** Declared blocks: address → expansion. */
const declared = (blocks: Record<string, 'none' | 'count' | 'for_each'>): ExpansionOf => (a) => blocks[a];

const moved = (...pairs: [string, string][]) => pairs.map(([from, to], i) => ({ from, to, source: src(10 + 4 * i) }));

describe('applyMoves', () => {
  test.each([
    ['a resource rename keeps every instance key', prior('xcp_vm.a[0]', 'xcp_vm.a[1]'), moved(['xcp_vm.a', 'xcp_vm.b']), { 'xcp_vm.b': 'count' }, ['xcp_vm.b[0]', 'xcp_vm.b[1]']],
    ['an instance move changes one instance', prior('xcp_vm.a[0]', 'xcp_vm.a[1]'), moved(['xcp_vm.a[1]', 'xcp_vm.b["x"]']), { 'xcp_vm.a': 'count', 'xcp_vm.b': 'for_each' }, ['xcp_vm.a[0]', 'xcp_vm.b["x"]']],
    ['a keyless side opposite a keyed one is the no-key instance', prior('xcp_vm.a'), moved(['xcp_vm.a', 'xcp_vm.b[2]']), { 'xcp_vm.b': 'count' }, ['xcp_vm.b[2]']],
    ['a chain a -> b -> c ends at c, whatever the statement order', prior('xcp_vm.a'), moved(['xcp_vm.b', 'xcp_vm.c'], ['xcp_vm.a', 'xcp_vm.b']), { 'xcp_vm.c': 'none' }, ['xcp_vm.c']],
    ['a move from an address not in the state does nothing', prior('xcp_vm.x'), moved(['xcp_vm.a', 'xcp_vm.b']), { 'xcp_vm.x': 'none', 'xcp_vm.b': 'none' }, ['xcp_vm.x']],
    ['count added: a -> a[0] implied', prior('xcp_vm.a'), [], { 'xcp_vm.a': 'count' }, ['xcp_vm.a[0]']],
    ['count removed: a[0] -> a implied', prior('xcp_vm.a[0]'), [], { 'xcp_vm.a': 'none' }, ['xcp_vm.a']],
    ['for_each added: no implied move', prior('xcp_vm.a'), [], { 'xcp_vm.a': 'for_each' }, ['xcp_vm.a']],
    ['an explicit move wins over the implied one', prior('xcp_vm.a'), moved(['xcp_vm.a', 'xcp_vm.a[3]']), { 'xcp_vm.a': 'count' }, ['xcp_vm.a[3]']],
  ] as [string, PriorResource[], ReturnType<typeof moved>, Record<string, 'none' | 'count' | 'for_each'>, string[]][])('%s', (_name, p, statements, blocks, expected) => {
    const r = applyMoves(p, statements, declared(blocks));
    expect(r.diagnostics).toEqual([]);
    expect(r.prior.map((x) => x.address)).toEqual(expected);
    // Each moved instance knows where it was, keeps its object, and its index matches its address.
    for (const x of r.prior) {
      expect(x.attributes.id).toBe(r.previous.get(x.address) ?? x.address);
      expect(x.address.endsWith(']')).toBe(x.index !== undefined);
    }
  });

  test('a target already in the state blocks the move with Terraform\'s warning', () => {
    const r = applyMoves(prior('xcp_vm.a', 'xcp_vm.b'), moved(['xcp_vm.a', 'xcp_vm.b']), declared({ 'xcp_vm.b': 'none' }));
    expect(r.prior.map((x) => x.address)).toEqual(['xcp_vm.a', 'xcp_vm.b']);
    expect(r.diagnostics.map((d) => [d.severity, d.summary])).toEqual([['warning', 'Unresolved resource instance address changes']]);
    expect(r.diagnostics[0].detail).toContain('  - xcp_vm.a could not move to xcp_vm.b');
  });

  test.each([
    ['still declared', moved(['xcp_vm.a', 'xcp_vm.b']), { 'xcp_vm.a': 'none', 'xcp_vm.b': 'none' }, 'Moved object still exists', 10],
    ['still declared no-key instance', moved(['xcp_vm.a', 'xcp_vm.b[0]']), { 'xcp_vm.a': 'none', 'xcp_vm.b': 'count' }, 'Moved object still exists', 10],
    ['redundant', moved(['xcp_vm.a', 'xcp_vm.a']), { 'xcp_vm.a': 'none' }, 'Redundant move statement', 10],
    ['another type', moved(['xcp_vm.a', 'xcp_network.a']), {}, 'Unsupported `moved` across resource types', 10],
    ['ambiguous', moved(['xcp_vm.a', 'xcp_vm.b'], ['xcp_vm.a', 'xcp_vm.c']), {}, 'Ambiguous move statements', 14],
    ['cycle', moved(['xcp_vm.a', 'xcp_vm.b'], ['xcp_vm.b', 'xcp_vm.c'], ['xcp_vm.c', 'xcp_vm.a']), {}, 'Cyclic dependency in move statements', 10],
  ] as [string, ReturnType<typeof moved>, Record<string, 'none' | 'count' | 'for_each'>, string, number][])('%s is an error at the statement, and nothing moves', (_name, statements, blocks, summary, line) => {
    const r = applyMoves(prior('xcp_vm.a', 'xcp_vm.a[0]'), statements, declared(blocks));
    expect(r.diagnostics.map((d) => [d.severity, d.summary, d.source?.line])).toEqual([['error', summary, line]]);
    expect(r.previous.size).toBe(0);
  });

  test('the cycle names each statement with its location', () => {
    const r = applyMoves([], moved(['xcp_vm.a', 'xcp_vm.b'], ['xcp_vm.b', 'xcp_vm.a']), declared({}));
    expect(r.diagnostics[0].detail).toContain('  - main.tf:10: xcp_vm.a → xcp_vm.b\n  - main.tf:14: xcp_vm.b → xcp_vm.a');
  });
});
