/**
 * The connection pool against raw TCP servers on loopback (real sockets, replies written byte
 * by byte as a test needs them): keep-alive reuse, a server that closes connections, the
 * connection limit, replies cut into single bytes, refused and oversized replies, and that idle
 * connections do not keep a process alive.
 */
import { spawnSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { XapiProtocolError, XapiTransportError } from '../errors';
import { ConnectionPool } from './connection-pool';

interface RawServer {
  readonly url: URL;
  /** Connections accepted so far. */
  readonly accepted: () => number;
  /** Most connections open at once. */
  readonly peak: () => number;
  close(): Promise<void>;
}

/**
 * A server that answers each request (read up to its body's end) with `answer(n, socket)`, n
 * counting requests from 1. The answer writes the reply bytes itself.
 */
async function rawServer(answer: (n: number, socket: net.Socket) => void): Promise<RawServer> {
  let accepted = 0;
  let open = 0;
  let peak = 0;
  let requests = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    accepted++;
    peak = Math.max(peak, ++open);
    sockets.add(socket);
    socket.on('close', () => { open--; sockets.delete(socket); });
    socket.on('error', () => undefined);
    let pending = '';
    socket.on('data', (d) => {
      pending += d.toString('latin1');
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(pending.slice(0, end))?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        pending = pending.slice(end + 4 + length);
        answer(++requests, socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/jsonrpc`),
    accepted: () => accepted,
    peak: () => peak,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

const ok = (body: string, extra = ''): string => `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
const OPTS = { timeoutMs: 5_000, maxResponseBytes: 1 << 20 };

describe('connection pool', () => {
  let server: RawServer | undefined;
  let pool: ConnectionPool | undefined;
  afterEach(async () => {
    pool?.close();
    await server?.close();
    server = undefined;
    pool = undefined;
  });

  test('calls one after another share one kept-alive connection', async () => {
    server = await rawServer((n, s) => s.write(ok(`{"n":${n}}`)));
    pool = new ConnectionPool(server.url);
    for (let i = 1; i <= 5; i++) {
      const reply = await pool.post(server.url, '{"m":1}', 'application/json', OPTS);
      expect(reply).toEqual({ status: 200, contentType: 'application/json', body: `{"n":${i}}` });
    }
    expect(server.accepted()).toBe(1);
  });

  test('a server that closes the connection after each reply: every call gets through on a new one', async () => {
    // Half of the replies say so (Connection: close), the other half just end the connection.
    server = await rawServer((n, s) => (n % 2 ? s.end(ok(`{"n":${n}}`, 'Connection: close\r\n')) : s.end(ok(`{"n":${n}}`))));
    pool = new ConnectionPool(server.url);
    for (let i = 1; i <= 6; i++) {
      expect((await pool.post(server.url, '{}', 'application/json', OPTS)).body).toBe(`{"n":${i}}`);
      // The end of the connection reaches the client before its next call.
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(server.accepted()).toBe(6);
  });

  test('at most maxSockets connections; the other calls wait for one and all get their reply', async () => {
    const held: net.Socket[] = [];
    server = await rawServer((n, s) => { held.push(s); setTimeout(() => s.write(ok(`{"n":${n}}`)), 10); });
    pool = new ConnectionPool(server.url, { maxSockets: 3 });
    const replies = await Promise.all(Array.from({ length: 12 }, () => pool!.post(server!.url, '{}', 'application/json', OPTS)));
    expect(replies.map((r) => r.body).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `{"n":${i + 1}}`).sort());
    expect(server.peak()).toBe(3);
    expect(server.accepted()).toBe(3);
  });

  test('a reply written one byte at a time, chunked, is read whole', async () => {
    const body = '{"value":"ünïcødé and more"}';
    const bytes = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`, 'utf8');
    server = await rawServer((_n, s) => {
      let i = 0;
      const next = (): void => { if (i < bytes.length) s.write(bytes.subarray(i, ++i), next); };
      next();
    });
    pool = new ConnectionPool(server.url);
    expect((await pool.post(server.url, '{}', 'application/json', OPTS)).body).toBe(body);
  });

  test('a reply past the size limit or not HTTP: a protocol error, and the connection is not used again', async () => {
    server = await rawServer((n, s) => s.write(n === 1 ? ok('x'.repeat(2000)) : n === 2 ? 'SSH-2.0-nope\r\n\r\n' : ok('{}')));
    pool = new ConnectionPool(server.url);
    const big = await pool.post(server.url, '{}', 'application/json', { ...OPTS, maxResponseBytes: 1000 }).catch((e: unknown) => e);
    expect(big).toBeInstanceOf(XapiProtocolError);
    expect((big as Error).message).toMatch(/exceeds 1000 bytes/);
    expect(await pool.post(server.url, '{}', 'application/json', OPTS).catch((e: unknown) => e)).toBeInstanceOf(XapiProtocolError);
    expect((await pool.post(server.url, '{}', 'application/json', OPTS)).body).toBe('{}');
    expect(server.accepted()).toBe(3);
  });

  test('a connection dropped mid-reply: a network error that says the call may have acted', async () => {
    server = await rawServer((_n, s) => { s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"partial"'); setTimeout(() => s.destroy(), 10); });
    pool = new ConnectionPool(server.url);
    const err = await pool.post(server.url, '{}', 'application/json', OPTS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XapiTransportError);
    expect(err).toMatchObject({ kind: 'network', maybeProcessed: true });
  });

  test('idle connections do not keep the process alive', () => {
    // A child process makes a call and never closes its pool: it must still exit by itself.
    const script = `
      const net = require('node:net');
      const { ConnectionPool } = require(${JSON.stringify(path.resolve(__dirname, '../../../dist/src/xenapi/http1/connection-pool.js'))});
      const server = net.createServer((s) => { s.unref(); s.on('data', () => s.write('HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\n{}')); });
      server.listen(0, '127.0.0.1', async () => {
        const url = new URL('http://127.0.0.1:' + server.address().port + '/jsonrpc');
        const pool = new ConnectionPool(url);
        const r = await pool.post(url, '{}', 'application/json', { timeoutMs: 5000, maxResponseBytes: 100 });
        server.unref();
        console.log('reply ' + r.body);
      });`;
    const run = spawnSync(process.execPath, ['-e', script], { timeout: 6_000, encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('reply {}');
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
  });
});
