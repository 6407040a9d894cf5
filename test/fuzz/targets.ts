/**
 * The parsers xcpform runs on input it does not control, as fuzz targets. Each target takes a
 * text (or bytes as latin1 text) and must end in a value or a diagnostic naming the file or
 * path: `run` returns which, and throws only when the parser crashed (an exception other than
 * the parser's documented error type). `seeds` are valid documents the fuzzer mutates; `grow`
 * builds a document with a chunk repeated n times, to compare times at two sizes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigEvaluator } from '../../src/config/evaluator';
import { loadConfig } from '../../src/config/load';
import { readEnvelope } from '../../src/ovf/envelope-reader';
import { readOvfPackage } from '../../src/ovf/package-reader';
import { readPlanFile } from '../../src/plan/plan-file';
import { decodeStateV4 } from '../../src/state/file-v4';
import { encodeMsgpack } from '../../src/tfplugin/codec/msgpack';
import { decodeDynamic } from '../../src/tfplugin/dynamic-value';
import type { WireType } from '../../src/tfplugin/codec/types';
import { decodeJsonRpcRequest, decodeJsonRpcResponse } from '../../src/xenapi/wire/jsonrpc';
import { decodeMethodCall, decodeXapiResponse } from '../../src/xenapi/wire/xmlrpc';
import { WireFormatError } from '../../src/xenapi/wire/values';

export type Outcome = 'value' | 'diagnostic';

export interface FuzzTarget {
  readonly name: string;
  readonly seeds: readonly string[];
  run(input: string): Outcome | Promise<Outcome>;
  /** A valid-looking document with `chunk` repeated `n` times where the format nests or lists. */
  grow(chunk: string, n: number): string;
}

const ROOT = join(__dirname, '..', '..');
const fixture = (p: string): string => readFileSync(join(ROOT, p), 'utf8');

/** One scratch folder per process; each case rewrites its files. */
let scratch: string | undefined;
export function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'xcpform-fuzz-'));
  return scratch;
}
export function removeScratch(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/** A diagnostic must name where: a file (source.filename) or an attribute path or an address. */
function named(diags: readonly { source?: { filename?: string }; path?: readonly unknown[]; address?: string; summary: string }[], file: string): boolean {
  return diags.every((d) => d.source?.filename !== undefined || d.path !== undefined || d.address !== undefined || d.summary.includes(file));
}

function expectNamed(diags: Parameters<typeof named>[0], file: string): Outcome {
  if (!named(diags, file)) throw new Error(`a diagnostic names neither file nor path: ${JSON.stringify(diags.find((d) => !named([d], file)))}`);
  return diags.some((d) => (d as { severity?: string }).severity === 'error') ? 'diagnostic' : 'value';
}

/** Loads a folder holding `files` and evaluates every block and output. */
async function loadAndEvaluate(files: Record<string, string>): Promise<Outcome> {
  const dir = join(scratchDir(), 'config');
  rmSync(dir, { recursive: true, force: true });
  require('node:fs').mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, 'latin1');
  const { config, diagnostics } = await loadConfig(dir, { cwd: dir });
  const out = expectNamed(diagnostics, Object.keys(files)[0]);
  if (out === 'diagnostic') return out;
  const ev = new ConfigEvaluator(config);
  for (const b of ev.blocks) expectNamed(ev.evaluateBlock(b.address, () => undefined).diagnostics, b.address);
  expectNamed(ev.evaluateOutputs(() => undefined).diagnostics, 'output');
  return 'value';
}

/** A ustar archive of latin1 members, as latin1 text (the fuzzer mutates it as bytes). */
function tarOf(files: readonly [string, string][]): string {
  const blocks: string[] = [];
  for (const [name, body] of files) {
    const h = Buffer.alloc(512);
    h.write(name, 0, 'latin1');
    h.write('0000644\0', 100, 'latin1');
    h.write('0000000\0', 108, 'latin1');
    h.write('0000000\0', 116, 'latin1');
    h.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    h.write('00000000000\0', 136, 'latin1');
    h.write('        ', 148, 'latin1');
    h.write('0', 156, 'latin1');
    h.write('ustar\u000000', 257, 'latin1');
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    blocks.push(h.toString('latin1'), body + '\0'.repeat((512 - (body.length % 512)) % 512));
  }
  return blocks.join('') + '\0'.repeat(1024);
}

const utf8 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');

const wireAllowed = (fn: () => unknown): Outcome => {
  try {
    fn();
    return 'value';
  } catch (err) {
    if (err instanceof WireFormatError) return 'diagnostic';
    throw err;
  }
};

const XML_RESPONSE = '<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>Status</name><value>Success</value></member><member><name>Value</name><value><array><data>@@</data></array></value></member></struct></value></param></params></methodResponse>';
const XML_ITEM = '<value><struct><member><name>uuid</name><value>a-1</value></member><member><name>n</name><value><int>7</int></value></member></struct></value>';
const JSON_RESPONSE = '{"jsonrpc":"2.0","id":1,"result":[@@0]}';
const TF_TYPE: WireType = ['object', { name: 'string', tags: ['map', 'string'], list: ['list', ['object', { n: 'number', ok: 'bool' }]] }] as unknown as WireType;

/** Every target; text inputs are latin1 strings so that any byte sequence can be expressed. */
export const TARGETS: readonly FuzzTarget[] = [
  {
    name: 'config .tf.json (loader + evaluator)',
    seeds: [fixture('test/fixtures/config-json/main.tf.json')],
    run: (t) => loadAndEvaluate({ 'main.tf.json': t }),
    grow: (chunk, n) => `{"locals": {"a": [${Array(n).fill(JSON.stringify(chunk)).join(',')}]}, "output": {"o": {"value": "\${length(local.a)}"}}}`,
  },
  {
    name: 'config .tf (loader + evaluator)',
    seeds: [fixture('test/fixtures/config-hcl/main.tf')],
    run: (t) => loadAndEvaluate({ 'main.tf': t }),
    grow: (chunk, n) => `locals {\n  a = [${Array(n).fill(JSON.stringify(utf8(chunk).replace(/[$%]\{/g, ''))).join(', ')}]\n}\noutput "o" {\n  value = length(local.a)\n}\n`,
  },
  {
    name: 'variable files (.tfvars, .tfvars.json)',
    seeds: [fixture('test/fixtures/config-hcl/terraform.tfvars'), '{"name": "x", "tags": ["a", "b"], "settings": {"size": 2}}'],
    run: (t) => loadAndEvaluate({
      'variables.tf': fixture('test/fixtures/config-vars/variables.tf'),
      [t.trimStart().startsWith('{') ? 'terraform.tfvars.json' : 'terraform.tfvars']: t,
    }),
    grow: (chunk, n) => `{"tags": [${Array(n).fill(JSON.stringify(chunk)).join(',')}]}`,
  },
  {
    name: 'state reader (v4)',
    seeds: [fixture('src/state/testdata/terraform-1.11.4.tfstate')],
    run: (t) => expectNamed(decodeStateV4(utf8(t), 'terraform.tfstate').diagnostics as Parameters<typeof named>[0], 'terraform.tfstate'),
    grow: (chunk, n) => `{"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"l","outputs":{},"resources":[${Array(n).fill(0).map((_, i) => `{"mode":"managed","type":"xcp_network","name":"n${i}","provider":"provider[\\"registry.terraform.io/xcp/xcp\\"]","instances":[{"schema_version":0,"attributes":{"name_label":${JSON.stringify(chunk)}}}]}`).join(',')}]}`,
  },
  {
    name: 'saved-plan reader',
    seeds: ['{"format":"xcpform-plan","version":1,"plan":{"formatVersion":1,"xcpformVersion":"0.1.0","mode":"normal","prior":{"lineage":"l","serial":1},"variables":{},"changes":[],"drift":[],"outputs":[],"diagnostics":[],"targets":[],"errored":false},"configFiles":{"main.tf":"locals {}\\n"},"variableValues":{},"workDir":"."}'],
    run: (t) => {
      const path = join(scratchDir(), 'plan.xcp');
      writeFileSync(path, t, 'latin1');
      return expectNamed(readPlanFile(path).diagnostics, path);
    },
    grow: (chunk, n) => `{"format":"xcpform-plan","version":1,"plan":{"formatVersion":1,"mode":"normal","prior":{"lineage":"l","serial":1},"changes":[],"drift":[],"outputs":[],"targets":[]},"configFiles":{${Array(n).fill(0).map((_, i) => `"f${i}.tf":${JSON.stringify(chunk)}`).join(',')}},"variableValues":{}}`,
  },
  {
    name: 'OVF descriptor',
    seeds: [fixture('test/fixtures/ovf/collection-3/three-tier.ovf'), fixture('test/fixtures/ovf/single-1.0/web.ovf')],
    run: (t) => expectNamed(readEnvelope(utf8(t), 'x.ovf', 'x.ovf').diagnostics, 'x.ovf'),
    grow: (chunk, n) => `<?xml version="1.0"?><Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"><References/>${'<a>'.repeat(Math.min(n, 40))}${Array(n).fill(`<b x="1">${chunk.replace(/[<&]/g, '')}</b>`).join('')}${'</a>'.repeat(Math.min(n, 40))}</Envelope>`,
  },
  {
    name: 'OVA package (tar, descriptor, manifest)',
    seeds: [tarOf([
      ['web.ovf', fixture('test/fixtures/ovf/single-1.0/web.ovf')],
      ['web.mf', fixture('test/fixtures/ovf/single-1.0/web.mf')],
      ['web-disk1.img', readFileSync(join(ROOT, 'test/fixtures/ovf/single-1.0/web-disk1.img'), 'latin1')],
    ])],
    run: async (t) => {
      const path = join(scratchDir(), 'x.ova');
      writeFileSync(path, Buffer.from(t, 'latin1'));
      const r = await readOvfPackage(path);
      expectNamed(r.diagnostics, 'x.ova');
      return r.package ? 'value' : 'diagnostic';
    },
    grow: (chunk, n) => tarOf([['a.ovf', '<Envelope/>'], ...Array(n).fill(0).map((_, i) => [`f${i}`, chunk] as [string, string])]),
  },
  {
    name: 'XML-RPC decoders (client response, simulator request)',
    seeds: [XML_RESPONSE.replace('@@', XML_ITEM), '<?xml version="1.0"?><methodCall><methodName>VM.get_record</methodName><params><param><value>OpaqueRef:1</value></param></params></methodCall>'],
    run: (t) => {
      const a = wireAllowed(() => decodeXapiResponse(utf8(t)));
      const b = wireAllowed(() => decodeMethodCall(utf8(t)));
      return a === 'value' || b === 'value' ? 'value' : 'diagnostic';
    },
    grow: (chunk, n) => XML_RESPONSE.replace('@@', Array(n).fill(`<value>${chunk.replace(/[<&]/g, '')}</value>`).join('')),
  },
  {
    name: 'JSON-RPC decoders (client response, simulator request)',
    seeds: ['{"jsonrpc":"2.0","id":1,"result":{"OpaqueRef:1":{"uuid":"u","memory":"1024"}}}', '{"jsonrpc":"2.0","method":"VM.get_all","params":["OpaqueRef:s"],"id":7}'],
    run: (t) => {
      const a = wireAllowed(() => decodeJsonRpcResponse(utf8(t)));
      const b = wireAllowed(() => decodeJsonRpcRequest(utf8(t)));
      return a === 'value' || b === 'value' ? 'value' : 'diagnostic';
    },
    grow: (chunk, n) => JSON_RESPONSE.replace('@@', `${JSON.stringify(chunk)},`.repeat(n)),
  },
  {
    name: 'tfplugin DynamicValue (msgpack, JSON)',
    seeds: [
      '{"name":"x","tags":{"a":"b"},"list":[{"n":1,"ok":true}]}',
      Buffer.from(encodeMsgpack(TF_TYPE, { name: 'x', tags: { a: 'b' }, list: [{ n: 1, ok: true }, { n: 2.5, ok: false }] })).toString('latin1'),
    ],
    run: (t) => {
      const bytes = Buffer.from(t, 'latin1');
      const a = decodeDynamic({ msgpack: bytes }, TF_TYPE, 'config');
      const b = decodeDynamic({ json: bytes }, TF_TYPE, 'config');
      for (const d of [a, b]) if (!d.ok && !d.diagnostic.summary) throw new Error('a diagnostic without a summary');
      return a.ok || b.ok ? 'value' : 'diagnostic';
    },
    grow: (chunk, n) => `{"name":${JSON.stringify(chunk)},"tags":{},"list":[${Array(n).fill('{"n":1,"ok":true}').join(',')}]}`,
  },
];
