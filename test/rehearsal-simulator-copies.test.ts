/**
 * The copy's records are built from per-class defaults and copied on clone without
 * `structuredClone`: every record must still own its sets and maps (no record shares one with
 * another record or with the class's defaults), and copies keep `__proto__` as a member.
 */
import { Database } from '../src/simulator/db/database';
import { cloneValue } from '../src/simulator/model/types';
import { CLASSES } from '../src/simulator/schema/misc';
import { defaultRecord } from '../src/simulator/schema/class-spec';

describe('simulator records for the rehearsal copy', () => {
  test('two records of a class share no set or map, and changing one leaves the defaults alone', () => {
    for (const spec of CLASSES.values()) {
      const a = defaultRecord(spec);
      const b = defaultRecord(spec);
      expect(a).toEqual(b);
      for (const [name, v] of Object.entries(a)) {
        if (typeof v === 'object' && v !== null) {
          expect(b[name]).not.toBe(v);
          expect(spec.fields[name].default).not.toBe(v);
        }
      }
    }
    const db = new Database();
    const one = db.create('VM', { name_label: 'one' });
    const two = db.create('VM', { name_label: 'two' });
    (db.get('VM', one)!.other_config as Record<string, string>).k = 'v';
    (db.get('VM', one)!.tags as string[]).push('t');
    expect(db.get('VM', two)!.other_config).toEqual({});
    expect(db.get('VM', two)!.tags).toEqual([]);
    expect(defaultRecord(CLASSES.get('VM')!).other_config).toEqual({});
  });

  test('cloneValue copies deeply, as structuredClone did', () => {
    const v = JSON.parse('{"a": [1, {"b": "c"}], "m": {"k": "v"}, "__proto__": {"x": "y"}}') as Record<string, never>;
    const c = cloneValue(v);
    expect(c).toEqual(v);
    expect(c).toEqual(structuredClone(v));
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect(Object.keys(c)).toEqual(['a', 'm', '__proto__']);
    expect(c.a).not.toBe(v.a);
    expect((c.a as unknown[])[1]).not.toBe((v.a as unknown[])[1]);
    expect(c.m).not.toBe(v.m);
  });
});

describe('a copy loaded from records in one pass', () => {
  test('holds every record as the pool does, finds them by UUID, and drops refs into classes it lacks', async () => {
    const { startSimulator } = await import('../src/simulator');
    const { RawClient } = await import('../src/simulator/testing/raw-client');
    const { databaseFromTables } = await import('../src/simulator/from-records');
    const sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 2 }] });
    try {
      const source = sim.world.pool('dc1').db;
      const real = new RawClient(sim.pools[0].url);
      await real.login();
      const tables: Record<string, Record<string, unknown>> = {};
      for (const cls of CLASSES.keys()) {
        if (cls === 'host_cpu') continue; // left out: refs to it must fall back to defaults
        try { tables[cls] = (await real.call(`${cls}.get_all_records`)) as Record<string, unknown>; } catch { /* no get_all_records */ }
      }
      const copy = databaseFromTables({ name: 'dc1', tables });
      let compared = 0;
      for (const cls of Object.keys(tables)) {
        for (const [ref, rec] of source.all(cls)) {
          const held = copy.get(cls, ref)!;
          expect(copy.refByUuid(cls, rec.uuid as string)).toBe(ref);
          for (const [name, f] of Object.entries(CLASSES.get(cls)!.fields)) {
            const pointsAtHostCpu = (f.type.k === 'ref' && f.type.cls === 'host_cpu') || (f.type.k === 'set' && f.type.of.k === 'ref' && f.type.of.cls === 'host_cpu');
            expect([cls, ref, name, held[name]]).toEqual([cls, ref, name, pointsAtHostCpu ? f.default : rec[name]]);
          }
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(30);
      expect(copy.all('host_cpu')).toEqual([]);
      // The copy goes on like any database: a new record gets its own sets and a fresh UUID.
      const vm = copy.create('VM', { name_label: 'new' });
      expect(copy.get('VM', vm)!.VBDs).toEqual([]);
    } finally {
      await sim.close();
    }
  }, 60_000);
});
