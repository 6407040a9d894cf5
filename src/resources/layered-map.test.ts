import fc from 'fast-check';
import { LayeredRecords } from './layered-map';

/** Operations on a family of holders that share with one another, checked against plain maps. */
type Op = { kind: 'put'; holder: number; key: number; value: number | undefined } | { kind: 'share'; from: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('put' as const), holder: fc.nat(7), key: fc.nat(40), value: fc.option(fc.nat(1000), { nil: undefined, freq: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('share' as const), from: fc.nat(7) }) },
);

function sorted(entries: Iterable<[string, number]>): [string, number][] {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('LayeredRecords', () => {
  test('any mix of shares and writes reads as independent copies of plain maps would (seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.nat(1000)), { maxLength: 30 }), fc.array(op, { maxLength: 300 }), (initial, ops) => {
        const first = new Map(initial.map(([k, v]) => [`k${k}`, v] as [string, number]));
        const holders = [new LayeredRecords<number>(new Map(first))];
        const models = [new Map(first)];
        for (const o of ops) {
          if (o.kind === 'share') {
            const i = o.from % holders.length;
            holders.push(holders[i].share());
            models.push(new Map(models[i]));
            continue;
          }
          const i = o.holder % holders.length;
          const key = `k${o.key}`;
          holders[i].put(key, o.value);
          if (o.value === undefined) models[i].delete(key);
          else models[i].set(key, o.value);
        }
        holders.forEach((h, i) => {
          const m = models[i];
          expect(h.size).toBe(m.size);
          expect(h.map().size).toBe(m.size);
          expect(sorted(h.map().entries())).toEqual(sorted(m.entries()));
          for (let k = 0; k <= 40; k++) {
            expect(h.get(`k${k}`)).toBe(m.get(`k${k}`));
            expect(h.map().has(`k${k}`)).toBe(m.has(`k${k}`));
          }
        });
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });

  test('iteration keeps Map order: replaced values in place, added ones at the end', () => {
    const a = new LayeredRecords<number>(new Map([['a', 1], ['b', 2], ['c', 3]]));
    const b = a.share();
    b.put('b', 20);
    b.put('d', 4);
    b.put('a', undefined);
    expect([...b.map()]).toEqual([['b', 20], ['c', 3], ['d', 4]]);
    expect([...b.map().keys()]).toEqual(['b', 'c', 'd']);
    expect([...a.map()]).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  });

  test('a write after each hand-out does not copy the shared records (an apply of N objects was N²)', () => {
    let walks = 0;
    class CountingMap extends Map<string, number> {
      override entries(): MapIterator<[string, number]> {
        walks++;
        return super.entries();
      }
      override [Symbol.iterator](): MapIterator<[string, number]> {
        walks++;
        return super[Symbol.iterator]();
      }
    }
    const base = new CountingMap();
    for (let i = 0; i < 10_000; i++) base.set(`r${i}`, i);
    const live = new LayeredRecords<number>(base);
    const views: LayeredRecords<number>[] = [];
    for (let i = 0; i < 150; i++) {
      views.push(live.share());
      live.put(`new${i}`, i);
    }
    expect(walks).toBe(0);
    expect(live.size).toBe(10_150);
    expect(views[0].size).toBe(10_000);
    expect(views[149].get('new148')).toBe(148);
    expect(views[149].get('new149')).toBeUndefined();
  });

  test('a view handed out keeps showing its holder, as the plain map did', () => {
    const live = new LayeredRecords<number>(new Map([['a', 1]]));
    live.share();
    live.put('b', 2);
    const seen = live.map();
    live.put('c', 3);
    expect(seen.size).toBe(3);
    expect(seen.get('c')).toBe(3);
    expect(() => (seen as Map<string, number>).set('x', 1)).toThrow('read-only');
  });
});
