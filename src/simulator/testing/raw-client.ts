/**
 * A deliberately minimal XenAPI caller over HTTP for the simulator's own tests and bench: one
 * POST per call, no retries, no typing. The real client lives in `src/xenapi`.
 */
import http from 'node:http';
import { encodeMethodCall, decodeXapiResponse } from '../../xenapi/wire/xmlrpc';
import { decodeJsonRpcResponse, encodeJsonRpcRequest } from '../../xenapi/wire/jsonrpc';
import { XapiEncodable, XapiValue } from '../../xenapi/wire/values';

export type RawTransport = 'xml' | 'json';

/** A XenAPI failure seen by the raw client. */
export class RawXapiError extends Error {
  constructor(readonly description: string[]) {
    super(description.join(' '));
    this.name = 'RawXapiError';
  }
  get code(): string {
    return this.description[0];
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64, noDelay: true } as http.AgentOptions);

export function post(url: string, path: string, body: string, contentType: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string }> {
  const u = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = http.request(u, { method: 'POST', agent, headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export class RawClient {
  session = '';
  private id = 0;

  constructor(
    readonly url: string,
    readonly transport: RawTransport = 'json',
    readonly headers: Record<string, string> = {},
  ) {}

  /** Calls a method with explicit params (no session added). */
  async callRaw(method: string, params: XapiEncodable[]): Promise<XapiValue> {
    if (this.transport === 'xml') {
      const res = await post(this.url, '/', encodeMethodCall(method, params), 'text/xml', this.headers);
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 200)}`);
      const out = decodeXapiResponse(res.text);
      if (!out.ok) throw new RawXapiError(out.error);
      return out.value;
    }
    const res = await post(this.url, '/jsonrpc', encodeJsonRpcRequest(method, params, ++this.id), 'application/json', this.headers);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 200)}`);
    const out = decodeJsonRpcResponse(res.text);
    if (!out.ok) throw new RawXapiError(out.error);
    return out.value;
  }

  /** Calls a method with the session prepended. */
  call<T = XapiValue>(method: string, ...params: XapiEncodable[]): Promise<T> {
    return this.callRaw(method, [this.session, ...params]) as Promise<T>;
  }

  async login(user = 'root', password = 'xcpform'): Promise<string> {
    this.session = (await this.callRaw('session.login_with_password', [user, password, '1.0', 'xcpform-tests'])) as string;
    return this.session;
  }

  /** Runs `Async.<method>` and polls the task (with `event.from`) until it finishes; returns the task record. */
  async callAsync(method: string, ...params: XapiEncodable[]): Promise<Record<string, XapiValue>> {
    const task = (await this.call(`Async.${method}`, ...params)) as string;
    let token = '';
    for (;;) {
      const rec = (await this.call('task.get_record', task)) as Record<string, XapiValue>;
      if (rec.status !== 'pending' && rec.status !== 'cancelling') {
        await this.call('task.destroy', task);
        return rec;
      }
      const ev = (await this.call('event.from', [`task/${task}`], token, 5.0)) as Record<string, XapiValue>;
      token = ev.token as string;
    }
  }
}

/** Closes pooled keep-alive sockets (end of a test file). */
export function closeRawClients(): void {
  agent.destroy();
}
