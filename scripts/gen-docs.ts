/**
 * `npm run docs`: writes the registry-style reference docs under docs/ from the schema model and
 * the examples under examples/. `renderDocs()` returns every page (path → text) for the
 * freshness test.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DATA_SOURCE_SCHEMAS, providerSchema, RESOURCE_SCHEMAS } from '../src/provider/schemas';
import { providerPage, resourcePage } from '../src/docs/page';
import { PROVIDER_FUNCTIONS } from '../src/functions-provider';
import { exampleResult, functionPage } from '../src/functions-provider/docs';

export const ROOT = join(__dirname, '..');
export const DOCS_DIR = join(ROOT, 'docs');

function read(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8');
}

/** The example shown on a page; every page must have one (a missing example is an error). */
export function examplePathFor(kind: 'resource' | 'data', typeName: string): string {
  return kind === 'resource' ? `examples/resources/${typeName}/resource.tf` : `examples/data-sources/${typeName}/data-source.tf`;
}

export function renderDocs(): Map<string, string> {
  const pages = new Map<string, string>();
  pages.set('index.md', providerPage(providerSchema, read('examples/provider/provider.tf'), 'examples/provider/provider.tf', RESOURCE_SCHEMAS, DATA_SOURCE_SCHEMAS));
  for (const schema of RESOURCE_SCHEMAS) {
    const examplePath = examplePathFor('resource', schema.typeName);
    pages.set(`resources/${schema.typeName.replace(/^xcp_/, '')}.md`, resourcePage({
      schema,
      example: read(examplePath),
      examplePath,
      importExample: `xcpform import ${schema.typeName}.example dc1/00000000-0000-4000-8000-000000000000\nterraform import ${schema.typeName}.example dc1/00000000-0000-4000-8000-000000000000`,
    }));
  }
  for (const schema of DATA_SOURCE_SCHEMAS) {
    const examplePath = examplePathFor('data', schema.typeName);
    pages.set(`data-sources/${schema.typeName.replace(/^xcp_/, '')}.md`, resourcePage({ schema, example: read(examplePath), examplePath }));
  }
  for (const f of Object.values(PROVIDER_FUNCTIONS)) pages.set(`functions/${f.name}.md`, functionPage(f, exampleResult(f)));
  // Guides are written by hand: kept as they are.
  const guides = join(DOCS_DIR, 'guides');
  if (existsSync(guides)) for (const g of readdirSync(guides).sort()) pages.set(`guides/${g}`, read(`docs/guides/${g}`));
  return pages;
}

if (require.main === module) {
  const pages = renderDocs();
  if (process.argv.includes('--check')) {
    const stale = [...pages].filter(([p, text]) => !existsSync(join(DOCS_DIR, p)) || readFileSync(join(DOCS_DIR, p), 'utf8') !== text);
    if (stale.length) {
      process.stderr.write(`docs are out of date (${stale.map(([p]) => p).join(', ')}): run "npm run docs"\n`);
      process.exit(1);
    }
  } else {
    if (existsSync(DOCS_DIR)) rmSync(DOCS_DIR, { recursive: true });
    for (const [p, text] of pages) {
      mkdirSync(dirname(join(DOCS_DIR, p)), { recursive: true });
      writeFileSync(join(DOCS_DIR, p), text);
    }
    process.stdout.write(`wrote ${pages.size} pages to ${DOCS_DIR}\n`);
  }
}
