import { formatValue, renderOutputValues } from './output-values';

describe('output values in Terraform console notation', () => {
  test.each([
    ['a string', 'web', 'string', '"web"'],
    ['quotes and backslashes', 'a"b\\c', 'string', '"a\\"b\\\\c"'],
    ['a number', 2147483648, 'number', '2147483648'],
    ['a fraction', 1.5, 'number', '1.5'],
    ['a bool', true, 'bool', 'true'],
    ['null', null, 'dynamic', 'null'],
    ['an empty tuple', [], ['tuple', []], '[]'],
    ['an empty list', [], ['list', 'string'], 'tolist([])'],
    ['an empty set', [], ['set', 'string'], 'toset([])'],
    ['a set, sorted', ['b', 'a'], ['set', 'string'], 'toset([\n  "a",\n  "b",\n])'],
    ['an empty map', {}, ['map', 'string'], 'tomap({})'],
    ['an empty object', {}, ['object', {}], '{}'],
    ['a tuple', ['a', 1], ['tuple', ['string', 'number']], '[\n  "a",\n  1,\n]'],
    ['a list', ['10.0.0.1'], ['list', 'string'], 'tolist([\n  "10.0.0.1",\n])'],
    ['a map (keys sorted)', { b: '2', a: '1' }, ['map', 'string'], 'tomap({\n  "a" = "1"\n  "b" = "2"\n})'],
    ['a nested object', { n: { x: [true] } }, ['object', { n: ['object', { x: ['tuple', ['bool']] }] }], '{\n  "n" = {\n    "x" = [\n      true,\n    ]\n  }\n}'],
    ['a multi-line string', 'a\nb\n', 'string', '<<EOT\na\nb\n\nEOT'],
    ['a multi-line string holding EOT', 'EOT\nx', 'string', '<<EOT_\nEOT\nx\nEOT_'],
  ])('%s', (_name, value, type, expected) => {
    expect(formatValue(value, type)).toBe(expected);
  });

  test('an indented multi-line string uses the <<- form', () => {
    expect(formatValue(['a\nb'], ['tuple', ['string']])).toBe('[\n  <<-EOT\n  a\n  b\n  EOT,\n]');
  });

  test('the section: sorted by name, sensitive hidden, null outputs left out, nothing without outputs', () => {
    expect(renderOutputValues({})).toBe('');
    expect(renderOutputValues({ z: { value: 'x', type: 'string' }, a: { value: 's3cret', type: 'string', sensitive: true }, n: { value: null, type: 'dynamic' } }))
      .toBe('\nOutputs:\n\na = <sensitive>\nz = "x"\n');
    expect(renderOutputValues({ n: { value: null, type: 'dynamic' } })).toBe('');
  });
});
