import { UNKNOWN, Value } from '../../values/value';
import { diffBlock, diffValue, Shape } from './diff-tree';
import { PLAIN, TextStyle } from './style';
import { renderNode } from './values';
import { wordWrap, horizontalRule } from './wrap';

const str: Shape = { t: 'primitive' };
const list: Shape = { t: 'list', elem: str };
const set: Shape = { t: 'set', elem: str };
const map: Shape = { t: 'map', elem: str };

function render(shape: Shape, before: Value, after: Value, opts: { sensitive?: string[]; style?: TextStyle } = {}): string {
  const node = diffValue(shape, before, after, [], {
    sensitive: (p) => (opts.sensitive ?? []).includes(JSON.stringify(p)),
    flags: () => ({}),
  });
  return renderNode(node, 0, { style: opts.style ?? PLAIN });
}

const cases: [string, Shape, Value, Value, string][] = [
  ['primitive update', str, 'a', 'b', '"a" -> "b"'],
  ['primitive create', str, null, 'b', '"b"'],
  ['primitive delete', str, 'a', null, '"a" -> null'],
  ['number and bool', { t: 'primitive' }, 1, true, '1 -> true'],
  ['unknown on create', str, null, UNKNOWN, '(known after apply)'],
  ['unknown on update', str, 'a', UNKNOWN, '"a" -> (known after apply)'],
  ['empty list created', list, null, [], '[]'],
  ['list removed', list, ['x'], null, '[\n      - "x",\n    ] -> null'],
  ['list with context around one change', list, ['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'X', 'd', 'e'],
    '[\n        # (1 unchanged element hidden)\n        "b",\n      - "c",\n      + "X",\n        "d",\n        # (1 unchanged element hidden)\n    ]'],
  ['list element unknown', list, ['a'], ['a', UNKNOWN], '[\n        "a",\n      + (known after apply),\n    ]'],
  ['set addition hides unchanged elements', set, ['a', 'b'], ['b', 'a', 'c'], '[\n      + "c",\n        # (2 unchanged elements hidden)\n    ]'],
  ['map keys aligned and quoted', map, { a: '1', long_key: '2' }, { a: '1', long_key: '3', b: '4' },
    '{\n      + "b"        = "4"\n      ~ "long_key" = "2" -> "3"\n        # (1 unchanged element hidden)\n    }'],
  ['map removed', map, { k: 'v' }, null, '{\n      - "k" = "v" -> null\n    } -> null'],
  ['heredoc create', str, null, 'line 1\nline 2\n', '<<-EOT\n        line 1\n        line 2\n    EOT'],
  ['heredoc line diff', str, 'a\nb\n', 'a\nc\n', '<<-EOT\n        a\n      - b\n      + c\n    EOT'],
];

describe('value rendering (Terraform renderers)', () => {
  test.each(cases)('%s', (_name, shape, before, after, expected) => {
    expect(render(shape, before, after)).toBe(expected);
  });

  test('sensitive values never show, even unchanged or removed', () => {
    expect(render(str, 'secret', 'secret', { sensitive: ['[]'] })).toBe('(sensitive value)');
    expect(render(str, 'secret', null, { sensitive: ['[]'] })).toBe('(sensitive value) -> null');
    const m = render(map, { password: 'pw1', user: 'u' }, { password: 'pw2', user: 'u' }, { sensitive: ['["password"]'] });
    expect(m).toBe('{\n      ~ "password" = (sensitive value)\n        # (1 unchanged element hidden)\n    }');
    expect(m).not.toContain('pw');
  });

  test('colour codes appear only when asked for', () => {
    expect(render(str, 'a', 'b')).not.toContain('\x1b');
    expect(render(str, 'a', 'b', { style: { color: true, diffMarkers: false } })).toBe('"a" \x1b[33m->\x1b[0m "b"');
  });

  test('diff markers move the symbol to column 0 and ~ to !', () => {
    const out = render(map, { a: '1', b: '2' }, { a: '9', c: '3' }, { style: { color: false, diffMarkers: true } });
    expect(out.split('\n')).toEqual(['{', '!       "a" = "1" -> "9"', '-       "b" = "2" -> null', '+       "c" = "3"', '    }']);
  });
});

describe('word wrap and rule', () => {
  test('wraps at width - 1 on spaces, keeping indentation', () => {
    expect(wordWrap('aaa bbb ccc', 8)).toBe('aaa bbb\nccc');
    expect(wordWrap('  aa bb cc', 8)).toBe('  aa bb\n  cc');
    expect(wordWrap('no wrap here', 0)).toBe('no wrap here');
  });
  test('the rule spans width - 1 columns', () => {
    expect(horizontalRule(5)).toBe('\n────\n');
    expect(horizontalRule(1)).toBe('\n');
  });
});

describe('blocks', () => {
  const block = {
    description: '',
    attributes: { name: { type: 'string' as const, description: '', optional: true } },
    blockTypes: { disk: { nesting: 'list' as const, block: { description: '', attributes: { size: { type: 'number' as const, description: '', optional: true } } } } },
  };
  const ctx = { sensitive: () => false, flags: () => ({}) };

  test('a block list known only after apply', () => {
    const node = diffBlock(block, null, { name: 'a', disk: UNKNOWN }, [], ctx);
    expect(renderNode(node, 0, { style: PLAIN })).toBe('{\n      + name = "a"\n\n      + disk (known after apply)\n    }');
  });

  test('blocks: a blank line before each group, unchanged ones counted', () => {
    const node = diffBlock(block, { name: 'a', disk: [{ size: 1 }, { size: 2 }] }, { name: 'a', disk: [{ size: 1 }, { size: 3 }] }, [], ctx);
    expect(renderNode(node, 0, { style: PLAIN })).toBe(
      '{\n        # (1 unchanged attribute hidden)\n\n      ~ disk {\n          ~ size = 2 -> 3\n        }\n\n        # (1 unchanged block hidden)\n    }',
    );
  });
});
