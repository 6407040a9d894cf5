/**
 * The `Transport` port of the XenAPI client and its two real implementations over HTTP(S):
 * JSON-RPC (`POST <base>/jsonrpc`) and XML-RPC (`POST <base>/`). A transport moves one call
 * and knows nothing about sessions, retries or redirects (`client.ts` does).
 */
import { XapiError, XapiProtocolError, XapiTransportError } from './errors';
import { ConnectionPool, type PoolOptions } from './http1/connection-pool';
import { displayUrl } from './redact';
import {
  encodeJsonRpcRequest,
  decodeJsonRpcResponse,
  WireFormatError,
  type XapiEncodable,
  type XapiOutcome,
  type XapiValue,
} from './wire/jsonrpc';
import { decodeXapiResponse, encodeMethodCall } from './wire/xmlrpc';

/** Per-call settings a transport honours. */
export interface TransportCallOptions {
  /** Overall timeout of this call (e.g. longer for a blocking `event.from`). */
  readonly timeoutMs?: number;
  /** Aborts the HTTP request; the call fails with an `aborted` `XapiTransportError`. */
  readonly signal?: AbortSignal;
}

/**
 * Moves one XenAPI call to a server and back.
 * - Resolves with the decoded wire value (ints may be strings over XML-RPC; decode records by
 *   the datamodel, `records/decode.ts`).
 * - Rejects with `XapiError(code, params)` (without `call`) when xapi answered with a failure,
 *   `XapiTransportError` when there was no answer, `XapiProtocolError` for an unreadable one.
 * - Never logs, and never puts arguments in its errors (the caller redacts and attaches them).
 */
export interface Transport {
  /** The endpoint, without user info; safe to show. */
  readonly url: string;
  /** `jsonrpc` or `xmlrpc` (or a test double's name). */
  readonly protocol: string;
  call(method: string, params: readonly XapiEncodable[], options?: TransportCallOptions): Promise<XapiValue>;
  /** Releases pooled connections. Calls after `close` may fail. */
  close(): void;
}

/** The wire protocols a real transport speaks. */
export type WireProtocolName = 'jsonrpc' | 'xmlrpc';

/** Settings of an HTTP transport. */
export interface HttpTransportOptions extends PoolOptions {
  /** Base URL of the pool master, e.g. `https://10.0.0.1` or `http://127.0.0.1:8080`. */
  readonly url: string | URL;
  /** Default per-call timeout (default 120 s). */
  readonly timeoutMs?: number;
  /** Largest accepted reply in bytes (default 512 MiB: 10,000 VM records over XML-RPC ≈ 60 MB). */
  readonly maxResponseBytes?: number;
  /** Share a connection pool instead of creating one (then `close` leaves it open). */
  readonly pool?: ConnectionPool;
}

interface WireProtocol {
  readonly name: WireProtocolName;
  readonly contentType: string;
  endpoint(base: URL): URL;
  encode(method: string, params: readonly XapiEncodable[], id: number): string;
  decode(body: string, maxLength: number): XapiOutcome;
}

const JSON_RPC: WireProtocol = {
  name: 'jsonrpc',
  contentType: 'application/json',
  endpoint: (base) => new URL(base.pathname.replace(/\/?$/, '/jsonrpc'), base),
  encode: (method, params, id) => encodeJsonRpcRequest(method, params, id, '2.0'),
  decode: (body, maxLength) => decodeJsonRpcResponse(body, { maxLength }),
};

const XML_RPC: WireProtocol = {
  name: 'xmlrpc',
  contentType: 'text/xml',
  // xapi routes every POST path it does not know to the XML-RPC handler; `/` is the classic one.
  endpoint: (base) => new URL(base.pathname === '' ? '/' : base.pathname, base),
  encode: (method, params) => encodeMethodCall(method, params),
  decode: (body, maxLength) => decodeXapiResponse(body, { maxLength }),
};

/** Accepted reply media types per protocol (xapi sends exactly the first). */
const ACCEPTED: Record<WireProtocolName, readonly string[]> = {
  jsonrpc: ['application/json'],
  xmlrpc: ['text/xml', 'application/xml'],
};

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_RESPONSE = 512 * 1024 * 1024;

/** A `Transport` over HTTP(S) speaking one wire protocol. Create it with `createTransport`. */
class HttpTransport implements Transport {
  readonly url: string;
  readonly protocol: WireProtocolName;
  private readonly endpoint: URL;
  private readonly pool: ConnectionPool;
  private readonly ownsPool: boolean;
  private nextId = 0;

  constructor(
    private readonly wire: WireProtocol,
    private readonly options: HttpTransportOptions,
  ) {
    const base = new URL(String(options.url));
    this.url = displayUrl(base);
    this.protocol = wire.name;
    this.endpoint = wire.endpoint(base);
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new ConnectionPool(base, options);
  }

  async call(method: string, params: readonly XapiEncodable[], options: TransportCallOptions = {}): Promise<XapiValue> {
    const maxBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
    const reply = await this.pool.post(this.endpoint, this.wire.encode(method, params, this.nextId++), this.wire.contentType, {
      timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: maxBytes,
      signal: options.signal,
    });
    if (reply.status < 200 || reply.status > 299) {
      const snippet = reply.body.slice(0, 200).replace(/\s+/g, ' ');
      throw new XapiTransportError('http', `HTTP_${reply.status}`, this.url, true, `HTTP ${reply.status}: ${snippet}`, reply.status);
    }
    if (!ACCEPTED[this.wire.name].includes(reply.contentType)) {
      throw new XapiProtocolError(`${this.url} answered ${this.wire.name} with content type "${reply.contentType}"`);
    }
    let outcome: XapiOutcome;
    try {
      outcome = this.wire.decode(reply.body, maxBytes);
    } catch (err) {
      if (err instanceof WireFormatError) throw new XapiProtocolError(`unreadable ${this.wire.name} reply from ${this.url}: ${err.message}`);
      throw err;
    }
    if (outcome.ok) return outcome.value;
    const [code = 'INTERNAL_ERROR', ...errorParams] = outcome.error;
    throw new XapiError(code, errorParams);
  }

  close(): void {
    if (this.ownsPool) this.pool.close();
  }
}

/**
 * Creates a real transport. Assumes `options.url` is an `http:` or `https:` base URL (any path
 * is kept as a prefix); TLS is verified unless `insecureTls`.
 */
export function createTransport(protocol: WireProtocolName, options: HttpTransportOptions): Transport {
  return new HttpTransport(protocol === 'jsonrpc' ? JSON_RPC : XML_RPC, options);
}
