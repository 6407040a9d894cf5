/**
 * How a value given as a string (`-var NAME=VALUE`, `TF_VAR_NAME`) is read, by declaration:
 * Terraform takes it literally for a variable without a type and for primitive types, and
 * parses it as an HCL expression for every other type (`any` included).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Value } from '../values/value';
import { loadConfig, type LoadOptions } from './load';

const DECLARATIONS = `
variable "env" {}
variable "with_default" {
  default = "dev"
}
variable "s" {
  type = string
}
variable "n" {
  type = number
}
variable "b" {
  type = bool
}
variable "l" {
  type = list(number)
}
variable "m" {
  type = map(string)
}
variable "anything" {
  type = any
}
`;

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** Loads the declarations with one variable given; the others get a neutral value through TF_VAR_. */
async function load(options: LoadOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-var-parse-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'variables.tf'), DECLARATIONS);
  const env = { TF_VAR_env: 'x', TF_VAR_s: 'x', TF_VAR_n: '0', TF_VAR_b: 'false', TF_VAR_l: '[]', TF_VAR_m: '{}', TF_VAR_anything: '0', ...options.env };
  const { config, diagnostics } = await loadConfig(dir, { cwd: dir, ...options, env });
  return { values: Object.fromEntries(config.variableValues) as Record<string, Value>, errors: diagnostics.filter((d) => d.severity === 'error') };
}

describe('-var and TF_VAR_ values parsed by the declared type, as Terraform does', () => {
  test.each([
    ['a bare word for an untyped variable', 'env=prod', 'env', 'prod'],
    ['an untyped variable keeps brackets as text', 'env=[1,2]', 'env', '[1,2]'],
    ['an untyped variable keeps quotes as text', 'env="quoted"', 'env', '"quoted"'],
    ['an empty value is the empty string', 'env=', 'env', ''],
    ['the value is everything after the first =', 'env=a=b', 'env', 'a=b'],
    ['an untyped variable with a default', 'with_default=prod', 'with_default', 'prod'],
    ['a string', 's=prod', 's', 'prod'],
    ['an empty string', 's=', 's', ''],
    ['a string holding =', 's=a=b', 's', 'a=b'],
    ['a number from its text', 'n=42', 'n', 42],
    ['a bool from its text', 'b=true', 'b', true],
    ['list(number) parsed as HCL', 'l=[1,2]', 'l', [1, 2]],
    ['list(number) converts quoted numbers', 'l=["3"]', 'l', [3]],
    ['map(string) parsed as HCL', 'm={ a = "x", b = 1 }', 'm', { a: 'x', b: '1' }],
    ['any parses HCL', 'anything=[1,"a"]', 'anything', [1, 'a']],
    ['any with a quoted string', 'anything="prod"', 'anything', 'prod'],
  ] as const)('%s: -var %s', async (_name, arg, name, expected) => {
    const r = await load({ args: [{ var: arg }] });
    expect(r.errors).toEqual([]);
    expect(r.values[name]).toEqual(expected);
  });

  test('TF_VAR_ follows the same rules', async () => {
    const r = await load({ env: { TF_VAR_env: 'prod', TF_VAR_l: '[4, 5]' } });
    expect(r.errors).toEqual([]);
    expect(r.values.env).toBe('prod');
    expect(r.values.l).toEqual([4, 5]);
  });

  test.each([
    ['a bare word for type any is an expression referring to nothing', 'anything=prod', 'anything', /Variables not allowed/],
    ['an empty value for a number', 'n=', 'n', /number is required/],
    ['an empty value for list(number)', 'l=', 'l', /not a valid expression/],
    ['a word in list(number)', 'l=[1,"x"]', 'l', /number is required/],
  ] as const)('%s is an error naming the variable', async (_name, arg, name, detail) => {
    const r = await load({ args: [{ var: arg }] });
    const d = r.errors.find((x) => x.summary === `Invalid value for input variable "${name}"`);
    expect(d).toBeDefined();
    expect(d!.detail).toMatch(detail);
  });
});
