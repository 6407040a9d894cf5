import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DOCS_DIR, examplePathFor, renderDocs, ROOT } from '../scripts/gen-docs';
import { validateConfigDir } from '../src/config/validate';
import { DATA_SOURCE_SCHEMAS, RESOURCE_SCHEMAS } from '../src/provider/schemas';

describe('reference docs', () => {
  const pages = renderDocs();

  test('docs/ is up to date with the schema and the examples (run "npm run docs" when this fails)', () => {
    const onDisk = (dir: string): string[] => readdirSync(join(DOCS_DIR, dir), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? onDisk(join(dir, e.name)) : [join(dir, e.name)]));
    expect(onDisk('.').map((p) => p.replace(/^\.\//, '')).sort()).toEqual([...pages.keys()].sort());
    for (const [path, text] of pages) expect([path, readFileSync(join(DOCS_DIR, path), 'utf8') === text]).toEqual([path, true]);
  });

  test('one page per resource and data source, in the registry layout', () => {
    expect(pages.has('index.md')).toBe(true);
    for (const s of RESOURCE_SCHEMAS) expect(pages.has(`resources/${s.typeName.slice(4)}.md`)).toBe(true);
    for (const s of DATA_SOURCE_SCHEMAS) expect(pages.has(`data-sources/${s.typeName.slice(4)}.md`)).toBe(true);
    const vm = pages.get('resources/vm.md')!;
    expect(vm).toMatch(/^---\npage_title: "xcp_vm Resource - terraform-provider-xcp"\n/);
    expect(vm).toContain('- `template` (String) Name or UUID of the template, snapshot or halted VM to clone. *Update: forces replacement.*');
    expect(vm).toMatch(/- `vcpus_max` \(Number\) .*\*Update: updates with a halt \(shutdown, change, start\)\.\*/);
    expect(vm).toMatch(/- `host` \(String\) .*\*Update: changes by live migration\.\*/);
    expect(vm).toContain('### Nested Schema for `disk`');
    expect(vm).toContain('## Import');
    expect(pages.get('resources/sr.md')).toMatch(/- `device_config_secrets` \(Map of String, Sensitive\)/);
    expect(pages.get('index.md')).toContain('insecure_tls');
    expect(pages.get('index.md')).toMatch(/- `password` \(String, Sensitive\)/);
  });

  const examples = ['examples/provider/provider.tf',
    ...RESOURCE_SCHEMAS.map((s) => examplePathFor('resource', s.typeName)),
    ...DATA_SOURCE_SCHEMAS.map((s) => examplePathFor('data', s.typeName))];
  test.each(examples)('%s exists and validates against the schema', async (example) => {
    expect(existsSync(join(ROOT, example))).toBe(true);
    const result = await validateConfigDir(join(ROOT, dirname(example)), ROOT);
    expect(result.diagnostics).toEqual([]);
    expect(result.blocks).toBeGreaterThan(0);
  });
});
