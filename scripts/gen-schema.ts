/**
 * `npm run schema`: writes provider-schema/xcp.json from the schema model.
 * `--check` exits 1 (naming the file) when the committed file is out of date.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { providerSchemaDocument } from '../src/provider/schemas';

export const SCHEMA_FILE = join(__dirname, '..', 'provider-schema', 'xcp.json');

export function renderSchemaFile(): string {
  return `${JSON.stringify(providerSchemaDocument(), null, 2)}\n`;
}

if (require.main === module) {
  const text = renderSchemaFile();
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(SCHEMA_FILE, 'utf8'); } catch { /* missing counts as stale */ }
    if (current !== text) {
      process.stderr.write(`${SCHEMA_FILE} is out of date: run "npm run schema"\n`);
      process.exit(1);
    }
  } else {
    mkdirSync(join(__dirname, '..', 'provider-schema'), { recursive: true });
    writeFileSync(SCHEMA_FILE, text);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  }
}
