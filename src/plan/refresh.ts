/**
 * Refresh: one bulk read (`get_all_records`) per XAPI class per pool, then each resource maps its
 * own state from those records. A resource never issues a call per object just to refresh, so
 * 10,000 VMs cost a handful of round trips instead of 10,000.
 *
 * With a {@link RefreshCache}, a pool read before is refreshed incrementally: one `event.from`
 * from the cached token (plus `pool.get_all_records`, to check it is the same pool), applied to
 * the cached records; and an instance whose read depended on nothing that changed, with the same
 * prior state (same state serial, or the same fingerprint of it), keeps its known result without
 * being read again. Any doubt falls back to the full read (see refresh-cache.ts).
 */
import { Diagnostic, error } from '../diagnostics';
import { resourceType } from '../resources/registry';
import { readClasses, WorldSnapshot, type AccessTracker } from '../resources/snapshot';
import { sameValue, type ObjectValue } from '../values/value';
import { eventFrom, getAllRecords, isXapiError, type XapiClass, type XapiClient, type XapiEvent } from '../xenapi';
import { fingerprint, looseKey, missKey, refKey, RefreshCacheDamaged, scanKey, type CachedPool, type CacheIndex, type CacheUpdate, type CarriedEntry, type IndexEntry, type RefreshCache } from './refresh-cache';

/** A managed object recorded in state. */
export interface PriorInstance {
  readonly address: string;
  readonly type: string;
  readonly attributes: ObjectValue;
}

/** Where refresh gets records from: an authenticated client per configured pool. */
export interface RecordSource {
  readonly pools: readonly string[];
  readonly defaultPool: string;
  client(pool: string): Promise<XapiClient>;
}

export interface RefreshOptions {
  /** Refresh incrementally from (and update) this cache. */
  readonly cache?: RefreshCache;
  /** Lineage and serial of the state the instances come from: results are reused only for the same lineage. */
  readonly state?: { readonly lineage: string; readonly serial: number };
}

/** How each pool was read and how many instances were read or reused. */
export interface RefreshStats {
  readonly pools: Record<string, { mode: 'full' | 'incremental'; events?: number; why?: string }>;
  read: number;
  reused: number;
}

export interface RefreshResult {
  readonly world: WorldSnapshot;
  /** New state by address; null when the object was deleted outside xcpform. */
  readonly refreshed: ReadonlyMap<string, ObjectValue | null>;
  readonly diagnostics: Diagnostic[];
  readonly stats: RefreshStats;
  /**
   * Writes the refresh cache (records of pools read in full, the index); absent when nothing
   * needs writing. Separate so a caller can show its plan first. Resolves to a warning text
   * when the cache could not be written.
   */
  readonly saveCache?: () => Promise<string | undefined>;
}

/** The pool an instance lives in: its `pool` attribute, or the default pool. */
export function poolOf(attrs: ObjectValue | null, defaultPool: string): string {
  const p = attrs?.pool;
  return typeof p === 'string' && p ? p : defaultPool;
}

/** The diagnostic for a pool that could not be read (refresh here, the provider's live world). */
export function poolFailed(pool: string, err: unknown): Diagnostic {
  return error('refresh.pool-failed', `cannot read pool "${pool}"`, {
    detail: `${isXapiError(err) ? err.message : (err as Error).message}. Check the pool's url and credentials, or plan with -refresh=false.`,
  });
}

/** How one pool's records were obtained. */
interface PoolRead {
  readonly mode: 'full' | 'incremental';
  /** Token taken before the read (full) or returned by `event.from` (incremental); with a cache only. */
  readonly token?: string;
  readonly poolUuid?: string;
  readonly cached?: CachedPool;
  /** Events applied to the cached records, each with the record it replaced (mod/del). */
  readonly events?: readonly { readonly event: XapiEvent; readonly old?: unknown }[];
  readonly why?: string;
}

const sameClasses = (a: readonly XapiClass[], b: ReadonlySet<XapiClass>): boolean => a.length === b.size && a.every((c) => b.has(c));

async function poolUuidOf(client: XapiClient): Promise<string> {
  const pools = await getAllRecords(client, 'pool', { idempotent: true });
  const first = pools.values().next().value;
  return first ? first.uuid : '';
}

/**
 * Reads every class the given instances (plus `extraClasses`) need, once per pool, into a
 * snapshot. Pools that fail to answer give one diagnostic each; their instances keep the prior
 * state (and are reported), so one unreachable pool never blanks another's state.
 */
export async function fetchSnapshot(
  source: RecordSource,
  needs: ReadonlyMap<string, ReadonlySet<XapiClass>>,
  diagnostics: Diagnostic[],
  cache?: RefreshCache,
): Promise<{ world: WorldSnapshot; failedPools: Set<string>; reads: Map<string, PoolRead> }> {
  const world = new WorldSnapshot();
  const failedPools = new Set<string>();
  const reads = new Map<string, PoolRead>();
  await Promise.all([...needs].map(async ([pool, classes]) => {
    if (!source.pools.includes(pool)) {
      failedPools.add(pool);
      diagnostics.push(error('refresh.unknown-pool', `pool "${pool}" is not configured`, {
        detail: `State or configuration refers to pool "${pool}", but the provider's pools are: ${source.pools.join(', ')}. Add it to the provider block's pools.`,
      }));
      return;
    }
    try {
      const client = await source.client(pool);
      let why: string | undefined;
      if (cache) {
        const missesBefore = cache.misses.length;
        const cached = cache.loadPool(pool);
        if (!cached) why = cache.misses.length > missesBefore ? `cached records unreadable (${cache.misses[cache.misses.length - 1]})` : 'no cached records';
        else if (!sameClasses(cached.classes, classes)) why = 'the classes to read changed';
        else {
          const inc = await incrementalRead(world, pool, client, cached, classes);
          if (inc.mode === 'incremental') { reads.set(pool, inc); return; }
          why = inc.why;
        }
      }
      const snap = world.pool(pool);
      // The token comes first: a change made during the bulk read is then reported again next time.
      const token = cache ? (await eventFrom(client, [], '', 0)).token : undefined;
      await readClasses(client, snap, classes);
      let poolUuid: string | undefined;
      if (cache) poolUuid = classes.has('pool') ? snap.all('pool').values().next().value?.uuid ?? '' : await poolUuidOf(client);
      reads.set(pool, { mode: 'full', token, poolUuid, why });
    } catch (err) {
      if (err instanceof RefreshCacheDamaged) throw err;
      failedPools.add(pool);
      diagnostics.push(poolFailed(pool, err));
    }
  }));
  return { world, failedPools, reads };
}

/** The cached records of `pool` brought up to date with one `event.from`; `full` (with why) when that cannot be trusted. */
async function incrementalRead(world: WorldSnapshot, pool: string, client: XapiClient, cached: CachedPool, classes: ReadonlySet<XapiClass>): Promise<PoolRead> {
  let batch;
  let poolUuid;
  try {
    [batch, poolUuid] = await Promise.all([eventFrom(client, [...classes], cached.token, 0), poolUuidOf(client)]);
  } catch (err) {
    // EVENTS_LOST (token too old, xapi restarted), a token xapi cannot parse: read in full.
    if (isXapiError(err)) return { mode: 'full', why: `event.from: ${err.code}` };
    throw err;
  }
  if (poolUuid !== cached.poolUuid) return { mode: 'full', why: 'another pool answers at this address' };
  const snap = world.pool(pool);
  for (const [cls, src] of cached.sources) snap.setLazyClass(cls, src);
  const events: { event: XapiEvent; old?: unknown }[] = [];
  for (const e of batch.events) {
    if (!e.cls || !classes.has(e.cls)) continue;
    const old = e.operation === 'mod' ? snap.get(e.cls, e.ref) : undefined;
    snap.put(e.cls, e.ref as never, e.operation === 'del' ? undefined : (e.snapshot as never));
    events.push({ event: e, old });
  }
  // xapi says how many objects of each class exist: a cache that disagrees after the events
  // missed some (the pool database restored from an older backup, say). Read everything then.
  const mismatch = snap.countMismatch(batch.validRefCounts, classes);
  if (mismatch) return { mode: 'full', why: `xapi counts ${mismatch.xapi} ${mismatch.cls} objects, the cache and its events ${mismatch.held}` };
  return { mode: 'incremental', token: batch.token, poolUuid, cached, events };
}

/**
 * Extra key of an entry read while an event had changed record `ref` since the records file's
 * token. Such an entry saw the record as the event left it, not as the file holds it, so the
 * field filter (which compares an event with the file's record) cannot tell that a later event
 * leaves the record unchanged for it: a name changed outside and renamed back by apply reads
 * "as in the file", yet differs from what the entry saw. Any later event on the record touches it.
 */
const editedKey = (key: string): string => `e\0${key}`;

/** Collects what one read looks at; the fields read are pooled per class across reads. */
class DependencyRecorder implements AccessTracker {
  readonly refs = new Set<string>();
  readonly extras = new Set<string>();
  constructor(private readonly fields: Map<XapiClass, Set<string>>) {}
  ref(pool: string, cls: XapiClass, ref: string): void { this.refs.add(refKey(pool, cls, ref)); }
  uuidMiss(pool: string, cls: XapiClass, uuid: string): void { this.extras.add(missKey(pool, cls, uuid)); }
  scan(pool: string, cls: XapiClass): void { this.extras.add(scanKey(pool, cls)); }
  field(cls: XapiClass, field: string): void {
    let set = this.fields.get(cls);
    if (!set) { set = new Set(); this.fields.set(cls, set); }
    set.add(field);
  }
}

/** Fields whose values differ between two records. */
function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k];
    const y = b[k];
    if (x !== y && JSON.stringify(x) !== JSON.stringify(y)) out.push(k);
  }
  return out;
}

/**
 * What changed in the incrementally read pools, in the index's key spelling. A `mod` that only
 * changed fields no indexed read ever looked at (per class: memory figures of a host, an SR's
 * utilisation) touches no entry; whole-class scans are touched by any event of their class.
 */
class ChangeSet {
  /** Dependency numbers (records of the cached files) that changed. */
  private readonly records = new Set<number>();
  /** Loose refs, scans and UUID additions that changed. */
  private readonly keys = new Set<string>();

  constructor(reads: ReadonlyMap<string, PoolRead>, index: CacheIndex) {
    for (const [pool, r] of reads) {
      for (const { event: e, old } of r.events ?? []) {
        const cls = e.cls!;
        this.keys.add(scanKey(pool, cls));
        this.keys.add(editedKey(refKey(pool, cls, e.ref)));
        const uuid = (e.snapshot as { uuid?: unknown } | undefined)?.uuid;
        if (e.operation !== 'del' && typeof uuid === 'string') this.keys.add(missKey(pool, cls, uuid));
        if (e.operation === 'mod' && old && e.snapshot) {
          const seen = index.fields.get(cls);
          if (!seen) continue;
          if (!seen.has('*') && !changedFields(old as Record<string, unknown>, e.snapshot as Record<string, unknown>).some((f) => seen.has(f))) continue;
        }
        this.keys.add(looseKey(pool, cls, e.ref));
        const pos = r.cached!.position(cls, e.ref);
        const n = pos === undefined ? undefined : index.depNumber(pool, pos);
        if (n !== undefined) this.records.add(n);
      }
    }
  }

  /** Whether entry `i` of `index` depends on anything that changed. */
  touches(index: CacheIndex, i: number): boolean {
    if (this.records.size > 0) for (const d of index.depsOf(i)) if (this.records.has(d)) return true;
    if (this.keys.size > 0) for (const k of index.extrasOf(i)) if (this.keys.has(k)) return true;
    return false;
  }
}

/** The index entries usable in this refresh: every pool read incrementally against the records the index was made with, same state. */
function usableIndex(cache: RefreshCache | undefined, reads: ReadonlyMap<string, PoolRead>, state: RefreshOptions['state']): CacheIndex | undefined {
  if (!cache || !state || reads.size === 0) return undefined;
  for (const r of reads.values()) if (r.mode !== 'incremental') return undefined;
  const index = cache.loadIndex();
  // Another serial of the same state: entries are checked one by one against their prior's fingerprint.
  if (!index || index.lineage !== state.lineage) return undefined;
  for (const [pool, r] of reads) if (index.pools[pool] !== r.cached!.id) return undefined;
  if (Object.keys(index.pools).length !== reads.size || !index.fits(cachedFiles(reads))) {
    cache!.misses.push('index: its dependencies do not match the records files');
    return undefined;
  }
  return index;
}

/** Events applied since the cached token beyond which the records file is rewritten (so `event.from` stays short). */
function needsCompaction(r: PoolRead): boolean {
  const n = r.events?.length ?? 0;
  return n > 1000 && n > (r.cached?.records ?? 0) * 0.05;
}

/**
 * Refreshes the given instances; see the file comment. A cache found damaged while in use is
 * removed and the refresh starts over without it (a full read that writes a new one).
 */
export async function refreshInstances(
  instances: readonly PriorInstance[],
  source: RecordSource,
  extraNeeds: ReadonlyMap<string, ReadonlySet<XapiClass>> = new Map(),
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  try {
    return await refreshOnce(instances, source, extraNeeds, options);
  } catch (err) {
    if (!(err instanceof RefreshCacheDamaged) || !options.cache) throw err;
    options.cache.misses.push(err.message);
    options.cache.clear();
    return refreshOnce(instances, source, extraNeeds, options);
  }
}

async function refreshOnce(
  instances: readonly PriorInstance[],
  source: RecordSource,
  extraNeeds: ReadonlyMap<string, ReadonlySet<XapiClass>>,
  options: RefreshOptions,
): Promise<RefreshResult> {
  const diagnostics: Diagnostic[] = [];
  const needs = new Map<string, Set<XapiClass>>();
  const add = (pool: string, classes: Iterable<XapiClass>) => {
    let set = needs.get(pool);
    if (!set) { set = new Set(); needs.set(pool, set); }
    for (const c of classes) set.add(c);
  };
  for (const [pool, classes] of extraNeeds) add(pool, classes);
  for (const inst of instances) {
    const rt = resourceType(inst.type);
    if (rt) add(poolOf(inst.attributes, source.defaultPool), rt.classes);
  }
  const cache = options.cache;
  const { world, failedPools, reads } = await fetchSnapshot(source, needs, diagnostics, cache);
  const stats: RefreshStats = {
    pools: Object.fromEntries([...reads].map(([p, r]) => [p, { mode: r.mode, ...(r.events ? { events: r.events.length } : {}), ...(r.why ? { why: r.why } : {}) }])),
    read: 0,
    reused: 0,
  };
  const index = usableIndex(cache, reads, options.state);
  const changes = index ? new ChangeSet(reads, index) : undefined;
  const fields = new Map<XapiClass, Set<string>>([...(index?.fields ?? [])].map(([c, f]) => [c, new Set(f)]));
  const track = cache !== undefined && options.state !== undefined && failedPools.size === 0;
  const entries = new Map<string, IndexEntry | CarriedEntry>();
  const edited = new Set<string>();
  for (const [pool, r] of reads) for (const { event: e } of r.events ?? []) if (e.cls) edited.add(refKey(pool, e.cls, e.ref));
  const sameSerial = index !== undefined && index.serial === options.state!.serial;
  // Written again for another serial even when every entry is reused, so the next plan takes the fast path.
  let entriesChanged = !index || !sameSerial;
  const refreshed = new Map<string, ObjectValue | null>();
  for (const inst of instances) {
    const rt = resourceType(inst.type);
    if (!rt || failedPools.has(poolOf(inst.attributes, source.defaultPool))) {
      refreshed.set(inst.address, inst.attributes);
      continue;
    }
    const at = index?.find(inst.address);
    if (at !== undefined && !changes!.touches(index!, at) && (sameSerial || index!.fingerprintOf(at) === fingerprint(inst.attributes))) {
      refreshed.set(inst.address, index!.same(at) ? inst.attributes : index!.value(at));
      entries.set(inst.address, { from: index!, at });
      stats.reused++;
      continue;
    }
    const recorder = track ? new DependencyRecorder(fields) : undefined;
    world.tracker = recorder;
    let res;
    try {
      res = rt.read({ prior: inst.attributes, world });
    } finally {
      world.tracker = undefined;
    }
    stats.read++;
    for (const d of res.diagnostics ?? []) diagnostics.push({ ...d, address: d.address ?? inst.address });
    refreshed.set(inst.address, res.state);
    if (recorder && !res.diagnostics?.length && jsonSafe(res.state)) {
      for (const k of recorder.refs) if (edited.has(k)) recorder.extras.add(editedKey(k));
      const same = res.state !== null && sameValue(res.state, inst.attributes);
      const entry: IndexEntry = { refs: [...recorder.refs], extras: [...recorder.extras], same, ...(same ? {} : { value: res.state }), prior: inst.attributes };
      entries.set(inst.address, entry);
      // Read again with the same outcome (the cached token stays, so its events come back): nothing new to write.
      if (!entriesChanged) {
        const before = at === undefined ? undefined : index!.entry(at, cachedFiles(reads));
        if (!before || !sameEntry(before, entry)) entriesChanged = true;
      }
    } else entriesChanged = true;
  }
  for (const [cls, set] of fields) if (set.size !== (index?.fields.get(cls)?.size ?? 0)) entriesChanged = true;
  const saveCache = cache && options.state && failedPools.size === 0 ? planSave(cache, options.state, world, needs, reads, entries, fields, entriesChanged) : undefined;
  return { world, refreshed, diagnostics, stats, ...(saveCache ? { saveCache } : {}) };
}

/** The records files the incrementally read pools came from. */
function cachedFiles(reads: ReadonlyMap<string, PoolRead>): Map<string, CachedPool> {
  const out = new Map<string, CachedPool>();
  for (const [pool, r] of reads) if (r.cached) out.set(pool, r.cached);
  return out;
}

function sameEntry(a: IndexEntry, b: IndexEntry): boolean {
  const sameList = (x: readonly string[], y: readonly string[]) => {
    if (x.length !== y.length) return false;
    const set = new Set(x);
    return y.every((k) => set.has(k));
  };
  if (a.same !== b.same || !sameList(a.refs, b.refs) || !sameList(a.extras, b.extras)) return false;
  return a.same || (a.value === null ? b.value === null : b.value != null && sameValue(a.value!, b.value));
}

/** A refreshed state that survives the index's JSON unchanged: plain objects, arrays, strings, finite numbers, booleans, null. */
function jsonSafe(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(jsonSafe);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const k in v) if (!jsonSafe((v as Record<string, unknown>)[k])) return false;
    return true;
  }
  return false;
}

function planSave(
  cache: RefreshCache,
  state: NonNullable<RefreshOptions['state']>,
  world: WorldSnapshot,
  needs: ReadonlyMap<string, ReadonlySet<XapiClass>>,
  reads: ReadonlyMap<string, PoolRead>,
  entries: ReadonlyMap<string, IndexEntry | CarriedEntry>,
  fields: ReadonlyMap<XapiClass, ReadonlySet<string>>,
  entriesChanged: boolean,
): (() => Promise<string | undefined>) | undefined {
  const rewrite: CacheUpdate['rewrite'][number][] = [];
  const previous = new Map<string, CachedPool>();
  for (const [pool, r] of reads) {
    if (r.mode === 'full' || needsCompaction(r)) {
      rewrite.push({ pool, poolUuid: r.poolUuid ?? '', token: r.token!, records: world.pool(pool), classes: [...needs.get(pool)!] });
    }
    if (r.cached) previous.set(pool, r.cached);
  }
  if (rewrite.length === 0 && !entriesChanged) return undefined;
  return () => cache.save({ rewrite, previous, lineage: state.lineage, serial: state.serial, entries, fields });
}
