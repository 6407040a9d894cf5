import { generate } from 'selfsigned';
import { createTransport, type WireProtocolName } from './transport';
import { XapiError, XapiProtocolError, XapiTransportError } from './errors';
import { startScriptedServer, type ScriptHandler, type ScriptedServer } from './testing/scripted-server';

const protocols: WireProtocolName[] = ['jsonrpc', 'xmlrpc'];

async function withServer(handler: ScriptHandler, run: (s: ScriptedServer) => Promise<void>): Promise<void> {
  const server = await startScriptedServer(handler);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

describe.each(protocols)('%s transport over loopback HTTP', (protocol) => {
  it('sends the method and params and returns the value', async () => {
    await withServer(
      () => ({ value: { a: 'x', n: 4294967296, list: ['OpaqueRef:1'], ok: true } }),
      async (server) => {
        const t = createTransport(protocol, { url: server.url });
        try {
          const v = await t.call('VM.get_record', ['OpaqueRef:s', 'OpaqueRef:vm']);
          // Over XML-RPC xapi ints are bare text: the transport does not guess types.
          expect(v).toEqual({ a: 'x', n: protocol === 'xmlrpc' ? '4294967296' : 4294967296, list: ['OpaqueRef:1'], ok: true });
          expect(server.requests[0]).toMatchObject({ method: 'VM.get_record', params: ['OpaqueRef:s', 'OpaqueRef:vm'] });
          expect(server.requests[0].path).toBe(protocol === 'jsonrpc' ? '/jsonrpc' : '/');
        } finally {
          t.close();
        }
      },
    );
  });

  it('turns a XAPI failure into XapiError(code, params)', async () => {
    await withServer(
      () => ({ error: ['VM_BAD_POWER_STATE', 'OpaqueRef:vm', 'halted', 'running'] }),
      async (server) => {
        const t = createTransport(protocol, { url: server.url });
        const err = await t.call('VM.start', ['s', 'OpaqueRef:vm', false, false]).catch((e) => e);
        t.close();
        expect(err).toBeInstanceOf(XapiError);
        expect(err).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: ['OpaqueRef:vm', 'halted', 'running'] });
      },
    );
  });

  it.each([
    ['HTTP 503', { http: 503, body: 'busy' }, XapiTransportError, { kind: 'http', code: 'HTTP_503', status: 503 }],
    ['wrong content type', { http: 200, body: '<html/>', contentType: 'text/html' }, XapiProtocolError, {}],
    ['malformed body', { http: 200, body: '{{{<', contentType: protocol === 'jsonrpc' ? 'application/json' : 'text/xml' }, XapiProtocolError, {}],
    ['dropped connection', { drop: true }, XapiTransportError, { kind: 'network', maybeProcessed: true }],
  ] as const)('reports %s', async (_name, reply, type, fields) => {
    await withServer(
      () => reply,
      async (server) => {
        const t = createTransport(protocol, { url: server.url });
        const err = await t.call('VM.get_all', ['s']).catch((e) => e);
        t.close();
        expect(err).toBeInstanceOf(type);
        expect(err).toMatchObject(fields);
      },
    );
  });

  it('times out a call that gets no reply', async () => {
    await withServer(
      () => ({ hang: true }),
      async (server) => {
        const t = createTransport(protocol, { url: server.url, timeoutMs: 150 });
        const err = await t.call('event.from', ['s', ['*'], '', 30]).catch((e) => e);
        t.close();
        expect(err).toMatchObject({ kind: 'timeout', code: 'ETIMEDOUT', maybeProcessed: true });
      },
    );
  });

  it('aborts a call through its AbortSignal', async () => {
    await withServer(
      () => ({ hang: true }),
      async (server) => {
        const t = createTransport(protocol, { url: server.url });
        const ac = new AbortController();
        const pending = t.call('event.from', ['s', ['*'], '', 30], { signal: ac.signal }).catch((e) => e);
        setImmediate(() => ac.abort());
        const err = await pending;
        t.close();
        expect(err).toMatchObject({ kind: 'aborted' });
      },
    );
  });
});

describe('transport failures before sending', () => {
  it('marks a refused connection as not processed', async () => {
    const server = await startScriptedServer(() => ({ value: '' }));
    const url = server.url;
    await server.close();
    const t = createTransport('jsonrpc', { url });
    const err = await t.call('VM.clone', ['s', 'OpaqueRef:vm', 'x']).catch((e) => e);
    t.close();
    expect(err).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', maybeProcessed: false });
  });

  it('never shows user info of the URL', async () => {
    const server = await startScriptedServer(() => ({ http: 502 }));
    const t = createTransport('jsonrpc', { url: server.url.replace('://', '://root:hunter22@') });
    const err = (await t.call('VM.get_all', ['s']).catch((e) => e)) as Error;
    t.close();
    await server.close();
    expect(t.url).not.toContain('hunter22');
    expect(err.message).not.toContain('hunter22');
  });
});

describe('TLS', () => {
  let server: ScriptedServer;
  let cert: string;
  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
    });
    cert = pems.cert;
    server = await startScriptedServer(() => ({ value: 'OpaqueRef:ok' }), { tls: { key: pems.private, cert: pems.cert } });
  });
  afterAll(() => server.close());

  it('rejects a self-signed certificate by default', async () => {
    const t = createTransport('jsonrpc', { url: server.url });
    const err = await t.call('pool.get_all', ['s']).catch((e) => e);
    t.close();
    expect(err).toBeInstanceOf(XapiTransportError);
    expect(err).toMatchObject({ kind: 'tls', maybeProcessed: false });
    expect((err as Error).message).toMatch(/insecure_tls/);
  });

  it('accepts it with insecureTls', async () => {
    const t = createTransport('xmlrpc', { url: server.url, insecureTls: true });
    await expect(t.call('pool.get_all', ['s'])).resolves.toBe('OpaqueRef:ok');
    t.close();
  });

  it('accepts it, verified, when its certificate is given as CA', async () => {
    const t = createTransport('jsonrpc', { url: server.url, ca: cert });
    await expect(t.call('pool.get_all', ['s'])).resolves.toBe('OpaqueRef:ok');
    t.close();
  });
});
