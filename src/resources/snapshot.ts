/**
 * Records of every pool, fetched in bulk (one `get_all_records` per class per pool, or kept up
 * to date with `event.from`). Resources read from it instead of calling XAPI per object.
 */
import type { Ref, XapiClass, XapiRecord } from '../xenapi';

/** The records of one pool: class → ref → record. Classes not fetched are absent. */
export class PoolRecords {
  private readonly byClass = new Map<XapiClass, Map<string, unknown>>();
  private readonly uuidIndex = new Map<XapiClass, Map<string, string>>();

  constructor(readonly pool: string) {}

  /** Replaces all records of one class (a bulk read). */
  setClass<C extends XapiClass>(cls: C, records: ReadonlyMap<Ref<C>, XapiRecord<C>>): void {
    this.byClass.set(cls, new Map(records as ReadonlyMap<string, unknown>));
    this.uuidIndex.delete(cls);
  }

  /** Adds, replaces or (with `undefined`) removes one record: an event. */
  put<C extends XapiClass>(cls: C, ref: Ref<C>, record: XapiRecord<C> | undefined): void {
    let map = this.byClass.get(cls);
    if (!map) { map = new Map(); this.byClass.set(cls, map); }
    if (record === undefined) map.delete(ref);
    else map.set(ref, record);
    this.uuidIndex.delete(cls);
  }

  has(cls: XapiClass): boolean {
    return this.byClass.has(cls);
  }

  all<C extends XapiClass>(cls: C): ReadonlyMap<Ref<C>, XapiRecord<C>> {
    return (this.byClass.get(cls) ?? new Map()) as ReadonlyMap<Ref<C>, XapiRecord<C>>;
  }

  get<C extends XapiClass>(cls: C, ref: Ref<C> | string): XapiRecord<C> | undefined {
    return this.byClass.get(cls)?.get(ref) as XapiRecord<C> | undefined;
  }

  /** Finds a record by UUID; `undefined` when it does not exist (deleted out of band). */
  byUuid<C extends XapiClass>(cls: C, uuid: string): { ref: Ref<C>; record: XapiRecord<C> } | undefined {
    let index = this.uuidIndex.get(cls);
    if (!index) {
      index = new Map();
      for (const [ref, rec] of this.byClass.get(cls) ?? []) index.set((rec as { uuid: string }).uuid, ref);
      this.uuidIndex.set(cls, index);
    }
    const ref = index.get(uuid);
    return ref === undefined ? undefined : { ref: ref as Ref<C>, record: this.get(cls, ref)! };
  }

  /** Records whose `name_label` equals `name` (classes that have one). */
  byName<C extends XapiClass>(cls: C, name: string): { ref: Ref<C>; record: XapiRecord<C> }[] {
    const out: { ref: Ref<C>; record: XapiRecord<C> }[] = [];
    for (const [ref, rec] of this.all(cls)) {
      if ((rec as { name_label?: string }).name_label === name) out.push({ ref, record: rec });
    }
    return out;
  }
}

/** Records of all configured pools, by pool name. */
export class WorldSnapshot {
  private readonly pools = new Map<string, PoolRecords>();

  pool(name: string): PoolRecords {
    let p = this.pools.get(name);
    if (!p) { p = new PoolRecords(name); this.pools.set(name, p); }
    return p;
  }

  poolNames(): string[] {
    return [...this.pools.keys()].sort();
  }
}
