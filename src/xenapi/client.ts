/**
 * `XapiClient`: one authenticated connection to a pool. It owns the session (lazy login,
 * single-flight re-login on `SESSION_INVALID`), follows `HOST_IS_SLAVE` to the master, and
 * retries transient failures with backoff (`failures.ts`, `retry.ts`). Everything it throws or
 * logs is redacted: no password, no session ref.
 */
import { systemClock, type Clock } from './clock';
import { XapiError, XapiProtocolError, XapiTransportError, type XapiCall } from './errors';
import { classifyFailure, isIdempotentMethod, AMBIGUOUS_XAPI_CODES } from './failures';
import { redactArgs, scrubStrings, scrubText, secretsOf } from './redact';
import { backoffDelay, DEFAULT_RETRY_POLICY, resolvePolicy, type RetryPolicy } from './retry';
import { createTransport, type HttpTransportOptions, type Transport, type WireProtocolName } from './transport';
import type { Ref } from './records/field-kinds';
import type { XapiEncodable, XapiValue } from './wire/values';
import { masterUrl } from './master-url';
import type { XapiLogEntry, XapiLogger } from './log';
import { callAsync, type AsyncCallOptions } from './tasks';
import { getAllRecords, getRecord } from './reads';
import { watchEvents, type EventBatch, type WatchOptions } from './events';
import type { XapiClass, XapiRecord } from './records/classes';

/** User name and password of a pool's XAPI account. */
export interface XapiCredentials {
  readonly username: string;
  readonly password: string;
}

/** How to build a client. Only `url` and `credentials` are required. */
export interface XapiClientOptions {
  /** Base URL of the pool master (or of any member: `HOST_IS_SLAVE` redirects). */
  readonly url: string;
  readonly credentials: XapiCredentials;
  /** Wire protocol of the default transport (default `jsonrpc`). */
  readonly protocol?: WireProtocolName;
  /** TLS, timeout and size settings of the default transport (its `url` is ignored). */
  readonly http?: Omit<HttpTransportOptions, 'url'>;
  /** Builds the transport for a URL; replaces the default HTTP transport (e.g. in tests). */
  readonly transportFactory?: (url: string) => Transport;
  readonly retry?: Partial<RetryPolicy>;
  readonly clock?: Clock;
  /** Uniform [0, 1) source for backoff jitter (default `Math.random`). */
  readonly random?: () => number;
  /** Receives debug and warning entries; never sees secrets. */
  readonly log?: XapiLogger;
  /** `originator` sent at login, shown by xapi per session (default `xcpform`). */
  readonly originator?: string;
}

/** Per-call settings. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Declare the call harmless to repeat, so ambiguous failures (reset, timeout) are retried. */
  readonly idempotent?: boolean;
  /** Overrides the client's retry policy for this call (`{ maxAttempts: 1 }`: no retry). */
  readonly retry?: Partial<RetryPolicy>;
}

const SESSIONLESS = /^(session\.(login_with_password|slave_local_login_with_password)|system\.)/;
const MAX_REDIRECTS = 3;

/** A XenAPI client bound to one pool. Safe for concurrent calls. */
export class XapiClient {
  private transport: Transport;
  private sessionRef: Ref<'session'> | undefined;
  private loginInFlight: Promise<Ref<'session'>> | undefined;
  private readonly secrets: string[];
  private readonly factory: (url: string) => Transport;
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private closed = false;
  /** Calls made off their caller's path ({@link offPath}); the logout waits for them. */
  private readonly pending = new Set<Promise<unknown>>();
  /** The URL the current transport was built from (the master's after a redirect). */
  private baseUrl: string;

  constructor(private readonly options: XapiClientOptions) {
    const protocol = options.protocol ?? 'jsonrpc';
    this.factory = options.transportFactory ?? ((url) => createTransport(protocol, { ...options.http, url }));
    this.baseUrl = options.url;
    this.transport = this.factory(options.url);
    this.policy = resolvePolicy(DEFAULT_RETRY_POLICY, options.retry);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.secrets = [options.credentials.password];
  }

  /** The endpoint in use (the master's after a redirect); never contains user info. */
  get url(): string {
    return this.transport.url;
  }

  /** The clock retries and task polling use. */
  get time(): Clock {
    return this.clock;
  }

  /** True while a session is held. */
  get loggedIn(): boolean {
    return this.sessionRef !== undefined;
  }

  /**
   * The session ref, logging in first if needed. It is a secret (it grants the account's
   * rights): pass it only to XAPI HTTP endpoints (`/export?session_id=`), never log it.
   */
  async session(): Promise<Ref<'session'>> {
    if (this.closed) throw new Error('XapiClient is closed');
    if (this.sessionRef) return this.sessionRef;
    if (!this.loginInFlight) {
      this.loginInFlight = this.login().finally(() => {
        this.loginInFlight = undefined;
      });
    }
    return this.loginInFlight;
  }

  /** Logs in (again) and keeps the new session. Fails with `SESSION_AUTHENTICATION_FAILED` on bad credentials. */
  async login(): Promise<Ref<'session'>> {
    const { username, password } = this.options.credentials;
    const ref = (await this.invoke('session.login_with_password', [username, password, '1.0', this.options.originator ?? 'xcpform'])) as Ref<'session'>;
    if (typeof ref !== 'string') throw new XapiProtocolError('session.login_with_password returned no session ref');
    this.rememberSecret(ref);
    this.sessionRef = ref;
    this.emit({ level: 'info', event: 'login', message: `logged in to ${this.url}`, url: this.url });
    return ref;
  }

  /** Ends the session if one is held; errors are logged, not thrown (the session may be gone). */
  async logout(): Promise<void> {
    // Calls still on their way need the session (a finished task's destroy).
    while (this.pending.size) await Promise.allSettled([...this.pending]);
    const ref = this.sessionRef;
    this.sessionRef = undefined;
    if (!ref) return;
    try {
      await this.transport.call('session.logout', [ref], { timeoutMs: 10_000 });
    } catch (err) {
      this.emit({ level: 'warn', event: 'logout', message: `logout failed: ${this.scrub(String((err as Error).message))}`, url: this.url });
    }
  }

  /** Logs out and releases connections. The client cannot be used afterwards. */
  async close(): Promise<void> {
    await this.logout();
    this.closed = true;
    this.transport.close();
  }

  /**
   * Calls `method` with the session prepended (except for login and `system.*`), e.g.
   * `call('VM.start', vm, false, false)`, and resolves with the decoded wire value.
   * @throws XapiError / XapiTransportError / XapiProtocolError carrying the redacted call.
   */
  call<T = XapiValue>(method: string, ...args: XapiEncodable[]): Promise<T> {
    return this.invoke(method, args) as Promise<T>;
  }

  /** `call` with per-call options (abort signal, timeout, idempotency, retry policy). */
  async invoke(method: string, args: readonly XapiEncodable[], options: CallOptions = {}): Promise<XapiValue> {
    const policy = resolvePolicy(this.policy, options.retry);
    const idempotent = options.idempotent ?? isIdempotentMethod(method);
    const needsSession = !SESSIONLESS.test(method);
    const started = this.clock.now();
    let retries = 0;
    let relogged = false;
    let redirects = 0;
    let ambiguousSeen = false;
    for (;;) {
      const session = needsSession ? await this.session() : undefined;
      const wireArgs = session ? [session, ...args] : [...args];
      const transport = this.transport;
      // Redacting every call's arguments costs only when someone reads the log.
      if (this.options.log) this.emit({ level: 'debug', event: 'call', message: method, method, args: redactArgs(method, wireArgs), url: transport.url });
      try {
        return await transport.call(method, wireArgs, { signal: options.signal, timeoutMs: options.timeoutMs });
      } catch (raw) {
        const err = this.attribute(raw, method, wireArgs);
        const sessionLost = err instanceof XapiError && err.code === 'SESSION_INVALID' && session !== undefined;
        if (sessionLost) {
          if (this.sessionRef === session) this.sessionRef = undefined;
          this.emit({ level: 'info', event: 'relogin', message: `session expired during ${method}; logging in again`, method, url: this.url });
          // The first loss re-logs in and retries at once; a fresh session refused again is
          // treated as a transient failure, with backoff and within the attempt budget.
          if (!relogged) {
            relogged = true;
            continue;
          }
        }
        if (err instanceof XapiError && err.code === 'HOST_IS_SLAVE' && redirects < MAX_REDIRECTS && err.params[0]) {
          redirects++;
          this.redirect(transport, (raw as XapiError).params[0]);
          continue;
        }
        const kind = sessionLost ? 'transient' : classifyFailure(err);
        const ambiguous = err instanceof XapiError && AMBIGUOUS_XAPI_CODES.has(err.code);
        const retryable =
          (kind === 'transient' || (kind === 'transient-if-idempotent' && idempotent)) && !(ambiguous && ambiguousSeen);
        ambiguousSeen ||= ambiguous;
        if (!retryable || retries + 1 >= policy.maxAttempts || options.signal?.aborted) throw err;
        const delay = backoffDelay(retries + 1, policy, this.random);
        if (this.clock.now() - started + delay > policy.budgetMs) throw err;
        retries++;
        this.emit({ level: 'warn', event: 'retry', message: `${err.message}; retry ${retries} in ${delay} ms`, method, attempt: retries + 1, delayMs: delay, url: transport.url });
        await this.clock.sleep(delay, options.signal);
      }
    }
  }

  /**
   * A call whose caller does not wait for it and whose failure changes nothing for it (the
   * destroy of a finished task): it runs on, and {@link logout} waits for it before the
   * session ends.
   */
  offPath(call: Promise<unknown>): void {
    const p: Promise<unknown> = call.catch(() => undefined).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** `Async.<method>` with the session prepended, waiting for the task (`tasks.ts`). */
  callAsync<T = XapiValue>(method: string, ...args: XapiEncodable[]): Promise<T> {
    return callAsync(this, method, args) as Promise<T>;
  }

  /** `callAsync` with options: an AbortSignal that cancels the task, timeouts, retries. */
  invokeAsync(method: string, args: readonly XapiEncodable[], options?: AsyncCallOptions): Promise<XapiValue> {
    return callAsync(this, method, args, options);
  }

  /** Every object of `cls` as typed records, in one `get_all_records` (`reads.ts`). */
  getAllRecords<C extends XapiClass>(cls: C, options?: CallOptions): Promise<Map<Ref<C>, XapiRecord<C>>> {
    return getAllRecords(this, cls, options);
  }

  /** One typed record; fails with `HANDLE_INVALID` when the object is gone. */
  getRecord<C extends XapiClass>(cls: C, ref: Ref<C>, options?: CallOptions): Promise<XapiRecord<C>> {
    return getRecord(this, cls, ref, options);
  }

  /** An `event.from` watch over `classes` (`events.ts`). */
  watchEvents(classes: readonly string[], options?: WatchOptions): AsyncGenerator<EventBatch, void, undefined> {
    return watchEvents(this, classes, options);
  }

  /** Follows `HOST_IS_SLAVE`: same scheme and port, the master's address as host. */
  private redirect(from: Transport, masterAddress: string): void {
    if (this.transport !== from) return; // a concurrent call already moved
    this.baseUrl = masterUrl(this.baseUrl, masterAddress);
    this.emit({ level: 'info', event: 'redirect', message: `${from.url} is a pool member; using the master ${masterAddress}` });
    this.transport = this.factory(this.baseUrl);
    this.sessionRef = undefined;
    from.close();
  }

  /** Adds the redacted call to an error and scrubs anything the server echoed. */
  private attribute(err: unknown, method: string, wireArgs: readonly unknown[]): Error {
    const call: XapiCall = { method, args: redactArgs(method, wireArgs) };
    const secrets = [...this.secrets, ...secretsOf(method, wireArgs)];
    if (err instanceof XapiError) return new XapiError(err.code, scrubStrings(err.params, secrets), call);
    if (err instanceof XapiTransportError) {
      return new XapiTransportError(err.kind, err.code, err.url, err.maybeProcessed, scrubText(err.detail, secrets), err.status, call);
    }
    if (err instanceof XapiProtocolError) return new XapiProtocolError(scrubText(err.message, secrets), call);
    return err instanceof Error ? err : new Error(String(err));
  }

  private rememberSecret(secret: string): void {
    this.secrets.push(secret);
    if (this.secrets.length > 16) this.secrets.splice(1, 1); // keep the password, drop the oldest ref
  }

  private scrub(text: string): string {
    return scrubText(text, this.secrets);
  }

  private emit(entry: XapiLogEntry): void {
    this.options.log?.({ ...entry, message: this.scrub(entry.message) });
  }
}
