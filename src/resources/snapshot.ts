/**
 * Records of every pool, fetched in bulk (one `get_all_records` per class per pool, or kept up
 * to date with `event.from`). Resources read from it instead of calling XAPI per object.
 *
 * A class can also be backed by a refresh cache file (`setLazyClass`): its records are parsed
 * one at a time, on first access, so an incremental refresh of 10,000 VMs parses only what the
 * instances it re-reads (and the planner) look at. While a tracker is set on the world, every
 * lookup is reported to it: the refresh cache records which objects each instance's read
 * depended on, and skips the read next time when none of them changed.
 */
import { getAllRecords, type Ref, type XapiClass, type XapiClient, type XapiRecord } from '../xenapi';
import { LayeredRecords } from './layered-map';
import { ADDRESS_KEY } from './kit/owned-keys';

/**
 * Secondary indexes: the value each record is found under. `name`: its `name_label`;
 * `address`: the resource address xcpform tags what it creates with (`xcpform:address`).
 * A create looks its template up by name and its leftovers by address and pending name: a
 * scan of every VM per create made creating N VMs in a pool of M cost N × M.
 */
const INDEXED = {
  name: (r: unknown): string | undefined => {
    const v = (r as { name_label?: unknown }).name_label;
    return typeof v === 'string' ? v : undefined;
  },
  address: (r: unknown): string | undefined => {
    const v = (r as { other_config?: Record<string, unknown> }).other_config?.[ADDRESS_KEY];
    return typeof v === 'string' ? v : undefined;
  },
} as const;

export type IndexKind = keyof typeof INDEXED;
const KINDS = Object.keys(INDEXED) as IndexKind[];

/** Receives every lookup made while it is set on a {@link WorldSnapshot}. */
export interface AccessTracker {
  /** `get` (or a `byUuid` hit) of `ref` in `cls`; the ref need not exist. */
  ref(pool: string, cls: XapiClass, ref: string): void;
  /** `byUuid` found nothing: a later `add` in the class could change the answer. */
  uuidMiss(pool: string, cls: XapiClass, uuid: string): void;
  /** The whole class was looked at (`all`, `byName`). */
  scan(pool: string, cls: XapiClass): void;
  /** A field of a record of `cls` returned by `get`/`byUuid` was read (`*`: its keys were listed). */
  field(cls: XapiClass, field: string): void;
}

/** A record whose field reads are reported to `tracker` (only while a read is tracked). */
function tracked(record: object, cls: XapiClass, tracker: AccessTracker): object {
  return new Proxy(record, {
    get(target, key, receiver) {
      if (typeof key === 'string') tracker.field(cls, key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === 'string') tracker.field(cls, key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') tracker.field(cls, key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      tracker.field(cls, '*');
      return Reflect.ownKeys(target);
    },
  });
}

/** Records of one class held as text (a refresh cache file), parsed per record on demand. */
export interface LazyClassSource {
  readonly refs: readonly string[];
  readonly uuids: readonly string[];
  /** The decoded record at position `i` (parsed on each call; the caller keeps it). */
  record(i: number): unknown;
  /** Position of `ref`, if the source can find it without an index (else one is built). */
  find?(ref: string): number | undefined;
}

/** Marks a lazily-backed ref deleted by an event. */
const GONE: unique symbol = Symbol('gone');

interface LazyClass {
  readonly source: LazyClassSource;
  /** ref → position, built on first lookup. */
  positions?: Map<string, number>;
}

/** The records of one pool: class → ref → record. Classes not fetched are absent. */
export class PoolRecords {
  /** Records per class; shared with other PoolRecords without copying (see {@link shareInto}). */
  private readonly byClass = new Map<XapiClass, LayeredRecords<unknown>>();
  private readonly lazy = new Map<XapiClass, LazyClass>();
  /** uuid → ref per class, built on first `byUuid`, kept up to date and shared like the records. */
  private readonly uuidIndex = new Map<XapiClass, LayeredRecords<string>>();
  /** Per index kind and class: value → refs (arrays replaced, never changed), built on first use and kept like the uuid index. */
  private readonly keyIndex = new Map<IndexKind, Map<XapiClass, LayeredRecords<readonly string[]>>>(KINDS.map((k) => [k, new Map()]));

  constructor(readonly pool: string, private readonly world?: WorldSnapshot) {}

  /** Replaces all records of one class (a bulk read). */
  setClass<C extends XapiClass>(cls: C, records: ReadonlyMap<Ref<C>, XapiRecord<C>>): void {
    this.byClass.set(cls, new LayeredRecords(new Map(records as ReadonlyMap<string, unknown>)));
    this.lazy.delete(cls);
    this.uuidIndex.delete(cls);
    this.dropKeyIndexes(cls);
  }

  /**
   * Gives `target` these classes as they are now without copying a record; later changes on
   * either side stay apart (LayeredRecords: a frozen base and a small overlay). The live world
   * hands every apply step its pool this way while it keeps taking events: copying the class
   * maps per step, or per event after a hand-out, made an apply of N objects cost N² in CPU.
   */
  shareInto(target: PoolRecords, classes: Iterable<XapiClass>): void {
    for (const cls of classes) {
      this.materialize(cls);
      const held = this.byClass.get(cls);
      if (!held) continue;
      target.byClass.set(cls, held.share());
      target.lazy.delete(cls);
      const index = this.uuidIndex.get(cls);
      if (index) target.uuidIndex.set(cls, index.share());
      else target.uuidIndex.delete(cls);
      for (const kind of KINDS) {
        const keyed = this.keyIndex.get(kind)!.get(cls);
        if (keyed) target.keyIndex.get(kind)!.set(cls, keyed.share());
        else target.keyIndex.get(kind)!.delete(cls);
      }
    }
  }

  /** Replaces all records of one class with records parsed on first access. */
  setLazyClass(cls: XapiClass, source: LazyClassSource): void {
    this.byClass.set(cls, new LayeredRecords());
    this.lazy.set(cls, { source });
    this.uuidIndex.delete(cls);
    this.dropKeyIndexes(cls);
  }

  /** Adds, replaces or (with `undefined`) removes one record: an event. */
  put<C extends XapiClass>(cls: C, ref: Ref<C>, record: XapiRecord<C> | undefined): void {
    let held = this.byClass.get(cls);
    if (!held) { held = new LayeredRecords(); this.byClass.set(cls, held); }
    const index = this.lazy.has(cls) ? undefined : this.uuidIndex.get(cls);
    if (index) {
      const before = held.get(ref) as { uuid?: string } | undefined;
      if (before?.uuid !== undefined && index.get(before.uuid) === ref) index.put(before.uuid, undefined);
      const uuid = (record as { uuid?: string } | undefined)?.uuid;
      if (uuid !== undefined) index.put(uuid, ref);
    } else this.uuidIndex.delete(cls);
    if (this.lazy.has(cls)) this.dropKeyIndexes(cls);
    else {
      for (const kind of KINDS) {
        const keyed = this.keyIndex.get(kind)!.get(cls);
        if (!keyed) continue;
        const was = held.get(ref);
        const from = was === undefined ? undefined : INDEXED[kind](was);
        const to = record === undefined ? undefined : INDEXED[kind](record);
        if (from === to && was !== undefined && record !== undefined) continue;
        if (from !== undefined) {
          const rest = (keyed.get(from) ?? []).filter((r) => r !== ref);
          keyed.put(from, rest.length ? rest : undefined);
        }
        if (to !== undefined) keyed.put(to, [...(keyed.get(to) ?? []).filter((r) => r !== ref), ref]);
      }
    }
    held.put(ref, record !== undefined ? record : this.lazy.has(cls) ? GONE : undefined);
  }

  /**
   * Builds the uuid, name and address indexes of `cls` now (a class backed by a cache file
   * keeps building them on first use). The live world does it for the classes it holds: the
   * records it hands to each apply step share its indexes, where a hand-out that built its own
   * on first lookup cost a pass over the class per step.
   */
  buildIndexes(cls: XapiClass): void {
    if (!this.byClass.has(cls) || this.lazy.has(cls)) return;
    if (!this.uuidIndex.has(cls)) this.uuidIndex.set(cls, new LayeredRecords(this.buildUuidIndex(cls)));
    for (const kind of KINDS) if (!this.keyIndex.get(kind)!.has(cls)) this.keyIndex.get(kind)!.set(cls, this.buildKeyIndex(cls, kind));
  }

  private buildKeyIndex(cls: XapiClass, kind: IndexKind): LayeredRecords<readonly string[]> {
    const built = new Map<string, string[]>();
    for (const [ref, rec] of this.materialize(cls)) {
      const k = INDEXED[kind](rec);
      if (k === undefined) continue;
      const refs = built.get(k);
      if (refs) refs.push(ref); else built.set(k, [ref]);
    }
    return new LayeredRecords<readonly string[]>(built);
  }

  private dropKeyIndexes(cls: XapiClass): void {
    for (const kind of KINDS) this.keyIndex.get(kind)!.delete(cls);
  }

  /**
   * Records whose `kind` value is `value` (see {@link INDEXED}), from an index built on first use
   * and kept up to date by events: no scan of the class per lookup. Several hits come in the
   * class's own order, as a scan gives them.
   */
  byKey<C extends XapiClass>(cls: C, kind: IndexKind, value: string): { ref: Ref<C>; record: XapiRecord<C> }[] {
    const records = this.all(cls);
    let keyed = this.keyIndex.get(kind)!.get(cls);
    if (!keyed) {
      keyed = this.buildKeyIndex(cls, kind);
      this.keyIndex.get(kind)!.set(cls, keyed);
    }
    const refs = keyed.get(value) ?? [];
    if (refs.length > 1) {
      // Rare (a name given twice): the class's order, as callers taking the first one expect.
      const hits = new Set(refs);
      return [...records].filter(([ref]) => hits.has(ref)).map(([ref, record]) => ({ ref: ref as Ref<C>, record }));
    }
    return refs.map((ref) => ({ ref: ref as Ref<C>, record: records.get(ref as Ref<C>)! }));
  }

  has(cls: XapiClass): boolean {
    return this.byClass.has(cls);
  }

  /** Classes present (fetched or cached). */
  classes(): XapiClass[] {
    return [...this.byClass.keys()];
  }

  all<C extends XapiClass>(cls: C): ReadonlyMap<Ref<C>, XapiRecord<C>> {
    this.world?.tracker?.scan(this.pool, cls);
    return this.materialize(cls) as ReadonlyMap<Ref<C>, XapiRecord<C>>;
  }

  get<C extends XapiClass>(cls: C, ref: Ref<C> | string): XapiRecord<C> | undefined {
    const tracker = this.world?.tracker;
    if (!tracker) return this.lookup(cls, ref) as XapiRecord<C> | undefined;
    tracker.ref(this.pool, cls, ref);
    const rec = this.lookup(cls, ref);
    return (rec === undefined ? undefined : tracked(rec as object, cls, tracker)) as XapiRecord<C> | undefined;
  }

  /** Finds a record by UUID; `undefined` when it does not exist (deleted out of band). */
  byUuid<C extends XapiClass>(cls: C, uuid: string): { ref: Ref<C>; record: XapiRecord<C> } | undefined {
    let index = this.uuidIndex.get(cls);
    if (!index) {
      index = new LayeredRecords(this.buildUuidIndex(cls));
      this.uuidIndex.set(cls, index);
    }
    const ref = index.get(uuid);
    if (ref === undefined) {
      this.world?.tracker?.uuidMiss(this.pool, cls, uuid);
      return undefined;
    }
    return { ref: ref as Ref<C>, record: this.get(cls, ref)! };
  }

  /** Records whose `name_label` equals `name` (classes that have one). */
  byName<C extends XapiClass>(cls: C, name: string): { ref: Ref<C>; record: XapiRecord<C> }[] {
    return this.byKey(cls, 'name', name);
  }

  /** Number of records of a class without parsing cached ones. */
  count(cls: XapiClass): number {
    const held = this.byClass.get(cls);
    if (!held) return 0;
    const lz = this.lazy.get(cls);
    if (!lz) return held.size;
    const map = held.map();
    let n = lz.source.refs.length;
    const inSource = (ref: string): boolean => (lz.source.find ? lz.source.find(ref) : this.positions(lz).get(ref)) !== undefined;
    for (const [ref, v] of map) {
      if (!inSource(ref)) { if (v !== GONE) n++; } else if (v === GONE) n--;
    }
    return n;
  }

  /**
   * The first class whose record count differs from xapi's (`event.from`'s `valid_ref_counts`,
   * lowercase class names), with both counts; undefined when all agree. Records kept up to date
   * with events that disagree missed some change (a pool database restored from a backup, say).
   */
  countMismatch(counts: Readonly<Record<string, number>>, classes: Iterable<XapiClass> = this.byClass.keys()): { cls: XapiClass; xapi: number; held: number } | undefined {
    for (const cls of classes) {
      const xapi = counts[cls.toLowerCase()];
      if (xapi === undefined) continue;
      const held = this.count(cls);
      if (xapi !== held) return { cls, xapi, held };
    }
    return undefined;
  }

  private lookup(cls: XapiClass, ref: string): unknown {
    const held = this.byClass.get(cls);
    if (!held) return undefined;
    const v = held.get(ref);
    if (v !== undefined) return v === GONE ? undefined : v;
    const lz = this.lazy.get(cls);
    if (!lz) return undefined;
    const i = lz.source.find ? lz.source.find(ref) : this.positions(lz).get(ref);
    if (i === undefined) return undefined;
    const rec = lz.source.record(i);
    held.put(ref, rec);
    return rec;
  }

  private positions(lz: LazyClass): Map<string, number> {
    if (!lz.positions) {
      const refs = lz.source.refs;
      const m = new Map<string, number>();
      for (let i = 0; i < refs.length; i++) m.set(refs[i], i);
      lz.positions = m;
    }
    return lz.positions;
  }

  private buildUuidIndex(cls: XapiClass): Map<string, string> {
    const index = new Map<string, string>();
    const map = this.byClass.get(cls)?.map();
    if (!map) return index;
    const lz = this.lazy.get(cls);
    if (lz) {
      const { refs, uuids } = lz.source;
      for (let i = 0; i < refs.length; i++) if (!map.has(refs[i])) index.set(uuids[i], refs[i]);
    }
    for (const [ref, rec] of map) if (rec !== GONE) index.set((rec as { uuid: string }).uuid, ref);
    return index;
  }

  /** Every record of a lazily-backed class parsed, in cache order then event order. */
  private materialize(cls: XapiClass): ReadonlyMap<string, unknown> {
    const held = this.byClass.get(cls);
    if (!held) return new Map();
    const lz = this.lazy.get(cls);
    if (!lz) return held.map();
    const map = held.map();
    const out = new Map<string, unknown>();
    const { refs } = lz.source;
    for (let i = 0; i < refs.length; i++) {
      const v = map.get(refs[i]);
      if (v === GONE) continue;
      out.set(refs[i], v !== undefined ? v : lz.source.record(i));
    }
    for (const [ref, v] of map) if (v !== GONE && !out.has(ref)) out.set(ref, v);
    this.byClass.set(cls, new LayeredRecords(out));
    this.lazy.delete(cls);
    return out;
  }
}

/** Records of all configured pools, by pool name. */
export class WorldSnapshot {
  private readonly pools = new Map<string, PoolRecords>();
  /** Set while a resource's read runs under dependency tracking (refresh cache). */
  tracker?: AccessTracker;

  pool(name: string): PoolRecords {
    let p = this.pools.get(name);
    if (!p) { p = new PoolRecords(name, this); this.pools.set(name, p); }
    return p;
  }

  poolNames(): string[] {
    return [...this.pools.keys()].sort();
  }
}

/** One `get_all_records` per class, in parallel, each stored with `setClass`. */
export async function readClasses(client: XapiClient, records: PoolRecords, classes: Iterable<XapiClass>): Promise<void> {
  const maps = await Promise.all([...classes].map(async (cls) => [cls, await getAllRecords(client, cls, { idempotent: true })] as const));
  for (const [cls, map] of maps) records.setClass(cls, map as never);
}
