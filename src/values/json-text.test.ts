import { BigNum, divide, normalize, numberText, parseDecimal } from './bignum';
import { parseExact, stringifyExact } from './json-text';

describe('JSON text with exact numbers', () => {
  it('writes every digit of a big number, as Terraform writes state and plan JSON', () => {
    const value = { a: normalize(parseDecimal('12345678901234567890')), b: [divide(1, 3)], c: 1.5, d: 'x' };
    const text = stringifyExact(value, 2);
    expect(text).toContain('"a": 12345678901234567890');
    expect(text).toContain(`0.${'3'.repeat(154)}5`);
    expect(JSON.parse(text).c).toBe(1.5);
    expect(JSON.stringify(value)).not.toContain('12345678901234567890');
  });

  it('writes plain JSON unchanged', () => {
    expect(stringifyExact({ a: [1, 'two', null] })).toBe(JSON.stringify({ a: [1, 'two', null] }));
  });
});

describe('JSON text read exactly', () => {
  it('reads numbers a double cannot hold as BigNums, and round-trips them', () => {
    const text = '{"a": 12345678901234567890, "b": [0.1, 1.5, "12345678901234567890"], "c": 9007199254740993}';
    const v = parseExact(text) as { a: unknown; b: unknown[]; c: unknown };
    expect(v.a).toBeInstanceOf(BigNum);
    expect(numberText(v.a as BigNum)).toBe('12345678901234567890');
    expect(v.b).toEqual([0.1, 1.5, '12345678901234567890']);
    expect(numberText(v.c as BigNum)).toBe('9007199254740993');
    expect(stringifyExact(v)).toBe('{"a":12345678901234567890,"b":[0.1,1.5,"12345678901234567890"],"c":9007199254740993}');
  });
});
