/**
 * A class's records as a frozen base map plus a small overlay of later changes.
 *
 * The live world hands every apply step its pool's records without copying them, and keeps
 * taking events while the steps read. Copying a whole class map at the first event after each
 * hand-out made an apply of N objects cost N² (thousands of map copies of thousands of records).
 * Here the base map is never written once shared; events go to an overlay, which is the only
 * thing copied on write, and which is folded into a fresh base when it has grown to about the
 * square root of the base's size. A hand-out then costs O(1), an event O(√N) amortised.
 */

/** Marks a ref removed in an overlay. */
const REMOVED: unique symbol = Symbol('removed');

/**
 * A read-only Map over a holder's current records (like the plain map it replaces, it shows
 * the holder's later writes), in Map's iteration order.
 */
class LayeredView<V> extends Map<string, V> {
  constructor(private readonly holder: LayeredRecords<V>) {
    super();
  }

  override get size(): number {
    return this.holder.size;
  }

  override get(key: string): V | undefined {
    return this.holder.get(key);
  }

  override has(key: string): boolean {
    return this.holder.has(key);
  }

  override entries(): MapIterator<[string, V]> {
    return this.holder.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  override *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  override forEach(fn: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  override set(): this {
    throw new Error('LayeredView is read-only');
  }

  override delete(): boolean {
    throw new Error('LayeredView is read-only');
  }

  override clear(): void {
    throw new Error('LayeredView is read-only');
  }
}

/**
 * One class's records, shareable without copying: {@link share} gives another holder the same
 * contents; from then on each side's writes are its own.
 */
export class LayeredRecords<V> {
  private base: Map<string, V>;
  private overlay = new Map<string, V | typeof REMOVED>();
  /** The base is held by another LayeredRecords too: never write it. */
  private baseShared = false;
  /** The overlay is held by another LayeredRecords too: copy it before writing. */
  private overlayShared = false;
  private count: number;
  private view?: ReadonlyMap<string, V>;

  constructor(base: Map<string, V> = new Map()) {
    this.base = base;
    this.count = base.size;
  }

  /** A holder with these contents; both sides' later writes stay apart. */
  share(): LayeredRecords<V> {
    if (this.overlay.size > 0 && this.overlay.size * this.overlay.size > this.base.size * 4) this.fold();
    const other = new LayeredRecords<V>(this.base);
    other.overlay = this.overlay;
    other.count = this.count;
    other.baseShared = other.overlayShared = true;
    this.baseShared = this.overlayShared = true;
    return other;
  }

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    if (this.overlay.size > 0) {
      const v = this.overlay.get(key);
      if (v !== undefined) return v === REMOVED ? undefined : v;
    }
    return this.base.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Adds or replaces `key` (`undefined` removes it). */
  put(key: string, value: V | undefined): void {
    const had = this.has(key);
    if (!this.baseShared) {
      if (value === undefined) this.base.delete(key);
      else this.base.set(key, value);
    } else {
      if (this.overlayShared) { this.overlay = new Map(this.overlay); this.overlayShared = false; }
      if (value === undefined) {
        if (this.base.has(key)) this.overlay.set(key, REMOVED);
        else this.overlay.delete(key);
      } else this.overlay.set(key, value);
      if (this.overlay.size * this.overlay.size > this.base.size * 4 + 64) this.fold();
    }
    this.count += (value !== undefined ? 1 : 0) - (had ? 1 : 0);
  }

  /** The records as a map (the base itself while nothing is overlaid). */
  map(): ReadonlyMap<string, V> {
    if (this.overlay.size === 0) return this.base;
    return (this.view ??= new LayeredView(this));
  }

  /** Base order with replaced values in place, then refs the overlay added, as a Map would. */
  entries(): MapIterator<[string, V]> {
    return new LayeredIterator(this.base, this.overlay);
  }

  /** A fresh base with the overlay applied, owned by this holder alone. */
  private fold(): void {
    const base = new Map<string, V>();
    for (const [k, v] of this.map()) base.set(k, v);
    this.base = base;
    this.overlay = new Map();
    this.baseShared = this.overlayShared = false;
  }
}

/**
 * The entries of a base and an overlay, as `LayeredRecords.entries` gives them. Not a generator:
 * where the overlay leaves an entry alone (nearly all of them) the base's own iterator result is
 * handed on as it is, so a scan of a class (a name looked up among every VM, once per create)
 * costs about what a plain Map's costs; a generator allocated a tuple and a result per entry.
 */
class LayeredIterator<V> implements MapIterator<[string, V]> {
  private inner: MapIterator<[string, V | typeof REMOVED]>;
  private inBase = true;

  constructor(private readonly base: Map<string, V>, private readonly overlay: Map<string, V | typeof REMOVED>) {
    this.inner = base.entries();
  }

  next(): IteratorResult<[string, V], undefined> {
    for (;;) {
      const r = this.inner.next();
      if (r.done) {
        if (!this.inBase) return r;
        this.inBase = false;
        this.inner = this.overlay.entries();
        continue;
      }
      const e = r.value;
      if (this.inBase) {
        const o = this.overlay.size === 0 ? undefined : this.overlay.get(e[0]);
        if (o === undefined) return r as IteratorResult<[string, V], undefined>;
        if (o !== REMOVED) return { value: [e[0], o], done: false };
      } else if (e[1] !== REMOVED && !this.base.has(e[0])) return r as IteratorResult<[string, V], undefined>;
    }
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this;
  }
}
