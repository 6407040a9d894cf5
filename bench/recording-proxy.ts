/**
 * A recording HTTP proxy in front of a served pool: every XenAPI call a client makes through it
 * is forwarded unchanged and counted by method, with the bytes of each reply. The apply bench
 * (and the crash tests' inventories) read from it what a run cost on the wire, whatever process
 * made the calls (xcpform, terraform-provider-xcp).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

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
  const settleEvents = (): void => {
    for (const reply of pendingEvents) splitEvents(reply);
    pendingEvents = [];
  };
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
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const method = methodOf(text);
      const start = performance.now();
      const taskWait = method === 'event.from' ? waitsForTask(text) : undefined;
      const counted = spans;
      calls.set(method, (calls.get(method) ?? 0) + 1);
      const out = http.request({
        host: to.hostname, port: to.port, path: req.url, method: req.method, agent,
        headers: { ...req.headers, host: to.host },
      }, (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        const body: Buffer[] = [];
        reply.on('data', (c: Buffer) => {
          bytes.set(method, (bytes.get(method) ?? 0) + c.length);
          if (method === 'event.from') body.push(c);
          res.write(c);
        });
        reply.on('end', () => {
          res.end();
          counted.push({ method, ...(taskWait === undefined ? {} : { taskWait }), start, end: performance.now() });
          // Split by class when the counts are asked for, not now: parsing every catch-up's
          // reply here took CPU from the run being measured (the bench shares its cores).
          if (body.length) pendingEvents.push(Buffer.concat(body));
        });
      });
      out.on('error', (err) => { res.writeHead(502); res.end(String(err)); });
      out.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
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
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
