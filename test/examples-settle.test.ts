/**
 * The project's own examples settle: applied on the embedded simulator, the next plan is empty
 * (`plan -detailed-exitcode` exits 0), with xcpform and with Terraform. A plan that never settles
 * (two attributes owning one XAPI field, each undoing the other) fails here.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * The per-resource examples of the docs, each with an embedded two-pool provider. Every example
 * folder, data sources included, also runs alone in test/examples-run.test.ts (apply, empty
 * re-plan, destroy).
 */
describe('resource examples apply on the embedded pools, then plan empty', () => {
  const PROVIDER = `terraform {
  required_providers {
    xcp = { source = "registry.terraform.io/xcpform/xcp" }
  }
}
provider "xcp" {
  pools = {
    dc1    = { url = "embedded" }
    cloud1 = { url = "embedded" }
  }
  default_pool = "dc1"
}
`;
  const VARS: Record<string, string> = { smb_password: 'an-smb-password', vpn_psk: 'a-long-enough-pre-shared-key' };
  /** `-var` flags for the variables the folder declares. */
  const declared = (dir: string): string[] => {
    const text = readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    return Object.entries(VARS).filter(([name]) => text.includes(`variable "${name}"`)).flatMap(([name, value]) => ['-var', `${name}=${value}`]);
  };
  function withProvider(...examples: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-settle-res-'));
    for (const e of examples) for (const f of readdirSync(join(ROOT, 'examples', 'resources', e))) cpSync(join(ROOT, 'examples', 'resources', e, f), join(dir, `${e}-${f}`));
    writeFileSync(join(dir, 'provider.tf'), PROVIDER);
    return dir;
  }

  test.each(['xcp_appliance', 'xcp_network', 'xcp_private_network', 'xcp_vm', 'xcp_vm_snapshot', 'xcp_vpn_link'])('examples/resources/%s', (example) => {
    const dir = withProvider(example);
    expectCode(xcpform(['apply', '-auto-approve', ...declared(dir)], { cwd: dir }), 0);
    expectCode(xcpform(['plan', '-detailed-exitcode', ...declared(dir)], { cwd: dir }), 0);
  });

  test('examples/resources/xcp_sr, then xcp_pool and xcp_vdi on its SR (they name it)', () => {
    const dir = withProvider('xcp_sr');
    expectCode(xcpform(['apply', '-auto-approve', ...declared(dir)], { cwd: dir }), 0);
    for (const e of ['xcp_pool', 'xcp_vdi']) cpSync(join(ROOT, 'examples', 'resources', e, 'resource.tf'), join(dir, `${e}.tf`));
    expectCode(xcpform(['apply', '-auto-approve', ...declared(dir)], { cwd: dir }), 0);
    expectCode(xcpform(['plan', '-detailed-exitcode', ...declared(dir)], { cwd: dir }), 0);
  });
});
