/**
 * The rehearsal's compiler setting (`src/rehearsal/compiler-tuning.ts`): V8 inlines nothing
 * while a rehearsal runs and inlines again once the last one has ended; a user's own choice is
 * left alone. V8's flags cannot be read back, so a child Node process shows what its compiler
 * does (`--trace-turbo-inlining`), compiling on its main thread (`--no-concurrent-recompilation`)
 * so every compilation happens before the next line of the script.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { userSetInlining, withCompilerTuning } from '../src/rehearsal/compiler-tuning';

/** A hot call of `add` under the tuning, then another once it has ended, with a marker between. */
const SCRIPT = `
const { withCompilerTuning } = require('./compiler-tuning.js');
function add(a, b) { return a + b; }
function during(x) { return add(x, 1); }
function after(x) { return add(x, 2); }
let s = 0;
(async () => {
  await withCompilerTuning(async () => { for (let i = 0; i < 300000; i++) s += during(i); });
  console.log('--- tuning ended');
  for (let i = 0; i < 300000; i++) s += after(i);
  console.log(s > 0 ? '--- done' : '');
})();
`;

/** The trace of the script run with `nodeArgs`, split at the marker. */
function traced(nodeArgs: string[]): { during: string; after: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-tuning-'));
  try {
    const source = readFileSync(join(__dirname, '..', 'src', 'rehearsal', 'compiler-tuning.ts'), 'utf8');
    writeFileSync(join(dir, 'compiler-tuning.js'), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText);
    writeFileSync(join(dir, 'main.js'), SCRIPT);
    const r = spawnSync(process.execPath, [...nodeArgs, '--trace-turbo-inlining', '--no-concurrent-recompilation', 'main.js'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 1 << 26,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--- done');
    const [during, after] = r.stdout.split('--- tuning ended');
    return { during, after };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const INLINED_ADD = /Inlining 0x[0-9a-f]+ \{0x[0-9a-f]+ <SharedFunctionInfo add>\}/;

describe('compiler tuning during a rehearsal', () => {
  test('nothing is inlined while it runs; inlining is back once it has ended', () => {
    const { during, after } = traced([]);
    expect(during).not.toMatch(/^Inlining 0x/m);
    expect(after).toMatch(INLINED_ADD);
  });

  test('a user who chose the setting for Node keeps it', () => {
    const { during } = traced(['--turbo-inlining']);
    expect(during).toMatch(INLINED_ADD);
  });

  test('the user\'s choice is found in every spelling, and only there', () => {
    for (const a of ['--no-turbo-inlining', '--turbo-inlining', '--turbo_inlining', '--noturbo-inlining', '--no-turbo_inlining', '--turbo-inlining=false']) {
      expect(userSetInlining([a], undefined)).toBe(true);
      expect(userSetInlining([], `--max-old-space-size=100 ${a}`)).toBe(true);
    }
    for (const other of ['--trace-turbo-inlining', '--turbo-inlining-x', '--max-inlined-bytecode-size=10', '']) {
      expect(userSetInlining([other], other)).toBe(false);
    }
  });

  test('overlapping rehearsals switch it once, back when the last ends, also when one throws', async () => {
    const calls: string[] = [];
    const set = (flags: string): void => { calls.push(flags); };
    let release!: () => void;
    const first = withCompilerTuning(() => new Promise<void>((resolve) => { release = resolve; }), set);
    await expect(withCompilerTuning(() => Promise.reject(new Error('copy failed')), set)).rejects.toThrow('copy failed');
    expect(calls).toEqual(['--no-turbo-inlining']);
    release();
    await first;
    expect(calls).toEqual(['--no-turbo-inlining', '--turbo-inlining']);
    await expect(withCompilerTuning(() => Promise.reject(new Error('apply failed')), set)).rejects.toThrow('apply failed');
    expect(calls).toEqual(['--no-turbo-inlining', '--turbo-inlining', '--no-turbo-inlining', '--turbo-inlining']);
  });
});
