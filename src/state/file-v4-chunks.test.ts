import fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import { StateEncoder, encodedText, sameApartFromSerial, SERIAL_CHUNK } from './file-v4-chunks';
import { decodeStateV4, encodeStateV4 } from './file-v4';
import { IndexKey, InstanceAddress, State, emptyState, providerAddress, removeInstance, setInstance, setOutput } from './model';
import { normalize, parseDecimal } from '../values/bignum';

const GOLDEN = readFileSync(path.join(__dirname, 'testdata/terraform-1.11.4.tfstate'), 'utf8');

/** Values that exercise the encoder: Go escapes, non-ASCII, numbers beyond a double, nesting. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom('<b> & \u2028 \u2029 "q" \\ \n', 'é✓😀', '', null, true, false, 0, -1.5, 1e21, 10737418240),
    fc.string({ maxLength: 6 }),
    fc.constant(normalize(parseDecimal('123456789012345678901234567890.5'))),
  ),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'name_label', '<k>'), tie('node'), { maxKeys: 3 })),
})).node;

const address = fc.record({
  module: fc.constantFrom(undefined, undefined, 'module.m["k"]'),
  mode: fc.constantFrom('managed' as const, 'managed' as const, 'data' as const),
  type: fc.constantFrom('xcp_vm', 'xcp_vm', 'xcp_network'),
  name: fc.constantFrom('a', 'b'),
  key: fc.constantFrom<IndexKey | undefined>(undefined, 0, 1, 2, 15, 16, 31, 'x', 'y', 'k14'),
}).map((a): InstanceAddress => ({ ...(a.module ? { module: a.module } : {}), mode: a.mode, type: a.type, name: a.name, ...(a.key === undefined ? {} : { key: a.key }) }));

type Edit = (s: State) => State;

const edit: fc.Arbitrary<Edit> = fc.oneof(
  // Mostly objects set (created or replaced), as in an apply.
  {
    weight: 8,
    arbitrary: fc.record({ at: address, attrs: fc.dictionary(fc.constantFrom('id', 'name_label', 'disk'), value, { minKeys: 1, maxKeys: 3 }), deposed: fc.constantFrom(undefined, undefined, '0badf00d'), tainted: fc.boolean(), deps: fc.constantFrom([], ['xcp_network.n']) })
      .map(({ at, attrs, deposed, tainted, deps }): Edit => (s) => setInstance(s, at, { ...(deposed ? { deposed } : {}), ...(tainted ? { status: 'tainted' as const } : {}), schemaVersion: 0, attributes: attrs, sensitiveAttributes: [], dependencies: deps }, providerAddress(undefined, at.module))),
  },
  // The same content as a new object: the write must see that nothing changed.
  address.map((at): Edit => (s) => {
    const r = s.resources.find((x) => x.type === at.type && x.name === at.name && x.mode === at.mode && (x.module ?? '') === (at.module ?? ''));
    const i = r?.instances[0];
    return r && i ? setInstance(s, { ...at, key: i.indexKey }, JSON.parse(JSON.stringify({ ...i, indexKey: undefined })), r.provider) : s;
  }),
  fc.record({ at: address, deposed: fc.constantFrom(undefined, '0badf00d') }).map(({ at, deposed }): Edit => (s) => removeInstance(s, at, deposed)),
  fc.record({ name: fc.constantFrom('ip', 'z'), v: fc.option(value) }).map(({ name, v }): Edit => (s) => setOutput(s, name, v === null ? undefined : { value: v, type: 'dynamic', sensitive: name === 'z' })),
  fc.nat(1000).map((n): Edit => (s) => ({ ...s, serial: n })),
  fc.constant<Edit>((s) => ({ ...s, resources: [...s.resources].reverse().map((r) => ({ ...r, instances: [...r.instances].reverse() })) })),
  fc.constant<Edit>((s) => ({ ...s, resources: s.resources.map((r, k) => (k === 0 ? { ...r, extra: { future: ['<x>'] } } : r)) })),
);

const plainApartFromSerial = (s: State): string => encodeStateV4({ ...s, serial: 0 });

describe('StateEncoder (the state file as chunks, encoded incrementally)', () => {
  it('writes the same bytes as the plain encoder for random states and edits, and sees a change exactly when the text changes', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 40 }), (edits) => {
        const encoder = new StateEncoder();
        let s = emptyState('00000000-0000-4000-8000-000000000000');
        let before = encoder.encode(s);
        expect(encodedText(before)).toBe(encodeStateV4(s));
        for (const e of edits) {
          const next = e(s);
          const after = encoder.encode(next);
          expect(encodedText(after)).toBe(encodeStateV4(next));
          expect(after.byteLength).toBe(Buffer.byteLength(encodeStateV4(next)));
          expect(sameApartFromSerial(before, after)).toBe(plainApartFromSerial(s) === plainApartFromSerial(next));
          [s, before] = [next, after];
        }
      }),
      { numRuns: 300 },
    );
  });

  it('encodes what Terraform wrote byte for byte', () => {
    const { state } = decodeStateV4(GOLDEN, 'terraform.tfstate');
    expect(encodedText(new StateEncoder().encode(state!))).toBe(GOLDEN);
  });

  it('after one instance of many is replaced, reuses every other chunk as it is (the cost of a write follows the change, not the state)', () => {
    const encoder = new StateEncoder();
    const at = (i: number): InstanceAddress => ({ mode: 'managed', type: 'xcp_vm', name: 'v', key: i });
    const vm = (i: number, d: string) => ({ schemaVersion: 0, attributes: { name_label: `v${i}`, name_description: d }, sensitiveAttributes: [], dependencies: [] });
    let s = emptyState();
    for (let i = 0; i < 500; i++) s = setInstance(s, at(i), vm(i, 'a'), providerAddress());
    const first = encoder.encode(s);
    const next = encoder.encode({ ...setInstance(s, at(250), vm(250, 'b'), providerAddress()), serial: 7 });
    const changed = first.chunks.flatMap((c, k) => (c.buffer === next.chunks[k].buffer && c.byteOffset === next.chunks[k].byteOffset && c.length === next.chunks[k].length ? [] : [k]));
    expect(changed).toEqual([SERIAL_CHUNK, 4 + 250]); // the serial and instance 250 (after the top, the serial, the middle and the resource head)
    expect(sameApartFromSerial(first, next)).toBe(false);
  });
});
