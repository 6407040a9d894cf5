/**
 * Decoding errors of lifecycle, conditions and moved/import/removed blocks, through both entry
 * points: `validateConfigDir` (xcpform validate) and `loadConfig` (plan). Each case is a .tf
 * (or .tf.json) file and the one error it must give: summary, line, and a piece of the detail.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load';
import { validateConfigDir } from './validate';

const NET = 'resource "xcp_network" "a" {\n  name_label = "x"\n';

const CASES: [string, string, string, number, string][] = [
  ['lifecycle typo', 'main.tf', `${NET}  lifecycle {\n    create_befor_destroy = true\n  }\n}\n`, 4, 'Unsupported argument|An argument named "create_befor_destroy" is not expected here. Did you mean "create_before_destroy"?'],
  ['lifecycle unknown block', 'main.tf', `${NET}  lifecycle {\n    precondtion {\n      condition = var.x\n    }\n  }\n}\nvariable "x" {\n  default = 1\n}\n`, 4, 'Unsupported block type|Blocks of type "precondtion" are not expected here. Did you mean "precondition"?'],
  ['two lifecycle blocks', 'main.tf', `${NET}  lifecycle {\n    prevent_destroy = true\n  }\n  lifecycle {\n    prevent_destroy = false\n  }\n}\n`, 6, 'Duplicate lifecycle block|This resource already has a lifecycle block'],
  ['precondition without error_message', 'main.tf', `${NET}  lifecycle {\n    precondition {\n      condition = var.x\n    }\n  }\n}\nvariable "x" {\n  default = 1\n}\n`, 4, 'Missing required argument|The argument "error_message" is required'],
  ['precondition typo', 'main.tf', `${NET}  lifecycle {\n    postcondition {\n      condition = self.mtu > 0\n      error_mesage = "m"\n      error_message = "m"\n    }\n  }\n}\n`, 6, 'Unsupported argument|Did you mean "error_message"?'],
  ['condition referring to nothing', 'main.tf', `${NET}  lifecycle {\n    precondition {\n      condition = 1 == 1\n      error_message = "m"\n    }\n  }\n}\n`, 5, 'Invalid precondition expression|must refer to at least one object'],
  ['data source lifecycle', 'main.tf', 'data "xcp_pool" "p" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n', 3, 'Invalid data resource lifecycle argument|defined only for managed resources'],
  ['moved argument', 'main.tf', 'moved {\n  from = xcp_network.a\n  to   = xcp_network.b\n  force = true\n}\n', 4, 'Unsupported argument|An argument named "force" is not expected here.'],
  ['moved without to', 'main.tf', 'moved {\n  from = xcp_network.a\n}\n', 1, 'Missing required argument|The argument "to" is required'],
  ['moved from a quoted string', 'main.tf', 'moved {\n  from = "xcp_network.a"\n  to   = xcp_network.b\n}\n', 2, 'Invalid expression|A single static variable reference is required'],
  ['import without id', 'main.tf', 'import {\n  to = xcp_network.a\n}\n', 1, 'Missing required argument|The argument "id" is required'],
  ['import typo', 'main.tf', 'import {\n  to  = xcp_network.a\n  id  = "dc1/x"\n  idd = "x"\n}\n', 4, 'Unsupported argument|Did you mean "id"?'],
  ['import of a data source', 'main.tf', 'import {\n  to = data.xcp_pool.p\n  id = "dc1"\n}\n', 2, 'Invalid import address|Only managed resources can be imported.'],
  ['removed instance', 'main.tf', 'removed {\n  from = xcp_network.a[0]\n}\n', 2, 'Resource instance keys not allowed|not a resource instance'],
  ['removed lifecycle typo', 'main.tf', 'removed {\n  from = xcp_network.z\n  lifecycle {\n    destory = false\n  }\n}\n', 4, 'Unsupported argument|Did you mean "destroy"?'],
  ['output precondition typo', 'main.tf', 'variable "x" {\n  default = "a"\n}\noutput "o" {\n  value = var.x\n  precondition {\n    condition = var.x != ""\n    error_message = "m"\n    messge = "m"\n  }\n}\n', 9, 'Unsupported argument|An argument named "messge" is not expected here.'],
  ['JSON lifecycle typo', 'main.tf.json', JSON.stringify({ resource: { xcp_network: { a: { name_label: 'x', lifecycle: { prevent_destroi: true } } } } }, null, 2), 7, 'Unsupported argument|Did you mean "prevent_destroy"?'],
];

function dirWith(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-body-check-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

describe('lifecycle, condition and statement blocks: every unexpected or missing name is an error at its line', () => {
  test.each(CASES)('%s', async (_name, file, text, line, expected) => {
    const [summary, detail] = expected.split('|');
    const dir = dirWith(file, text);
    const validated = (await validateConfigDir(dir, dir)).diagnostics.filter((d) => d.severity === 'error');
    const loaded = (await loadConfig(dir, { cwd: dir })).diagnostics.filter((d) => d.severity === 'error');
    for (const diags of [validated, loaded]) {
      expect(diags.map((d) => [d.summary, d.source?.filename, d.source?.line])).toEqual([[summary, file, line]]);
      expect(diags[0].detail).toContain(detail);
    }
  });

  test('valid statements and conditions give no diagnostic, and are decoded', async () => {
    const dir = dirWith('main.tf', `${NET}  lifecycle {\n    create_before_destroy = true\n    precondition {\n      condition     = var.x != ""\n      error_message = "x is \${var.x}"\n    }\n    postcondition {\n      condition     = self.mtu > 0\n      error_message = "m"\n    }\n  }\n}\nvariable "x" {\n  default = "a"\n}\nmoved {\n  from = xcp_network.old\n  to   = xcp_network.a\n}\nimport {\n  to = xcp_network.a\n  id = "dc1/\${var.x}"\n}\nremoved {\n  from = xcp_network.gone\n  lifecycle {\n    destroy = false\n  }\n}\n`);
    expect((await validateConfigDir(dir, dir)).diagnostics).toEqual([]);
    const { config, diagnostics } = await loadConfig(dir, { cwd: dir });
    expect(diagnostics).toEqual([]);
    const lc = config.resources.get('xcp_network.a')!.lifecycle;
    expect([lc.createBeforeDestroy, lc.preconditions?.length, lc.postconditions?.length]).toEqual([true, 1, 1]);
    expect(lc.preconditions![0].source.line).toBe(5);
    expect(config.moved.map((m) => [m.from, m.to, m.source.line])).toEqual([['xcp_network.old', 'xcp_network.a', 18]]);
    expect(config.imports.map((i) => i.source.line)).toEqual([22]);
    expect(config.removed.map((r) => [r.from, r.destroy, r.source.line])).toEqual([['xcp_network.gone', false, 26]]);
  });

  test('the JSON syntax: plain-string addresses in moved, import and removed', async () => {
    const doc = {
      resource: { xcp_network: { a: { name_label: 'x', lifecycle: { precondition: { condition: '${var.x != ""}', error_message: 'm' } } } } },
      variable: { x: { default: 'a' } },
      moved: [{ from: 'xcp_network.old', to: 'xcp_network.a' }],
      import: [{ to: 'xcp_network.a', id: 'dc1/${var.x}' }],
      removed: [{ from: 'xcp_network.gone', lifecycle: { destroy: false } }],
    };
    const dir = dirWith('main.tf.json', JSON.stringify(doc, null, 2));
    expect((await validateConfigDir(dir, dir)).diagnostics).toEqual([]);
    const { config, diagnostics } = await loadConfig(dir, { cwd: dir });
    expect(diagnostics).toEqual([]);
    expect(config.moved.map((m) => [m.from, m.to])).toEqual([['xcp_network.old', 'xcp_network.a']]);
    expect(config.removed.map((r) => [r.from, r.destroy])).toEqual([['xcp_network.gone', false]]);
    const { ConfigEvaluator } = await import('./evaluator');
    const imports = new ConfigEvaluator(config).statements.evaluateImports(() => undefined);
    expect(imports).toEqual({ imports: [{ to: 'xcp_network.a', id: 'dc1/a', source: expect.objectContaining({ filename: 'main.tf.json' }) }], diagnostics: [] });
    expect(config.resources.get('xcp_network.a')!.lifecycle.preconditions).toHaveLength(1);
  });
});
