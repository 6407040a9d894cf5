import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sensitive } from '../values/sensitive';
import { loadConfig, LoadOptions } from './load';

const FIXTURE = join(__dirname, '..', '..', 'test', 'fixtures', 'config-vars');

/** A copy of the fixture folder with extra files, so tfvars files can vary per case. */
function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-vars-'));
  cpSync(FIXTURE, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function values(files: Record<string, string>, options: LoadOptions = {}) {
  const dir = folder(files);
  const { config, diagnostics } = await loadConfig(dir, { cwd: dir, ...options });
  return { values: Object.fromEntries(config.variableValues), diagnostics };
}

describe('variable sources and precedence', () => {
  const cases: [string, Record<string, string>, LoadOptions, string][] = [
    ['default', {}, {}, 'from-default'],
    ['environment beats default', {}, { env: { TF_VAR_name: 'from-env' } }, 'from-env'],
    ['terraform.tfvars beats environment', { 'terraform.tfvars': 'name = "from-tfvars"' }, { env: { TF_VAR_name: 'from-env' } }, 'from-tfvars'],
    ['terraform.tfvars.json beats terraform.tfvars', { 'terraform.tfvars': 'name = "a"', 'terraform.tfvars.json': '{"name": "from-tfvars-json"}' }, {}, 'from-tfvars-json'],
    ['*.auto.tfvars beat terraform.tfvars', { 'terraform.tfvars': 'name = "a"', 'a.auto.tfvars': 'name = "from-auto"' }, {}, 'from-auto'],
    ['auto files apply in name order', { 'a.auto.tfvars': 'name = "a"', 'b.auto.tfvars.json': '{"name": "from-b"}' }, {}, 'from-b'],
    ['-var beats every file', { 'a.auto.tfvars': 'name = "a"' }, { args: [{ var: 'name=from-cli' }] }, 'from-cli'],
    ['-var-file applies in command-line order (later wins)', { 'x.tfvars': 'name = "from-x"' }, { args: [{ var: 'name=early' }, { varFile: 'x.tfvars' }] }, 'from-x'],
    ['-var after -var-file wins', { 'x.tfvars': 'name = "from-x"' }, { args: [{ varFile: 'x.tfvars' }, { var: 'name=late' }] }, 'late'],
    ['a -var value with = in it', {}, { args: [{ var: 'name=a=b' }] }, 'a=b'],
  ];
  test.each(cases)('%s', async (_n, files, options, expected) => {
    const r = await values(files, options);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.values.name).toBe(expected);
  });
});

describe('conversion to the declared type', () => {
  test.each([
    ['number from a -var string', { args: [{ var: 'count_n=3' }] }, 'count_n', 3],
    ['number from the environment', { env: { TF_VAR_count_n: '7' } }, 'count_n', 7],
    ['list parsed as HCL', { args: [{ var: 'tags=["a", "b"]' }] }, 'tags', ['a', 'b']],
    ['object with an optional default filled', { args: [{ var: 'settings={ size = 4 }' }] }, 'settings', { size: 4, enabled: true }],
    ['object attribute converted', { args: [{ var: 'settings={ size = "5", enabled = "false" }' }] }, 'settings', { size: 5, enabled: false }],
    ['string stays a raw string', { args: [{ var: 'name=[1, 2]' }] }, 'name', '[1, 2]'],
    ['non-nullable null falls back to the default', { args: [{ varFile: 'n.tfvars.json' }] }, 'strict', 'kept'],
  ] as const)('%s', async (_n, options, name, expected) => {
    const r = await values({ 'n.tfvars.json': '{"strict": null}' }, options as LoadOptions);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.values[name]).toEqual(expected);
  });

  test('a sensitive variable is marked', async () => {
    const r = await values({});
    expect(r.values.token).toBeInstanceOf(Sensitive);
  });
});

describe('variable errors are diagnostics', () => {
  test.each([
    ['wrong type', {}, { args: [{ var: 'count_n=many' }] }, /Invalid value for input variable "count_n"/, /a number is required/],
    ['unparsable list', {}, { args: [{ var: 'tags=[1,' }] }, /Invalid value for input variable "tags"/, /not a valid expression/],
    ['missing object attribute', {}, { args: [{ var: 'settings={ enabled = true }' }] }, /settings/, /attribute "size" is required/],
    ['undeclared -var', {}, { args: [{ var: 'nope=1' }] }, /undeclared variable "nope"/, /does not declare it/],
    ['malformed -var', {}, { args: [{ var: 'novalue' }] }, /Invalid -var option/, /equals sign/],
    ['missing -var-file', {}, { args: [{ varFile: 'missing.tfvars' }] }, /Failed to read variables file/, /ENOENT/],
    ['invalid tfvars syntax', { 'terraform.tfvars': 'name = = 1' }, {}, /Invalid variables file/, /.+/],
    ['reference in tfvars', { 'terraform.tfvars': 'name = var.other' }, {}, /Invalid value for variable "name"/, /Variables not allowed/],
  ] as const)('%s', async (_n, files, options, summary, detail) => {
    const r = await values(files as Record<string, string>, options as LoadOptions);
    const d = r.diagnostics.find((x) => summary.test(x.summary));
    expect(d).toBeDefined();
    expect(d!.detail ?? '').toMatch(detail);
  });

  test('undeclared variable in an auto-loaded file is a warning with file and line', async () => {
    const r = await values({ 'terraform.tfvars': 'name = "x"\nother = 1\n' });
    const d = r.diagnostics.find((x) => x.code === 'config.undeclared-variable')!;
    expect(d.severity).toBe('warning');
    expect(d.source).toEqual({ filename: 'terraform.tfvars', line: 2 });
  });

  test('missing required variable names it and where it is declared', async () => {
    const r = await loadConfig(join(__dirname, '..', '..', 'test', 'fixtures', 'config-errors'), { cwd: join(__dirname, '..', '..') });
    const d = r.diagnostics.find((x) => x.code === 'config.missing-variable')!;
    expect(d.summary).toBe('No value for required variable "size"');
    expect(d.source).toEqual({ filename: 'test/fixtures/config-errors/main.tf', line: 1 });
  });

  test('validation blocks run with the error message', async () => {
    const r = await loadConfig(join(__dirname, '..', '..', 'test', 'fixtures', 'config-errors'), { cwd: join(__dirname, '..', '..'), args: [{ var: 'size=1' }] });
    const d = r.diagnostics.find((x) => x.code === 'config.variable-validation')!;
    expect(d.detail).toMatch(/^mode must be safe\./);
    expect(d.source?.line).toBe(5);
  });
});
