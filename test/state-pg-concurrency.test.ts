/**
 * Real processes against one PostgreSQL state: child processes take the workspace lock and
 * persist changes through the real StateManager and PgBackend. Two at once: one waits (or,
 * with a short lock timeout, fails naming the holder) and no change is lost or corrupted. A
 * holder killed with SIGKILL releases its lock, because the server ends its session.
 *
 * The child is plain JavaScript transpiled from src/ (as in state-crash.test.ts), so a start
 * costs tens of milliseconds; it finds `pg` through NODE_PATH.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { decodeStateV4 } from '../src/state/file-v4';
import { PgBackend } from '../src/state/backends/pg';
import { PgServer, startPgServer } from './helpers/pg-server';

const ROOT = path.resolve(__dirname, '..');

function transpileTree(out: string): void {
  // The state code and what it imports outside src/state (exact number text).
  const files = ['src/diagnostics.ts', 'src/values/json-text.ts', 'src/values/bignum.ts'];
  const walk = (d: string): void => {
    for (const e of readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const rel = path.join(d, e.name);
      if (e.isDirectory()) walk(rel);
      else if (rel.endsWith('.ts') && !rel.endsWith('.test.ts')) files.push(rel);
    }
  };
  walk('src/state');
  for (const f of files) {
    const js = ts.transpileModule(readFileSync(path.join(ROOT, f), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    const dest = path.join(out, f.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(dest), { recursive: true });
    writeFileSync(dest, js);
  }
}

/** argv: connStr, label, count (-1: forever), lockTimeoutMs, hold ("hold": wait for a stdin line after locking). */
const CHILD = `
const { PgBackend } = require('./src/state/backends/pg');
const { StateManager } = require('./src/state/manager');
const { setInstance, providerAddress } = require('./src/state/model');
const [connStr, label, count, timeoutMs, hold] = process.argv.slice(2);
const line = () => new Promise((resolve) => process.stdin.once('data', resolve));
(async () => {
  const backend = new PgBackend({ connStr, user: 'worker-' + label, hostname: 'host-' + label, version: '0.1.0' });
  let lock;
  try {
    lock = await backend.lock({ operation: 'OperationTypeApply', info: 'worker ' + label, timeoutMs: Number(timeoutMs) });
  } catch (e) {
    process.stderr.write(e.message);
    process.exit(4);
  }
  process.stdout.write('LOCKED\\n');
  if (hold === 'hold') await line();
  const { manager, diagnostics } = await StateManager.open(backend);
  if (!manager) { console.error(JSON.stringify(diagnostics)); process.exit(3); }
  const pad = 'x'.repeat(4000);
  for (let i = 0; Number(count) < 0 || i < Number(count); i++) {
    await manager.apply((s) => setInstance(s, { mode: 'managed', type: 'xcp_vm', name: label, key: i },
      { schemaVersion: 0, attributes: { name_label: label + i, pad }, sensitiveAttributes: [], dependencies: [] }, providerAddress()));
    process.stdout.write(manager.serial + '\\n');
  }
  await backend.unlock(lock.ID);
  process.stdout.write('DONE\\n');
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(2); });
`;

interface Worker {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  stderr: string;
  /** Resolves when a stdout line satisfies `pred`. */
  waitFor(pred: (l: string) => boolean): Promise<void>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let server: PgServer;
const work = mkdtempSync(path.join(os.tmpdir(), 'xcpform-pgconc-'));

beforeAll(async () => {
  server = await startPgServer();
  transpileTree(work);
  writeFileSync(path.join(work, 'child.js'), CHILD);
});
afterAll(() => {
  server?.stop();
  rmSync(work, { recursive: true, force: true });
});

function startWorker(connStr: string, label: string, count: number, timeoutMs: number, hold = false): Worker {
  const child = spawn(process.execPath, ['child.js', connStr, label, String(count), String(timeoutMs), hold ? 'hold' : ''], {
    cwd: work,
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
  });
  const lines: string[] = [];
  const waiters: Array<{ pred: (l: string) => boolean; resolve: () => void }> = [];
  let buf = '';
  const w: Worker = {
    child,
    lines,
    stderr: '',
    waitFor: (pred) => (lines.some(pred) ? Promise.resolve() : new Promise((resolve) => waiters.push({ pred, resolve }))),
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stderr.on('data', (d) => (w.stderr += d));
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      for (const x of waiters.filter((x) => x.pred(l))) {
        waiters.splice(waiters.indexOf(x), 1);
        x.resolve();
      }
    }
  });
  return w;
}

async function storedState(connStr: string) {
  const text = await new PgBackend({ connStr }).read();
  const { state, diagnostics } = decodeStateV4(text!, 'pg');
  expect(diagnostics).toEqual([]);
  return state!;
}

describe('pg state shared by concurrent processes', () => {
  test('two processes applying at once: the second waits for the lock; both land, nothing lost', async () => {
    const conn = await server.createDatabase('both');
    const a = startWorker(conn, 'a', 12, 60_000);
    const b = startWorker(conn, 'b', 12, 60_000);
    const [ea, eb] = await Promise.all([a.exit, b.exit]);
    expect([ea.code, eb.code, a.stderr + b.stderr]).toEqual([0, 0, '']);
    const state = await storedState(conn);
    expect(state.resources.map((r) => [r.name, r.instances.length]).sort()).toEqual([['a', 12], ['b', 12]]);
    expect(state.serial).toBe(24);
    // The serials each process saw never interleave: one ran entirely after the other.
    const serials = (w: Worker) => w.lines.filter((l) => /^\d+$/.test(l)).map(Number);
    const [first, second] = serials(a)[0] === 1 ? [serials(a), serials(b)] : [serials(b), serials(a)];
    expect(first).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(second).toEqual([13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
  });

  test('a second process with a short lock timeout fails naming the holder; the state holds only the holder\'s changes', async () => {
    const conn = await server.createDatabase('timeout');
    const a = startWorker(conn, 'a', 3, 0, true);
    await a.waitFor((l) => l === 'LOCKED');
    const b = startWorker(conn, 'b', 3, 400);
    const eb = await b.exit;
    expect(eb.code).toBe(4);
    expect(b.stderr).toMatch(/^Error acquiring the state lock: workspace "default" is being created or locked for creation \(waited 400ms\)/);
    expect(b.stderr).toContain('Who:       worker-a@host-a');
    expect(b.stderr).toContain('Operation: OperationTypeApply');
    expect(b.stderr).toContain('Info:      worker a');
    a.child.stdin.write('go\n');
    expect((await a.exit).code).toBe(0);
    // Now the row exists: a holder of an existing workspace is reported the same way.
    const c = startWorker(conn, 'c', 1, 0, true);
    await c.waitFor((l) => l === 'LOCKED');
    const d = startWorker(conn, 'd', 1, 300);
    expect((await d.exit).code).toBe(4);
    expect(d.stderr).toMatch(/workspace "default" is already locked \(waited 300ms\)[\s\S]*Who: {7}worker-c@host-c/);
    c.child.stdin.write('go\n');
    expect((await c.exit).code).toBe(0);
    const state = await storedState(conn);
    expect(state.resources.map((r) => [r.name, r.instances.length])).toEqual([['a', 3], ['c', 1]]);
    expect(state.serial).toBe(4);
  });

  test('a holder killed with SIGKILL mid-apply releases the lock; the state stays complete', async () => {
    const conn = await server.createDatabase('kill');
    let lastSerial = 0;
    for (let round = 0; round < 4; round++) {
      const w = startWorker(conn, 'k', -1, 20_000);
      const acks = 3 + round * 2;
      let seen = 0;
      let lastAck = 0;
      await w.waitFor((l) => {
        if (/^\d+$/.test(l)) lastAck = Number(l);
        return /^\d+$/.test(l) && ++seen === acks;
      });
      w.child.kill('SIGKILL');
      expect((await w.exit).signal).toBe('SIGKILL');
      // The database ended the dead session: the lock is free again well within the timeout.
      const b = new PgBackend({ connStr: conn });
      const lock = await b.lock({ operation: 'OperationTypeApply', timeoutMs: 20_000 });
      const state = await storedState(conn);
      expect(state.serial).toBeGreaterThanOrEqual(lastAck);
      expect(state.serial).toBeGreaterThan(lastSerial);
      expect(state.resources[0].instances).toHaveLength(Math.max(...state.resources[0].instances.map((i) => Number(i.indexKey))) + 1);
      lastSerial = state.serial;
      await b.unlock(lock.ID);
    }
  });
});
