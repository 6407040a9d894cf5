/**
 * The errors the XenAPI client throws. Each carries enough to say which call failed and what to
 * do, and none carries a secret: arguments are redacted before they are attached (`redact.ts`).
 *
 * - `XapiError`: xapi answered with a failure `[code, ...params]`.
 * - `XapiTransportError`: no XAPI answer (connection refused or reset, timeout, TLS, HTTP status).
 * - `XapiProtocolError`: an answer that is not valid XML-RPC / JSON-RPC / XenAPI data.
 */

/** The call that failed, as safe to show: method name and redacted arguments. */
export interface XapiCall {
  /** Wire method name, e.g. `VM.start` or `Async.VM.start`. */
  readonly method: string;
  /** Arguments with the session ref and every secret replaced by a placeholder. */
  readonly args: readonly unknown[];
}

/** Renders a call compactly for messages: `VM.start(<session>, "OpaqueRef:…", false, false)`. */
export function describeCall(call: XapiCall): string {
  const args = call.args.map((a) => {
    const text = JSON.stringify(a) ?? String(a);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  });
  return `${call.method}(${args.join(', ')})`;
}

/**
 * A XenAPI failure: `code` is the error name (`VM_BAD_POWER_STATE`), `params` its parameters in
 * xapi's order (reference/xenapi.md 4a). `call` is set once the client knows which call it was;
 * an error thrown by a bare transport has none.
 */
export class XapiError extends Error {
  override readonly name = 'XapiError';

  constructor(
    readonly code: string,
    readonly params: readonly string[] = [],
    readonly call?: XapiCall,
  ) {
    super(
      `${code}${params.length > 0 ? ` ${JSON.stringify(params)}` : ''}` +
        (call ? ` in ${describeCall(call)}` : ''),
    );
  }

  /** The same failure attributed to `call` (redacted by the caller). */
  withCall(call: XapiCall): XapiError {
    return new XapiError(this.code, this.params, call);
  }

  /** A plain-data form for logs and diagnostics. */
  toJSON(): { code: string; params: readonly string[]; call?: XapiCall } {
    return { code: this.code, params: this.params, ...(this.call ? { call: this.call } : {}) };
  }
}

/**
 * What went wrong below XenAPI:
 * - `network`: socket-level error (`code` is Node's, e.g. `ECONNRESET`, `ECONNREFUSED`);
 * - `timeout`: no complete reply within the timeout (`code` `ETIMEDOUT`);
 * - `http`: an HTTP status other than 2xx (`code` `HTTP_<status>`);
 * - `tls`: the server certificate was not trusted (`code` is Node's, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`);
 * - `aborted`: the caller's AbortSignal fired (`code` `ABORT_ERR`).
 */
export type TransportFailureKind = 'network' | 'timeout' | 'http' | 'tls' | 'aborted';

/**
 * A call that got no XAPI answer. `maybeProcessed` says whether the server may have received
 * and executed the request (false only when it provably did not: the connection was refused or
 * the host could not be reached), which decides whether a
 * non-idempotent call may be retried. `url` never contains user info.
 */
export class XapiTransportError extends Error {
  override readonly name = 'XapiTransportError';

  constructor(
    readonly kind: TransportFailureKind,
    readonly code: string,
    readonly url: string,
    readonly maybeProcessed: boolean,
    readonly detail: string,
    readonly status?: number,
    readonly call?: XapiCall,
  ) {
    super(`${kind} error ${code} from ${url}: ${detail}${call ? ` in ${describeCall(call)}` : ''}`);
  }

  /** The same failure attributed to `call` (redacted by the caller). */
  withCall(call: XapiCall): XapiTransportError {
    return new XapiTransportError(
      this.kind,
      this.code,
      this.url,
      this.maybeProcessed,
      this.detail,
      this.status,
      call,
    );
  }
}

/** A reply that is not valid XML-RPC, JSON-RPC or XenAPI data (a server bug, not a user error). */
export class XapiProtocolError extends Error {
  override readonly name = 'XapiProtocolError';

  constructor(
    message: string,
    readonly call?: XapiCall,
  ) {
    super(call ? `${message} in ${describeCall(call)}` : message);
  }

  /** The same failure attributed to `call` (redacted by the caller). */
  withCall(call: XapiCall): XapiProtocolError {
    return new XapiProtocolError(this.message, call);
  }
}

/** Any error the client throws on purpose. */
export type XapiClientError = XapiError | XapiTransportError | XapiProtocolError;

/** True when `err` is a XenAPI failure, optionally with one of `codes`. */
export function isXapiError(err: unknown, ...codes: string[]): err is XapiError {
  return err instanceof XapiError && (codes.length === 0 || codes.includes(err.code));
}
