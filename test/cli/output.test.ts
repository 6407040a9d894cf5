/**
 * `xcpform output` prints what `terraform output` prints, checked by running both on the same
 * state file (`terraform output` reads only the state).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xcpform } from '../helpers/cli';
import { terraformVersion } from '../helpers/tfplugin-terraform';

const CONFIG = `terraform {
  required_providers {
    xcp = { source = "registry.terraform.io/xcpform/xcp" }
  }
}
provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}
variable "secret" {
  type      = string
  default   = "hunter2"
  sensitive = true
}
output "name" { value = "web \\"01\\"" }
output "count" { value = 3 }
output "ratio" { value = 2.5 }
output "on" { value = true }
output "list" { value = ["a", "b"] }
output "set" { value = toset(["b", "a"]) }
output "map" { value = tomap({ x = 1, y = 2 }) }
output "obj" { value = { k = "v", n = [1, 2] } }
output "text" { value = "line1\\nline2\\n" }
output "secret" {
  value     = var.secret
  sensitive = true
}
`;

describe('xcpform output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-output-'));
  const terraform = (args: string[]) => spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', NO_COLOR: '1' } });

  beforeAll(() => {
    terraformVersion();
    writeFileSync(join(dir, 'main.tf'), CONFIG);
    const res = xcpform(['apply', '-auto-approve'], { cwd: dir });
    if (res.code !== 0) throw new Error(res.stdout + res.stderr);
  });

  test.each([
    [[]],
    [['-json']],
    [['name']],
    [['-raw', 'name']],
    [['-raw', 'count']],
    [['-raw', 'ratio']],
    [['-raw', 'on']],
    [['-json', 'obj']],
    [['list']],
    [['set']],
    [['map']],
    [['obj']],
    [['text']],
    [['secret']],
    [['-raw', 'secret']],
    [['-json', 'secret']],
  ])('output %j prints what terraform prints', (args) => {
    const ours = xcpform(['output', '-no-color', ...args], { cwd: dir });
    const theirs = terraform(['output', '-no-color', ...args]);
    expect(theirs.status).toBe(0);
    expect({ code: ours.code, stdout: ours.stdout }).toEqual({ code: 0, stdout: theirs.stdout });
  });

  test.each([
    [['nope'], 'Output "nope" not found'],
    [['-raw', 'list'], 'Unsupported value for raw output'],
    [['-raw'], 'Output name required'],
  ])('output %j fails as terraform does', (args, message) => {
    const ours = xcpform(['output', '-no-color', ...args], { cwd: dir });
    const theirs = terraform(['output', '-no-color', ...args]);
    expect(theirs.status).toBe(1);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toContain(message);
  });
});
