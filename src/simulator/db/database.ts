/**
 * One pool's database: a table per class (ref → record), a uuid index, the two-way relations of
 * `relations.ts`, and a change log with a generation counter from which `event.from` is served.
 * Records returned by `get` are live; callers mutate them only through `set` / `update` so every
 * change is logged.
 */
import { randomUUID } from 'node:crypto';
import { XapiFailure } from '../errors';
import { NULL_REF, StoredRecord, StoredValue } from '../model/types';
import { CLASSES, classSpec } from '../schema/misc';
import { defaultRecord } from '../schema/class-spec';
import { RELATIONS_BY_CHILD } from './relations';

export interface Change {
  gen: number;
  cls: string;
  ref: string;
}

interface Meta {
  cls: string;
  created: number;
  /** Set once deleted. */
  deleted?: number;
}

/** Serialized form of a database (see persistence). */
export interface DatabaseJson {
  generation: number;
  tables: Record<string, Record<string, StoredRecord>>;
  /**
   * The latest change of each recently changed object ([generation, class, ref, created]),
   * oldest first, so `event.from` tokens taken before a save still work after a restart;
   * tokens older than `floor` get EVENTS_LOST. Absent in older files: every token is lost.
   */
  changes?: { floor: number; entries: [number, string, string, number][] };
}

export const newRef = (): string => `OpaqueRef:${randomUUID()}`;
export const newUuid = (): string => randomUUID();

/** Bounded so a long-lived world does not grow without limit; older tokens get EVENTS_LOST. */
const MAX_LOG = 500_000;
/** Objects whose latest change is saved with the world (the newest ones). */
const SAVED_CHANGES = 50_000;

export class Database {
  private readonly tables = new Map<string, Map<string, StoredRecord>>();
  private readonly uuids = new Map<string, Map<string, string>>();
  private readonly meta = new Map<string, Meta>();
  private log: Change[] = [];
  /** Generation of the oldest change still in the log, minus one. */
  private logFloor = 0;
  private gen = 0;
  private listeners = new Set<() => void>();

  constructor() {
    for (const name of CLASSES.keys()) {
      this.tables.set(name, new Map());
      this.uuids.set(name, new Map());
    }
  }

  get generation(): number {
    return this.gen;
  }

  get oldestGeneration(): number {
    return this.logFloor;
  }

  table(cls: string): Map<string, StoredRecord> {
    const t = this.tables.get(cls);
    if (!t) throw new Error(`unknown class ${cls}`);
    return t;
  }

  /** Class of a live ref, if any. */
  classOf(ref: string): string | undefined {
    const m = this.meta.get(ref);
    return m && m.deleted === undefined ? m.cls : undefined;
  }

  get(cls: string, ref: string): StoredRecord | undefined {
    return this.tables.get(cls)?.get(ref);
  }

  /** The record or `HANDLE_INVALID [cls, ref]`. */
  require(cls: string, ref: string): StoredRecord {
    const rec = this.get(cls, ref);
    if (!rec) throw new XapiFailure('HANDLE_INVALID', [cls, ref]);
    return rec;
  }

  refByUuid(cls: string, uuid: string): string | undefined {
    return this.uuids.get(cls)?.get(uuid);
  }

  /** Live entries of a class. */
  all(cls: string): [string, StoredRecord][] {
    return [...this.table(cls).entries()];
  }

  /** Creates a record with defaults + `fields`; returns its ref. */
  create(cls: string, fields: StoredRecord = {}, ids: { ref?: string; uuid?: string } = {}): string {
    const spec = classSpec(cls);
    const ref = ids.ref ?? newRef();
    const rec = defaultRecord(spec);
    // Keys, not entries: a VM copy hands over ninety fields, and an array per field adds up.
    for (const k of Object.keys(fields)) if (k in spec.fields) rec[k] = fields[k];
    rec.uuid = ids.uuid ?? (typeof fields.uuid === 'string' && fields.uuid !== '' ? fields.uuid : newUuid());
    if (this.uuids.get(cls)!.has(rec.uuid as string)) throw new XapiFailure('UUID_ALREADY_EXISTS', [cls, rec.uuid as string]);
    this.table(cls).set(ref, rec);
    this.uuids.get(cls)!.set(rec.uuid as string, ref);
    const gen = this.bump(cls, ref);
    this.meta.set(ref, { cls, created: gen });
    // A ref made here is in no parent's set yet: no need to look (an SR's VDIs, a network's VIFs
    // grow with every create, and looking made N creates cost N²).
    const fresh = ids.ref === undefined;
    for (const rel of RELATIONS_BY_CHILD.get(cls) ?? []) this.link(rel.parent, rel.parentField, rec[rel.field] as string, ref, rel.single, fresh);
    return ref;
  }

  /** Sets one field, maintaining relations and logging a `mod`. */
  set(cls: string, ref: string, field: string, value: StoredValue): void {
    this.update(cls, ref, { [field]: value });
  }

  update(cls: string, ref: string, patch: StoredRecord): void {
    const rec = this.require(cls, ref);
    const rels = RELATIONS_BY_CHILD.get(cls) ?? [];
    for (const [field, value] of Object.entries(patch)) {
      const rel = rels.find((r) => r.field === field);
      if (rel && rec[field] !== value) {
        this.unlink(rel.parent, rel.parentField, rec[field] as string, ref, rel.single);
        this.link(rel.parent, rel.parentField, value as string, ref, rel.single);
      }
      rec[field] = value;
    }
    this.bump(cls, ref);
  }

  /** Logs a `mod` without changing anything (event.inject). */
  touch(cls: string, ref: string): number {
    this.require(cls, ref);
    return this.bump(cls, ref);
  }

  destroy(cls: string, ref: string): void {
    const rec = this.require(cls, ref);
    for (const rel of RELATIONS_BY_CHILD.get(cls) ?? []) this.unlink(rel.parent, rel.parentField, rec[rel.field] as string, ref, rel.single);
    this.table(cls).delete(ref);
    this.uuids.get(cls)!.delete(rec.uuid as string);
    const gen = this.bump(cls, ref);
    const m = this.meta.get(ref);
    if (m) m.deleted = gen;
  }

  /** Creation generation of a ref (live or deleted). */
  createdAt(ref: string): number | undefined {
    return this.meta.get(ref)?.created;
  }

  /** Changes with generation > `since`, or `undefined` when `since` is older than the log. */
  changesSince(since: number): Change[] | undefined {
    if (since < this.logFloor) return undefined;
    return this.log.slice(this.firstAfter(since));
  }

  /**
   * Calls `fn` with each change with generation > `since`, oldest first, without copying the
   * log (event.from reads it on every call); false, calling nothing, when `since` is older than
   * the log.
   */
  forEachChangeSince(since: number, fn: (c: Change) => void): boolean {
    if (since < this.logFloor) return false;
    const log = this.log;
    for (let i = this.firstAfter(since); i < log.length; i++) fn(log[i]);
    return true;
  }

  /** The latest change: the one just made, when asked from an {@link onChange} listener. */
  get latestChange(): Change | undefined {
    return this.log[this.log.length - 1];
  }

  /** Index in the log of the first change with generation > `since`. */
  private firstAfter(since: number): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.log[mid].gen <= since) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Calls `fn` after every change until the returned function is called. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  toJSON(): DatabaseJson {
    const tables: DatabaseJson['tables'] = {};
    for (const [cls, t] of this.tables) {
      if (cls === 'session') continue;
      tables[cls] = Object.fromEntries(t);
    }
    return { generation: this.gen, tables, changes: this.savedChanges() };
  }

  /** The latest change per object, newest {@link SAVED_CHANGES}; see {@link DatabaseJson.changes}. */
  private savedChanges(): NonNullable<DatabaseJson['changes']> {
    const latest: Change[] = [];
    const seen = new Set<string>();
    let floor = this.logFloor;
    for (let i = this.log.length - 1; i >= 0; i--) {
      const c = this.log[i];
      if (c.cls === 'session' || seen.has(c.ref)) continue;
      if (latest.length === SAVED_CHANGES) {
        // Every object changed after this one is saved: tokens from here on are served exactly.
        floor = c.gen;
        break;
      }
      seen.add(c.ref);
      latest.push(c);
    }
    latest.reverse();
    return { floor, entries: latest.map((c) => [c.gen, c.cls, c.ref, this.meta.get(c.ref)?.created ?? 0]) };
  }

  /**
   * A database holding exactly these records, taken as they are (each must hold every field of
   * its class, as `defaultRecord` gives them, and is owned by the database from now on): a
   * rehearsal's copy loads a pool's records this way without copying each one again.
   */
  static fromRecords(tables: Iterable<readonly [string, Iterable<readonly [string, StoredRecord]>]>): Database {
    const db = new Database();
    for (const [cls, rows] of tables) {
      const table = db.table(cls);
      const uuids = db.uuids.get(cls)!;
      for (const [ref, rec] of rows) {
        table.set(ref, rec);
        uuids.set(rec.uuid as string, ref);
        db.meta.set(ref, { cls, created: 0 });
      }
    }
    return db;
  }

  /** Rebuilds a database from its JSON form, filling fields added since it was written. */
  static fromJSON(json: DatabaseJson): Database {
    const db = new Database();
    for (const [cls, rows] of Object.entries(json.tables)) {
      const spec = CLASSES.get(cls);
      if (!spec) continue;
      for (const [ref, row] of Object.entries(rows)) {
        const rec = { ...defaultRecord(spec), ...row };
        db.table(cls).set(ref, rec);
        db.uuids.get(cls)!.set(rec.uuid as string, ref);
        db.meta.set(ref, { cls, created: 0 });
      }
    }
    db.gen = Math.max(0, Number(json.generation) || 0);
    db.logFloor = db.gen;
    db.restoreChanges(json.changes);
    return db;
  }

  /** Takes back saved changes; anything inconsistent leaves every older token lost (the safe answer). */
  private restoreChanges(changes: DatabaseJson['changes']): void {
    if (!changes || !Array.isArray(changes.entries) || !Number.isInteger(changes.floor) || changes.floor < 0 || changes.floor > this.gen) return;
    const log: Change[] = [];
    let prev = changes.floor;
    for (const e of changes.entries) {
      if (!Array.isArray(e) || !Number.isInteger(e[0]) || e[0] <= prev || e[0] > this.gen || typeof e[1] !== 'string' || !CLASSES.has(e[1]) || typeof e[2] !== 'string' || !Number.isInteger(e[3])) return;
      prev = e[0];
      log.push({ gen: e[0], cls: e[1], ref: e[2] });
    }
    for (const [i, c] of log.entries()) {
      const created = changes.entries[i][3];
      const m = this.meta.get(c.ref);
      if (m) m.created = created;
      else this.meta.set(c.ref, { cls: c.cls, created, deleted: c.gen });
    }
    this.log = log;
    this.logFloor = changes.floor;
  }

  private bump(cls: string, ref: string): number {
    const gen = ++this.gen;
    this.log.push({ gen, cls, ref });
    if (this.log.length > MAX_LOG) {
      const drop = this.log.length - MAX_LOG / 2;
      this.logFloor = this.log[drop - 1].gen;
      this.log = this.log.slice(drop);
    }
    for (const fn of this.listeners) fn();
    return gen;
  }

  /** Adds `childRef` to the parent's field; `fresh`: a ref just made, in no set yet. */
  private link(parentCls: string, field: string, parentRef: string, childRef: string, single?: boolean, fresh = false): void {
    const parent = this.get(parentCls, parentRef);
    if (!parent || parentRef === NULL_REF) return;
    if (single) parent[field] = childRef;
    else {
      const set = parent[field] as string[];
      if (fresh || !set.includes(childRef)) set.push(childRef);
    }
    this.bump(parentCls, parentRef);
  }

  private unlink(parentCls: string, field: string, parentRef: string, childRef: string, single?: boolean): void {
    const parent = this.get(parentCls, parentRef);
    if (!parent) return;
    if (single) {
      if (parent[field] === childRef) parent[field] = NULL_REF;
    } else {
      const set = parent[field] as string[];
      const i = set.indexOf(childRef);
      if (i >= 0) set.splice(i, 1);
    }
    this.bump(parentCls, parentRef);
  }
}
