import { BigNum, divide, numberText } from '../../values/bignum';
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
    ['1e3', 1000],
    [' 7 ', 7],
  ])('decodes %j', (wire, value) => {
    expect(decodeNumber(wire)).toBe(value);
  });

  it('decodes numbers a double cannot hold into BigNums with every digit', () => {
    for (const wire of ['9007199254740993', '123456789012345678901234567890', '0.1000000000000000000001']) {
      const n = decodeNumber(wire);
      expect(n).toBeInstanceOf(BigNum);
      expect(numberText(n)).toBe(wire);
      expect(encodeNumber(n)).toBe(wire);
    }
    expect(decodeNumber(18446744073709551616n)).toBeInstanceOf(BigNum);
    expect(numberText(decodeNumber(18446744073709551616n))).toBe('18446744073709551616');
  });

  it('encodes a computed big number (1/3 at 512 bits) as its full decimal string', () => {
    expect(encodeNumber(divide(1, 3))).toBe(`0.${'3'.repeat(154)}5`);
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
