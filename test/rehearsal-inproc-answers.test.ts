/**
 * The rehearsal's in-process transport takes the simulator's answers without a copy of its own:
 * the dispatcher's `inproc` transport builds them fresh. They must equal what JSON-RPC text
 * gives (the same call over HTTP), and share no object with the database, which goes on
 * changing its records in place while the caller keeps (and decodes in place) what it got.
 */
import fc from 'fast-check';
import { inProcessTransport } from '../src/rehearsal/transport';
import { startSimulator, type RunningSimulator } from '../src/simulator';
import { recordType } from '../src/simulator/dispatch/implicit';
import { toWire, type FieldSpec, type FieldType, type StoredValue } from '../src/simulator/model/types';
import { CLASSES } from '../src/simulator/schema/misc';
import { RawClient } from '../src/simulator/testing/raw-client';
import { objects, viaText } from './helpers/wire-values';
import type { XapiEncodable } from '../src/xenapi/wire/values';


function sharesNothing(answer: unknown, source: unknown): void {
  const held = objects(source);
  for (const o of objects(answer)) expect(held.has(o)).toBe(false);
}

describe('simulator answers for a caller in process', () => {
  let sim: RunningSimulator | undefined;
  afterEach(async () => { await sim?.close(); sim = undefined; });

  test('every record of a pool equals its JSON-RPC text form and shares nothing with the database', async () => {
    sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 2 }] });
    const db = sim.world.pool('dc1').db;
    let records = 0;
    for (const spec of CLASSES.values()) {
      for (const [, rec] of db.all(spec.name)) {
        const answer = toWire(recordType(spec), rec, 'inproc');
        expect(answer).toStrictEqual(viaText(toWire(recordType(spec), rec, 'json')));
        sharesNothing(answer, rec);
        records++;
      }
    }
    expect(records).toBeGreaterThan(50);
  });

  test('any stored value of any type, odd ones included, encodes as JSON text gives it back', () => {
    const scalar = fc.constantFrom<FieldType>({ k: 'string' }, { k: 'int' }, { k: 'float' }, { k: 'bool' }, { k: 'datetime' }, { k: 'ref', cls: 'VM' }, { k: 'enum', name: 'e', values: ['a', 'b'] });
    const type: fc.Arbitrary<FieldType> = fc.letrec((tie) => ({
      t: fc.oneof({ depthSize: 'small', withCrossShrink: true },
        scalar,
        tie('t').map((of) => ({ k: 'set', of }) as FieldType),
        tie('t').map((value) => ({ k: 'map', key: { k: 'string' }, value }) as FieldType),
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('t'), { maxKeys: 3 }).map((fs) => ({
          k: 'record', cls: 'x', fields: Object.fromEntries(Object.entries(fs).map(([n, t]) => [n, { type: t as FieldType, q: 'RW', default: defaultFor(t as FieldType) } satisfies FieldSpec])),
        }) as FieldType),
      ),
    })).t;
    const leaf = fc.oneof(fc.string(), fc.boolean(), fc.double(), fc.integer(), fc.constant(-0), fc.constant(Number.NaN), fc.constant(undefined), fc.constant('20250101T00:00:00Z'));
    const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(fc.constantFrom('a', 'b', 'c', '__proto__'), fc.string()), tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(fc.property(type, value, (t, v) => {
      const answer = toWire(t, v as StoredValue, 'inproc');
      expect(answer).toStrictEqual(viaText(toWire(t, v as StoredValue, 'json')));
      sharesNothing(answer, v);
    }), { numRuns: 3000 });
  });

  test('calls through the in-process transport answer as over HTTP, and keep their answer while the pool changes', async () => {
    sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 2 }] });
    const pool = sim.world.pool('dc1');
    const http = new RawClient(sim.pools[0].url);
    const session = await http.login();
    const local = inProcessTransport(sim.world, pool, sim.pools[0].url);
    const [vm] = pool.db.all('VM').find(([, r]) => !r.is_a_template && !r.is_control_domain) ?? pool.db.all('VM')[0];
    const [sr] = pool.db.all('SR')[0];
    const calls: [string, XapiEncodable[]][] = [
      ['VM.get_all_records', []],
      ['event.from', [['*'], '', 0]],
      ['SR.get_record', [sr]],
      ['VM.get_other_config', [vm]],
      ['VM.get_VBDs', [vm]],
      ['host.get_all', []],
    ];
    const answers: unknown[] = [];
    for (const [method, params] of calls) {
      const answer = await local.call(method, [session, ...params]);
      expect(answer).toStrictEqual(await http.callRaw(method, [session, ...params]));
      answers.push(answer);
    }
    // (Not structuredClone: under Jest its objects come from another realm.)
    const before = JSON.parse(JSON.stringify(answers)) as unknown[];
    // The database changes its records in place: the answers already given must not follow.
    pool.db.update('VM', vm, { other_config: { ...(pool.db.get('VM', vm)!.other_config as object), changed: 'yes' } });
    (pool.db.get('VM', vm)!.other_config as Record<string, string>).in_place = 'yes';
    (pool.db.get('SR', sr)!.other_config as Record<string, string>).in_place = 'yes';
    pool.db.create('VDI', { SR: sr, name_label: 'new', virtual_size: 1 });
    expect(answers).toStrictEqual(before);
  });
});

function defaultFor(t: FieldType): StoredValue {
  switch (t.k) {
    case 'int': case 'float': return 0;
    case 'bool': return false;
    case 'set': return [];
    case 'map': case 'record': return {};
    default: return '';
  }
}
