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
