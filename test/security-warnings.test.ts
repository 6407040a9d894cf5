/**
 * Weakened security is never silent: `insecure_tls = true` and an http:// pool URL with a
 * password are warned about (loopback excepted: that traffic never leaves the machine), and the
 * simulator warns when it listens beyond loopback with the default password. The simulator
 * also takes its password from a file or the environment, out of sight of `ps`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { PASSWORD_ENV, register, setWaitForStop } from '../src/cli/commands/simulator';
import { resolveProviderSettings } from '../src/provider/endpoints';
import { closeRawClients, RawClient, RawXapiError } from '../src/simulator/testing/raw-client';
import { xcpform } from './helpers/cli';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xcpform-warn-'));
afterAll(() => closeRawClients());

describe('provider settings that weaken security', () => {
  test('plan warns about http:// with a password and about insecure_tls, naming the pool, without the passwords', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'main.tf'), `provider "xcp" {
  pools = {
    lab = { url = "http://pool.invalid", password = "pw-secret-1" }
    tls = { url = "https://pool2.invalid", password = "pw-secret-2", insecure_tls = true }
  }
  default_pool = "lab"
}
`);
    const r = xcpform(['plan', '-refresh=false'], { cwd: dir });
    expect(r.code).toBe(0);
    const all = `${r.stdout}${r.stderr}`;
    expect(all).toContain('Warning: provider "xcp": pool "lab" sends its password over plain HTTP');
    expect(all).toContain('Warning: provider "xcp": pool "tls" does not verify the server\'s TLS certificate');
    expect(all).not.toMatch(/pw-secret/);
  });

  test('https with verification, loopback http and the embedded pool draw no warning', () => {
    const pools = {
      a: { url: 'https://pool.example', password: 'x' },
      b: { url: 'http://127.0.0.1:8080', password: 'x' },
      c: { url: 'http://localhost:1', password: 'x' },
      d: { url: 'embedded' },
    };
    const { diagnostics } = resolveProviderSettings({ pools, default_pool: 'a' }, {});
    expect(diagnostics).toEqual([]);
    const lan = resolveProviderSettings({ pools: { a: { url: 'http://10.0.0.5' } }, default_pool: 'a' }, { XCP_A_PASSWORD: 'x' });
    expect(lan.diagnostics.map((d) => [d.severity, d.code, d.path])).toEqual([['warning', 'provider.plaintext-password', ['pools', 'a', 'url']]]);
  });
});

/** Runs `xcpform simulator` in-process on a real server until `ready`; returns its output and a stopper. */
async function simulator(args: string[], env: Record<string, string> = {}) {
  const io = { out: '', err: '', code: -1 };
  let stop!: (s: string) => void;
  setWaitForStop(() => new Promise((r) => (stop = r)));
  const program = new Command().exitOverride();
  register(program, { stdout: (t) => (io.out += t), stderr: (t) => (io.err += t), env, cwd: tmp(), isTty: false }, (c) => (io.code = c));
  const running = program.parseAsync(['simulator', '--pools', 'a:1', ...args], { from: 'user' });
  while (!io.out.includes('ready') && io.code === -1) await new Promise((r) => setTimeout(r, 5));
  const url = /^pool a (\S+)$/m.exec(io.out)?.[1];
  return { io, url, stop: async () => { if (url) { stop('SIGTERM'); await running; } } };
}

const loginFails = async (c: RawClient, password: string): Promise<string[]> =>
  c.login('root', password).then(() => [], (e: RawXapiError) => e.description);

describe('xcpform simulator credentials', () => {
  test('--bind 0.0.0.0 with the default password: a warning', async () => {
    const s = await simulator(['--bind', '0.0.0.0']);
    await s.stop();
    expect(s.io.err).toContain('Warning: the simulator listens on 0.0.0.0, reachable from other machines, with the default password');
  });

  test('--password-file: that password is accepted, the default refused, nothing printed, no warning', async () => {
    const file = join(tmp(), 'pw');
    writeFileSync(file, 'from-a-file-7\n');
    const s = await simulator(['--bind', '0.0.0.0', '--password-file', file]);
    const c = new RawClient(s.url!.replace('0.0.0.0', '127.0.0.1'));
    await c.login('root', 'from-a-file-7');
    expect(await loginFails(c, 'xcpform')).toContain('SESSION_AUTHENTICATION_FAILED');
    await s.stop();
    expect(s.io.err).not.toContain('Warning');
    expect(s.io.out + s.io.err).not.toContain('from-a-file-7');
  });

  test(`${PASSWORD_ENV}: the password from the environment is accepted`, async () => {
    const s = await simulator([], { [PASSWORD_ENV]: 'from-the-env-9' });
    const c = new RawClient(s.url!);
    await c.login('root', 'from-the-env-9');
    expect(await loginFails(c, 'xcpform')).toContain('SESSION_AUTHENTICATION_FAILED');
    await s.stop();
  });

  test('an unreadable --password-file is an error, not the default password', async () => {
    const s = await simulator(['--password-file', join(tmp(), 'missing')]);
    expect(s.url).toBeUndefined();
    expect(s.io.code).toBe(1);
    expect(s.io.err).toMatch(/^Error: cannot read the simulator password: /);
  });
});
