import { decodeNumber, encodeNumber, isDecimalString, numbersEqual, plainDecimal } from './numbers';

describe('cty numbers', () => {
  it.each([
    ['integer', 42, 42],
    ['exact binary fraction', 1.25, 1.25],
    ['decimal fraction', 0.1, '0.1'],
    ['tiny', 1e-7, '0.0000001'],
    ['decimal string', '123456789012345678901234567890', '123456789012345678901234567890'],
    ['infinity', Infinity, Infinity],
  ])('encodes %s', (_name, value, wire) => {
    expect(encodeNumber(value)).toBe(wire);
  });

  it.each([
    ['1.0', 1],
    ['0.10', 0.1],
    ['9007199254740993', '9007199254740993'],
    ['1e3', 1000],
    [' 7 ', 7],
  ])('decodes %j', (wire, value) => {
    expect(decodeNumber(wire)).toBe(value);
  });

  it('knows decimal strings', () => {
    expect(isDecimalString('-1.5e3')).toBe(true);
    expect(isDecimalString('1.2.3')).toBe(false);
    expect(isDecimalString('')).toBe(false);
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(numbersEqual(1, '1.000')).toBe(true);
    expect(numbersEqual(1, '1.0001')).toBe(false);
  });
});
