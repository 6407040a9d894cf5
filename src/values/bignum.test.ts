import { add, BigNum, compare, divide, fromFloat64, multiply, normalize, numberText, parseDecimal, subtract } from './bignum';

const lit = (s: string) => normalize(parseDecimal(s));

describe('numbers with cty precision', () => {
  it('adds decimal literals exactly at 512 bits: 0.1 + 0.2 is 0.3', () => {
    expect(numberText(add(lit('0.1'), lit('0.2')))).toBe('0.3');
    expect(compare(add(lit('0.1'), lit('0.2')), lit('0.3'))).toBe(0);
  });

  it('keeps integers beyond 2^53 exact', () => {
    const big = lit('9007199254740993');
    expect(big).toBeInstanceOf(BigNum);
    expect(numberText(big)).toBe('9007199254740993');
    expect(numberText(subtract(add(lit('1e38'), 1), lit('1e38')))).toBe('1');
    expect(numberText(multiply(lit('123456789012345678901234567890'), 10))).toBe('1234567890123456789012345678900');
  });

  it('prints 512-bit quotients with every digit, as terraform console does', () => {
    expect(numberText(divide(1, 3))).toBe(`0.${'3'.repeat(154)}5`);
    expect(numberText(subtract(lit('0.3'), lit('0.1')))).toBe(`0.2${'0'.repeat(153)}2`);
  });

  it('keeps float64 results at 53 bits until they meet a literal', () => {
    const p = fromFloat64(2 ** 64);
    expect(numberText(p)).toBe('18446744073709550000');
    expect(numberText(add(p, 0))).toBe('18446744073709551616');
    expect(numberText(fromFloat64(Math.SQRT2))).toBe('1.4142135623730951');
    expect(numberText(add(fromFloat64(Math.SQRT2), 0))).toBe('1.4142135623730951454746218587388284504413604736328125');
  });

  it('writes numbers without exponents and keeps negative zero', () => {
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(numberText(-0)).toBe('-0');
    expect(numberText(lit('1e400'))).toBe(`1${'0'.repeat(400)}`);
  });

  it('stays a plain JS number on the small-integer path', () => {
    expect(add(2, 3)).toBe(5);
    expect(multiply(6, 7)).toBe(42);
    expect(add(lit('0.5'), lit('0.25'))).toBe(0.75);
  });
});
