/**
 * A recording HTTP proxy in front of a served pool: every XenAPI call a client makes through it
 * is forwarded unchanged and counted by method, with the bytes of each reply. The apply bench
 * (and the crash tests' inventories) read from it what a run cost on the wire, whatever process
 * made the calls (xcpform, terraform-provider-xcp).
 *
 * It relays each TCP connection to one of its own to the pool and only follows the HTTP framing
 * of the bytes passing (http-framing.ts): a proxy made of Node's HTTP server and client parsed,
 * rebuilt and re-sent every message, and took a fifth of the CPU of a 1,000-VM apply on the
 * cores the apply and the simulator share.
 */
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import { HttpFramer } from './http-framing';

/** What went through the proxy since the last {@link RecordingProxy.reset}. */
export interface WireCounts {
  /** Calls by XenAPI method (`VM.create`, `event.from`...). */
  readonly calls: Map<string, number>;
  /** Reply bytes by XenAPI method. */
  readonly bytes: Map<string, number>;
  /**
   * Bytes of the records `event.from` replies carried, by class (`SR`, `VM`...): which classes'
   * records a catch-up moves (JSON-RPC replies only; XML-RPC ones are not split).
   */
  readonly eventBytes: Map<string, number>;
  /** How many records of each class `event.from` replies carried (JSON-RPC replies only). */
  readonly eventRecords: Map<string, number>;
  /** Every call: when its request was in and its reply out (`performance.now()` of this process). */
  readonly spans: readonly CallSpan[];
}

/** One call as the proxy saw it. */
export interface CallSpan {
  readonly method: string;
  /** For `event.from`: whether it waits for tasks (`task/<ref>`) rather than catching records up. */
  readonly taskWait?: boolean;
  readonly start: number;
  readonly end: number;
}

export interface RecordingProxy {
  /** The URL clients use instead of the pool's. */
  readonly url: string;
  counts(): WireCounts;
  /** Total calls and reply bytes; `methods` narrows to the methods whose name passes it. */
  totals(methods?: (method: string) => boolean): { calls: number; bytes: number };
  reset(): void;
  close(): Promise<void>;
}

/** Whether an `event.from` request subscribes to single tasks (`task/OpaqueRef:...`). */
const waitsForTask = (body: string): boolean => body.includes('"task/') || body.includes('>task/');

/** The method of a JSON-RPC or XML-RPC request body ('?' when neither). */
function methodOf(body: string): string {
  const xml = /<methodName>\s*([^<\s]+)\s*<\/methodName>/.exec(body);
  if (xml) return xml[1];
  try {
    const parsed = JSON.parse(body) as { method?: unknown };
    return typeof parsed.method === 'string' ? parsed.method : '?';
  } catch {
    return '?';
  }
}

/** Request bodies up to this size are read for their XenAPI method (uploads count as '?'). */
const METHOD_BODY_LIMIT = 1 << 20;

/** A call sent on a connection, waiting for its reply (HTTP/1.1 answers in order). */
interface Pending {
  readonly method: string;
  readonly verb: string;
  readonly taskWait?: boolean;
  readonly start: number;
  /** The spans list of the round it was sent in (a reset starts a new one). */
  readonly counted: CallSpan[];
  /** event.from reply bodies, kept to split by class later. */
  readonly body?: Buffer[];
}

/** Starts a proxy on a free local port that forwards to `target` (a pool's base URL). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const to = new URL(target);
  let calls = new Map<string, number>();
  let bytes = new Map<string, number>();
  let eventBytes = new Map<string, number>();
  let eventRecords = new Map<string, number>();
  let spans: CallSpan[] = [];
  /** event.from replies not yet split by class (see `counts`). */
  let pendingEvents: Buffer[] = [];
  const splitEvents = (reply: Buffer): void => {
    let events: unknown;
    try {
      events = (JSON.parse(reply.toString('utf8')) as { result?: { events?: unknown } }).result?.events;
    } catch {
      return;
    }
    if (!Array.isArray(events)) return;
    for (const e of events as { class?: unknown }[]) {
      const cls = typeof e?.class === 'string' ? e.class : '?';
      eventBytes.set(cls, (eventBytes.get(cls) ?? 0) + Buffer.byteLength(JSON.stringify(e)));
      eventRecords.set(cls, (eventRecords.get(cls) ?? 0) + 1);
    }
  };
  // Split by class when the counts are asked for, not during the run: parsing every catch-up's
  // reply took CPU from the run being measured.
  const settleEvents = (): void => {
    for (const reply of pendingEvents) splitEvents(reply);
    pendingEvents = [];
  };
  const sockets = new Set<net.Socket>();
  const relay = (client: net.Socket): void => {
    const upstream = net.connect({ host: to.hostname, port: Number(to.port) });
    for (const s of [client, upstream]) { sockets.add(s); s.setNoDelay(true); s.once('close', () => sockets.delete(s)); }
    const waiting: Pending[] = [];
    let request: Buffer[] = [];
    let requestBytes = 0;
    let verb = '';
    const requests = new HttpFramer('request', {
      head: (h) => { verb = h.first; request = []; requestBytes = 0; return true; },
      body: (b) => { requestBytes += b.length; if (requestBytes <= METHOD_BODY_LIMIT) request.push(b); },
      end: () => {
        const text = requestBytes <= METHOD_BODY_LIMIT ? Buffer.concat(request).toString('utf8') : '';
        request = [];
        const method = methodOf(text);
        calls.set(method, (calls.get(method) ?? 0) + 1);
        const events = method === 'event.from';
        waiting.push({ method, verb, ...(events ? { taskWait: waitsForTask(text), body: [] } : {}), start: performance.now(), counted: spans });
      },
    });
    let interim = false;
    const replies = new HttpFramer('response', {
      head: (h) => {
        interim = h.first.startsWith('1');
        return !(interim || waiting[0]?.verb === 'HEAD' || h.first === '204' || h.first === '304');
      },
      body: (b) => {
        const call = waiting[0];
        if (!call) return;
        bytes.set(call.method, (bytes.get(call.method) ?? 0) + b.length);
        call.body?.push(b);
      },
      end: () => {
        if (interim) { interim = false; return; }
        const call = waiting.shift();
        if (!call) return;
        call.counted.push({ method: call.method, ...(call.taskWait === undefined ? {} : { taskWait: call.taskWait }), start: call.start, end: performance.now() });
        if (call.body?.length) pendingEvents.push(Buffer.concat(call.body));
      },
    });
    const broken = (): void => { client.destroy(); upstream.destroy(); };
    const pass = (from: net.Socket, into: net.Socket, framer: HttpFramer): void => {
      from.on('data', (d: Buffer) => {
        if (!into.write(d)) from.pause();
        try { framer.push(d); } catch { broken(); }
      });
      into.on('drain', () => from.resume());
      from.on('end', () => { if (framer === replies) replies.close(); into.end(); });
      from.on('error', broken);
      from.on('close', () => into.destroy());
    };
    pass(client, upstream, requests);
    pass(upstream, client, replies);
  };
  const server = net.createServer(relay);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const sum = (m: Map<string, number>, keep: (k: string) => boolean): number => [...m].reduce((n, [k, v]) => (keep(k) ? n + v : n), 0);
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => {
      settleEvents();
      return { calls: new Map(calls), bytes: new Map(bytes), eventBytes: new Map(eventBytes), eventRecords: new Map(eventRecords), spans: [...spans] };
    },
    totals: (keep = () => true) => ({ calls: sum(calls, keep), bytes: sum(bytes, keep) }),
    reset: () => { calls = new Map(); bytes = new Map(); eventBytes = new Map(); eventRecords = new Map(); spans = []; pendingEvents = []; },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
