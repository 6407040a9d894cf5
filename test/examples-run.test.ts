/**
 * Every example runs, as a new user tries it: each folder under `examples/` that holds `.tf`
 * files is copied alone into a fresh folder (with an embedded two-pool provider when it has no
 * provider block of its own), given its variables, then applied, planned again (the plan must
 * be empty), destroyed, and its state must end empty. Folders are found by walking
 * `examples/`, so a new example is covered without editing this test.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, xcpform, CliResult } from './helpers/cli';

const EXAMPLES = join(ROOT, 'examples');

/** The provider a folder without one gets: the pools the examples name, both embedded. */
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

/**
 * Values of the variables the examples declare without a default. The embedded pools are
 * numbered in name order (cloud1 = 127.0.1.x, dc1 = 127.0.2.x), so dc1's second host is
 * 127.0.2.2; the provider example points its remote pools at the simulator.
 */
const VARS: Readonly<Record<string, string>> = {
  smb_password: 'an-smb-password',
  vpn_psk: 'a-long-enough-pre-shared-key',
  root_password: 'a-root-password',
  host_address: '127.0.2.2',
  dc1_password: 'a-dc1-password',
  dc1_url: 'embedded',
  cloud1_url: 'embedded',
};
const ENV = { XCP_CLOUD1_PASSWORD: 'a-cloud1-password' };

/** Folders under examples/ that hold configuration files directly (cdktf sources are TypeScript). */
function exampleFolders(dir = EXAMPLES): string[] {
  const entries = readdirSync(dir).sort();
  // A folder under `modules/` is a module an example calls, not a root configuration.
  const isModule = dir.split(/[\\/]/).at(-2) === 'modules';
  const here = entries.some((f) => f.endsWith('.tf')) && !isModule ? [relative(EXAMPLES, dir)] : [];
  return [...here, ...entries.filter((f) => statSync(join(dir, f)).isDirectory()).flatMap((f) => exampleFolders(join(dir, f)))];
}

function tfText(dir: string): string {
  return readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

/** `-var` flags for the variables the folder declares; fails on one the table does not know. */
function varFlags(text: string): string[] {
  const declared = [...text.matchAll(/variable\s+"([^"]+)"\s*\{([^}]*)\}/g)];
  return declared.flatMap(([, name, body]) => {
    if (VARS[name] !== undefined) return ['-var', `${name}=${VARS[name]}`];
    if (/\bdefault\s*=/.test(body)) return [];
    throw new Error(`example variable "${name}" has no default and no value in VARS of this test`);
  });
}

function expectCode(step: string, res: CliResult, code: number): void {
  if (res.code !== code) throw new Error(`${step}: exit ${res.code}, expected ${code}:\n${res.stdout}\n${res.stderr}`);
}

const folders = exampleFolders();

test('the walk finds every example folder', () => {
  // A guard on the walk itself: the documented examples are all there.
  expect(folders).toEqual(expect.arrayContaining([
    'basic', 'cloudburst', 'provider',
    ...['xcp_host', 'xcp_network', 'xcp_pool', 'xcp_sr', 'xcp_template', 'xcp_vm'].map((d) => `data-sources/${d}`),
    ...['xcp_appliance', 'xcp_host', 'xcp_network', 'xcp_pool', 'xcp_private_network', 'xcp_sr', 'xcp_vdi', 'xcp_vlan', 'xcp_vm', 'xcp_vm_snapshot', 'xcp_vpn_link'].map((d) => `resources/${d}`),
  ]));
});

describe('every example applies, re-plans empty and destroys on the embedded pools', () => {
  test.each(folders)('examples/%s', (example) => {
    const source = join(EXAMPLES, example);
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-example-'));
    for (const f of readdirSync(source).filter((x) => x.endsWith('.tf'))) cpSync(join(source, f), join(dir, f));
    // The local modules it calls come along.
    if (existsSync(join(source, 'modules'))) cpSync(join(source, 'modules'), join(dir, 'modules'), { recursive: true });
    if (!/provider\s+"xcp"/.test(tfText(dir))) writeFileSync(join(dir, 'provider.tf'), PROVIDER);
    const text = tfText(dir);
    // Files an example names beside it (a CA bundle) are the user's own: an empty one will do.
    for (const [, file] of text.matchAll(/ca_file\s*=\s*"([^"]+)"/g)) if (!existsSync(join(dir, file))) writeFileSync(join(dir, file), '');
    const vars = varFlags(text);
    const run = (args: string[]) => xcpform([...args, ...vars], { cwd: dir, env: ENV });

    expectCode('apply', run(['apply', '-auto-approve']), 0);
    const plan = run(['plan', '-detailed-exitcode']);
    expectCode('plan after apply', plan, 0);
    expect(plan.stdout).not.toContain('changed outside');
    expectCode('destroy', run(['destroy', '-auto-approve']), 0);
    const list = xcpform(['state', 'list'], { cwd: dir, env: ENV });
    expectCode('state list', list, 0);
    expect(list.stdout.trim()).toBe('');
  }, 180_000);
});
