/**
 * A world built from records read off live pools (a rehearsal's copy): every object keeps its
 * ref, uuid and fields, so references read from the pools resolve in the copy. Capacities
 * come with the records (host memory in `host_metrics`, SR `physical_size` and
 * `physical_utilisation`, resident VMs), disks are sizes without contents. The copy is served
 * on ephemeral loopback ports with its own throw-away credentials and no latency; its clock skips
 * every delay (guest boots, `event.from` timeouts) instead of waiting.
 *
 * Plain data in, so this file stays free of engine code: the caller hands over records as the
 * XenAPI client decoded them (datetimes as ISO text, ints as numbers).
 */
import { randomBytes } from 'node:crypto';
import { SkippingClock } from './clock';
import { Database } from './db/database';
import { SimulatorHttp } from './http/server';
import { fromWire, NULL_REF, type FieldType, type StoredRecord } from './model/types';
import { CLASSES } from './schema/misc';
import { defaultRecord } from './schema/class-spec';
import { DEFAULT_SETTINGS, World, type Pool } from './world';
import { scheduleGuestMetrics } from './classes/vm-power';
import type { XapiValue } from '../xenapi/wire/values';

/** One pool's records: class → ref → record, as read with `get_all_records`. */
export interface PoolTables {
  readonly name: string;
  readonly tables: Readonly<Record<string, ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>>>;
}

/** A served copy: URLs per pool, the credentials it accepts, and how to stop it. */
export interface ServedCopy {
  readonly world: World;
  readonly pools: ReadonlyMap<string, string>;
  readonly username: string;
  readonly password: string;
  close(): Promise<void>;
}

const entries = (t: PoolTables['tables'][string]): Iterable<[string, unknown]> => (t instanceof Map ? t.entries() : Object.entries(t));

/** The class a ref field points to, when it is a ref or a set of refs. */
function refClass(t: FieldType): string | undefined {
  if (t.k === 'ref') return t.cls;
  if (t.k === 'set' && t.of.k === 'ref') return t.of.cls;
  return undefined;
}

/**
 * Converts one decoded record to the simulator's stored form field by field; a field that
 * does not convert, or that points into a class the copy does not hold, keeps its default
 * (a copy without `host_cpu` must not hold refs that would fail as HANDLE_INVALID).
 */
function storedRecord(cls: string, raw: unknown, held: ReadonlySet<string>): StoredRecord {
  const spec = CLASSES.get(cls)!;
  const rec = (raw ?? {}) as Record<string, unknown>;
  // Every field starts at its default, in the table's order (a record with fast properties).
  const out = defaultRecord(spec);
  for (const [name, f] of Object.entries(spec.fields)) {
    const target = refClass(f.type);
    const value = rec[name];
    if (value === undefined || (target !== undefined && !held.has(target))) continue;
    try {
      out[name] = fromWire(f.type, value as XapiValue, name);
    } catch {
      // Left at its default: the copy must load even when a pool sends something odd.
    }
  }
  return out;
}

/** A database per pool holding exactly the given records, converted and stored in one pass. */
export function databaseFromTables(pool: PoolTables): Database {
  const held = new Set(Object.keys(pool.tables).filter((c) => CLASSES.has(c)));
  return Database.fromRecords([...held].map((cls) => [cls, converted(cls, pool.tables[cls], held)] as const));
}

function* converted(cls: string, table: PoolTables['tables'][string], held: ReadonlySet<string>): Iterable<[string, StoredRecord]> {
  for (const [ref, rec] of entries(table)) if (ref !== NULL_REF) yield [ref, storedRecord(cls, rec, held)];
}

/**
 * A running VM read before its guest agent reported (started moments before the refresh, or by
 * an apply that crashed right after `VM.start`) would never report in the copy: its boot
 * happened on the real pool. The copy lets such guests report as any booted guest does, which is
 * what an apply waiting for them assumes (guest behaviour is what a rehearsal cannot know).
 */
function bootGuestsCaughtStarting(pool: Pool): void {
  for (const [ref, vm] of pool.db.all('VM')) {
    if (vm.power_state !== 'Running' || vm.is_control_domain || vm.is_a_template) continue;
    const metrics = vm.guest_metrics !== NULL_REF ? pool.db.get('VM_guest_metrics', vm.guest_metrics as string) : undefined;
    if (!metrics || Object.keys((metrics.networks ?? {}) as Record<string, string>).length === 0) scheduleGuestMetrics(pool, ref);
  }
}

/** How the copy's guests behave (what a copy of records cannot tell). */
export interface CopyOptions {
  /**
   * IPv4 networks (CIDR) the copy's guests also report an address in, on every interface: the
   * networks the configuration waits for an address in (a guest's network setup is beyond the
   * copy, so it is taken to work).
   */
  readonly guestCidrs?: readonly string[];
}

/**
 * Builds the copy and serves it on 127.0.0.1 (ephemeral ports, latency 0, guests report their
 * addresses at once). Every pool needs its `pool` record and at least one host.
 * @throws Error naming the pool when its records cannot make a world.
 */
export async function serveCopy(pools: readonly PoolTables[], opts: CopyOptions = {}): Promise<ServedCopy> {
  const username = 'rehearsal';
  const password = randomBytes(18).toString('base64url');
  // No delay of the copy costs real time: its clock skips them (a blocked event.from, a boot).
  const world = new World({
    ...DEFAULT_SETTINGS, username, password, latencyMs: 0, latencyMsPerGiB: 0, guestBootMs: 0, operationMs: 0, clock: new SkippingClock(),
    ...(opts.guestCidrs?.length ? { guestCidrs: [...opts.guestCidrs] } : {}),
  });
  for (const p of pools) {
    const db = databaseFromTables(p);
    if (db.all('pool').length !== 1 || db.all('host').length === 0) throw new Error(`pool "${p.name}": the records read hold ${db.all('pool').length} pool objects and ${db.all('host').length} hosts; a copy needs one pool object and a host`);
    world.addPool(p.name, db);
  }
  for (const pool of world.pools.values()) bootGuestsCaughtStarting(pool);
  const http = new SimulatorHttp(world, { bind: '127.0.0.1', port: 0 });
  const urls = new Map<string, string>();
  try {
    for (const pool of world.pools.values()) urls.set(pool.name, await http.servePool(pool));
  } catch (err) {
    await http.close();
    throw err;
  }
  return { world, pools: urls, username, password, close: () => http.close() };
}
