/**
 * The refresh cache: what makes the second `plan` of a large configuration cost one
 * `event.from` instead of a bulk read of every class.
 *
 * Per pool, a records file holds every record of the classes refresh reads, with the
 * `event.from` token taken just before they were read. The next refresh asks xapi only for what
 * changed since that token, applies it to the cached records (parsed one at a time, on demand)
 * and so sees the same world a full bulk read would.
 *
 * Per state (lineage and serial), an index holds for every refreshed instance the objects its
 * read looked at (refs, UUID lookups that found nothing, whole-class scans) and whether the read
 * returned the prior state unchanged. An instance none of whose objects changed, whose prior
 * state is the same (same state serial, or after an apply the same fingerprint of its prior
 * state), is not read again: its refreshed state is known. Anything doubtful (another lineage,
 * a pool read in full, an unreadable or mismatched file) means reading again, never reusing:
 * the cache can cost a full refresh, not a wrong plan.
 *
 * Files live under `<dir>` (the engine uses `<workdir>/.xcpform/refresh/<lineage>/`), mode
 * 0600, written to a temporary name and renamed. They hold xapi records, as readable as the
 * pool itself to whoever can read the folder.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, promises as fs, readFileSync, readSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { LazyClassSource, PoolRecords } from '../resources/snapshot';
import type { ObjectValue } from '../values/value';
import { VERSION } from '../version';
import type { XapiClass } from '../xenapi';

const RECORDS_MAGIC = 'XCPFORM-REFRESH-RECORDS';
const RECORDS_VERSION = 1;
const INDEX_FORMAT = 'xcpform-refresh-index';
const INDEX_VERSION = 2;

/**
 * A cached record turned out unreadable while in use (the file was altered after its checks).
 * Refresh and the engine catch it, drop the cache and read everything again.
 */
export class RefreshCacheDamaged extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefreshCacheDamaged';
  }
}

/** Dependency keys (NUL-separated: pool names and refs never hold one). */
export const refKey = (pool: string, cls: XapiClass, ref: string): string => `${pool}\0${cls}\0${ref}`;
export const missKey = (pool: string, cls: XapiClass, uuid: string): string => `u\0${pool}\0${cls}\0${uuid}`;
export const scanKey = (pool: string, cls: XapiClass): string => `s\0${pool}\0${cls}`;
/** A ref the pool's records file does not hold (created after its token, or never existing). */
export const looseKey = (pool: string, cls: XapiClass, ref: string): string => `r\0${refKey(pool, cls, ref)}`;
/**
 * Any event on this object, whatever fields it changed. An entry read from a record that already
 * differed from its records file depends on it: the field filter compares events with the file,
 * so a value changed and changed back (renamed outside, renamed back by apply) looks unchanged.
 */
export const eventKey = (pool: string, cls: XapiClass, ref: string): string => `e\0${refKey(pool, cls, ref)}`;
const LOOSE = 'r\0';

/** Dependencies on records of a file are numbers: pool (in the index's order) × 2^26 + position in the file. */
const POOL_STRIDE = 2 ** 26;

/** A pool's cached records, as loaded: the classes are parsed per record on first access. */
export interface CachedPool {
  readonly id: string;
  readonly pool: string;
  readonly poolUuid: string;
  readonly token: string;
  readonly classes: readonly XapiClass[];
  readonly sources: ReadonlyMap<XapiClass, LazyClassSource>;
  readonly records: number;
  /** Position of a record in the file (all classes, in order), if it holds it. */
  position(cls: XapiClass, ref: string): number | undefined;
  /** The record at a position. */
  at(position: number): { cls: XapiClass; ref: string } | undefined;
}

/** One instance's read: what it depended on and what it returned. */
export interface IndexEntry {
  /** {@link refKey}s of every object looked up. */
  readonly refs: readonly string[];
  /** {@link missKey}s (UUID lookups that found nothing), {@link scanKey}s (whole-class scans) and {@link eventKey}s. */
  readonly extras: readonly string[];
  /** The refreshed state equals the prior state. */
  readonly same: boolean;
  /** The refreshed state when it differs (null: deleted outside xcpform). */
  readonly value?: ObjectValue | null;
  /** The prior state the read was given (kept in memory; only its fingerprint is written). */
  readonly prior?: ObjectValue;
}

/** A fingerprint of a prior state: entries are reused for another state serial only when it matches. */
export function fingerprint(v: ObjectValue): string {
  return createHash('sha1').update(JSON.stringify(v)).digest('base64');
}

/**
 * The loaded index: columns (addresses, a flat list of numeric dependencies, sparse extras and
 * values), so 10,000 entries load in a few milliseconds; an entry is only spelled out when
 * compared with a new read.
 */
export class CacheIndex {
  private readonly positions = new Map<string, number>();
  /** Pools in dependency-number order. */
  readonly poolOrder: readonly string[];

  constructor(
    readonly lineage: string,
    readonly serial: number,
    /** Records file id per pool the entries were read against. */
    readonly pools: Readonly<Record<string, string>>,
    /** Per class, every field any indexed read looked at (`*`: all of them). */
    readonly fields: ReadonlyMap<XapiClass, ReadonlySet<string>>,
    addresses: readonly string[],
    private readonly deps: readonly number[],
    private readonly ends: readonly number[],
    private readonly extras: ReadonlyMap<number, readonly string[]>,
    private readonly values: ReadonlyMap<number, ObjectValue | null>,
    private readonly fingerprintsText: string,
  ) {
    for (let i = 0; i < addresses.length; i++) this.positions.set(addresses[i], i);
    this.poolOrder = Object.keys(pools).sort();
  }

  private fingerprints?: readonly string[];

  /** The fingerprint of the prior state entry `i` was read with ('' when unknown). */
  fingerprintOf(i: number): string {
    this.fingerprints ??= this.fingerprintsText.split('\n');
    return this.fingerprints[i] ?? '';
  }

  /** Position of the entry of `address`, if indexed. */
  find(address: string): number | undefined {
    return this.positions.get(address);
  }

  /** Entry `i`'s dependencies on file records (see POOL_STRIDE). */
  depsOf(i: number): readonly number[] {
    return this.deps.slice(i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }

  /** Entry `i`'s other dependencies: loose refs, UUID misses, scans. */
  extrasOf(i: number): readonly string[] {
    return this.extras.get(i) ?? [];
  }

  same(i: number): boolean {
    return !this.values.has(i);
  }

  value(i: number): ObjectValue | null {
    return this.values.get(i) ?? null;
  }

  /** Whether every dependency points at a record of the given files (the ones named in `pools`). */
  fits(files: ReadonlyMap<string, CachedPool>): boolean {
    const sizes = this.poolOrder.map((p) => (files.get(p)?.id === this.pools[p] ? files.get(p)!.records : 0));
    for (const d of this.deps) if (d % POOL_STRIDE >= sizes[Math.floor(d / POOL_STRIDE)]) return false;
    return true;
  }

  /** The dependency number of a record of `pool` at `position` of its file. */
  depNumber(pool: string, position: number): number | undefined {
    const p = this.poolOrder.indexOf(pool);
    return p < 0 || position >= POOL_STRIDE ? undefined : p * POOL_STRIDE + position;
  }

  /** Entry `i` spelled out with keys, reading positions through the pools' records files. */
  entry(i: number, files: ReadonlyMap<string, CachedPool>): IndexEntry | undefined {
    const refs: string[] = [];
    for (const d of this.depsOf(i)) {
      const pool = this.poolOrder[Math.floor(d / POOL_STRIDE)];
      const file = files.get(pool);
      const rec = file && file.id === this.pools[pool] ? file.at(d % POOL_STRIDE) : undefined;
      if (!rec) return undefined;
      refs.push(refKey(pool, rec.cls, rec.ref));
    }
    const extras: string[] = [];
    for (const x of this.extrasOf(i)) {
      if (x.startsWith(LOOSE)) refs.push(x.slice(LOOSE.length));
      else extras.push(x);
    }
    const same = this.same(i);
    return { refs, extras, same, ...(same ? {} : { value: this.value(i) }) };
  }
}

/** An entry carried over unchanged from the loaded index. */
export interface CarriedEntry {
  readonly from: CacheIndex;
  readonly at: number;
}

/** What to write after a refresh (see {@link RefreshCache.save}). */
export interface CacheUpdate {
  /** Pools whose records file is (re)written from the snapshot, with the token taken before the read. */
  readonly rewrite: readonly { readonly pool: string; readonly poolUuid: string; readonly token: string; readonly records: PoolRecords; readonly classes: readonly XapiClass[] }[];
  /** The records files this refresh read from (kept unless rewritten); carried entries are spelled through them. */
  readonly previous: ReadonlyMap<string, CachedPool>;
  readonly lineage: string;
  readonly serial: number;
  readonly entries: ReadonlyMap<string, IndexEntry | CarriedEntry>;
  readonly fields: ReadonlyMap<XapiClass, ReadonlySet<string>>;
}

/** Where records are in a pool's file, for encoding dependencies. */
interface FilePositions {
  readonly id: string;
  position(cls: XapiClass, ref: string): number | undefined;
}

const fileSafe = (name: string): string => name.replace(/[^A-Za-z0-9_.-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export class RefreshCache {
  /** Why the last load of each pool's records or of the index was refused (for `-json` stats and tests). */
  readonly misses: string[] = [];

  constructor(readonly dir: string) {}

  private recordsPath(pool: string): string {
    return path.join(this.dir, `${fileSafe(pool)}.records`);
  }

  private indexPath(): string {
    return path.join(this.dir, 'index.json');
  }

  /**
   * The pool's cached records, or undefined (absent, damaged, another format). Only the header
   * is read here; the records are read on first use (an unchanged world needs none).
   */
  loadPool(pool: string): CachedPool | undefined {
    const file = this.recordsPath(pool);
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return undefined;
    }
    try {
      // On success the descriptor belongs to the returned object (closed when it is collected).
      return openRecordsFile(fd, file, pool);
    } catch (err) {
      closeSync(fd);
      this.misses.push(`${file}: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Removes every file of this cache (after damage was found in use). Never throws. */
  clear(): void {
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // Left behind: the next load refuses what it cannot check anyway.
    }
  }

  /** The index, or undefined (absent or damaged). */
  loadIndex(): CacheIndex | undefined {
    let text: string;
    try {
      text = readFileSync(this.indexPath(), 'utf8');
    } catch {
      return undefined;
    }
    try {
      return parseIndex(text);
    } catch (err) {
      this.misses.push(`${this.indexPath()}: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Writes the records files and the index of a refresh. Failures are returned, not thrown: a cache never fails a plan. */
  async save(update: CacheUpdate): Promise<string | undefined> {
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      const files = new Map<string, FilePositions>();
      for (const [pool, cached] of update.previous) files.set(pool, cached);
      for (const r of update.rewrite) {
        const id = randomUUID();
        const encoded = encodeRecordsFile(id, r.pool, r.poolUuid, r.token, r.records, r.classes);
        await writeReplacing(this.recordsPath(r.pool), encoded.chunks);
        files.set(r.pool, { id, position: encoded.position });
      }
      const text = encodeIndex(update, files);
      await writeReplacing(this.indexPath(), [Buffer.from(text)]);
      return undefined;
    } catch (err) {
      return `cannot write the refresh cache in ${this.dir}: ${(err as Error).message}`;
    }
  }
}

/** Temporary file, then rename: a reader sees the old file or the new one, never half of one. */
async function writeReplacing(target: string, chunks: readonly Uint8Array[]): Promise<void> {
  const tmp = `${target}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  const fh = await fs.open(tmp, 'w', 0o600);
  try {
    await fh.writev(chunks as Uint8Array[]);
  } finally {
    await fh.close();
  }
  try {
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

interface RecordsHeader {
  format: string;
  version: number;
  id: string;
  pool: string;
  poolUuid: string;
  token: string;
  /** Per class: refs and uuids (newline-separated), byte lengths, and the positions in ref order (for binary search). */
  classes: { cls: XapiClass; refs: string; uuids: string; lengths: number[]; sorted: number[] }[];
}

/** `MAGIC VERSION HEADER_BYTES\n`, the header JSON, `\n`, then every record's JSON back to back. */
function encodeRecordsFile(id: string, pool: string, poolUuid: string, token: string, records: PoolRecords, classes: readonly XapiClass[]): { chunks: Buffer[]; position: FilePositions['position'] } {
  const body: Buffer[] = [];
  const where = new Map<XapiClass, Map<string, number>>();
  const header: RecordsHeader = { format: RECORDS_MAGIC, version: RECORDS_VERSION, id, pool, poolUuid, token, classes: [] };
  for (const cls of classes) {
    const refs: string[] = [];
    const uuids: string[] = [];
    const lengths: number[] = [];
    const positions = new Map<string, number>();
    where.set(cls, positions);
    for (const [ref, rec] of records.all(cls)) {
      positions.set(ref, body.length);
      const b = Buffer.from(JSON.stringify(rec));
      body.push(b);
      refs.push(ref);
      uuids.push(String((rec as { uuid?: unknown }).uuid ?? ''));
      lengths.push(b.length);
    }
    const sorted = refs.map((_, i) => i).sort((a, b) => (refs[a] < refs[b] ? -1 : refs[a] > refs[b] ? 1 : 0));
    header.classes.push({ cls, refs: refs.join('\n'), uuids: uuids.join('\n'), lengths, sorted });
  }
  const head = Buffer.from(JSON.stringify(header));
  return {
    chunks: [Buffer.from(`${RECORDS_MAGIC} ${RECORDS_VERSION} ${head.length}\n`), head, Buffer.from('\n'), ...body],
    position: (cls, ref) => where.get(cls)?.get(ref),
  };
}

/** Reads `length` bytes at `position`, or fails naming the truncation. */
function readExactly(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) throw new Error('truncated');
    got += n;
  }
  return buf;
}

/** The magic line and header: where the header ends and what it says. */
function readHeader(fd: number, size: number): { header: RecordsHeader; bodyStart: number } {
  const probe = readExactly(fd, 0, Math.min(200, size));
  const nl = probe.indexOf(10);
  const m = new RegExp(`^${RECORDS_MAGIC} (\\d+) (\\d+)$`).exec(nl > 0 ? probe.toString('latin1', 0, nl) : '');
  if (!m) throw new Error('not a refresh records file');
  if (Number(m[1]) !== RECORDS_VERSION) throw new Error(`records format ${m[1]}, this xcpform reads ${RECORDS_VERSION}`);
  const headLength = Number(m[2]);
  if (nl + 1 + headLength + 1 > size) throw new Error('truncated header');
  const head = readExactly(fd, nl + 1, headLength + 1);
  if (head[headLength] !== 10) throw new Error('header not terminated');
  const header = JSON.parse(head.toString('utf8', 0, headLength)) as RecordsHeader;
  if (header.format !== RECORDS_MAGIC || typeof header.id !== 'string' || typeof header.token !== 'string' || typeof header.poolUuid !== 'string' || !Array.isArray(header.classes)) {
    throw new Error('header fields missing');
  }
  return { header, bodyStart: nl + 1 + headLength + 1 };
}

function openRecordsFile(fd: number, file: string, pool: string): CachedPool {
  const size = fstatSync(fd).size;
  const { header, bodyStart } = readHeader(fd, size);
  if (header.pool !== pool) throw new Error(`records of pool "${header.pool}", not "${pool}"`);
  let offset = 0;
  let total = 0;
  // Records are read one at a time, on first use, through the descriptor the header was read
  // from: it stays on this file even if a later plan replaces it. It is closed when the
  // returned object (which every record source refers to) is collected.
  const handle = {};
  // One read per record while few are needed; past an eighth of them (a plan that reads most
  // instances again), the whole body in one read.
  let reads = 0;
  let many = 512;
  let body: Buffer | undefined;
  const readRecord = (at: number, length: number): Buffer => {
    try {
      if (!body && ++reads > many) body = readExactly(fd, bodyStart, size - bodyStart);
      return body ? body.subarray(at, at + length) : readExactly(fd, bodyStart + at, length);
    } catch (err) {
      throw new RefreshCacheDamaged(`refresh cache ${file}: ${(err as Error).message}`);
    }
  };
  const sources = new Map<XapiClass, LazyClassSource>();
  const bases: number[] = [];
  const classOrder: { cls: XapiClass; refs: readonly string[] }[] = [];
  for (const c of header.classes) {
    if (typeof c.cls !== 'string' || typeof c.refs !== 'string' || typeof c.uuids !== 'string' || !Array.isArray(c.lengths) || !Array.isArray(c.sorted)) throw new Error('class entry malformed');
    const n = c.lengths.length;
    const refs = n ? c.refs.split('\n') : [];
    if (refs.length !== n || c.sorted.length !== n) throw new Error(`class ${c.cls}: ${n} records but ${refs.length} refs`);
    // UUIDs are only needed for lookups by UUID: split on first use, checked then.
    let uuids: string[] | undefined;
    const uuidsText = c.uuids;
    const sorted = c.sorted;
    // A damaged permutation would make lookups miss records that exist: checked in one pass.
    for (let k = 0; k < n; k++) {
      const i = sorted[k];
      if (!Number.isInteger(i) || i < 0 || i >= n || (k > 0 && !(refs[sorted[k - 1]] < refs[i]))) throw new Error(`class ${c.cls}: ref order damaged`);
    }
    const starts = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const len = c.lengths[i];
      if (!Number.isInteger(len) || len < 2) throw new Error(`class ${c.cls}: bad record length`);
      starts[i] = offset;
      offset += len;
    }
    const lengths = c.lengths;
    const cls = c.cls;
    bases.push(total);
    classOrder.push({ cls, refs });
    sources.set(cls, {
      refs,
      get uuids(): readonly string[] {
        if (!uuids) {
          const list = n ? uuidsText.split('\n') : [];
          if (list.length !== n) throw new RefreshCacheDamaged(`refresh cache ${file}: class ${cls} has ${n} records but ${list.length} UUIDs`);
          uuids = list;
        }
        return uuids;
      },
      find(ref: string): number | undefined {
        let lo = 0;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          const r = refs[sorted[mid]];
          if (r === ref) return sorted[mid];
          if (r < ref) lo = mid + 1;
          else hi = mid;
        }
        return undefined;
      },
      record(i: number): unknown {
        const bytes = readRecord(starts[i], lengths[i]);
        try {
          return JSON.parse(bytes.toString('utf8'));
        } catch (err) {
          // The sizes matched at load; a record that does not parse means the file was altered.
          throw new RefreshCacheDamaged(`refresh cache ${file}: record ${refs[i]} of ${cls} is damaged (${(err as Error).message})`);
        }
      },
    });
    total += n;
  }
  if (bodyStart + offset !== size) throw new Error(`body is ${size - bodyStart} bytes, the header describes ${offset}`);
  many = Math.max(512, total / 8);
  // Registered only now: a file refused above is closed by the caller, once.
  descriptors.register(handle, fd);
  const baseOf = new Map(classOrder.map((c, k) => [c.cls, bases[k]]));
  return Object.assign(handle, {
    id: header.id, pool, poolUuid: header.poolUuid, token: header.token, classes: classOrder.map((c) => c.cls), sources, records: total,
    position(cls: XapiClass, ref: string): number | undefined {
      const base = baseOf.get(cls);
      const i = base === undefined ? undefined : sources.get(cls)!.find!(ref);
      return i === undefined ? undefined : base! + i;
    },
    at(position: number): { cls: XapiClass; ref: string } | undefined {
      for (let k = classOrder.length - 1; k >= 0; k--) {
        if (position >= bases[k]) {
          const ref = classOrder[k].refs[position - bases[k]];
          return ref === undefined ? undefined : { cls: classOrder[k].cls, ref };
        }
      }
      return undefined;
    },
  });
}

/** Closes a records file's descriptor once nothing can read from it any more. */
const descriptors = new FinalizationRegistry<number>((fd) => {
  try { closeSync(fd); } catch { /* already closed */ }
});

interface IndexFile {
  format: string;
  version: number;
  /** The xcpform that wrote it: another version may read resources differently. */
  xcpform: string;
  lineage: string;
  serial: number;
  pools: Record<string, string>;
  fields: Record<string, string[]>;
  /** Instance addresses, newline-separated (addresses never hold a newline). */
  addresses: string;
  /** Every entry's record dependencies (see POOL_STRIDE) back to back; entry i's end at `ends[i]`. */
  deps: number[];
  ends: number[];
  /** Entry position → loose refs, UUID misses and scans, for the few entries that have any. */
  extras: Record<string, string[]>;
  /** Entry position → refreshed state, for entries whose read changed the prior state. */
  values: Record<string, ObjectValue | null>;
  /** Per entry, newline-separated: the fingerprint of the prior state it was read with. */
  fingerprints: string;
}

const isCarried = (e: IndexEntry | CarriedEntry): e is CarriedEntry => (e as CarriedEntry).from !== undefined;

function encodeIndex(update: CacheUpdate, files: ReadonlyMap<string, FilePositions>): string {
  const pools: Record<string, string> = {};
  for (const [pool, f] of files) pools[pool] = f.id;
  const poolOrder = Object.keys(pools).sort();
  const poolNumber = new Map(poolOrder.map((p, i) => [p, i]));
  const addresses: string[] = [];
  const deps: number[] = [];
  const ends: number[] = [];
  const extras: IndexFile['extras'] = {};
  const values: IndexFile['values'] = {};
  const fingerprints: string[] = [];
  for (const [address, e] of update.entries) {
    const at = addresses.length;
    addresses.push(address);
    let x: string[] = [];
    let entry: IndexEntry | undefined;
    if (isCarried(e)) {
      // Unchanged files and pool order: the numbers still point at the same records.
      const verbatim = e.from.poolOrder.length === poolOrder.length && poolOrder.every((p, k) => e.from.poolOrder[k] === p && e.from.pools[p] === pools[p]);
      if (verbatim) {
        for (const d of e.from.depsOf(e.at)) deps.push(d);
        x = [...e.from.extrasOf(e.at)];
        if (!e.from.same(e.at)) values[at] = e.from.value(e.at);
      } else {
        entry = e.from.entry(e.at, update.previous);
        if (!entry) { addresses.pop(); continue; } // cannot be spelled: dropped, so read again next time
      }
    } else entry = e;
    if (entry) {
      for (const key of entry.refs) {
        const [pool, cls, ref] = key.split('\0') as [string, XapiClass, string];
        const n = poolNumber.get(pool);
        const pos = n === undefined ? undefined : files.get(pool)!.position(cls, ref);
        if (n !== undefined && pos !== undefined && pos < POOL_STRIDE) deps.push(n * POOL_STRIDE + pos);
        else x.push(LOOSE + key);
      }
      x.push(...entry.extras);
      if (!entry.same) values[at] = entry.value ?? null;
    }
    if (x.length) extras[at] = x;
    ends.push(deps.length);
    fingerprints.push(isCarried(e) ? e.from.fingerprintOf(e.at) : e.prior ? fingerprint(e.prior) : '');
  }
  const file: IndexFile = {
    format: INDEX_FORMAT, version: INDEX_VERSION, xcpform: VERSION, lineage: update.lineage, serial: update.serial, pools,
    fields: Object.fromEntries([...update.fields].map(([c, f]) => [c, [...f].sort()])),
    addresses: addresses.join('\n'), deps, ends, extras, values, fingerprints: fingerprints.join('\n'),
  };
  return JSON.stringify(file);
}

function parseIndex(text: string): CacheIndex {
  const f = JSON.parse(text) as IndexFile;
  if (f.format !== INDEX_FORMAT || f.version !== INDEX_VERSION) throw new Error('not a refresh index of this version');
  if (f.xcpform !== VERSION) throw new Error(`written by xcpform ${String(f.xcpform)}, this is ${VERSION}`);
  const objects = [f.pools, f.fields, f.extras, f.values];
  if (typeof f.lineage !== 'string' || typeof f.serial !== 'number' || typeof f.addresses !== 'string' || typeof f.fingerprints !== 'string'
    || !Array.isArray(f.deps) || !Array.isArray(f.ends) || objects.some((o) => typeof o !== 'object' || o === null)) {
    throw new Error('index fields missing');
  }
  const addresses = f.addresses === '' ? [] : f.addresses.split('\n');
  if (f.ends.length !== addresses.length) throw new Error(`${addresses.length} addresses but ${f.ends.length} entries`);
  let prev = 0;
  for (const e of f.ends) {
    if (!Number.isInteger(e) || e < prev || e > f.deps.length) throw new Error('entry bounds malformed');
    prev = e;
  }
  if (prev !== f.deps.length) throw new Error('entry bounds malformed');
  const limit = Object.keys(f.pools).length * POOL_STRIDE;
  for (const d of f.deps) if (!Number.isInteger(d) || d < 0 || d >= limit) throw new Error(`dependency ${String(d)} outside the pools' records`);
  const fields = new Map<XapiClass, ReadonlySet<string>>();
  for (const [cls, list] of Object.entries(f.fields)) {
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) throw new Error(`fields of ${cls} malformed`);
    fields.set(cls as XapiClass, new Set(list));
  }
  const sparse = <T>(o: Record<string, T>, ok: (v: T) => boolean, what: string): Map<number, T> => {
    const m = new Map<number, T>();
    for (const [k, v] of Object.entries(o)) {
      const i = Number(k);
      if (!Number.isInteger(i) || i < 0 || i >= addresses.length || !ok(v)) throw new Error(`${what} of entry ${k} malformed`);
      m.set(i, v);
    }
    return m;
  };
  const extras = sparse(f.extras, (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), 'extras');
  const values = sparse(f.values, (v) => v === null || (typeof v === 'object' && !Array.isArray(v)), 'value');
  return new CacheIndex(f.lineage, f.serial, f.pools, fields, addresses, f.deps, f.ends, extras, values, f.fingerprints);
}
