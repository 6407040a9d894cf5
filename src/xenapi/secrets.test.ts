/**
 * Secrets never reach errors or logs: the password, the session ref, and secret-looking map
 * entries are redacted from every error kind and every log entry the client produces.
 */
import { XapiClient } from './client';
import { VirtualClock } from './clock';
import type { XapiLogEntry } from './log';
import { redactArgs } from './redact';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from './testing/scripted-server';

const PASSWORD = 'Pa55w0rd-very-secret';
const SESSION = 'OpaqueRef:0badc0de-5e55-4e55-8e55-000000000001';
const CHAP = 'chap-secret-value';

const faults: Array<[string, ScriptedReply]> = [
  ['XAPI failure echoing the session', { error: ['SESSION_INVALID', SESSION] }],
  ['XAPI failure echoing the password', { error: ['INTERNAL_ERROR', `login ${PASSWORD} failed`] }],
  ['HTTP error echoing arguments', { http: 500, body: `bad call with ${PASSWORD} and ${SESSION} and ${CHAP}` }],
  ['dropped connection', { drop: true }],
  ['malformed reply', { http: 200, contentType: 'application/json', body: `{"oops ${SESSION}` }],
];

describe.each(faults)('no secret leaks on %s', (_name, fault) => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer((req) => {
      if (req.method === 'session.login_with_password') return { value: SESSION };
      if (req.method === 'session.logout') return { value: '' };
      return fault;
    });
  });
  afterAll(() => server.close());

  it('keeps the error and the log clean', async () => {
    const log: XapiLogEntry[] = [];
    const url = server.url.replace('://', `://root:${PASSWORD}@`);
    const c = new XapiClient({ url, credentials: { username: 'root', password: PASSWORD }, clock: new VirtualClock(), log: (e) => log.push(e) });
    const err = (await c
      .call('SR.create', 'OpaqueRef:host', { target: '10.0.0.9', chappassword: CHAP }, 0, 'iscsi', '', 'lvmoiscsi', 'user', true, {})
      .catch((e) => e)) as Error;
    await c.close();
    expect(err).toBeInstanceOf(Error);
    const surfaces = [err.message, String(err.stack), JSON.stringify(err), JSON.stringify((err as { call?: unknown }).call), JSON.stringify(log), c.url];
    for (const text of surfaces) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(SESSION);
      expect(text).not.toContain(CHAP);
    }
    expect((err as { call?: { method: string } }).call?.method).toBe('SR.create');
    expect(log.some((e) => e.event === 'call' && e.method === 'SR.create')).toBe(true);
  });
});

describe('redactArgs', () => {
  it.each<[string, string, unknown[], unknown[]]>([
    ['login password', 'session.login_with_password', ['root', 'pw', '1.0', 'x'], ['root', '<redacted>', '1.0', 'x']],
    ['session ref', 'VM.start', ['OpaqueRef:s', 'OpaqueRef:vm', false, false], ['<session>', 'OpaqueRef:vm', false, false]],
    ['async session ref', 'Async.VM.clone', ['OpaqueRef:s', 'OpaqueRef:vm', 'n'], ['<session>', 'OpaqueRef:vm', 'n']],
    ['pool.join password', 'pool.join', ['OpaqueRef:s', '10.0.0.1', 'root', 'pw'], ['<session>', '10.0.0.1', 'root', '<redacted>']],
    ['device_config secrets', 'PBD.create', ['s', { device_config: { server: 'nfs', password: 'x' } }], ['<session>', { device_config: { server: 'nfs', password: '<redacted>' } }]],
    ['map value under a secret key', 'VM.add_to_other_config', ['s', 'OpaqueRef:vm', 'vpn_psk', 'x'], ['<session>', 'OpaqueRef:vm', 'vpn_psk', '<redacted>']],
    ['migrate_receive session_id', 'VM.migrate_send', ['s', 'v', { session_id: 'OpaqueRef:o', master: 'http://m' }], ['<session>', 'v', { session_id: '<redacted>', master: 'http://m' }]],
    ['plain values kept', 'VM.add_to_other_config', ['s', 'v', 'xcpform:address', 'xcp_vm.web'], ['<session>', 'v', 'xcpform:address', 'xcp_vm.web']],
    ['system calls have no session', 'system.listMethods', [], []],
  ])('%s', (_name, method, args, expected) => {
    expect(redactArgs(method, args)).toEqual(expected);
  });
});

describe('session ids inside URLs', () => {
  test('are redacted from values and text whoever owns the session', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { redactValue, scrubText } = require('./redact') as typeof import('./redact');
    const url = 'http://10.0.0.2/services/SM?session_id=OpaqueRef:a99f1035-1a61-4000-8000-000000000000&x=1';
    expect(JSON.stringify(redactValue({ SM: url }))).not.toContain('a99f1035');
    expect(scrubText(`failed with ${url}`, [])).not.toContain('a99f1035');
    expect(scrubText(`failed with ${url}`, [])).toContain('x=1');
  });
});
