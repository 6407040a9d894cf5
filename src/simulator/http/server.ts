/**
 * The HTTP face of the simulator, as xapi's (reference 1.1 and section 6):
 * `POST /jsonrpc` is JSON-RPC; every other POST path (`/`, `/RPC2`, `/xmlrpc`) is XML-RPC;
 * replies are HTTP 200 with `Content-Type` exactly `application/json` or `text/xml`,
 * `Content-Length`, and `Access-Control-Allow-Origin: *`; an unparseable body gets HTTP 500
 * `text/html`; bodies over the limit get 413. Each pool listens on its own port; requests are
 * routed to the host whose address they were sent to (local address or `Host` header), else to
 * the host the listener was made for (the pool master at the time).
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { DropConnection } from '../errors';
import { dispatch, DispatchOutcome } from '../dispatch/dispatcher';
import { Pool, World } from '../world';
import { decodeMethodCall, encodeMethodResponse } from '../../xenapi/wire/xmlrpc';
import { JsonRpcRequestError, decodeJsonRpcRequest, encodeJsonRpcFailure, encodeJsonRpcSuccess } from '../../xenapi/wire/jsonrpc';
import { failureEnvelope, successEnvelope } from '../../xenapi/wire/values';
import { exportRawVdi, importRawVdi } from './transfer';

export interface ServerOptions {
  bind: string;
  /** First port; 0 for free ones. */
  port: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Largest accepted RPC body in bytes (default 16 MiB). */
  maxBodyBytes?: number;
}

type Server = http.Server | https.Server;

interface Listener {
  server: Server;
  /** uuid of the host this listener was made for. */
  homeHost: string;
}

const CORS = { 'Access-Control-Allow-Origin': '*' };

export class SimulatorHttp {
  private listeners: Listener[] = [];
  private nextPort: number;

  constructor(
    private readonly world: World,
    private readonly opts: ServerOptions,
  ) {
    this.nextPort = opts.port;
  }

  /** Starts a listener for a pool (and, on loopback, one per member-host address). Returns its URL. */
  async servePool(pool: Pool): Promise<string> {
    const master = pool.db.require('host', pool.master);
    const port = await this.listen(this.opts.bind, this.nextPort, master.uuid as string);
    if (this.nextPort !== 0) this.nextPort = port + 1;
    if (/^127\./.test(this.opts.bind)) {
      for (const [, h] of pool.db.all('host')) {
        const address = h.address as string;
        if (address === this.opts.bind || !/^127\./.test(address)) continue;
        // Best effort: Linux routes all of 127/8 to loopback; other systems may refuse.
        await this.listen(address, port, h.uuid as string).catch(() => undefined);
      }
    }
    const scheme = this.opts.tls ? 'https' : 'http';
    const host = this.opts.bind === '0.0.0.0' || this.opts.bind === '::' ? '127.0.0.1' : this.opts.bind;
    pool.url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return pool.url;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.listeners.map(
        (l) =>
          new Promise<void>((resolve) => {
            l.server.close(() => resolve());
            l.server.closeAllConnections();
          }),
      ),
    );
    this.listeners = [];
  }

  private listen(address: string, port: number, homeHost: string): Promise<number> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      this.handle(req, res, homeHost).catch(() => {
        if (!res.headersSent) html(res, 500, 'Internal error');
        else res.destroy();
      });
    };
    const server: Server = this.opts.tls ? https.createServer({ cert: this.opts.tls.cert, key: this.opts.tls.key }, handler) : http.createServer(handler);
    server.keepAliveTimeout = 30_000;
    server.on('connection', (socket) => socket.setNoDelay(true));
    server.headersTimeout = 35_000;
    server.on('clientError', (_err, socket) => socket.destroy());
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => {
        server.off('error', reject);
        this.listeners.push({ server, homeHost });
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  /** The pool and host a request is addressed to. */
  private target(req: http.IncomingMessage, homeHost: string): { pool: Pool; host: string } | undefined {
    const local = (req.socket.localAddress ?? '').replace(/^::ffff:/, '');
    const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const home = this.world.findHost(homeHost);
    for (const address of [hostHeader, local]) {
      if (!address) continue;
      // Only addresses of the home pool count, so two pools' listeners never cross.
      const pool = home?.pool;
      const host = pool?.hostByAddress(address);
      if (pool && host) return { pool, host };
    }
    return home;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, homeHost: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const target = this.target(req, homeHost);
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { ...CORS, 'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type, Accept', 'Content-Length': 0 });
      res.end();
      return;
    }
    if (!target) {
      req.resume();
      return html(res, 503, 'This host is not part of any pool');
    }
    if (req.method === 'PUT' && url.pathname === '/import_raw_vdi') return importRawVdi(target.pool, req, res, url);
    if (req.method === 'GET' && url.pathname === '/export_raw_vdi') return exportRawVdi(target.pool, req, res, url);
    if (req.method === 'GET' && url.pathname === '/') return html(res, 200, `xcpform XAPI simulator: pool ${escape(target.pool.name)}`);
    if (req.method !== 'POST') {
      req.resume();
      return html(res, 404, 'Not found');
    }
    const body = await readBody(req, res, this.opts.maxBodyBytes ?? 16 * 1024 * 1024);
    if (body === undefined) return;
    if (url.pathname === '/jsonrpc') return this.jsonRpc(body, res, target, req);
    return this.xmlRpc(body, res, target, req);
  }

  private async xmlRpc(body: string, res: http.ServerResponse, target: { pool: Pool; host: string }, req: http.IncomingMessage): Promise<void> {
    let call;
    try {
      call = decodeMethodCall(body);
    } catch (err) {
      return html(res, 500, `Bad XML-RPC request: ${escape((err as Error).message)}`);
    }
    const outcome = await this.call(call.method, call.params, 'xml', target, req);
    if (!outcome) return;
    const payload = !outcome.ok ? failureEnvelope(outcome.error[0], outcome.error.slice(1)) : outcome.bare ? outcome.value : successEnvelope(outcome.value);
    send(res, 'text/xml', encodeMethodResponse(payload));
  }

  private async jsonRpc(body: string, res: http.ServerResponse, target: { pool: Pool; host: string }, req: http.IncomingMessage): Promise<void> {
    let call;
    try {
      call = decodeJsonRpcRequest(body);
    } catch (err) {
      const e = err as JsonRpcRequestError;
      if (e.id === null && /malformed JSON/.test(e.message)) return html(res, 500, `Bad JSON-RPC request: ${escape(e.message)}`);
      // Errors before dispatch are answered in 2.0 form, as xapi does.
      return send(res, 'application/json', encodeJsonRpcFailure('2.0', e.id ?? null, ['INVALID_REQUEST', e.message]));
    }
    const outcome = await this.call(call.method, call.params, 'json', target, req);
    if (!outcome) return;
    send(res, 'application/json', outcome.ok ? encodeJsonRpcSuccess(call.version, call.id, outcome.value) : encodeJsonRpcFailure(call.version, call.id, outcome.error));
  }

  private async call(method: string, params: Parameters<typeof dispatch>[1]['params'], transport: 'xml' | 'json', target: { pool: Pool; host: string }, req: http.IncomingMessage): Promise<DispatchOutcome | undefined> {
    try {
      return await dispatch(this.world, { method, params, transport, pool: target.pool, host: target.host });
    } catch (err) {
      if (err instanceof DropConnection) {
        req.socket.destroy();
        return undefined;
      }
      throw err;
    }
  }
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: http.ServerResponse, type: string, text: string): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), ...CORS });
  res.end(text);
}

function html(res: http.ServerResponse, status: number, message: string): void {
  const text = `<html><body><h1>HTTP ${status}</h1>${message}</body></html>`;
  res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(text), ...CORS });
  res.end(text);
}

/** Reads a body up to `limit` bytes; answers 413 and returns undefined beyond it. */
async function readBody(req: http.IncomingMessage, res: http.ServerResponse, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    res.shouldKeepAlive = false;
    html(res, 413, `Request body too large (limit ${limit} bytes)`);
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      if (tooBig) continue;
      size += chunk.length;
      if (size > limit) {
        // Answer now and drain the rest; the connection closes after the reply.
        tooBig = true;
        res.shouldKeepAlive = false;
        html(res, 413, `Request body too large (limit ${limit} bytes)`);
        continue;
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (tooBig) return undefined;
    throw err;
  }
  if (tooBig) return undefined;
  return Buffer.concat(chunks).toString('utf8');
}
