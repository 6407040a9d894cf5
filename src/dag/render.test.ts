import { Graph } from './graph';
import { toDot } from './dot';
import { toMermaid } from './mermaid';

const g = Graph.from(['xcp_vm.web["a"]'], [
  ['xcp_vm.web["a"]', 'xcp_network.lan'],
  ['xcp_network.lan', 'xcp_pool.dc1'],
]);

describe('toDot', () => {
  it('is deterministic and escapes quotes', () => {
    const want = [
      'digraph "G" {',
      '  rankdir = "RL";',
      '  node [shape = rect, fontname = "sans-serif"];',
      '  "xcp_network.lan" [label = "xcp_network.lan"];',
      '  "xcp_pool.dc1" [color = "red", label = "xcp_pool.dc1"];',
      '  "xcp_vm.web[\\"a\\"]" [label = "xcp_vm.web[\\"a\\"]"];',
      '  "xcp_network.lan" -> "xcp_pool.dc1";',
      '  "xcp_vm.web[\\"a\\"]" -> "xcp_network.lan";',
      '}',
      '',
    ].join('\n');
    expect(toDot(g, { attributes: (v) => (v.startsWith('xcp_pool') ? { color: 'red' } : undefined) })).toBe(want);
    expect(toDot(g.reverse().reverse())).toBe(toDot(g));
  });
});

describe('toMermaid', () => {
  it('numbers vertices in sorted order and escapes labels', () => {
    expect(
      toMermaid(g, { classOf: (v) => (v.startsWith('xcp_vm') ? 'create' : undefined), classDefs: { create: 'fill:#dfd' } }),
    ).toBe(
      [
        'flowchart RL',
        '  classDef create fill:#dfd',
        '  n0["xcp_network.lan"]',
        '  n1["xcp_pool.dc1"]',
        '  n2["xcp_vm.web[#quot;a#quot;]"]:::create',
        '  n0 --> n1',
        '  n2 --> n0',
        '',
      ].join('\n'),
    );
  });
});
