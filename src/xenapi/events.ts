/**
 * `event.from` subscriptions. A watch is an async iterator of batches; each batch carries the
 * token to resume from. When xapi reports `EVENTS_LOST` (or cannot parse the token) the watch
 * restarts from `""` and marks that batch `reset`: it holds an `add` for every existing object,
 * so a consumer clears its cache and rebuilds from it.
 */
import type { CallOptions, XapiClient } from './client';
import { isXapiError, XapiProtocolError } from './errors';
import type { Ref } from './records/field-kinds';
import { classFromEventName, type XapiClass, type XapiRecord } from './records/classes';
import { decodeRecordInPlace } from './records/decode';
import { isStruct, xmlrpcDouble, type XapiValue } from './wire/values';

/** One change. `cls` is set for typed classes; `snapshot` is absent on `del`. */
export interface XapiEvent {
  /** The class as xapi names it in events (lowercase, e.g. `vm_metrics`). */
  readonly class: string;
  /** The datamodel spelling (`VM_metrics`) when the class has a typed record. */
  readonly cls?: XapiClass;
  readonly operation: 'add' | 'mod' | 'del';
  readonly ref: Ref<string>;
  readonly id: string;
  /** The full record after the change, decoded when `cls` is set. */
  readonly snapshot?: XapiRecord<XapiClass> | Record<string, unknown>;
}

/** The result of one `event.from`. */
export interface EventBatch {
  readonly events: readonly XapiEvent[];
  /** Pass back to resume after this batch (store it with a refresh snapshot). */
  readonly token: string;
  /** Row count per lowercase class, as xapi reports it. */
  readonly validRefCounts: Readonly<Record<string, number>>;
  /** True when this batch starts over (first batch from `""`, or after `EVENTS_LOST`). */
  readonly reset: boolean;
}

/** Settings of a watch. */
export interface WatchOptions {
  /** Resume token (default `""`: start with a full dump). */
  readonly token?: string;
  /** Server-side wait per `event.from`, seconds (default 30). */
  readonly timeoutS?: number;
  /** Stops the watch: the iterator returns. */
  readonly signal?: AbortSignal;
  /** Yield batches without events too (timeouts), e.g. to persist the token. Default false. */
  readonly includeEmpty?: boolean;
}

/**
 * Calls `event.from(classes, token, timeout)` once and decodes the batch. `classes` are class
 * names (any case), `"*"`, or `"<class>/<ref>"` for one object.
 */
export async function eventFrom(
  client: XapiClient,
  classes: readonly string[],
  token: string,
  timeoutS: number,
  options: CallOptions = {},
): Promise<Omit<EventBatch, 'reset'>> {
  const raw = await client.invoke('event.from', [classes, token, xmlrpcDouble(timeoutS)], {
    timeoutMs: timeoutS * 1000 + 10_000,
    ...options,
  });
  return decodeBatch(raw);
}

/**
 * Watches `classes` until `options.signal` aborts or the consumer stops iterating. Transient
 * failures are retried by the client; `SESSION_INVALID` re-logs in; other failures end the
 * iteration with the error.
 */
export async function* watchEvents(
  client: XapiClient,
  classes: readonly string[],
  options: WatchOptions = {},
): AsyncGenerator<EventBatch, void, undefined> {
  let token = options.token ?? '';
  let reset = token === '';
  const timeoutS = options.timeoutS ?? 30;
  while (!options.signal?.aborted) {
    let batch: Omit<EventBatch, 'reset'>;
    try {
      batch = await eventFrom(client, classes, token, timeoutS, { signal: options.signal });
    } catch (err) {
      if (options.signal?.aborted) return;
      if (isXapiError(err, 'EVENTS_LOST', 'EVENT_FROM_TOKEN_PARSE_FAILURE') && token !== '') {
        token = '';
        reset = true;
        continue;
      }
      throw err;
    }
    token = batch.token;
    if (reset || batch.events.length > 0 || options.includeEmpty) {
      yield { ...batch, reset };
      reset = false;
    }
  }
}

function decodeBatch(raw: XapiValue): Omit<EventBatch, 'reset'> {
  if (!isStruct(raw) || !Array.isArray(raw.events) || typeof raw.token !== 'string') {
    throw new XapiProtocolError('event.from: expected a struct with events and token');
  }
  const counts: Record<string, number> = {};
  if (isStruct(raw.valid_ref_counts)) {
    for (const [k, v] of Object.entries(raw.valid_ref_counts)) counts[k] = Number(v);
  }
  return { events: raw.events.map(decodeEvent), token: raw.token, validRefCounts: counts };
}

function decodeEvent(raw: XapiValue): XapiEvent {
  if (!isStruct(raw) || typeof raw.class !== 'string' || typeof raw.ref !== 'string') {
    throw new XapiProtocolError('event.from: malformed event record');
  }
  const operation = raw.operation;
  if (operation !== 'add' && operation !== 'mod' && operation !== 'del') {
    throw new XapiProtocolError(`event.from: unknown operation ${JSON.stringify(operation)}`);
  }
  const cls = classFromEventName(raw.class);
  const base: XapiEvent = { class: raw.class, operation, ref: raw.ref as Ref<string>, id: String(raw.id ?? '') };
  const withCls: XapiEvent = cls ? { ...base, cls } : base;
  if (raw.snapshot === undefined || operation === 'del') return withCls;
  const snapshot = cls ? decodeRecordInPlace(cls, raw.snapshot) : (raw.snapshot as Record<string, unknown>);
  return { ...withCls, snapshot };
}
