import { readFileSync } from 'fs';
import * as path from 'path';
import { decodeStateV4, encodeStateV4 } from './file-v4';
import { State, emptyState, providerAddress, setInstance } from './model';
import { formatPath } from '../diagnostics';

/** Written by the real Terraform 1.11.4 (`terraform state rm` on a hand-made file). */
const GOLDEN = readFileSync(path.join(__dirname, 'testdata/terraform-1.11.4.tfstate'), 'utf8');

describe('state file v4', () => {
  it('decodes what Terraform wrote and encodes it back byte for byte', () => {
    const { state, diagnostics } = decodeStateV4(GOLDEN, 'terraform.tfstate');
    expect(diagnostics).toEqual([]);
    expect(state!.serial).toBe(2);
    expect(state!.resources.map((r) => `${r.module ?? ''}/${r.mode}/${r.type}.${r.name}`)).toEqual([
      '/data/xcp_pool.p',
      '/managed/xcp_vm.web',
      'module.m/managed/xcp_sr.a',
    ]);
    const web = state!.resources[1];
    expect(web.provider).toBe('provider["registry.terraform.io/xcpform/xcp"].cloud');
    expect(web.instances[0]).toMatchObject({ indexKey: 'a', status: 'tainted' });
    expect(web.instances[1]).toMatchObject({ indexKey: 'a', deposed: '1a2b3c4d' });
    expect(web.instances[2]).toMatchObject({ private: 'eyJ2IjoxfQ==', createBeforeDestroy: true, dependencies: ['xcp_sr.a', 'xcp_network.n'] });
    expect(encodeStateV4(state!)).toBe(GOLDEN);
  });

  it('sorts like Terraform whatever the model order', () => {
    const { state } = decodeStateV4(GOLDEN, 'x');
    const shuffled: State = {
      ...state!,
      outputs: Object.fromEntries(Object.entries(state!.outputs).reverse()),
      resources: [...state!.resources].reverse().map((r) => ({ ...r, instances: [...r.instances].reverse() })),
    };
    expect(encodeStateV4(shuffled)).toBe(GOLDEN);
  });

  it('escapes like Go and round-trips strings', () => {
    let s = emptyState('00000000-0000-4000-8000-000000000000');
    s = setInstance(s, { mode: 'managed', type: 'xcp_vm', name: 'a' }, { schemaVersion: 0, attributes: { d: '<b> & \u2028 "q"' }, sensitiveAttributes: [], dependencies: [] }, providerAddress());
    const text = encodeStateV4(s);
    expect(text).toContain('"d": "\\u003cb\\u003e \\u0026 \\u2028 \\"q\\""');
    expect(decodeStateV4(text, 'x').state).toEqual(s);
  });

  it('keeps unknown fields and warns about them', () => {
    const doc = JSON.parse(GOLDEN);
    doc.future_top = { a: 1 };
    doc.resources[0].instances[0].future_field = [1];
    const { state, diagnostics } = decodeStateV4(JSON.stringify(doc), 'f.tfstate');
    expect(diagnostics.map((d) => [d.severity, formatPath(d.path!)])).toEqual([
      ['warning', 'resources[0].instances[0].future_field'],
      ['warning', 'future_top'],
    ]);
    const again = JSON.parse(encodeStateV4(state!));
    expect(again.future_top).toEqual({ a: 1 });
    expect(again.resources[0].instances[0].future_field).toEqual([1]);
  });

  const mutate = (f: (d: any) => void): string => {
    const d = JSON.parse(GOLDEN);
    f(d);
    return JSON.stringify(d, null, 2);
  };

  it.each([
    ['empty file', '  \n', 'state.empty', undefined, undefined],
    ['truncated JSON', GOLDEN.slice(0, 200), 'state.syntax', undefined, GOLDEN.slice(0, 200).split('\n').length],
    ['bad syntax on line 3', '{\n "version": 4,\n "serial" 1\n}', 'state.syntax', undefined, 3],
    ['not an object', '[1]', 'state.invalid', '', undefined],
    ['version 3', mutate((d) => (d.version = 3)), 'state.invalid', 'version', undefined],
    ['negative serial', mutate((d) => (d.serial = -1)), 'state.invalid', 'serial', undefined],
    ['missing lineage', mutate((d) => delete d.lineage), 'state.invalid', 'lineage', undefined],
    ['bad mode', mutate((d) => (d.resources[1].mode = 'x')), 'state.invalid', 'resources[1].mode', undefined],
    ['bad provider', mutate((d) => (d.resources[0].provider = 'xcp')), 'state.invalid', 'resources[0].provider', undefined],
    ['attributes not an object', mutate((d) => (d.resources[1].instances[2].attributes = 'x')), 'state.invalid', 'resources[1].instances[2].attributes', undefined],
    ['legacy flatmap', mutate((d) => { delete d.resources[0].instances[0].attributes; d.resources[0].instances[0].attributes_flat = {}; }), 'state.invalid', 'resources[0].instances[0].attributes_flat', undefined],
    ['bad deposed key', mutate((d) => (d.resources[1].instances[1].deposed = 'XYZ')), 'state.invalid', 'resources[1].instances[1].deposed', undefined],
    ['bad status', mutate((d) => (d.resources[1].instances[0].status = 'ok')), 'state.invalid', 'resources[1].instances[0].status', undefined],
    ['bad private', mutate((d) => (d.resources[1].instances[2].private = '!!')), 'state.invalid', 'resources[1].instances[2].private', undefined],
    ['bad sensitive path', mutate((d) => (d.resources[1].instances[2].sensitive_attributes = [[{ type: 'x' }]])), 'state.invalid', 'resources[1].instances[2].sensitive_attributes', undefined],
    ['bad dependencies', mutate((d) => (d.resources[1].instances[2].dependencies = [1])), 'state.invalid', 'resources[1].instances[2].dependencies', undefined],
    ['duplicate instance', mutate((d) => d.resources[2].instances.push(d.resources[2].instances[0])), 'state.invalid', 'resources[2].instances[3]', undefined],
    ['duplicate resource', mutate((d) => d.resources.push(d.resources[0])), 'state.invalid', 'resources[3]', undefined],
    ['bad output', mutate((d) => (d.outputs.a = 1)), 'state.invalid', 'outputs.a', undefined],
  ] as Array<[string, string, string, string | undefined, number | undefined]>)('reports %s precisely', (_n, text, code, where, line) => {
    const r = decodeStateV4(text, 'dir/terraform.tfstate');
    expect(r.state).toBeUndefined();
    const d = r.diagnostics.find((x) => x.severity === 'error')!;
    expect(d.code).toBe(code);
    expect(d.source?.filename).toBe('dir/terraform.tfstate');
    expect(d.detail).toContain('dir/terraform.tfstate');
    if (where !== undefined) expect(formatPath(d.path ?? [])).toBe(where);
    if (line !== undefined) expect(d.source?.line).toBe(line);
  });

  it('never throws on arbitrary JSON shapes', () => {
    const fc = require('fast-check') as typeof import('fast-check');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const doc = JSON.parse(GOLDEN);
        doc.resources[1].instances[0] = v;
        const r = decodeStateV4(JSON.stringify(doc), 'f');
        expect(r.state !== undefined || r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
    );
  });
});
