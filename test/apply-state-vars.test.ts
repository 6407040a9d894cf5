/**
 * `-var NAME=VALUE` for a variable declared without a type (issue 16, finding 8): Terraform
 * takes the value as a string, so `-var env=prod` works; typed variables parse per their type.
 * Through the built CLI, against the embedded simulator in a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from './helpers/cli';

const CONFIG = `
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
variable "env" {}
variable "sizes" {
  type = list(number)
}
resource "xcp_network" "lan" {
  name_label = "lan-\${var.env}"
  mtu        = var.sizes[1]
}
`;

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

test('-var env=prod for an untyped variable plans, applies, and plans empty again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-apply-vars-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), CONFIG);
  const vars = ['-var', 'env=prod', '-var', 'sizes=[1500, 9000]'];
  const plan = xcpform(['plan', ...vars], { cwd: dir });
  expect(plan.stderr).toBe('');
  expect(plan.code).toBe(0);
  expect(plan.stdout).toContain('+ name_label');
  expect(plan.stdout).toContain('"lan-prod"');

  const apply = xcpform(['apply', '-auto-approve', ...vars], { cwd: dir });
  expect(apply.stderr).toBe('');
  expect(apply.code).toBe(0);
  const attrs = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).resources[0].instances[0].attributes;
  expect(attrs.name_label).toBe('lan-prod');
  expect(attrs.mtu).toBe(9000);
  expect(xcpform(['plan', '-detailed-exitcode', ...vars], { cwd: dir }).code).toBe(0);

  // An empty value is the empty string; a value may hold "=".
  const empty = xcpform(['plan', '-var', 'env=', '-var', 'sizes=[1500, 9000]'], { cwd: dir });
  expect(empty.code).toBe(0);
  expect(empty.stdout).toMatch(/~ name_label\s+= "lan-prod" -> "lan-"/);
  const eq = xcpform(['plan', '-var', 'env=a=b', '-var', 'sizes=[1500, 9000]'], { cwd: dir });
  expect(eq.stdout).toMatch(/~ name_label\s+= "lan-prod" -> "lan-a=b"/);
}, 120_000);
