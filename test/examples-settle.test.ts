/**
 * The project's own examples settle: applied on the embedded simulator, the next plan is empty
 * (`plan -detailed-exitcode` exits 0), with xcpform and with Terraform. A plan that never settles
 * (two attributes owning one XAPI field, each undoing the other) fails here.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, xcpform } from './helpers/cli';
import { TerraformWorkspace, terraformVersion } from './helpers/tfplugin-terraform';

function copyOf(example: string): string {
  const dir = mkdtempSync(join(tmpdir(), `xcpform-settle-${example}-`));
  cpSync(join(ROOT, 'examples', example, 'main.tf'), join(dir, 'main.tf'));
  return dir;
}

function expectCode(res: { code: number; stdout: string; stderr: string }, code: number): void {
  if (res.code !== code) throw new Error(`exit ${res.code}, expected ${code}:\n${res.stdout}\n${res.stderr}`);
}

describe('examples apply, then plan empty', () => {
  test.each(['basic', 'cloudburst'])('examples/%s with xcpform', (example) => {
    const dir = copyOf(example);
    expectCode(xcpform(['apply', '-auto-approve'], { cwd: dir }), 0);
    const plan = xcpform(['plan', '-detailed-exitcode'], { cwd: dir });
    expectCode(plan, 0);
    expect(plan.stdout).not.toContain('changed outside');
    // A second plan after a refresh-only run is still empty (the refresh wrote nothing new).
    expectCode(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }), 0);
  });

  test('examples/basic with terraform: apply, then plan -detailed-exitcode exits 0', () => {
    terraformVersion();
    const ws = new TerraformWorkspace();
    ws.write(readFileSync(join(ROOT, 'examples', 'basic', 'main.tf'), 'utf8'));
    ws.expect(['apply', '-auto-approve', '-no-color']);
    const plan = ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    expect(plan.stdout).toContain('No changes.');
    // The pool's default SR, set by xcp_pool.default_sr, reads back on the SR.
    ws.expect(['apply', '-refresh-only', '-auto-approve', '-no-color']);
    const sr = ws.state().resources.find((r) => r.type === 'xcp_sr')!.instances[0].attributes;
    expect(sr.default_for_pool).toBe(true);
  });
});
