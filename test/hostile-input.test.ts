/**
 * Parsers fed hostile files end in a diagnostic naming the file, at once: a `.tf.json` or `.tf`
 * nested 100,000 levels deep, invalid UTF-8 in a configuration file (refused, as Terraform
 * does, instead of becoming U+FFFD and reaching XenAPI), and an OVF descriptor nested 40,000
 * levels deep (refused at the depth limit; the time grows linearly with the input at most).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfigFiles } from '../src/config/files';
import { readOvfPackage } from '../src/ovf/package-reader';
import { parseXml } from '../src/ovf/xml-tree';
import { xcpform } from './helpers/cli';

const folder = (files: Record<string, string | Buffer>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-hostile-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

describe('configuration files nested 100,000 levels deep', () => {
  const n = 100_000;
  test('.tf.json: a diagnostic naming the file and line, from the CLI', () => {
    const dir = folder({ 'deep.tf.json': `{"locals": {\n"x": ${'['.repeat(n)}${']'.repeat(n)}}}` });
    const r = xcpform(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('deep.tf.json: values nested more than 128 levels deep');
    expect(r.stderr).toContain('on deep.tf.json line 2');
    expect(r.stderr).not.toMatch(/call stack|RangeError|\n\s+at /);
  });

  test('.tf: the same diagnostic, before the HCL parser recurses', async () => {
    const dir = folder({ 'deep.tf': `locals {\n  x = ${'['.repeat(n)}${']'.repeat(n)}\n}\n` });
    const { files, diagnostics } = await loadConfigFiles(dir, dir);
    expect(files).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.source?.filename, d.source?.line])).toEqual([['config.too-deep', 'deep.tf', 2]]);
  });

  test('nesting at the limit still loads', async () => {
    const dir = folder({ 'ok.tf.json': JSON.stringify({ locals: { x: JSON.parse(`${'['.repeat(126)}1${']'.repeat(126)}`) } }) });
    const { files, diagnostics } = await loadConfigFiles(dir, dir);
    expect(diagnostics).toEqual([]);
    expect(files).toHaveLength(1);
  });
});

describe('invalid UTF-8 in configuration files', () => {
  test.each([
    ['main.tf', Buffer.concat([Buffer.from('locals {\n  a = "ok"\n  x = "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]), 3],
    ['main.tf.json', Buffer.concat([Buffer.from('{"locals": {\n"x": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}}')]), 2],
    ['over.tf', Buffer.concat([Buffer.from('# overlong slash: '), Buffer.from([0xc0, 0xaf]), Buffer.from('\n')]), 1],
  ])('%s: an error naming the file and line, from the CLI', (name, bytes, line) => {
    const dir = folder({ [name]: bytes });
    const r = xcpform(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${name}: invalid character encoding`);
    expect(r.stderr).toContain(`on ${name} line ${line}`);
  });

  test('UTF-8 text (accents, CJK, emoji) is read as it is', async () => {
    const dir = folder({ 'main.tf': 'locals {\n  x = "café 日本 😀"\n}\n' });
    const { files, diagnostics } = await loadConfigFiles(dir, dir);
    expect(diagnostics).toEqual([]);
    expect(JSON.stringify(files[0].body)).toContain('café 日本 😀');
  });
});

/** Median wall time of `runs` calls, in ms. */
function median(fn: () => void, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

describe('an empty OVA (found by the fuzzer)', () => {
  test('a tar holding no member is a diagnostic, not a TypeError', async () => {
    const path = join(folder({ 'empty.ova': Buffer.alloc(1024) }), 'empty.ova');
    const r = await readOvfPackage(path);
    expect(r.package).toBeUndefined();
    expect(r.diagnostics.map((d) => d.summary).join('\n')).toContain('the archive is empty');
  });
});

describe('an OVF descriptor nested 40,000 levels deep', () => {
  const deep = (n: number): string => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`;

  test('is refused at the depth limit, named by file and line', async () => {
    const path = join(folder({ 'deep.ovf': `<?xml version="1.0"?>\n${deep(40_000)}` }), 'deep.ovf');
    const r = await readOvfPackage(path);
    expect(r.package).toBeUndefined();
    expect(r.diagnostics.map((d) => d.summary).join('\n')).toContain('elements nested deeper than 64 levels');
  });

  test('parsing stops at the limit: time at 40,000 levels within a generous ratio of 4,000', () => {
    const small = deep(4_000);
    const big = deep(40_000);
    parseXml(small); // warm-up
    // Linear would be 10x (0x when parsing stops at the limit); quadratic would be 100x. A 1 ms
    // floor keeps timer noise out of the ratio.
    const ratio = (median(() => parseXml(big)) + 1) / (median(() => parseXml(small)) + 1);
    expect(ratio).toBeLessThan(20);
  });
});
