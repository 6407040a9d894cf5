/**
 * Crash safety with real processes: a child takes the state lock and persists state changes
 * in a loop through the real StateManager and LocalBackend; the test kills it with SIGKILL at
 * random moments. After every kill the state file must parse, never be empty or partial, and
 * hold at least every change the child saw acknowledged. The next child starts on the same
 * folder, so it also has to break the dead child's (stale) lock and clean its temp files.
 *
 * The child runs plain JavaScript transpiled from src/ (TypeScript's transpileModule) so each
 * start costs tens of milliseconds, not a ts-node boot.
 */
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn } from 'child_process';
import * as ts from 'typescript';
import { decodeStateV4 } from '../src/state/file-v4';

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

const CHILD = `
const { LocalBackend } = require('./src/state/backends/local');
const { StateManager } = require('./src/state/manager');
const { setInstance, providerAddress } = require('./src/state/model');
(async () => {
  const backend = new LocalBackend({ path: process.argv[2] });
  await backend.lock({ operation: 'OperationTypeApply' });
  const { manager, diagnostics } = await StateManager.open(backend);
  if (!manager) { console.error(JSON.stringify(diagnostics)); process.exit(3); }
  const pad = 'x'.repeat(2000);
  for (let i = 0; ; i++) {
    const n = manager.state.resources.length ? manager.state.resources[0].instances.length : 0;
    await manager.apply((s) => setInstance(s, { mode: 'managed', type: 'xcp_vm', name: 'vm', key: n },
      { schemaVersion: 0, attributes: { name_label: 'vm' + n, pad }, sensitiveAttributes: [], dependencies: [] }, providerAddress()));
    process.stdout.write(manager.serial + '\\n');
  }
})().catch((e) => { console.error(e); process.exit(2); });
`;

/** Runs the child until it has acknowledged `acks` writes, then SIGKILLs it; resolves the last acked serial. */
function runAndKill(dir: string, file: string, acks: number): Promise<{ lastAck: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dir, 'child.js'), file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0;
    let lastAck = 0;
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        lastAck = Math.max(lastAck, Number(l));
        if (++seen === acks) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve({ lastAck, stderr }) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
}

describe('state survives kill -9 at random moments', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'xcpform-crash-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('always leaves a complete, parseable state holding every acknowledged change', async () => {
    transpileTree(work);
    writeFileSync(path.join(work, 'child.js'), CHILD);
    const stateDir = path.join(work, 'wd');
    mkdirSync(stateDir);
    const file = path.join(stateDir, 'terraform.tfstate');
    let seed = 42;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let lineage: string | undefined;
    let lastSerial = 0;
    const iterations = 30;
    for (let i = 0; i < iterations; i++) {
      const { lastAck } = await runAndKill(work, file, 1 + Math.floor(rand() * 6));
      const text = readFileSync(file, 'utf8');
      expect(text.length).toBeGreaterThan(0);
      const { state, diagnostics } = decodeStateV4(text, file);
      expect(diagnostics).toEqual([]);
      expect(state!.serial).toBeGreaterThanOrEqual(lastAck); // acknowledged ⇒ on disk
      expect(state!.serial).toBeGreaterThan(lastSerial);
      expect(state!.resources[0].instances).toHaveLength(state!.serial); // one change per write
      lineage ??= state!.lineage;
      expect(state!.lineage).toBe(lineage); // created once
      lastSerial = state!.serial;
      // Whatever was left behind is only our own files (lock + temps of the dead child).
      for (const f of readdirSync(stateDir)) expect(f).toMatch(/^(\.)?terraform\.tfstate/);
    }
    const temps = readdirSync(stateDir).filter((f) => f.includes('.tmp-'));
    expect(temps.length).toBeLessThanOrEqual(1); // at most the last child's, cleaned by the next lock holder
  }, 120_000);
});
