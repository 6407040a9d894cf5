import { XapiClient, type XapiClientOptions } from './client';
import { VirtualClock } from './clock';
import { XapiError } from './errors';
import type { XapiLogEntry } from './log';
import { startScriptedServer, type ScriptHandler, type ScriptedReply, type ScriptedServer } from './testing/scripted-server';

const PASSWORD = 'hunter2-secret';
const SESSION = 'OpaqueRef:5e55-10n0-0000-aaaa';
const servers: ScriptedServer[] = [];
const clients: XapiClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server that logs in anyone with PASSWORD and answers other calls with `rest`. */
async function server(rest: ScriptHandler, host?: string, port?: number): Promise<ScriptedServer> {
  let logins = 0;
  const s = await startScriptedServer(
    (req) => {
      if (req.method === 'session.login_with_password') {
        if (req.params[1] !== PASSWORD) return { error: ['SESSION_AUTHENTICATION_FAILED', String(req.params[0]), 'bad password'] };
        return { value: `${SESSION}-${++logins}` };
      }
      if (req.method === 'session.logout') return { value: '' };
      return rest(req);
    },
    { host, port },
  );
  servers.push(s);
  return s;
}

function client(url: string, extra: Partial<XapiClientOptions> = {}): { c: XapiClient; clock: VirtualClock; log: XapiLogEntry[] } {
  const clock = new VirtualClock();
  const log: XapiLogEntry[] = [];
  const c = new XapiClient({ url, credentials: { username: 'root', password: PASSWORD }, clock, random: () => 0.5, log: (e) => log.push(e), ...extra });
  clients.push(c);
  return { c, clock, log };
}

/** Replies from a list, then `last` forever. */
function sequence(replies: ScriptedReply[], last: ScriptedReply): ScriptHandler {
  return () => replies.shift() ?? last;
}

describe('XapiClient sessions', () => {
  it.each(['jsonrpc', 'xmlrpc'] as const)('logs in once and prepends the session (%s)', async (protocol) => {
    const s = await server(() => ({ value: ['OpaqueRef:vm1'] }));
    const { c } = client(s.url, { protocol });
    await Promise.all([c.call('VM.get_all'), c.call('VM.get_all'), c.call('VM.get_all')]);
    const logins = s.requests.filter((r) => r.method === 'session.login_with_password');
    expect(logins).toHaveLength(1);
    expect(logins[0].params).toEqual(['root', PASSWORD, '1.0', 'xcpform']);
    expect(s.requests.filter((r) => r.method === 'VM.get_all').map((r) => r.params)).toEqual([[`${SESSION}-1`], [`${SESSION}-1`], [`${SESSION}-1`]]);
  });

  it('logs in again on SESSION_INVALID and retries the call once', async () => {
    const s = await server((req) => (req.params[0] === `${SESSION}-1` ? { error: ['SESSION_INVALID', `${SESSION}-1`] } : { value: 'ok' }));
    const { c, log } = client(s.url);
    await expect(c.call('VM.get_all')).resolves.toBe('ok');
    expect(s.requests.map((r) => r.method)).toEqual(['session.login_with_password', 'VM.get_all', 'session.login_with_password', 'VM.get_all']);
    expect(log.some((e) => e.event === 'relogin')).toBe(true);
  });

  it('backs off when fresh sessions are refused too, and gives up after maxAttempts', async () => {
    const s = await server(() => ({ error: ['SESSION_INVALID', 'x'] }));
    const { c, clock } = client(s.url, { retry: { maxAttempts: 3 } });
    await expect(c.call('VM.get_all')).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    // One immediate re-login, then retries with backoff: 1 + 1 + 2 calls, 4 logins.
    expect(s.requests.filter((r) => r.method === 'VM.get_all')).toHaveLength(4);
    expect(s.requests.filter((r) => r.method === 'session.login_with_password')).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('fails login on bad credentials without retrying', async () => {
    const s = await server(() => ({ value: 'ok' }));
    const c = new XapiClient({ url: s.url, credentials: { username: 'root', password: 'wrong-password' }, clock: new VirtualClock() });
    clients.push(c);
    await expect(c.call('VM.get_all')).rejects.toMatchObject({ code: 'SESSION_AUTHENTICATION_FAILED' });
    expect(s.requests).toHaveLength(1);
  });

  it('follows HOST_IS_SLAVE to the master, keeping scheme and port', async () => {
    const master = await server(() => ({ value: 'from-master' }), '127.0.0.2');
    const member = await startScriptedServer(() => ({ error: ['HOST_IS_SLAVE', '127.0.0.2'] }), { port: master.port });
    servers.push(member);
    const { c } = client(member.url);
    await expect(c.call('pool.get_all')).resolves.toBe('from-master');
    expect(c.url).toBe(`http://127.0.0.2:${master.port}`);
    expect(member.requests.map((r) => r.method)).toEqual(['session.login_with_password']);
    expect(master.requests.map((r) => r.method)).toEqual(['session.login_with_password', 'pool.get_all']);
  });

  it('logs out on close', async () => {
    const s = await server(() => ({ value: 'ok' }));
    const { c } = client(s.url);
    await c.call('VM.get_all');
    await c.close();
    expect(s.requests.at(-1)).toMatchObject({ method: 'session.logout', params: [`${SESSION}-1`] });
  });
});

describe('XapiClient retries', () => {
  it('retries OTHER_OPERATION_IN_PROGRESS with full-jitter exponential backoff', async () => {
    const busy: ScriptedReply = { error: ['OTHER_OPERATION_IN_PROGRESS', 'VM', 'OpaqueRef:vm', 'start', 'OpaqueRef:t'] };
    const s = await server(sequence([busy, busy, busy], { value: '' }));
    const { c, clock, log } = client(s.url, { retry: { baseDelayMs: 100 } });
    await expect(c.call('VM.clean_shutdown', 'OpaqueRef:vm')).resolves.toBe('');
    // random() = 0.5 → half of the windows 100, 200, 400 ms.
    expect(clock.sleeps).toEqual([50, 100, 200]);
    expect(log.filter((e) => e.event === 'retry').map((e) => e.attempt)).toEqual([2, 3, 4]);
  });

  it.each<[string, ScriptedReply]>([
    ['HTTP 503', { http: 503 }],
    ['HOST_STILL_BOOTING', { error: ['HOST_STILL_BOOTING'] }],
    ['TOO_MANY_STORAGE_MIGRATES', { error: ['TOO_MANY_STORAGE_MIGRATES', '3'] }],
  ])('retries a non-idempotent call on %s (nothing was done)', async (_name, fault) => {
    const s = await server(sequence([fault], { value: 'OpaqueRef:new' }));
    const { c } = client(s.url);
    await expect(c.call('VM.migrate_send', 'OpaqueRef:vm', {}, true, {}, {}, {})).resolves.toBe('OpaqueRef:new');
  });

  it('retries a getter after a dropped connection but not a clone', async () => {
    const seen = new Map<string, number>();
    const s = await server((req) => {
      const n = (seen.get(req.method) ?? 0) + 1;
      seen.set(req.method, n);
      return n % 2 === 1 ? { drop: true } : { value: 'OpaqueRef:x' };
    });
    const { c, clock } = client(s.url);
    await c.session();
    await expect(c.call('VM.get_by_uuid', 'u')).resolves.toBe('OpaqueRef:x');
    expect(clock.sleeps).toHaveLength(1);
    await expect(c.call('VM.clone', 'OpaqueRef:vm', 'copy')).rejects.toMatchObject({ kind: 'network' });
    await expect(c.invoke('VM.clone', ['OpaqueRef:vm', 'copy'], { idempotent: true })).resolves.toBe('OpaqueRef:x');
  });

  it('retries while the master is restarting (connection refused)', async () => {
    const s = await server(() => ({ value: 'ok' }));
    const url = s.url;
    const port = s.port;
    await s.close();
    servers.length = 0;
    let restarted: ScriptedServer | undefined;
    const clock = new VirtualClock();
    const c = new XapiClient({
      url,
      credentials: { username: 'root', password: PASSWORD },
      random: () => 0.5,
      clock: {
        now: () => clock.now(),
        sleep: async (ms) => {
          await clock.sleep(ms);
          if (clock.sleeps.length === 2) restarted = await server(() => ({ value: 'ok' }), '127.0.0.1', port);
        },
      },
    });
    clients.push(c);
    await expect(c.call('host.get_all')).resolves.toBe('ok');
    expect(clock.sleeps).toHaveLength(2);
    expect(restarted?.requests.map((r) => r.method)).toEqual(['session.login_with_password', 'host.get_all']);
  });

  it.each<[string, string[]]>([
    ['HANDLE_INVALID', ['HANDLE_INVALID', 'VM', 'OpaqueRef:gone']],
    ['VM_BAD_POWER_STATE', ['VM_BAD_POWER_STATE', 'OpaqueRef:vm', 'halted', 'running']],
    ['MESSAGE_METHOD_UNKNOWN', ['MESSAGE_METHOD_UNKNOWN', 'VM.frobnicate']],
  ])('never retries %s', async (_name, error) => {
    const s = await server(() => ({ error }));
    const { c, clock } = client(s.url);
    const err = await c.call('VM.start', 'OpaqueRef:vm', false, false).catch((e) => e);
    expect(err).toBeInstanceOf(XapiError);
    expect(err).toMatchObject({ code: error[0], params: error.slice(1), call: { method: 'VM.start' } });
    expect(s.requests.filter((r) => r.method === 'VM.start')).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops after maxAttempts and throws the last failure', async () => {
    const s = await server(() => ({ error: ['OTHER_OPERATION_IN_PROGRESS', 'VM', 'r', 'start', 't'] }));
    const { c } = client(s.url, { retry: { maxAttempts: 4 } });
    await expect(c.call('VM.start', 'r', false, false)).rejects.toMatchObject({ code: 'OTHER_OPERATION_IN_PROGRESS' });
    expect(s.requests.filter((r) => r.method === 'VM.start')).toHaveLength(4);
  });

  it('stops when the time budget would be exceeded', async () => {
    const s = await server(() => ({ error: ['TOO_MANY_PENDING_TASKS'] }));
    const { c, clock } = client(s.url, { random: () => 0.99, retry: { maxAttempts: 100, baseDelayMs: 1000, maxDelayMs: 60_000, budgetMs: 10_000 } });
    await expect(c.call('VM.start', 'r', false, false)).rejects.toMatchObject({ code: 'TOO_MANY_PENDING_TASKS' });
    expect(clock.now()).toBeLessThanOrEqual(10_000);
    expect(clock.sleeps.length).toBeGreaterThan(1);
  });

  it('retries INTERNAL_ERROR once, and only for idempotent calls', async () => {
    const s = await server(() => ({ error: ['INTERNAL_ERROR', 'boom'] }));
    const { c } = client(s.url);
    await expect(c.call('VM.get_record', 'r')).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    await expect(c.call('VM.clone', 'r', 'n')).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(s.requests.filter((r) => r.method === 'VM.get_record')).toHaveLength(2);
    expect(s.requests.filter((r) => r.method === 'VM.clone')).toHaveLength(1);
  });
});
