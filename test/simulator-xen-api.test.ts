/**
 * Conformance: Xen Orchestra's `xen-api` npm client (ESM) drives the simulator over JSON-RPC and
 * over XML-RPC. Jest runs CommonJS, so the client runs in a child `node` process that prints one
 * JSON line of results; this is the same code path a real XO install uses against xapi.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RunningSimulator, startSimulator } from '../src/simulator';

const XEN_API = pathToFileURL(path.join(__dirname, '..', 'node_modules', 'xen-api', 'index.mjs')).href;

const SCRIPT = `
import { createClient } from ${JSON.stringify(XEN_API)};
const [url, transport] = process.argv.slice(2);
const auth = { user: 'root', password: 'xcpform' };
const out = {};
const timeout = setTimeout(() => { console.log(JSON.stringify({ error: 'timeout', out })); process.exit(2); }, 20000);
const xapi = createClient({ url, auth, transport, debounce: 20, allowUnauthorized: true });
const other = createClient({ url, auth, transport, watchEvents: false, allowUnauthorized: true });
try {
  await xapi.connect();
  await xapi.objectsFetched;
  const counts = {};
  for (const o of Object.values(xapi.objects.all)) counts[o.$type] = (counts[o.$type] ?? 0) + 1;
  out.counts = counts;
  out.pool = xapi.pool.name_label;
  const template = Object.values(xapi.objects.all).find((o) => o.$type === 'VM' && o.name_label === 'Debian Bookworm 12');
  out.templateMemory = template.memory_static_max;
  out.templateIsTemplate = template.is_a_template;

  // A change made by another client reaches us through event.from.
  await other.connect();
  const seen = new Promise((resolve) => {
    xapi.objects.on('update', (objects) => {
      for (const o of Object.values(objects)) if (o.$type === 'pool' && o.other_config['xcpform:test:' + transport] === 'yes') resolve(true);
    });
  });
  await other.call('pool.add_to_other_config', xapi.pool.$ref, 'xcpform:test:' + transport, 'yes');
  out.sawOtherClientChange = await seen;

  // An Async call run to completion through the task watcher.
  const clone = await xapi.callAsync('VM.clone', template.$ref, 'xo-async-clone');
  out.cloneIsRef = typeof clone === 'string' && clone.startsWith('OpaqueRef:');
  const cloned = await xapi.getRecord('VM', clone);
  out.cloneName = cloned.name_label;
  try { await xapi.call('VM.start', clone, false, false); } catch (e) { out.startTemplateError = [e.code, ...e.params]; }
  await other.disconnect();
  await xapi.disconnect();
  clearTimeout(timeout);
  console.log(JSON.stringify(out));
} catch (e) {
  console.log(JSON.stringify({ error: String(e && e.stack || e), code: e?.code, params: e?.params, out }));
  process.exit(1);
}
`;

let sim: RunningSimulator;
let dir: string;
let script: string;

beforeAll(async () => {
  sim = await startSimulator({ pools: [{ name: 'dc1', hosts: 2 }] });
  dir = mkdtempSync(path.join(os.tmpdir(), 'xcpform-xenapi-'));
  script = path.join(dir, 'client.mjs');
  writeFileSync(script, SCRIPT);
});

afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function runClient(transport: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, sim.pools[0].url, transport], { timeout: 30000, env: { ...process.env, NODE_ENV: 'test' } }, (err, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`client failed: ${err?.message ?? ''}\n${stdout}\n${stderr}`));
      }
    });
  });
}

describe.each(['json-rpc', 'xml-rpc'])('xen-api client over %s', (transport) => {
  let result: Record<string, unknown>;
  beforeAll(async () => {
    result = await runClient(transport);
  });

  test('connects and loads every object class', () => {
    expect(result.error).toBeUndefined();
    const counts = result.counts as Record<string, number>;
    expect(result.pool).toBe('dc1');
    for (const cls of ['pool', 'host', 'host_metrics', 'SR', 'PBD', 'VDI', 'network', 'PIF', 'VM', 'VM_metrics']) expect(counts[cls]).toBeGreaterThan(0);
    expect(counts.host).toBe(2);
    expect(counts.pool).toBe(1);
  });

  test('decodes typed fields the way it does against xapi', () => {
    expect(result.templateIsTemplate).toBe(true);
    // xen-api keeps int64 as sent: a number over JSON-RPC, a decimal string over XML-RPC.
    expect(String(result.templateMemory)).toBe(String(2 * 1024 ** 3));
  });

  test('sees a change made by another client through event.from', () => {
    expect(result.sawOtherClientChange).toBe(true);
  });

  test('runs an Async call to completion', () => {
    expect(result.cloneIsRef).toBe(true);
    expect(result.cloneName).toBe('xo-async-clone');
  });

  test('gets xapi errors with code and params', () => {
    const err = result.startTemplateError as string[];
    expect(err[0]).toBe('VM_IS_TEMPLATE');
  });
});
