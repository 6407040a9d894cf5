/** `xcpform providers` prints what `terraform providers` prints for the same folder, before and after apply. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, xcpform } from '../helpers/cli';
import { TerraformWorkspace, terraformVersion } from '../helpers/tfplugin-terraform';

test.each([['modules'], ['basic']])('providers on examples/%s equals terraform providers, without and with state', (example) => {
  terraformVersion();
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-providers-'));
  cpSync(join(ROOT, 'examples', example), dir, { recursive: true });
  const ws = new TerraformWorkspace();
  cpSync(join(ROOT, 'examples', example), ws.dir, { recursive: true });
  ws.expect(['get', '-no-color']);
  expect(xcpform(['providers'], { cwd: dir }).stdout).toBe(ws.expect(['providers', '-no-color']).stdout);
  expect(xcpform(['apply', '-auto-approve'], { cwd: dir }).code).toBe(0);
  cpSync(join(dir, 'terraform.tfstate'), join(ws.dir, 'terraform.tfstate'));
  const ours = xcpform(['providers'], { cwd: dir }).stdout;
  expect(ours).toContain('Providers required by state:');
  expect(ours).toBe(ws.expect(['providers', '-no-color']).stdout);
});
