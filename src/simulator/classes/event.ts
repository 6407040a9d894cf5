/**
 * event.from / event.inject (xapi `xapi_event.ml`). Tokens are `"%020d,%020d"` (database
 * generation, message generation; one counter here). `""` returns every object of the
 * subscribed classes as `add`; later calls return objects changed since the token, collapsed
 * to one event per object, blocking until a change or the timeout. `del` events carry no
 * snapshot and are only reported for objects that existed at the token.
 */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { any, float, int, setOf, str, toWire } from '../model/types';
import { CLASS_BY_LOWER, CLASSES } from '../schema/misc';
import type { Change } from '../db/database';
import { recordType } from '../dispatch/implicit';
import { XapiEncodable, xmlrpcI4 } from '../../xenapi/wire/values';

const pad = (n: number): string => String(n).padStart(20, '0');
export const formatToken = (gen: number): string => {
  const g = pad(gen);
  return `${g},${g}`;
};

function parseToken(token: string): number | undefined {
  if (token === '') return undefined;
  const m = /^(\d+)(?:,(\d+))?$/.exec(token.trim());
  if (!m) throw new XapiFailure('EVENT_FROM_TOKEN_PARSE_FAILURE', [token]);
  return Number(m[1]);
}

interface Subscription {
  all: boolean;
  classes: Set<string>;
  objects: Set<string>;
}

/**
 * Subscriptions to whole classes, by their list: a client catching up asks for the same classes
 * on every call (thousands of times in an apply). One per object (`task/<ref>`) is not kept.
 */
const SUBSCRIPTIONS = new Map<string, Subscription>();
const MAX_SUBSCRIPTIONS = 256;

function subscribe(classes: string[]): Subscription {
  const key = classes.join('\n');
  const known = SUBSCRIPTIONS.get(key);
  if (known) return known;
  const sub = parseSubscription(classes);
  if (sub.objects.size === 0) {
    if (SUBSCRIPTIONS.size >= MAX_SUBSCRIPTIONS) SUBSCRIPTIONS.clear();
    SUBSCRIPTIONS.set(key, sub);
  }
  return sub;
}

function parseSubscription(classes: string[]): Subscription {
  const sub: Subscription = { all: false, classes: new Set(), objects: new Set() };
  for (const c of classes) {
    if (c === '*') sub.all = true;
    else if (c.includes('/')) sub.objects.add(c.slice(c.indexOf('/') + 1));
    else {
      const name = CLASS_BY_LOWER.get(c.toLowerCase());
      if (name) sub.classes.add(name);
    }
  }
  return sub;
}

const matches = (sub: Subscription, cls: string, r: string): boolean =>
  cls !== 'session' && (sub.all || sub.classes.has(cls) || sub.objects.has(r));

function eventRecord(ctx: CallContext, id: number, cls: string, r: string, operation: string): Record<string, XapiEncodable> {
  const ev: Record<string, XapiEncodable> = {
    id: ctx.transport === 'xml' ? String(id) : id,
    timestamp: '0.0',
    class: cls.toLowerCase(),
    operation,
    ref: r,
  };
  if (operation !== 'del') {
    const spec = CLASSES.get(cls)!;
    ev.snapshot = toWire(recordType(spec), ctx.db.get(cls, r)!, ctx.transport);
  }
  return ev;
}

function collect(ctx: CallContext, sub: Subscription, since: number | undefined): Record<string, XapiEncodable>[] {
  const db = ctx.db;
  const events: Record<string, XapiEncodable>[] = [];
  if (since === undefined) {
    // Only the subscribed classes are listed: a task waiter (`task/<ref>`) asks for one object,
    // and listing every record of the pool for it made each async call cost O(objects).
    if (!sub.all && sub.classes.size === 0) return objectEvents(ctx, sub.objects);
    for (const cls of CLASSES.keys()) {
      if (cls === 'session') continue;
      if (sub.all || sub.classes.has(cls)) {
        for (const [r] of db.all(cls)) events.push(eventRecord(ctx, db.generation, cls, r, 'add'));
        continue;
      }
      for (const r of sub.objects) if (db.classOf(r) === cls && db.get(cls, r)) events.push(eventRecord(ctx, db.generation, cls, r, 'add'));
    }
    return events;
  }
  // The latest change of each object: a Map keeps the order in which objects first changed.
  const latest = new Map<string, Change>();
  // A token from before the log (or from another database: ahead of this one) cannot be served.
  const served = since <= db.generation && db.forEachChangeSince(since, (c) => {
    if (matches(sub, c.cls, c.ref)) latest.set(c.ref, c);
  });
  if (!served) throw new XapiFailure('EVENTS_LOST', []);
  for (const [r, { cls, gen }] of latest) {
    const created = db.createdAt(r) ?? 0;
    if (db.get(cls, r)) events.push(eventRecord(ctx, gen, cls, r, created > since ? 'add' : 'mod'));
    else if (created <= since) events.push(eventRecord(ctx, gen, cls, r, 'del'));
  }
  return events;
}

/** Position of each class in {@link CLASSES}: the order `""` lists objects in. */
let CLASS_ORDER: ReadonlyMap<string, number> | undefined;

/**
 * The `add` events of `""` for a subscription to objects only (a task waiter's `task/<ref>`):
 * each object's class looked up, not every class walked for each (one wait per async call).
 * In class order, then subscription order, as walking the classes gives them.
 */
function objectEvents(ctx: CallContext, objects: ReadonlySet<string>): Record<string, XapiEncodable>[] {
  CLASS_ORDER ??= new Map([...CLASSES.keys()].map((c, i) => [c, i]));
  const db = ctx.db;
  const found: { cls: string; r: string; at: number }[] = [];
  for (const r of objects) {
    const cls = db.classOf(r);
    if (cls !== undefined && cls !== 'session' && db.get(cls, r)) found.push({ cls, r, at: CLASS_ORDER.get(cls) ?? 0 });
  }
  if (found.length > 1) found.sort((a, b) => a.at - b.at);
  return found.map(({ cls, r }) => eventRecord(ctx, db.generation, cls, r, 'add'));
}

type Counts = (size: (cls: string) => XapiEncodable) => Record<string, XapiEncodable>;

/**
 * `valid_ref_counts` of every event.from: each class but session by its lowercase name, built
 * as one object literal written once from the class list (forty members added one by one cost
 * more than the rest of a catch-up that finds nothing).
 */
let COUNTS: Counts | undefined;

function counts(): Counts {
  if (COUNTS) return COUNTS;
  const members = [...CLASSES.keys()].filter((c) => c !== 'session').map((c) => `${JSON.stringify(c.toLowerCase())}: size(${JSON.stringify(c)})`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, no-new-func
  COUNTS = new Function('size', `return {\n${members.join(',\n')}\n};`) as Counts;
  return COUNTS;
}

function validRefCounts(ctx: CallContext): Record<string, XapiEncodable> {
  const db = ctx.db;
  return ctx.transport === 'xml' ? counts()((cls) => xmlrpcI4(db.table(cls).size)) : counts()((cls) => db.table(cls).size);
}

async function eventFrom(ctx: CallContext, classes: string[], token: string, timeout: number): Promise<XapiEncodable> {
  const sub = subscribe(classes);
  const since = parseToken(token);
  const db = ctx.db;
  let events = collect(ctx, sub, since);
  let gen = db.generation;
  if (events.length === 0 && since !== undefined && timeout > 0) {
    // Block until a matching change, or the timeout.
    await new Promise<void>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        off();
        timer.cancel();
        resolve();
      };
      // Wakes on the first change once any change since the token matches (one that gave no
      // event, an object made and dropped since, already does): the log is read once here,
      // then each change once, as it is made, rather than all of them again on every change.
      let matched = false;
      db.forEachChangeSince(since, (c) => { matched ||= matches(sub, c.cls, c.ref); });
      const off = db.onChange(() => {
        const c = db.latestChange;
        if (matched || (c && matches(sub, c.cls, c.ref))) setImmediate(finish);
      });
      const timer = ctx.world.clock.schedule(Math.min(timeout, 3600) * 1000, finish);
    });
    events = collect(ctx, sub, since);
    gen = db.generation;
  }
  return { events, valid_ref_counts: validRefCounts(ctx), token: formatToken(gen) };
}

export const eventMethods: MethodSpec[] = [
  method('event.from', [p('classes', setOf(str)), p('token', str), p('timeout', float)], any,
    (ctx, [classes, token, timeout]) => eventFrom(ctx, classes as string[], token as string, timeout as number), { async: false }),
  method('event.inject', [p('class', str), p('ref', str)], str, (ctx, [cls, r]) => {
    const name = CLASS_BY_LOWER.get((cls as string).toLowerCase());
    if (!name || !ctx.db.get(name, r as string)) throw new XapiFailure('HANDLE_INVALID', [cls as string, r as string]);
    const gen = ctx.db.touch(name, r as string);
    return formatToken(gen - 1);
  }, { async: false }),
  method('event.get_current_id', [], int, (ctx) => ctx.db.generation, { async: false }),
  method('event.register', [p('classes', setOf(str))], null, () => {
    throw new XapiFailure('MESSAGE_REMOVED', []);
  }, { async: false }),
  method('event.next', [], any, () => {
    throw new XapiFailure('MESSAGE_REMOVED', []);
  }, { async: false }),
];
