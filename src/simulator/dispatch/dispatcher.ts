/**
 * Turns a decoded call into a XenAPI outcome, in xapi's order of checks:
 * 1. unknown method → `SESSION_INVALID` if the first argument is a bad session, else
 *    `MESSAGE_METHOD_UNKNOWN [method]`;
 * 2. arity → `MESSAGE_PARAMETER_COUNT_MISMATCH [method, expected, received]` (session excluded,
 *    trailing defaulted parameters optional);
 * 3. session → `SESSION_INVALID [ref]`;
 * 4. injected fault, injected latency (`LOSE_REPLY` lets the call act, then drops the connection);
 * 5. argument unmarshalling by declared type → `FIELD_TYPE_ERROR [param]`;
 * 6. the implementation; `Async.` calls return a task at once and finish it in the background.
 * A non-XAPI exception from an implementation is a simulator bug, reported as `INTERNAL_ERROR`.
 */
import { sleep } from '../clock';
import { newRef } from '../db/database';
import { DropConnection, XapiFailure } from '../errors';
import { StoredValue, Transport, cloneValue, fromWire, toWire } from '../model/types';
import { Pool, World } from '../world';
import { XapiEncodable, XapiValue, formatDateTime, parseDateTime } from '../../xenapi/wire/values';
import { encodeValue } from '../../xenapi/wire/xmlrpc';
import { CallContext, MethodSpec } from './method';
import { METHODS } from './registry';

export interface DispatchRequest {
  method: string;
  params: XapiValue[];
  transport: Transport;
  pool: Pool;
  /** Host ref the request was addressed to. */
  host: string;
}

export type DispatchOutcome = { ok: true; value: XapiEncodable; bare?: boolean } | { ok: false; error: string[] };

/** Finished tasks are garbage-collected after 65 minutes, as xapi does. */
const TASK_GC_MS = 65 * 60 * 1000;

export async function dispatch(world: World, req: DispatchRequest): Promise<DispatchOutcome> {
  try {
    return await dispatchOrThrow(world, req);
  } catch (err) {
    if (err instanceof XapiFailure) return { ok: false, error: err.description };
    if (err instanceof DropConnection) throw err;
    return { ok: false, error: ['INTERNAL_ERROR', `simulator: ${(err as Error)?.message ?? String(err)}`] };
  }
}

/** Not async itself: its checks throw at once, into {@link dispatch}'s catch (one promise less per call). */
function dispatchOrThrow(world: World, req: DispatchRequest): Promise<DispatchOutcome> {
  const { pool, params } = req;
  const isAsync = req.method.startsWith('Async.');
  const name = isAsync ? req.method.slice('Async.'.length) : req.method;
  const spec: MethodSpec | undefined = METHODS.get(name);
  if (!spec || (isAsync && !spec.async)) {
    if (typeof params[0] === 'string' && params[0].startsWith('OpaqueRef:')) pool.checkSession(params[0]);
    throw new XapiFailure('MESSAGE_METHOD_UNKNOWN', [req.method]);
  }
  const offset = spec.session ? 1 : 0;
  const given = params.length - offset;
  const required = requiredCount(spec);
  if (given < required || given > spec.params.length) {
    throw new XapiFailure('MESSAGE_PARAMETER_COUNT_MISMATCH', [req.method, String(required), String(given)]);
  }
  const session = spec.session ? (params[0] as string) : '';
  if (spec.session) pool.checkSession(session);

  const fault = world.faults.pick(req.method);
  if (fault === 'LOSE_REPLY') return loseReply(dispatchCall(world, req, spec, name, session));
  if (fault) injectFault(fault, pool, name, session, params[offset]);
  return dispatchCall(world, req, spec, name, session);
}

/** Parameters a method cannot go without, per method (asked on every call). */
const REQUIRED = new WeakMap<MethodSpec, number>();

function requiredCount(spec: MethodSpec): number {
  let n = REQUIRED.get(spec);
  if (n === undefined) {
    n = spec.params.filter((x) => x.default === undefined).length;
    REQUIRED.set(spec, n);
  }
  return n;
}

/** Lets the call run to its outcome (success or failure), then drops the connection. */
async function loseReply(outcome: Promise<DispatchOutcome>): Promise<never> {
  await outcome.catch(() => undefined);
  throw new DropConnection();
}

async function dispatchCall(world: World, req: DispatchRequest, spec: MethodSpec, name: string, session: string): Promise<DispatchOutcome> {
  const { pool, params } = req;
  const isAsync = req.method.startsWith('Async.');
  const offset = spec.session ? 1 : 0;
  // No latency (a rehearsal's copy): no wait, not even a resolved promise's.
  if (world.settings.latencyMs > 0) await sleep(world.clock, world.settings.latencyMs);

  const args: StoredValue[] = spec.params.map((ps, i) => {
    const v = params[i + offset];
    return v === undefined ? cloneValue(ps.default!) : fromWire(ps.type, v, ps.name);
  });

  if (!isAsync) {
    const ctx = new CallContext(world, pool, session, req.transport, req.host, undefined, false);
    const value = (await spec.impl(ctx, args)) as StoredValue | undefined;
    if (name === 'system.listMethods') return { ok: true, value: value as XapiEncodable, bare: true };
    return { ok: true, value: spec.result && value !== undefined ? toWire(spec.result, value, req.transport) : '' };
  }

  const db = pool.db;
  collectTasks(world, pool);
  const now = formatDateTime(new Date(world.clock.now()));
  const task = db.create('task', { name_label: `Async.${name}`, status: 'pending', created: now, resident_on: pool.master, progress: 0 });
  const ctx = new CallContext(world, pool, session, req.transport, req.host, task, true);
  void (async () => {
    try {
      const value = (await spec.impl(ctx, args)) as StoredValue | undefined;
      if (!db.get('task', task)) return;
      const result = spec.result && value !== undefined ? encodeValue(toWire(spec.result, value, 'xml')) : '';
      db.update('task', task, { progress: 1, finished: formatDateTime(new Date(world.clock.now())), result, status: 'success' });
    } catch (err) {
      if (!db.get('task', task)) return;
      const desc = err instanceof XapiFailure ? err.description : ['INTERNAL_ERROR', `simulator: ${(err as Error)?.message ?? String(err)}`];
      const cancelled = desc[0] === 'TASK_CANCELLED';
      db.update('task', task, { finished: formatDateTime(new Date(world.clock.now())), error_info: desc, status: cancelled ? 'cancelled' : 'failure' });
    }
  })();
  return { ok: true, value: task };
}

function injectFault(fault: string, pool: Pool, name: string, session: string, firstArg: XapiValue | undefined): void {
  switch (fault) {
    case 'DROP_CONNECTION':
      throw new DropConnection();
    case 'SESSION_INVALID':
      if (session) {
        pool.sessions.delete(session);
        throw new XapiFailure('SESSION_INVALID', [session]);
      }
      return;
    case 'HOST_IS_SLAVE':
      throw new XapiFailure('HOST_IS_SLAVE', [pool.masterAddress]);
    case 'OTHER_OPERATION_IN_PROGRESS': {
      const [cls, op] = name.split('.');
      const target = typeof firstArg === 'string' && firstArg.startsWith('OpaqueRef:') ? firstArg : pool.ref;
      throw new XapiFailure('OTHER_OPERATION_IN_PROGRESS', [typeof firstArg === 'string' && firstArg.startsWith('OpaqueRef:') ? cls : 'pool', target, op ?? name, newRef()]);
    }
    default:
      throw new XapiFailure(fault, fault === 'INTERNAL_ERROR' ? ['injected fault'] : []);
  }
}

function collectTasks(world: World, pool: Pool): void {
  const now = world.clock.now();
  for (const [ref, t] of pool.db.all('task')) {
    if (t.status === 'pending' || t.status === 'cancelling') continue;
    const finished = parseDateTime(t.finished as string)?.getTime() ?? 0;
    if (finished > 0 && now - finished > TASK_GC_MS) pool.db.destroy('task', ref);
  }
}
