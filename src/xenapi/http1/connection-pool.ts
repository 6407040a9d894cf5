/**
 * Keep-alive HTTP/1.1 connections to one XAPI endpoint, and one POST at a time on each. A XenAPI
 * call is one small POST and one reply; an apply makes ten thousand of them, and Node's general
 * HTTP client spent more CPU per call than the rest of the client together (header objects,
 * streams, events). Here a request is one buffer written to a socket and the reply is read by a
 * small parser (`reply-parser.ts`).
 *
 * Failures say whether the server may have acted (`XapiTransportError.maybeProcessed`): only a
 * connection that could not be made (refused, unreachable, rejected TLS) means the request never
 * reached it. A reused connection the server closed while idle is noticed before it is used
 * (its end arrives as an event) and not reused; one that closes just as a request goes out may
 * have taken it, so it stays "maybe processed" and only idempotent calls are retried (client.ts).
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { XapiProtocolError, XapiTransportError } from '../errors';
import { displayUrl } from '../redact';
import { BodyTooLarge, ReplyFormatError, ReplyParser, type ParsedReply } from './reply-parser';

/** TLS and connection settings of an endpoint. */
export interface PoolOptions {
  /** Accept any server certificate. Off by default; a user must opt in (`insecure_tls`). */
  readonly insecureTls?: boolean;
  /** Extra trusted CA certificate(s), PEM, for pools with a private CA or self-signed cert. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Concurrent connections (default 64): more calls wait for one to be free. */
  readonly maxSockets?: number;
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

/** One exchange on a connection: settles once. */
interface Exchange {
  readonly parser: ReplyParser;
  settle(err: Error | undefined, reply?: ParsedReply): void;
}

interface Connection {
  readonly socket: net.Socket;
  /** Connected (and, over TLS, verified): a failure now may follow a request the server took. */
  ready: boolean;
  /** The server ended it, or it failed: never used again. */
  dead: boolean;
  current?: Exchange;
}

export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly waiting: Array<(c: Connection | undefined) => void> = [];
  private closed = false;
  private readonly max: number;
  private readonly host: string;
  private readonly port: number;
  private readonly secure: boolean;

  constructor(private readonly url: URL, private readonly options: PoolOptions = {}) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`unsupported URL scheme ${url.protocol} (want http: or https:)`);
    this.secure = url.protocol === 'https:';
    this.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = Number(url.port) || (this.secure ? 443 : 80);
    this.max = Math.max(1, options.maxSockets ?? 64);
  }

  /**
   * POSTs `body` to `endpoint` (on this pool's server) and resolves with the whole reply, whatever its status.
   * @throws XapiTransportError on socket errors, timeouts, TLS rejection and aborts.
   * @throws XapiProtocolError when the reply exceeds `maxResponseBytes` or is not HTTP.
   */
  async post(endpoint: URL, body: string, contentType: string, options: PostOptions): Promise<HttpReply> {
    const shown = (): string => displayUrl(endpoint);
    if (options.signal?.aborted) throw new XapiTransportError('aborted', 'ABORT_ERR', shown(), false, 'the call was aborted before it was sent');
    const payload = Buffer.from(body, 'utf8');
    const head = `POST ${endpoint.pathname}${endpoint.search} HTTP/1.1\r\nHost: ${endpoint.host}\r\nContent-Type: ${contentType}\r\nAccept: ${contentType}\r\n`
      + `Content-Length: ${payload.length}\r\nUser-Agent: xcpform\r\nConnection: keep-alive\r\n\r\n`;
    const request = Buffer.concat([Buffer.from(head, 'latin1'), payload]);
    const conn = await this.acquire();
    if (!conn) throw new XapiTransportError('aborted', 'ABORT_ERR', shown(), false, 'the connection pool was closed');
    return new Promise<HttpReply>((resolve, reject) => {
      const parser = new ReplyParser(options.maxResponseBytes);
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => fail(new XapiTransportError('aborted', 'ABORT_ERR', shown(), true, 'the call was aborted'));
      // Settling with an error ends the connection (see settle).
      const fail = (err: Error): void => exchange.settle(err);
      const exchange: Exchange = {
        parser,
        settle: (err, reply) => {
          if (conn.current !== exchange) return;
          conn.current = undefined;
          if (timer) clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          if (err) {
            this.kill(conn);
            this.release(conn);
            reject(this.explain(err, conn, shown));
            return;
          }
          if (!reply!.keepAlive) this.kill(conn);
          this.release(conn);
          resolve({ status: reply!.status, contentType: reply!.contentType.split(';')[0].trim().toLowerCase(), body: reply!.body.toString('utf8') });
        },
      };
      conn.current = exchange;
      timer = setTimeout(() => fail(new XapiTransportError('timeout', 'ETIMEDOUT', shown(), true, `no complete reply within ${options.timeoutMs} ms`)), options.timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      conn.socket.write(request);
    });
  }

  /** Closes every connection (calls on their way fail, as do calls waiting for one). */
  close(): void {
    this.closed = true;
    this.idle.length = 0;
    for (const c of [...this.all]) {
      this.kill(c);
      c.current?.settle(Object.assign(new Error('the connection pool was closed'), { code: 'ECONNRESET' }));
    }
    for (const w of this.waiting.splice(0)) w(undefined);
  }

  /** A free connection: an idle one (the last used first), a new one, or the next one freed. */
  private acquire(): Promise<Connection | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    for (let c = this.idle.pop(); c; c = this.idle.pop()) {
      if (c.dead) continue;
      c.socket.ref();
      return Promise.resolve(c);
    }
    if (this.all.size < this.max) return Promise.resolve(this.connect());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands a connection that finished its exchange to the next waiter, or back to the idle list. */
  private release(conn: Connection): void {
    const next = this.waiting.shift();
    if (!conn.dead) {
      if (next) next(conn);
      else if (this.closed) this.kill(conn);
      else {
        // An idle connection does not keep the process alive (as Node's own agent does).
        conn.socket.unref();
        this.idle.push(conn);
      }
      return;
    }
    // Its place is free: the waiter gets a new connection.
    if (next) next(this.closed ? undefined : this.connect());
  }

  private connect(): Connection {
    const socket = this.secure
      ? tls.connect({
        host: this.host, port: this.port, servername: net.isIP(this.host) ? undefined : this.host,
        rejectUnauthorized: !this.options.insecureTls,
        ...(this.options.ca !== undefined ? { ca: this.options.ca as string | Buffer | Array<string | Buffer> } : {}),
      })
      : net.connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    const conn: Connection = { socket, ready: false, dead: false };
    this.all.add(conn);
    socket.once(this.secure ? 'secureConnect' : 'connect', () => { conn.ready = true; });
    socket.on('data', (data: Buffer) => {
      const ex = conn.current;
      if (!ex) { this.kill(conn); return; } // bytes nobody asked for: the connection is not trusted again
      let reply: ParsedReply | undefined;
      try {
        reply = ex.parser.push(data);
      } catch (err) {
        ex.settle(err as Error);
        return;
      }
      if (reply) ex.settle(undefined, reply);
    });
    socket.on('end', () => {
      const ex = conn.current;
      conn.dead = true;
      if (ex) {
        const reply = ex.parser.end();
        ex.settle(reply ? undefined : Object.assign(new Error('connection closed mid-reply'), { code: 'ECONNRESET' }), reply);
      }
      socket.end();
    });
    socket.on('error', (err) => {
      conn.dead = true;
      conn.current?.settle(err);
    });
    socket.on('close', () => {
      conn.dead = true;
      this.all.delete(conn);
      conn.current?.settle(Object.assign(new Error('socket closed'), { code: 'ECONNRESET' }));
    });
    return conn;
  }

  /** Ends a connection for good; its place in the pool is free at once. */
  private kill(conn: Connection): void {
    conn.dead = true;
    this.all.delete(conn);
    conn.socket.destroy();
  }

  /** The transport error for a failed exchange. */
  private explain(err: Error, conn: Connection, shown: () => string): Error {
    if (err instanceof XapiTransportError || err instanceof XapiProtocolError) return err;
    if (err instanceof BodyTooLarge) return new XapiProtocolError(`reply from ${shown()} exceeds ${err.limit} bytes`);
    if (err instanceof ReplyFormatError) return new XapiProtocolError(`unreadable HTTP reply from ${shown()}: ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    if (isTlsCode(code)) return new XapiTransportError('tls', code, shown(), false, `${err.message}; trust the pool's certificate (ca) or set insecure_tls`);
    return new XapiTransportError('network', code, shown(), conn.ready || !NOT_SENT.has(code), err.message);
  }
}
