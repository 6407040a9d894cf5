/**
 * Faults, latency, persistence, the CLI command and bad input (including a fuzz run): the
 * simulator must keep answering and never crash.
 */
import fc from 'fast-check';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { ManualClock, SimulatorStateError, startSimulator } from '../src/simulator';
import { RawClient, RawXapiError, closeRawClients, post } from '../src/simulator/testing/raw-client';
import { encodeMethodCall } from '../src/xenapi/wire/xmlrpc';
import { register, setWaitForStop } from '../src/cli/commands/simulator';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'xcpform-sim-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  closeRawClients();
});

async function failure(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof RawXapiError) return err.description;
    throw err;
  }
  throw new Error('expected a XenAPI failure');
}

describe('fault injection', () => {
  test('targeted faults fire before the call takes effect, then stop', async () => {
    const sim = await startSimulator({ pools: [{ name: 'f', hosts: 1 }], faults: [{ method: 'VM.get_all', kind: 'OTHER_OPERATION_IN_PROGRESS', times: 2 }] });
    try {
      const c = new RawClient(sim.pools[0].url);
      await c.login();
      expect((await failure(c.call('VM.get_all')))[0]).toBe('OTHER_OPERATION_IN_PROGRESS');
      expect((await failure(c.call('VM.get_all')))[0]).toBe('OTHER_OPERATION_IN_PROGRESS');
      expect(Array.isArray(await c.call('VM.get_all'))).toBe(true);

      sim.world.faults.add({ method: 'pool.get_all', kind: 'SESSION_INVALID', times: 1 });
      expect(await failure(c.call('pool.get_all'))).toEqual(['SESSION_INVALID', c.session]);
      expect((await failure(c.call('pool.get_all')))[0]).toBe('SESSION_INVALID'); // the session really expired
      await c.login();
      expect(await c.call('pool.get_all')).toHaveLength(1);

      sim.world.faults.add({ method: 'host.get_all', kind: 'DROP_CONNECTION', times: 1 });
      await expect(c.call('host.get_all')).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect(await c.call('host.get_all')).toHaveLength(1);

      sim.world.faults.add({ method: 'session.login_with_password', kind: 'HOST_IS_SLAVE', times: 1 });
      expect((await failure(c.login()))[0]).toBe('HOST_IS_SLAVE');
    } finally {
      await sim.close();
    }
  });

  test('a seeded fault rate gives the same sequence every run', async () => {
    const run = async (): Promise<string[]> => {
      const sim = await startSimulator({ pools: [{ name: 'r', hosts: 1 }], faultRate: 0.3, seed: 42 });
      const c = new RawClient(sim.pools[0].url);
      await c.login();
      const seen: string[] = [];
      for (let i = 0; i < 30; i++) {
        try {
          await c.call('VM.get_all');
          seen.push('ok');
        } catch (err) {
          seen.push(err instanceof RawXapiError ? err.code : 'dropped');
          if (err instanceof RawXapiError && err.code === 'SESSION_INVALID') await c.login();
        }
      }
      await sim.close();
      return seen;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a.filter((x) => x !== 'ok').length).toBeGreaterThan(3);
  });

  test('latency per call follows the injected clock', async () => {
    const clock = new ManualClock();
    const sim = await startSimulator({ pools: [{ name: 'l', hosts: 1 }], clock, latencyMs: 5000 });
    try {
      const c = new RawClient(sim.pools[0].url);
      const pending = c.login();
      let done = false;
      void pending.then(() => (done = true));
      await clock.advance(4000);
      expect(done).toBe(false);
      await clock.advance(1000);
      await pending;
      expect(c.session).toMatch(/^OpaqueRef:/);
    } finally {
      await sim.close();
    }
  });
});

describe('persistence', () => {
  test('a second run sees the same world; the file is 0600', async () => {
    const file = path.join(dir, 'world.json');
    const one = await startSimulator({ pools: [{ name: 'p', hosts: 2 }], stateFile: file });
    const c = new RawClient(one.pools[0].url);
    await c.login();
    const net = await c.call<string>('network.create', { name_label: 'persisted', other_config: { k: 'v' } });
    await one.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const two = await startSimulator({ stateFile: file });
    try {
      expect(two.pools.map((p) => p.name)).toEqual(['p']);
      const d = new RawClient(two.pools[0].url);
      await d.login();
      expect(await d.call('network.get_name_label', net)).toBe('persisted');
      expect(await d.call('network.get_other_config', net)).toEqual({ k: 'v' });
      expect((await failure(d.callRaw('VM.get_all', [c.session])))[0]).toBe('SESSION_INVALID');
    } finally {
      await two.close();
    }
  });

  test.each([
    ['not JSON', '{"format":'],
    ['not a state file', '{"hello": 1}'],
    ['damaged pools', '{"format":"xcpform-simulator-state","version":1,"pools":[{"name":3}]}'],
  ])('a corrupt file (%s) gives a clear error', async (_n, text) => {
    const file = path.join(dir, `bad-${Math.random()}.json`);
    writeFileSync(file, text);
    await expect(startSimulator({ stateFile: file })).rejects.toThrow(SimulatorStateError);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('xcpform simulator command', () => {
  test('prints one line per pool, then ready, and saves on stop', async () => {
    const file = path.join(dir, 'cli.json');
    let out = '';
    let err = '';
    let code = -1;
    let stop!: (s: string) => void;
    setWaitForStop(() => new Promise((r) => (stop = r)));
    const program = new Command().exitOverride();
    register(program, { stdout: (t) => (out += t), stderr: (t) => (err += t), env: {}, cwd: dir, isTty: false }, (c) => (code = c));
    const running = program.parseAsync(['simulator', '--pools', 'a:1,b:2', '--state', file, '--password', 's3cret'], { from: 'user' });
    while (!out.includes('ready')) await new Promise((r) => setTimeout(r, 5));
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^pool a http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toMatch(/^pool b http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[2]).toBe('ready');
    const c = new RawClient(lines[1].split(' ')[2]);
    await c.login('root', 's3cret');
    stop('SIGTERM');
    await running;
    expect(code).toBe(0);
    expect(err).toContain('state saved');
    expect(out + err).not.toContain('s3cret');
    expect(JSON.parse(readFileSync(file, 'utf8')).pools).toHaveLength(2);
  });

  test('bad --pools is a usage error', async () => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    register(program, { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: dir, isTty: false }, () => undefined);
    await expect(program.parseAsync(['simulator', '--pools', 'bad name'], { from: 'user' })).rejects.toThrow(/NAME:HOSTS/);
  });
});

describe('bad input never crashes the server', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let url: string;
  beforeAll(async () => {
    sim = await startSimulator({ pools: [{ name: 'z', hosts: 1 }], maxBodyBytes: 64 * 1024 });
    url = sim.pools[0].url;
  });
  afterAll(() => sim.close());

  test('malformed XML gets HTTP 500 text/html; malformed JSON likewise', async () => {
    const x = await post(url, '/', '<methodCall><oops', 'text/xml');
    expect([x.status, x.type]).toEqual([500, 'text/html']);
    const j = await post(url, '/jsonrpc', '{"method":', 'application/json');
    expect([j.status, j.type]).toEqual([500, 'text/html']);
    const v = await post(url, '/jsonrpc', '{"jsonrpc":"9","method":"x","params":[],"id":4}', 'application/json');
    expect(v.status).toBe(200);
    expect(JSON.parse(v.text)).toMatchObject({ jsonrpc: '2.0', id: 4, error: { code: 1 } });
  });

  test('content types are exactly text/xml and application/json', async () => {
    const x = await post(url, '/RPC2', encodeMethodCall('system.listMethods', []), 'text/xml');
    expect(x.type).toBe('text/xml');
    expect(x.text.startsWith('<?xml version="1.0"?><methodResponse><params><param><value><array>')).toBe(true);
    const j = await post(url, '/jsonrpc', '{"method":"system.listMethods","params":[],"id":1}', 'application/json');
    expect(j.type).toBe('application/json');
    expect(JSON.parse(j.text)).toMatchObject({ error: null, id: 1 });
  });

  test('huge bodies get HTTP 413', async () => {
    const big = await post(url, '/', 'x'.repeat(100 * 1024), 'text/xml').catch(() => ({ status: 413 }));
    expect(big.status).toBe(413);
    expect((await post(url, '/jsonrpc', '{"method":"system.listMethods","params":[],"id":1}', 'application/json')).status).toBe(200);
  });

  test('fuzz: random and mutated requests always get an answer', async () => {
    const seedXml = encodeMethodCall('session.login_with_password', ['root', 'xcpform']);
    const seedJson = JSON.stringify({ jsonrpc: '2.0', method: 'VM.get_all_records', params: ['OpaqueRef:x'], id: 1 });
    const mutate = (s: string, cuts: number[], junk: string): string => {
      let out = s;
      for (const c of cuts) {
        const at = c % (out.length + 1);
        out = out.slice(0, at) + junk + out.slice(at + (c % 7));
      }
      return out;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.tuple(fc.constant('/'), fc.array(fc.nat(), { maxLength: 4 }), fc.string({ maxLength: 12 })).map(([p, cuts, junk]) => [p, mutate(seedXml, cuts, junk)] as const),
          fc.tuple(fc.constant('/jsonrpc'), fc.array(fc.nat(), { maxLength: 4 }), fc.string({ maxLength: 12 })).map(([p, cuts, junk]) => [p, mutate(seedJson, cuts, junk)] as const),
          fc.tuple(fc.constantFrom('/', '/jsonrpc', '/xmlrpc'), fc.fullUnicodeString({ maxLength: 200 })),
          fc.tuple(fc.constant('/jsonrpc'), fc.json()).map(([p, j]) => [p, j] as const),
          fc.tuple(
            fc.constant('/'),
            fc.tuple(fc.string({ maxLength: 30 }), fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.dictionary(fc.string(), fc.string())), { maxLength: 5 })),
          ).map(([p, [m, params]]) => [p, encodeMethodCall(m, params)] as const),
        ),
        async ([p, body]) => {
          const res = await post(url, p, body, p === '/jsonrpc' ? 'application/json' : 'text/xml');
          expect([200, 500]).toContain(res.status);
        },
      ),
      { numRuns: 150 },
    );
    const alive = await post(url, '/jsonrpc', '{"method":"system.listMethods","params":[],"id":1}', 'application/json');
    expect(alive.status).toBe(200);
  });

  test('garbage HTTP does not take the server down', async () => {
    const u = new URL(url);
    await new Promise<void>((resolve) => {
      const socket = require('node:net').connect(Number(u.port), u.hostname, () => socket.end('NOT HTTP\r\n\r\n'));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    const ok = await new Promise<number>((resolve) => http.get(`${url}/`, (res) => (res.resume(), resolve(res.statusCode ?? 0))));
    expect(ok).toBe(200);
  });
});
