/** Property: decoding what was encoded gives the value back, for values generated from types. */
import fc from 'fast-check';
import { normalize, parseDecimal } from '../../values/bignum';
import { Unknown, UNKNOWN, Value } from '../../values/value';
import { RESOURCE_SCHEMAS, DATA_SOURCE_SCHEMAS, providerSchema } from '../../provider/schemas';
import { decodeJson, encodeJson } from './json';
import { decodeMsgpack, encodeMsgpack } from './msgpack';
import { blockType, WireType } from './types';

const typeArb: fc.Arbitrary<WireType> = fc.letrec<{ type: WireType }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<WireType>('string', 'number', 'bool'),
    tie('type').map((t) => ['list', t] as const),
    tie('type').map((t) => ['set', t] as const),
    tie('type').map((t) => ['map', t] as const),
    fc.dictionary(fc.stringMatching(/^[a-z_]{1,6}$/), tie('type'), { maxKeys: 4 }).map((a) => ['object', a] as const),
  ),
})).type;

/** Decimals beyond a JS double, as the value model holds them (512-bit numbers). */
const bigDecimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.nat({ max: 12 }))
  .map(([n, scale]) => {
    const s = n.toString();
    if (scale === 0) return s;
    const neg = s.startsWith('-');
    const digits = (neg ? s.slice(1) : s).padStart(scale + 1, '0');
    return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  })
  .map((s) => normalize(parseDecimal(s)) as Value);

const refinedUnknown = fc
  .record({ notNull: fc.constant(true), stringPrefix: fc.string({ maxLength: 4 }), lengthLower: fc.nat(5) }, { requiredKeys: [] })
  .map((r) => (Object.keys(r).length ? new Unknown(r) : UNKNOWN));

function valueArb(type: WireType, withUnknowns: boolean, depth = 0): fc.Arbitrary<Value> {
  const leaf = (arb: fc.Arbitrary<Value>): fc.Arbitrary<Value> => {
    const options: fc.Arbitrary<Value>[] = [arb, fc.constant(null)];
    if (withUnknowns) options.push(refinedUnknown);
    return fc.oneof({ weight: 4, arbitrary: options[0] }, ...options.slice(1).map((a) => ({ weight: 1, arbitrary: a })));
  };
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return leaf(fc.string());
      case 'bool':
        return leaf(fc.boolean());
      case 'number':
        return leaf(fc.oneof(fc.double({ noNaN: true }).map((n) => (Object.is(n, -0) ? 0 : n)), fc.integer(), bigDecimal));
      default:
        return leaf(fc.constant(null));
    }
  }
  const max = depth > 2 ? 1 : 3;
  switch (type[0]) {
    case 'list':
    case 'set':
      return leaf(fc.array(valueArb(type[1], withUnknowns, depth + 1), { maxLength: max }));
    case 'map':
      return leaf(fc.dictionary(fc.string({ maxLength: 5 }).filter((k) => k !== '__proto__'), valueArb(type[1], withUnknowns, depth + 1), { maxKeys: max }));
    case 'object': {
      const attrs = type[1] as Record<string, WireType>;
      const rec: Record<string, fc.Arbitrary<Value>> = {};
      for (const [k, t] of Object.entries(attrs)) rec[k] = valueArb(t, withUnknowns, depth + 1);
      return leaf(fc.record(rec) as fc.Arbitrary<Value>);
    }
    default:
      return fc.constant(null);
  }
}

const typedValue = (withUnknowns: boolean) => typeArb.chain((type) => valueArb(type, withUnknowns).map((value) => ({ type, value })));

describe('codec round trips', () => {
  it('msgpack: decode(encode(v)) equals v, unknowns and big numbers included', () => {
    fc.assert(
      fc.property(typedValue(true), ({ type, value }) => {
        expect(decodeMsgpack(type, encodeMsgpack(type, value))).toEqual(value);
      }),
      { numRuns: 400 },
    );
  });

  it('JSON: decode(encode(v)) equals v for known values', () => {
    fc.assert(
      fc.property(typedValue(false), ({ type, value }) => {
        expect(decodeJson(type, encodeJson(type, value))).toEqual(value);
      }),
      { numRuns: 400 },
    );
  });

  it('msgpack round-trips values of every xcpform schema', () => {
    const schemas = [providerSchema, ...RESOURCE_SCHEMAS, ...DATA_SOURCE_SCHEMAS];
    for (const schema of schemas) {
      const type = blockType(schema.block);
      fc.assert(
        fc.property(valueArb(type, true), (value) => {
          expect(decodeMsgpack(type, encodeMsgpack(type, value))).toEqual(value);
        }),
        { numRuns: 20 },
      );
    }
  });
});
