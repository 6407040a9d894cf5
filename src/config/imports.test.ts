/** `import` blocks evaluated into (address, id) pairs, and the targets Terraform refuses. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigEvaluator } from './evaluator';
import { loadConfig } from './load';

const BLOCKS = 'resource "xcp_network" "one" {\n  name_label = "a"\n}\nresource "xcp_network" "many" {\n  count      = 2\n  name_label = "b"\n}\nresource "xcp_network" "keyed" {\n  for_each   = toset(["p", "q"])\n  name_label = each.key\n}\n';

async function imports(statements: string) {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-imports-'));
  writeFileSync(join(dir, 'main.tf'), BLOCKS + statements);
  const { config, diagnostics } = await loadConfig(dir, { cwd: dir });
  expect(diagnostics).toEqual([]);
  return new ConfigEvaluator(config).statements.evaluateImports(() => undefined);
}

describe('evaluateImports', () => {
  test('for_each expands, each.key picks the instance, ids are evaluated', async () => {
    const r = await imports('import {\n  for_each = { p = "u1", q = "u2" }\n  to       = xcp_network.keyed[each.key]\n  id       = "dc1/${each.value}"\n}\nimport {\n  to = xcp_network.many[1]\n  id = "dc1/u3"\n}\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.imports.map((i) => [i.to, i.id, i.source.line])).toEqual([['xcp_network.keyed["p"]', 'dc1/u1', 12], ['xcp_network.keyed["q"]', 'dc1/u2', 12], ['xcp_network.many[1]', 'dc1/u3', 17]]);
  });

  test.each([
    ['an unkeyed target of a counted resource', 'to = xcp_network.many', "Invalid import 'to' expression", 'The target resource is using count.'],
    ['an unkeyed target of a for_each resource', 'to = xcp_network.keyed', "Invalid import 'to' expression", 'The target resource is using for_each.'],
    ['a keyed target of a single resource', 'to = xcp_network.one[0]', "Invalid import 'to' expression", 'uses neither count nor for_each'],
    ['an undeclared target', 'to = xcp_network.none', 'Configuration for import target does not exist', 'xcp_network.none does not exist'],
  ])('%s is an error at the "to" line', async (_name, to, summary, detail) => {
    const r = await imports(`import {\n  ${to}\n  id = "dc1/u"\n}\n`);
    expect(r.imports).toEqual([]);
    expect(r.diagnostics.map((d) => [d.summary, d.source?.line])).toEqual([[summary, 13]]);
    expect(r.diagnostics[0].detail).toContain(detail);
  });

  test('an id known only after apply is an error at the "id" line', async () => {
    const r = await imports('import {\n  to = xcp_network.one\n  id = "dc1/${xcp_network.many[0].uuid}"\n}\n');
    expect(r.diagnostics.map((d) => [d.summary, d.source?.line, d.detail])).toEqual([['Invalid import id argument', 14, 'The import ID cannot be unknown: it must be known at plan time.']]);
  });
});
