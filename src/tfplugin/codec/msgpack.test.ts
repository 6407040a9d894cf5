import { encode } from '@msgpack/msgpack';
import { BigNum, numberText } from '../../values/bignum';
import { Unknown, UNKNOWN, Value } from '../../values/value';
import { CodecError } from './errors';
import { decodeMsgpack, encodeMsgpack } from './msgpack';
import { WireType } from './types';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

describe('cty msgpack byte vectors', () => {
  const cases: { name: string; type: WireType; value: Value; hex: string }[] = [
    { name: 'null string', type: 'string', value: null, hex: 'c0' },
    { name: 'unknown string (fixext1 type 0)', type: 'string', value: UNKNOWN, hex: 'd40000' },
    { name: 'string', type: 'string', value: 'hi', hex: 'a26869' },
    { name: 'small int', type: 'number', value: 42, hex: '2a' },
    { name: 'exact float', type: 'number', value: 0.5, hex: 'cb3fe0000000000000' },
    { name: 'decimal not exact in float64 goes as its text', type: 'number', value: 0.1, hex: 'a3302e31' },
    { name: 'big decimal string', type: 'number', value: '123456789012345678901234567890', hex: 'be313233343536373839303132333435363738393031323334353637383930' },
    { name: 'bool', type: 'bool', value: true, hex: 'c3' },
    { name: 'nested sets', type: ['set', ['set', 'string']], value: [['a'], ['b', 'c']], hex: '9291a16192a162a163' },
    { name: 'object with every attribute, sorted', type: ['object', { b: 'number', a: 'string' }], value: { a: 'x', b: null }, hex: '82a161a178a162c0' },
    { name: 'map', type: ['map', 'number'], value: { z: 1, a: 2 }, hex: '82a16102a17a01' },
    { name: 'list with an unknown element', type: ['list', 'string'], value: ['a', UNKNOWN], hex: '92a161d40000' },
    { name: 'dynamic string', type: 'dynamic', value: 'x', hex: '92c408' + Buffer.from('"string"').toString('hex') + 'a178' },
    { name: 'refined unknown (not null)', type: 'string', value: new Unknown({ notNull: true }), hex: 'c7030c8101c2' },
  ];
  it.each(cases)('$name', ({ type, value, hex: expected }) => {
    expect(hex(encodeMsgpack(type, value))).toBe(expected);
    const decoded = decodeMsgpack(type, bytes(expected));
    // A number a double cannot hold comes back as a BigNum with every digit.
    if (decoded instanceof BigNum) expect(numberText(decoded)).toBe(value);
    else expect(decoded).toEqual(value);
  });

  it('reads int64 beyond 2^53 as a BigNum and exact ones as numbers', () => {
    expect(numberText(decodeMsgpack('number', bytes('cf0020000000000001')) as BigNum)).toBe('9007199254740993');
    // 2^60 is exact in a double, but a double prints it as 1152921504606847000: it needs every digit.
    expect(numberText(decodeMsgpack('number', bytes('cf1000000000000000')) as BigNum)).toBe('1152921504606846976');
    expect(decodeMsgpack('number', bytes('d3ffffffffffffffff'))).toBe(-1);
  });

  it('accepts float32, uint and strings for numbers', () => {
    expect(decodeMsgpack('number', bytes('ca3fc00000'))).toBe(1.5);
    expect(decodeMsgpack('number', bytes('cd0400'))).toBe(1024);
    expect(decodeMsgpack('number', encode('1024'))).toBe(1024);
    expect(decodeMsgpack('number', encode('0.1'))).toBe(0.1);
  });

  it('reads refinements of extension 12 and treats other extensions as unknown', () => {
    const payload = Buffer.concat([Buffer.from('8401c2', 'hex'), Buffer.from('02', 'hex'), Buffer.from(encode('web-')), Buffer.from('05', 'hex'), Buffer.from(encode(1)), Buffer.from('03', 'hex'), Buffer.from(encode([0, true]))]);
    const ext = Buffer.concat([Buffer.from([0xc7, payload.length, 12]), payload]);
    expect(decodeMsgpack('string', new Uint8Array(ext))).toEqual(new Unknown({ notNull: true, stringPrefix: 'web-', lengthLower: 1, numberLower: 0 }));
    expect(decodeMsgpack('string', bytes('d40c00'))).toBe(UNKNOWN);
    expect(decodeMsgpack('string', bytes('d40500'))).toBe(UNKNOWN);
  });

  it('rejects malformed input with a CodecError naming the path', () => {
    const obj: WireType = ['object', { disks: ['list', ['object', { size: 'number' }]] }];
    expect(() => decodeMsgpack(obj, encode({ disks: [{ size: 'big' }] }))).toThrow(/at disks\[0\]\.size/);
    expect(() => decodeMsgpack(obj, encode({ nope: 1 }))).toThrow(/unsupported attribute "nope"/);
    expect(() => decodeMsgpack('string', bytes('c1'))).toThrow(CodecError);
    expect(() => decodeMsgpack('string', bytes('92'))).toThrow(/malformed msgpack/);
    expect(() => decodeMsgpack('dynamic', encode([new Uint8Array(Buffer.from('"strin')), 'x']))).toThrow(/bad type/);
    expect(() => decodeMsgpack('dynamic', encode([new Uint8Array(Buffer.from('"wat"')), 'x']))).toThrow(/unknown type/);
    expect(() => encodeMsgpack('number', 'twelve')).toThrow(/not a number/);
  });

  it('fills a missing object attribute with null on input', () => {
    expect(decodeMsgpack(['object', { a: 'string', b: 'bool' }], encode({ a: 'x' }))).toEqual({ a: 'x', b: null });
  });
});
