import fc from 'fast-check';
// The `jsonpatch` npm package: an independent RFC 6902 implementation to check ours against.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const jsonpatch = require('jsonpatch') as { apply_patch(doc: unknown, patch: unknown[]): unknown };
import { UNKNOWN, Value } from '../values/value';
import { jsonPatch } from './patch';

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x) => (x === UNKNOWN ? '(known after apply)' : x)));

describe('JSON Patch of each change', () => {
  const cases: [string, Value, Value][] = [
    ['create', null, { name: 'web', disks: [{ size: 1 }], tags: ['a'] }],
    ['delete', { name: 'web' }, null],
    ['nested update', { name: 'web', disks: [{ size: 1, sr: 'a' }, { size: 2 }], other: { 'a/b': '1', '~x': '2' } }, { name: 'web2', disks: [{ size: 5, sr: 'b' }], other: { 'a/b': '3', new: 'n' } }],
    ['unknowns', { uuid: 'u', host: 'h1' }, { uuid: 'u', host: UNKNOWN }],
    ['list growth', { l: [1] }, { l: [1, 2, 3] }],
  ];
  test.each(cases)('%s: applying the patch to before yields after', (_n, before, after) => {
    expect(jsonpatch.apply_patch(plain(before ?? {}), jsonPatch(before ?? {}, after ?? {}))).toEqual(plain(after ?? {}));
  });

  test('property: for random JSON objects, apply(before, patch(before, after)) equals after', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 5 }), tie('value'), { maxKeys: 4 })),
    })).value;
    const obj = fc.dictionary(fc.string({ maxLength: 6 }), json, { maxKeys: 6 });
    fc.assert(fc.property(obj, obj, (a, b) => {
      const patched = jsonpatch.apply_patch(structuredClone(a), jsonPatch(a as Value, b as Value));
      expect(patched).toEqual(b);
    }), { numRuns: 300 });
  });
});
