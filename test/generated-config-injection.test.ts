/**
 * Generated configuration never turns outside text into expressions: every string that
 * `xcpform ovf import` copies from a package (names, descriptions, network names as map keys)
 * survives a round trip through xcpform's own loader, as .tf.json and as a synthesized CDKTF
 * stack, and evaluates to itself — `${`, `%{`, quotes, newlines, `*\/`, backticks, non-ASCII.
 */
import { mkdtempSync, promises as fs, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { ConfigEvaluator } from '../src/config/evaluator';
import { loadConfig } from '../src/config/load';
import type { ImportSpec } from '../src/ovf/import-spec';
import { spawnSync } from 'node:child_process';
import { writeImportConfig } from '../src/ovf/import-config';
import { escapeTemplate } from '../src/ovf/render-escape';
import { renderCdktf } from '../src/ovf/render-cdktf';
import { renderTfJson } from '../src/ovf/render-tf-json';
import type { Value } from '../src/values/value';

const HOSTILE = '${file("/etc/hostname")} %{ if true }x%{ endif } "q" \'s\' \\n */ `tick` é ✓ 日本 $${x} %%{y} $ %';
const tmp = (p: string): string => mkdtempSync(join(tmpdir(), p));
const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');

/** Loads a folder and evaluates every resource; references and variables stay unknown. */
async function evaluate(dir: string): Promise<Record<string, Record<string, Value>>> {
  const { config, diagnostics } = await loadConfig(dir, { cwd: dir, schemaCheck: false });
  expect(diagnostics.filter((d) => d.severity === 'error' && d.code !== 'config.missing-variable' && !/variable/.test(d.code))).toEqual([]);
  const ev = new ConfigEvaluator(config);
  const out: Record<string, Record<string, Value>> = {};
  for (const b of ev.blocks) {
    const r = ev.evaluateBlock(b.address, () => undefined);
    out[b.address] = r.instances[0].values;
  }
  return out;
}

/** A spec with the text in every place the renderers put package text. */
function spec(text: string, key: string): ImportSpec {
  return {
    name: 'app',
    variables: [{ name: 'network_x', description: text, default: text }],
    resources: [
      { type: 'xcp_appliance', name: 'app', attrs: { name_label: text, name_description: `${text}!`, import_network_map: { kind: 'map', entries: { [key]: { kind: 'var', name: 'network_x' }, plain: text } } } },
      { type: 'xcp_vm', name: 'vm', attrs: { name_label: text, appliance: { kind: 'attr', type: 'xcp_appliance', name: 'app', attr: 'uuid' }, xenstore_data: { kind: 'map', entries: { [key]: text } } } },
    ],
  };
}

function expectRoundTrip(values: Record<string, Record<string, Value>>, text: string, key: string): void {
  const app = values['xcp_appliance.app'];
  expect(app.name_label).toBe(text);
  expect(app.name_description).toBe(`${text}!`);
  expect(Object.keys(app.import_network_map as object).sort()).toEqual([key, 'plain'].sort());
  expect((app.import_network_map as Record<string, Value>).plain).toBe(text);
  const vm = values['xcp_vm.vm'];
  expect(vm.name_label).toBe(text);
  expect(vm.xenstore_data).toEqual({ [key]: text });
}

/** Synthesizes a rendered CDKTF main.ts (transpiled, run with the repository's bindings). */
function synthCdktf(src: string): string {
  const out = ts.transpileModule(src, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  expect(out.diagnostics).toEqual([]);
  const mod = { exports: {} as { synth(outdir: string): string } };
  const req = (id: string): unknown => (id === 'xcpform/cdktf' ? require('../cdktf') : require(id));
  new Function('require', 'module', 'exports', '__dirname', out.outputText)(req, mod, mod.exports, tmp('cdktf-src-'));
  const stack = mod.exports.synth(tmp('cdktf-out-'));
  const dir = tmp('cdktf-stack-');
  writeFileSync(join(dir, 'cdk.tf.json'), readFileSync(stack));
  return dir;
}

// Text the loader keeps as is: the template language has no escape for a lone `$` or `%` before
// `{` other than doubling, which the renderers do; NUL and lone surrogates are not text.
const text = fc.string({ unit: fc.constantFrom('$', '%', '{', '}', '"', '\\', '\n', '\t', '*', '/', '`', "'", 'é', '日', '😀', 'a', ' ', '~') , maxLength: 24 });

describe('generated .tf.json (ovf import)', () => {
  test('hostile text evaluates to itself through xcpform\'s loader', async () => {
    const dir = tmp('inject-json-');
    writeFileSync(join(dir, 'app.tf.json'), renderTfJson(spec(HOSTILE, HOSTILE)));
    expectRoundTrip(await evaluate(dir), HOSTILE, HOSTILE);
    // The variable's description and default are literal in the JSON syntax.
    const doc = JSON.parse(readFileSync(join(dir, 'app.tf.json'), 'utf8'));
    expect(doc.variable.network_x).toEqual({ type: 'string', description: HOSTILE, default: HOSTILE });
  });

  test('property: any text and map key round-trip (seeded)', async () => {
    await fc.assert(fc.asyncProperty(text, text.filter((k) => k.length > 0 && k !== 'plain'), async (t, k) => {
      const dir = tmp('inject-json-');
      writeFileSync(join(dir, 'app.tf.json'), renderTfJson(spec(t, k)));
      expectRoundTrip(await evaluate(dir), t, k);
    }), { seed: 18, numRuns: 150 });
  });

  test('ovf import of a package named ${file(...)}: the name stays text, no file is read', async () => {
    const src = readFileSync(join(__dirname, 'fixtures', 'ovf', 'collection-3', 'three-tier.ovf'), 'utf8');
    const evil = '${file("/etc/hostname")}';
    const pkg = join(tmp('inject-pkg-'), 'evil.ovf');
    writeFileSync(pkg, src
      // (functions as replacements: a replacement string would read `$$` as `$`)
      .replace('<ovf:Name>Three tier</ovf:Name>', () => `<ovf:Name>${xml(evil)}</ovf:Name>`)
      .replace('<ovf:Name>database</ovf:Name>', () => `<ovf:Name>${xml(HOSTILE)}</ovf:Name>`)
      .replace('<ovf:Info>A three-tier application</ovf:Info>', () => `<ovf:Info>${xml('%{ for x in [1] }${x}%{ endfor }')}</ovf:Info>`)
      .replace(/"front"/, () => `"${xml('${path.cwd}')}"`).replace(/>front</g, () => `>${xml('${path.cwd}')}<`));
    const out = tmp('inject-out-');
    const r = await writeImportConfig(pkg, { outDir: out, format: 'tf.json' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const values = await evaluate(out);
    const app = Object.entries(values).find(([a]) => a.startsWith('xcp_appliance.'))![1];
    expect(app.name_label).toBe(evil);
    expect(app.name_description).toBe('%{ for x in [1] }${x}%{ endfor }');
    expect(Object.keys(app.import_network_map as object)).toContain('${path.cwd}');
    const labels = Object.entries(values).filter(([a]) => a.startsWith('xcp_vm.')).map(([, v]) => v.name_label);
    expect(labels).toContain(HOSTILE.trim());
  });
});

describe('the escape, read by real terraform', () => {
  test('terraform console evaluates escaped text and keys to themselves', () => {
    const dir = tmp('inject-tf-');
    const t = `${HOSTILE}\nline 2`;
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ locals: { x: escapeTemplate(t), m: { [escapeTemplate(t)]: 1 } } }));
    const r = spawnSync('terraform', ['console'], { cwd: dir, input: 'jsonencode([local.x, keys(local.m)[0]])\n', encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
    expect(r.status).toBe(0);
    expect(JSON.parse(JSON.parse(r.stdout.trim()))).toEqual([t, t]);
  });
});

describe('generated CDKTF stack (ovf import --format cdktf)', () => {
  test('hostile text compiles, synthesizes and evaluates to itself', async () => {
    const src = renderCdktf(spec(HOSTILE, HOSTILE));
    expectRoundTrip(await evaluate(synthCdktf(src)), HOSTILE, HOSTILE);
    const doc = JSON.parse(await fs.readFile(join(synthCdktf(src), 'cdk.tf.json'), 'utf8'));
    expect(doc.variable.network_x.description).toBe(HOSTILE);
    expect(doc.variable.network_x.default).toBe(HOSTILE);
  });

  test('a stack name with */ cannot end the header comment', () => {
    const src = renderCdktf({ ...spec('x', 'k'), name: 'a*/ process.exit(1) /*' });
    expect(src.split('*/')[0]).toContain('a*\\/ process.exit(1) /*');
  });

  test('property: any text and map key round-trip (seeded)', async () => {
    await fc.assert(fc.asyncProperty(text, text.filter((k) => k.length > 0 && k !== 'plain'), async (t, k) => {
      expectRoundTrip(await evaluate(synthCdktf(renderCdktf(spec(t, k)))), t, k);
    }), { seed: 18, numRuns: 40 });
  });
});
