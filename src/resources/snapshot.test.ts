import fc from 'fast-check';
import { PoolRecords, WorldSnapshot } from './snapshot';

type Rec = { uuid: string; name_label: string; other_config: Record<string, string> };
type Op = { kind: 'put'; holder: number; ref: number; uuid: number | undefined; name: number; address: number | undefined } | { kind: 'share'; from: number } | { kind: 'lookup'; holder: number; uuid: number; name: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('put' as const), holder: fc.nat(5), ref: fc.nat(25), uuid: fc.option(fc.nat(25), { nil: undefined, freq: 5 }), name: fc.nat(3), address: fc.option(fc.nat(3), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('share' as const), from: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('lookup' as const), holder: fc.nat(5), uuid: fc.nat(25), name: fc.nat(3) }) },
);

/** byName and byKey('address') give what a scan of the class gives, in the class's order. */
function expectKeyed(h: PoolRecords, model: Map<string, Rec>, n: number): void {
  const order = [...h.all('VM').keys()];
  expect(order.sort()).toEqual([...model.keys()].sort());
  const scan = (keep: (r: Rec) => boolean): string[] => [...h.all('VM')].filter(([, r]) => keep(r as unknown as Rec)).map(([ref]) => ref);
  expect(h.byName('VM', `n${n}`).map((x) => x.ref)).toEqual(scan((r) => r.name_label === `n${n}`));
  expect(h.byKey('VM', 'address', `a${n}`).map((x) => x.ref)).toEqual(scan((r) => r.other_config['xcpform:address'] === `a${n}`));
  for (const { ref, record } of h.byName('VM', `n${n}`)) expect(record).toBe(model.get(ref) ?? 'missing');
}

describe('PoolRecords shared with apply steps', () => {
  test('records, uuid and name lookups on every holder match plain copies after any shares and events (seeded)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const world = new WorldSnapshot();
        const live = world.pool('p');
        live.setClass('VM', new Map());
        const holders: PoolRecords[] = [live];
        const models: Map<string, Rec>[] = [new Map()];
        for (const o of ops) {
          if (o.kind === 'share') {
            const i = o.from % holders.length;
            const view = new WorldSnapshot().pool('p');
            holders[i].shareInto(view, ['VM']);
            holders.push(view);
            models.push(new Map(models[i]));
          } else if (o.kind === 'put') {
            const i = o.holder % holders.length;
            const ref = `OpaqueRef:${o.ref}`;
            // A ref keeps its uuid for life, as in xapi; `undefined` deletes the record.
            const rec = o.uuid === undefined ? undefined : { uuid: `u-${o.ref}`, name_label: `n${o.name}`, other_config: o.address === undefined ? {} : { 'xcpform:address': `a${o.address}` } };
            holders[i].put('VM', ref as never, rec as never);
            if (rec) models[i].set(ref, rec);
            else models[i].delete(ref);
          } else {
            const i = o.holder % holders.length;
            const found = holders[i].byUuid('VM', `u-${o.uuid}`);
            const want = models[i].get(`OpaqueRef:${o.uuid}`);
            expect(found?.ref).toBe(want ? `OpaqueRef:${o.uuid}` : undefined);
            // Name and address lookups between events: the indexes are built here and kept after.
            expectKeyed(holders[i], models[i], o.name);
          }
        }
        holders.forEach((h, i) => {
          expect(h.count('VM')).toBe(models[i].size);
          expect([...h.all('VM').keys()].sort()).toEqual([...models[i].keys()].sort());
          for (let n = 0; n < 4; n++) expectKeyed(h, models[i], n);
          for (let u = 0; u < 26; u++) expect(h.byUuid('VM', `u-${u}`)?.ref).toBe(models[i].has(`OpaqueRef:${u}`) ? `OpaqueRef:${u}` : undefined);
        });
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('indexes built once on the live records', () => {
  test('a hand-out after each event finds by uuid, name and address without reading every record again', () => {
    let reads = 0;
    /** A record whose uuid, name and other_config count their reads (a scan or an index build reads them all). */
    const rec = (i: number): object => {
      const r = {};
      for (const [k, v] of [['uuid', `u-${i}`], ['name_label', `n${i}`], ['other_config', { 'xcpform:address': `a${i}` }]] as const) {
        Object.defineProperty(r, k, { enumerable: true, get: () => { reads++; return v; } });
      }
      return r;
    };
    const live = new WorldSnapshot().pool('p');
    live.setClass('VM', new Map(Array.from({ length: 1000 }, (_, i) => [`OpaqueRef:${i}`, rec(i)])) as never);
    live.buildIndexes('VM');
    reads = 0;
    for (let round = 0; round < 50; round++) {
      live.put('VM', `OpaqueRef:new-${round}` as never, rec(1000 + round) as never);
      const handOut = new WorldSnapshot().pool('p');
      live.shareInto(handOut, ['VM']);
      expect(handOut.byUuid('VM', `u-${round}`)?.ref).toBe(`OpaqueRef:${round}`);
      expect(handOut.byName('VM', `n${1000 + round}`).map((x) => x.ref)).toEqual([`OpaqueRef:new-${round}`]);
      expect(handOut.byKey('VM', 'address', `a${round}`).map((x) => x.ref)).toEqual([`OpaqueRef:${round}`]);
    }
    // The events' own records, a few reads each; one pass over the class would be 3,000.
    expect(reads).toBeLessThan(1000);
  });
});
