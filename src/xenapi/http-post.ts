/**
 * One HTTP(S) POST with the properties a XAPI transport needs: a keep-alive agent, verified TLS
 * unless the caller opts out, an overall timeout, AbortSignal support, a response size limit, and
 * failures classified into `XapiTransportError`s that say whether the server may have processed
 * the request (only failures before a connection existed count as "not processed"). Thin I/O only: no XenAPI knowledge.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { XapiProtocolError, XapiTransportError } from './errors';
import { displayUrl } from './redact';

/** TLS and connection settings of an endpoint. */
export interface AgentOptions {
  /** Accept any server certificate. Off by default; a user must opt in (`insecure_tls`). */
  readonly insecureTls?: boolean;
  /** Extra trusted CA certificate(s), PEM, for pools with a private CA or self-signed cert. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Concurrent sockets per endpoint (default 64). */
  readonly maxSockets?: number;
}

/**
 * A keep-alive agent for `url`'s scheme. TLS verification stays on unless `insecureTls`; `ca`
 * adds trust anchors without disabling verification.
 */
export function createAgent(url: URL, options: AgentOptions = {}): http.Agent {
  const common = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
  if (url.protocol === 'http:') return new http.Agent(common);
  if (url.protocol !== 'https:') throw new TypeError(`unsupported URL scheme ${url.protocol} (want http: or https:)`);
  return new https.Agent({
    ...common,
    rejectUnauthorized: !options.insecureTls,
    ...(options.ca !== undefined ? { ca: options.ca as string | Buffer | Array<string | Buffer> } : {}),
  });
}

/** A completed HTTP exchange. */
export interface HttpReply {
  readonly status: number;
  /** The media type without parameters, lowercased (`application/json`). */
  readonly contentType: string;
  readonly body: string;
}

/** Per-request settings. */
export interface PostOptions {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly signal?: AbortSignal;
}

// Errors raised before a connection exists: the request cannot have reached the server.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function isTlsCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^ERR_TLS_|^ERR_SSL_|HOSTNAME_MISMATCH/.test(code);
}

/**
 * POSTs `body` to `url` and resolves with the whole reply, whatever its status.
 * @throws XapiTransportError on socket errors, timeouts, TLS rejection and aborts.
 * @throws XapiProtocolError when the reply exceeds `maxResponseBytes`.
 */
export function httpPost(
  url: URL,
  agent: http.Agent,
  body: string,
  contentType: string,
  options: PostOptions,
): Promise<HttpReply> {
  // Only a failure names the URL: parsed then, not on every call.
  const shown = (): string => displayUrl(url);
  const payload = Buffer.from(body, 'utf8');
  return new Promise<HttpReply>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(err);
    };
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || undefined,
      path: url.pathname + url.search,
      agent,
      headers: {
        'Content-Type': contentType,
        Accept: contentType,
        'Content-Length': payload.length,
        'User-Agent': 'xcpform',
      },
    });
    // Our own failures settle first, then tear the request down, so the generic socket errors
    // that destroy() provokes never replace them.
    const stop = (err: Error): void => {
      fail(err);
      req.destroy();
    };
    const timer = setTimeout(() => {
      stop(new XapiTransportError('timeout', 'ETIMEDOUT', shown(), true, `no complete reply within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    const onAbort = (): void => {
      stop(new XapiTransportError('aborted', 'ABORT_ERR', shown(), true, 'the call was aborted'));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    if (options.signal?.aborted) {
      // The request object exists but was never sent: tear it down with a listener attached,
      // or its socket's later "socket hang up" is an unhandled 'error' event that kills the process.
      clearTimeout(timer);
      req.on('error', () => undefined);
      req.destroy();
      reject(new XapiTransportError('aborted', 'ABORT_ERR', shown(), false, 'the call was aborted before it was sent'));
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    req.on('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? 'EUNKNOWN';
      if (isTlsCode(code)) {
        return fail(new XapiTransportError('tls', code, shown(), false, `${err.message}; trust the pool's certificate (ca) or set insecure_tls`));
      }
      // A reset on a reused keep-alive socket is often the server closing it while idle, but it
      // may as well be a server dying mid-call: it stays "maybe processed", so only idempotent
      // calls are retried after it.
      fail(new XapiTransportError('network', code, shown(), !NOT_SENT.has(code), err.message));
    });

    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxResponseBytes) {
          stop(new XapiProtocolError(`reply from ${shown()} exceeds ${options.maxResponseBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('aborted', () => fail(new XapiTransportError('network', 'ECONNRESET', shown(), true, 'connection closed mid-reply')));
      res.on('error', (err: NodeJS.ErrnoException) => {
        fail(new XapiTransportError('network', err.code ?? 'ECONNRESET', shown(), true, err.message));
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        cleanup();
        const type = String(res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        resolve({ status: res.statusCode ?? 0, contentType: type, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(payload);
  });
}
