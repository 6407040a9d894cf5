/**
 * What one apply step (a create, update or destroy) must see fresh in the live world, so it
 * catches up only that. Read-your-writes holds twice:
 * - for the changes it depends on: every class is current as of a moment after the last of
 *   them completed (`floor`, a {@link LiveWorld.mark} taken then);
 * - for its own writes: after it calls a method that may change the pool, the classes that
 *   call can change are read again before it next looks.
 *
 * A write changes the records of its own class and of the guest objects around it (a VM
 * clone adds VBDs, VDIs, VIFs; a VIF create changes the VM). It also changes the pool's
 * shared objects (an SR's `VDIs` list, a network's `VIFs`, a host's `resident_VMs`), but
 * only in back-references and usage figures that a step reads from the guest side
 * (`VBD.VDI`, `VDI.SR`, `VM.resident_on`). Those shared classes are therefore fresh as of the
 * floor unless the step writes to one of them itself (`network.create`, `SR.create`), which
 * makes them all stale. Catching them up after
 * every write moved, for each VM created, the SR and network records whose lists hold every
 * VM's disk and NIC: bytes that grow with the size of the pool.
 */
import type { AsyncCallOptions, XapiClass, XapiClient, XapiEncodable } from '../xenapi';
import { knownWrite } from './known-writes';
import type { LiveWorld, Need } from './live-world';

/**
 * Classes of the pool's shared infrastructure: their records change with a guest write only in
 * back-reference lists and usage figures.
 */
const SHARED: ReadonlySet<string> = new Set([
  'pool', 'host', 'host_metrics', 'host_cpu', 'SR', 'PBD', 'SM', 'network', 'PIF', 'PIF_metrics', 'Bond', 'VLAN', 'tunnel',
  'network_sriov', 'GPU_group', 'PGPU', 'PCI', 'VGPU_type', 'Cluster', 'Cluster_host', 'Certificate', 'Feature',
]);

/** Methods that only read: `*.get_*`, `event.*`, `session.*`. */
const READ_ONLY = /^(?:(?:Async\.)?[A-Za-z_]+\.get(?:_[A-Za-z_]*)?|event\.[a-z_]+|session\.[a-z_]+)$/;

/** The class a method belongs to (`Async.VM.clone` → `VM`). */
const classOf = (method: string): string => method.replace(/^Async\./, '').split('.')[0];

/** Per pool: when a write last ended, and when one to each shared class last did. */
interface Writes {
  /** The last write whose effect only a catch-up shows. */
  any: number;
  /** The last write of any kind (patched in or not). */
  last: number;
  readonly byClass: Map<string, number>;
}

/**
 * The writes of one step, or of every step of a process (terraform-provider-xcp, which does
 * not know which earlier resources a resource depends on: every write it made counts).
 */
export class WriteLog {
  private readonly pools = new Map<string, Writes>();

  /**
   * `method` (on `pool`) ended at mark `at`. A known write the live world patched in
   * (`patched`) needs no catch-up to be seen: it only counts as the step's last write.
   */
  record(pool: string, method: string, at: number, patched = false): void {
    let w = this.pools.get(pool);
    if (!w) { w = { any: 0, last: 0, byClass: new Map() }; this.pools.set(pool, w); }
    // Marks may come out of order: a task's write is dated before the catch-up that saw it end.
    w.last = Math.max(w.last, at);
    if (patched) return;
    w.any = Math.max(w.any, at);
    // A write to the infrastructure itself (SR.create makes PBDs, network.create a bridge
    // PIFs may name) may change any of it: every shared class then.
    if (SHARED.has(classOf(method))) for (const cls of SHARED) w.byClass.set(cls, Math.max(w.byClass.get(cls) ?? 0, at));
  }

  /** The mark after which `cls` of `pool` must have been caught up to see these writes (0: none). */
  need(pool: string, cls: XapiClass): number {
    const w = this.pools.get(pool);
    if (!w) return 0;
    return SHARED.has(cls) ? w.byClass.get(cls) ?? 0 : w.any;
  }

  /** When the last write to `pool` ended (0: none). */
  last(pool: string): number {
    return this.pools.get(pool)?.last ?? 0;
  }
}

/** The freshness one apply step needs from the live world; see the module comment. */
export class ChangeReads {
  private readonly writes = new WriteLog();
  /** Pools whose session this step took for HTTP transfers: their effect has no call to mark. */
  private readonly transfers = new Set<string>();
  /** Per pool, the mark at which this step's last read began. */
  private readonly lastRead = new Map<string, number>();

  /**
   * @param world the runtime's live world
   * @param floor a mark taken after the changes this step depends on completed
   * @param shared the writes of every step of this process, when the step cannot tell which of
   *   them it depends on (terraform-provider-xcp): they count as its own
   */
  constructor(private readonly world: LiveWorld, private readonly floor: number, private readonly shared?: WriteLog) {}

  /**
   * `pool`'s `classes` as fresh as this step needs them. A step that reads again without having
   * written since its last read is waiting for someone else (a guest reporting its address, a
   * host joining): that read, and a read after an HTTP transfer, gets everything as of now.
   * `ownWritesOnly` says it is not waiting (a step re-reading only to see its own writes);
   * `asOfNow` asks for everything as of now (placement counting what other steps started).
   */
  records(pool: string, classes: readonly XapiClass[], opts: { readonly ownWritesOnly?: boolean; readonly asOfNow?: boolean } = {}) {
    const previous = this.lastRead.get(pool);
    this.lastRead.set(pool, this.world.mark());
    const polling = !opts.ownWritesOnly && previous !== undefined && this.writes.last(pool) < previous;
    if (opts.asOfNow || polling || this.transfers.has(pool)) return this.world.records(pool, classes);
    return this.world.records(pool, classes, this.need(pool));
  }

  /** How fresh each class of `pool` must be. */
  need(pool: string): Need {
    return (cls) => Math.max(this.floor, this.writes.need(pool, cls), this.shared?.need(pool, cls) ?? 0);
  }

  /**
   * `client` of `pool` as this step uses it: every call that may write (all but getters, event
   * and session calls) is marked when it settles, failed or not (a failed call may have acted).
   * A session taken for an HTTP upload or download makes every later read as fresh as the live
   * world's default (as of the read).
   */
  client(pool: string, client: XapiClient): XapiClient {
    const world = this.world;
    const wrote = (method: string, patched = false, at = world.mark()): void => {
      this.writes.record(pool, method, at, patched);
      this.shared?.record(pool, method, at, patched);
    };
    const transfers = this.transfers;
    const tracked = <A extends unknown[], R>(fn: (method: string, ...rest: A) => Promise<R>, plain: boolean) => async (method: string, ...rest: A): Promise<R> => {
      if (READ_ONLY.test(method)) return fn(method, ...rest);
      let result: R;
      try {
        result = await fn(method, ...rest);
      } catch (err) {
        wrote(method);
        throw err;
      }
      // Succeeded: a known write of a guest object goes into the records at once (known-writes.ts).
      const known = plain ? knownWrite(method, rest as unknown as XapiEncodable[]) : undefined;
      wrote(method, known !== undefined && !SHARED.has(known.cls) && world.patch(pool, known));
      return result;
    };
    // An `Async.*` call learns how its task ended from the catch-up that shows its effects (see
    // LiveWorld.taskOutcome); its write then dates from just before that catch-up, so the
    // step's next read finds the records fresh without another round trip.
    const asyncCall = async (target: XapiClient, method: string, args: readonly XapiEncodable[], options: AsyncCallOptions = {}): Promise<unknown> => {
      let seenAt: number | undefined;
      const shared = SHARED.has(classOf(method));
      const awaitTask = async (task: string) => {
        const after = world.mark();
        // The guest classes (and the shared ones, after a write to them) the step reads next.
        const out = await world.taskOutcome(pool, task, after, (held) => held.filter((c) => shared || !SHARED.has(c)));
        seenAt = out?.seenAt;
        return out?.record;
      };
      world.expectTask(pool);
      try {
        const result = await target.invokeAsync(method, args, { ...options, awaitTask });
        wrote(method, false, seenAt === undefined ? world.mark() : seenAt - 1);
        return result;
      } catch (err) {
        wrote(method);
        throw err;
      }
    };
    return new Proxy(client, {
      get(target, key) {
        const v = Reflect.get(target, key, target) as unknown;
        if (typeof v !== 'function') return v;
        if (key === 'callAsync') return (method: string, ...args: XapiEncodable[]) => asyncCall(target, method, args);
        if (key === 'invokeAsync') return (method: string, args: readonly XapiEncodable[], options?: AsyncCallOptions) => asyncCall(target, method, args, options);
        const bound = (v as (...a: unknown[]) => unknown).bind(target);
        // `call(method, ...args)` alone has its arguments as the method takes them.
        if (key === 'call' || key === 'invoke') return tracked(bound as (m: string, ...r: unknown[]) => Promise<unknown>, key === 'call');
        if (key === 'session') {
          return () => {
            transfers.add(pool);
            return (bound as () => Promise<unknown>)();
          };
        }
        return bound;
      },
    });
  }
}
