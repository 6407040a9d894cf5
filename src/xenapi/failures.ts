/**
 * Which failures are worth retrying. The rule: retry only what a later attempt can fix, and
 * never repeat a call that may already have taken effect unless repeating it is harmless.
 *
 * - `transient`: the server provably did not act (XAPI refused with a "try later" code, the
 *   connection was refused, xapi itself answered 500/503 without dispatching) → always retry.
 * - `transient-if-idempotent`: the server may have acted (connection reset mid-call, timeout,
 *   a proxy's 502/504, `INTERNAL_ERROR`) → retry only idempotent calls (`isIdempotentMethod`)
 *   or calls the caller declares idempotent.
 * - `permanent`: everything else (`HANDLE_INVALID`, `VM_BAD_POWER_STATE`,
 *   `SESSION_AUTHENTICATION_FAILED`, TLS rejection, unreadable replies, aborts, ...).
 * `SESSION_INVALID` and `HOST_IS_SLAVE` are not retries: the client re-logs in or redirects.
 */
import { XapiError, XapiProtocolError, XapiTransportError } from './errors';

/** How a failure may be retried. */
export type FailureClass = 'transient' | 'transient-if-idempotent' | 'permanent';

/** XAPI codes meaning "not now": the call was refused before it acted. */
export const TRANSIENT_XAPI_CODES: ReadonlySet<string> = new Set([
  'OTHER_OPERATION_IN_PROGRESS',
  'TOO_MANY_STORAGE_MIGRATES',
  'TOO_MANY_PENDING_TASKS',
  'HOST_STILL_BOOTING',
  'HOST_OFFLINE',
  'CANNOT_CONTACT_HOST',
  'DEVICE_DETACH_REJECTED',
]);

/** XAPI codes after which the call may have acted in part; retried once, idempotent calls only. */
export const AMBIGUOUS_XAPI_CODES: ReadonlySet<string> = new Set(['INTERNAL_ERROR']);

/** Classifies any error a transport or the client can throw; unknown errors are permanent. */
export function classifyFailure(err: unknown): FailureClass {
  if (err instanceof XapiError) {
    if (TRANSIENT_XAPI_CODES.has(err.code)) return 'transient';
    if (AMBIGUOUS_XAPI_CODES.has(err.code)) return 'transient-if-idempotent';
    return 'permanent';
  }
  if (err instanceof XapiTransportError) {
    switch (err.kind) {
      case 'network':
        return err.maybeProcessed ? 'transient-if-idempotent' : 'transient';
      case 'timeout':
        return 'transient-if-idempotent';
      case 'http':
        if (err.status === 500 || err.status === 503) return 'transient';
        return err.status !== undefined && err.status >= 500 ? 'transient-if-idempotent' : 'permanent';
      default:
        return 'permanent';
    }
  }
  if (err instanceof XapiProtocolError) return 'permanent';
  return 'permanent';
}

// Messages that only read, set a value, or whose repetition is harmless.
const IDEMPOTENT_OPS = /^(get_|set_|remove_from_|add_tags$|remove_tags$|assert_|compute_|scan$|query_)/;
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  'session.login_with_password',
  'session.logout',
  'event.from',
  'event.inject',
  'event.get_current_id',
  'task.cancel',
  'system.listMethods',
]);

/**
 * True when repeating `method` after an ambiguous failure cannot do harm: getters, setters,
 * `remove_from_*`, tag edits, `assert_*`, `event.from`, login. `Async.X` follows `X`.
 */
export function isIdempotentMethod(method: string): boolean {
  const bare = method.startsWith('Async.') ? method.slice(6) : method;
  if (IDEMPOTENT_METHODS.has(bare) || bare.startsWith('system.')) return true;
  const dot = bare.indexOf('.');
  return dot > 0 && IDEMPOTENT_OPS.test(bare.slice(dot + 1));
}
