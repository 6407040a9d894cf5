/**
 * `Async.*` calls: start the call as a task, wait for it to finish, return its decoded result or
 * throw its `error_info` as a `XapiError`, then destroy the task. Waiting uses
 * `event.from(["task/<ref>"])` (server-side blocking, no client polling) and falls back to
 * polling `task.get_record` with backoff when the server cannot filter events by object.
 */
import type { CallOptions, XapiClient } from './client';
import { XapiError, XapiProtocolError } from './errors';
import { eventFrom } from './events';
import { redactArgs } from './redact';
import type { Ref } from './records/field-kinds';
import type { TaskRecord } from './records/task-message';
import { decodeRecordInPlace } from './records/decode';
import type { XapiEncodable, XapiValue } from './wire/values';
import { decodeValue, WireFormatError } from './wire/xmlrpc';

/** Settings of an `Async.*` call. */
export interface AsyncCallOptions extends CallOptions {
  /**
   * Cancels the task (`task.cancel`) when aborted. Best effort: if the task finishes before the
   * cancellation lands, its result is returned, because the work was done and the caller must
   * know (e.g. to record a created VM in state).
   */
  readonly signal?: AbortSignal;
  /** Server-side wait per `event.from`, seconds (default 30). */
  readonly pollTimeoutS?: number;
  /** Keep the finished task instead of destroying it (default false). */
  readonly keepTask?: boolean;
  /**
   * A quicker way to learn how the task ended, tried before a wait of its own: an apply's live
   * world reports it from the `event.from` that brings the records current anyway, so the
   * caller sees the task's outcome and its effects after one shared round trip instead of two.
   * Resolves to the task's final record, or `undefined` when it cannot tell (the task still
   * runs, the catch-up failed): the task is then waited for as usual.
   */
  readonly awaitTask?: (task: Ref<'task'>) => Promise<TaskRecord | undefined>;
}

const TERMINAL = new Set(['success', 'failure', 'cancelled']);

/**
 * Runs `Async.<method>(session, ...args)` to completion.
 * @returns the task's result decoded from its XML-RPC text (a ref, a record, or `""` for void).
 * @throws XapiError with the task's `error_info` (code, params) and the redacted call;
 *   `TASK_CANCELLED [task]` when the task was cancelled.
 */
export async function callAsync(
  client: XapiClient,
  method: string,
  args: readonly XapiEncodable[],
  options: AsyncCallOptions = {},
): Promise<XapiValue> {
  const asyncMethod = `Async.${method}`;
  const task = (await client.invoke(asyncMethod, args, options)) as Ref<'task'>;
  if (typeof task !== 'string') throw new XapiProtocolError(`${asyncMethod} returned no task ref`);
  try {
    const record = (await learnedElsewhere(options, task)) ?? await waitForTask(client, task, options);
    const call = { method: asyncMethod, args: redactArgs(asyncMethod, ['', ...args]) };
    if (record.status === 'success') return decodeTaskResult(record.result);
    if (record.status === 'cancelled') throw new XapiError('TASK_CANCELLED', [task], call);
    const [code = 'INTERNAL_ERROR', ...params] = record.error_info ?? [];
    throw new XapiError(code, params, call);
  } finally {
    // The result is in hand: removing the finished task need not hold the caller up (an apply
    // step makes its next call at once). The session's logout waits for it.
    if (!options.keepTask) client.offPath(client.invoke('task.destroy', [task], { retry: { maxAttempts: 1 } }));
  }
}

/** The task's final record from `options.awaitTask`, if it can tell (and the caller has not aborted). */
async function learnedElsewhere(options: AsyncCallOptions, task: Ref<'task'>): Promise<TaskRecord | undefined> {
  if (!options.awaitTask || options.signal?.aborted) return undefined;
  const rec = await options.awaitTask(task).catch(() => undefined);
  return rec && TERMINAL.has(rec.status) ? rec : undefined;
}

/**
 * Waits until `task` is no longer pending and returns its final record. On abort it asks xapi
 * to cancel the task and keeps waiting for the outcome.
 */
export async function waitForTask(client: XapiClient, task: Ref<'task'>, options: AsyncCallOptions = {}): Promise<TaskRecord> {
  const timeoutS = options.pollTimeoutS ?? 30;
  const userSignal = options.signal;
  let cancelSent = false;
  const cancel = (): void => {
    if (cancelSent) return;
    cancelSent = true;
    void client.invoke('task.cancel', [task], { retry: { maxAttempts: 2 } }).catch(() => undefined);
  };
  let token = '';
  let viaEvents = true;
  let polls = 0;
  for (;;) {
    if (userSignal?.aborted) cancel();
    // Abort only the blocking wait, never the bookkeeping, so a cancelled task is still reaped.
    const wait = new AbortController();
    const onAbort = (): void => wait.abort();
    if (!cancelSent) userSignal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (viaEvents) {
        const batch = await eventFrom(client, [`task/${task}`], token, timeoutS, { signal: wait.signal });
        const mine = batch.events.filter((e) => e.ref === task);
        if (token === '' && mine.length === 0) viaEvents = false; // the server ignores the filter
        token = batch.token;
        for (const e of mine) {
          if (e.operation === 'del') throw new XapiError('HANDLE_INVALID', ['task', task]);
          const rec = e.snapshot as TaskRecord | undefined;
          if (rec && TERMINAL.has(rec.status)) return rec;
        }
      } else {
        const rec = decodeRecordInPlace('task', await client.invoke('task.get_record', [task]));
        if (TERMINAL.has(rec.status)) return rec;
        polls++;
        await client.time.sleep(Math.min(2_000, 100 * 2 ** Math.min(polls, 5)), wait.signal);
      }
    } catch (err) {
      if (wait.signal.aborted && !cancelSent) continue; // loop: cancel, then wait again
      if (viaEvents && err instanceof XapiError && err.code !== 'HANDLE_INVALID') {
        viaEvents = false; // e.g. MESSAGE_METHOD_UNKNOWN: poll instead
        continue;
      }
      throw err;
    } finally {
      userSignal?.removeEventListener('abort', onAbort);
    }
  }
}

/**
 * Decodes a task's `result`: xapi stores the XML-RPC `<value>` text of the return value, over
 * either transport. Plain text (not a `<value>` fragment) is returned as is.
 */
export function decodeTaskResult(result: string | undefined): XapiValue {
  if (result === undefined || result.trim() === '') return '';
  if (!result.trimStart().startsWith('<value')) return result;
  try {
    return decodeValue(result);
  } catch (err) {
    if (err instanceof WireFormatError) throw new XapiProtocolError(`task result is not an XML-RPC value: ${err.message}`);
    throw err;
  }
}
