/**
 * The CLI as scripts drive it: help with one-dash flags and each default once, `version
 * [-json]`, `-input=false` / `TF_INPUT`, `-compact-warnings`, `TF_CLI_ARGS(_cmd)`, `TF_LOG` /
 * `TF_LOG_PATH`, and `apply -refresh-only` / `refresh` recording a change made outside.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../src/engine/workspace';
import { xcpform } from '../helpers/cli';
import { terraformVersion } from '../helpers/tfplugin-terraform';
import { spawnSync } from 'node:child_process';

const PROVIDER = 'provider "xcp" {\n  pools = { dc1 = { url = "embedded" } }\n}\n';

function folder(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-flags-'));
  writeFileSync(join(dir, 'main.tf'), config);
  return dir;
}

describe('help and version', () => {
  test.each([['plan'], ['apply'], ['init'], ['output'], ['taint']])('%s -help lists flags with one dash and each default once', (cmd) => {
    const res = xcpform([cmd, '-help']);
    expect(res.code).toBe(0);
    const options = res.stdout.slice(res.stdout.indexOf('Options:'));
    expect(options).not.toMatch(/(^|\s)--[a-z]/m);
    expect(options).toMatch(/^\s+-[a-z]/m);
    for (const line of options.replace(/\n\s{10,}/g, ' ').split('\n')) expect((line.match(/\(default/g) ?? []).length).toBeLessThanOrEqual(1);
  });

  test('version and version -json: the shape terraform version -json prints', () => {
    terraformVersion();
    const ours = JSON.parse(xcpform(['version', '-json']).stdout);
    const theirs = JSON.parse(spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).stdout);
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    expect(ours.platform).toBe(theirs.platform);
    expect(ours.provider_selections['registry.terraform.io/xcpform/xcp']).toBe(ours.terraform_version);
    expect(xcpform(['version']).stdout).toMatch(/^xcpform v\d+\.\d+\.\d+\non linux_/);
  });
});

describe('input, warnings and environment', () => {
  const config = `${PROVIDER}resource "xcp_network" "n" {\n  name_label = "flags"\n}\n`;

  test('-input=false and TF_INPUT=0: apply without -auto-approve fails instead of waiting for an answer', () => {
    const dir = folder(config);
    for (const [args, env] of [[['apply', '-input=false'], {}], [['apply'], { TF_INPUT: '0' }]] as const) {
      const res = xcpform([...args], { cwd: dir, env });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('No value for approval');
      expect(res.stdout).not.toContain('Enter a value');
    }
    expect(existsSync(join(dir, 'terraform.tfstate')) ? JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).resources : []).toEqual([]);
  });

  test('-compact-warnings prints warnings as one summary line each', () => {
    const dir = folder(`${config}check "c" {\n  assert {\n    condition     = true\n    error_message = "x"\n  }\n}\n`);
    const full = xcpform(['plan'], { cwd: dir });
    expect(full.stderr).toContain('Warning:');
    const compact = xcpform(['plan', '-compact-warnings'], { cwd: dir });
    expect(compact.code).toBe(0);
    expect(compact.stderr).not.toContain('Warning:');
    expect(compact.stderr).toMatch(/Warnings:\n\n- .*"check" blocks are not supported/);
    expect(compact.stderr).toContain('To see the full warning notes, run xcpform without -compact-warnings.');
  });

  test('TF_CLI_ARGS and TF_CLI_ARGS_plan add flags after the command; quoted values stay whole', () => {
    const dir = folder(`${PROVIDER}variable "label" { type = string }\nresource "xcp_network" "n" {\n  name_label = var.label\n}\n`);
    const res = xcpform(['plan'], { cwd: dir, env: { TF_CLI_ARGS_plan: '-detailed-exitcode -var "label=a b"', TF_CLI_ARGS: '-no-color' } });
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('name_label           = "a b"');
    // Only for the command named: apply does not get plan's flags.
    const other = xcpform(['validate'], { cwd: dir, env: { TF_CLI_ARGS_plan: '-no-such-flag' } });
    expect(other.code).toBe(0);
  });

  test('TF_LOG logs the run to stderr (or TF_LOG_PATH), never argument values', () => {
    const dir = folder(`${PROVIDER}variable "pw" {\n  type      = string\n  sensitive = true\n}\nresource "xcp_network" "n" {\n  name_label = "x"\n}\n`);
    const res = xcpform(['plan', '-var', 'pw=s3cret-value'], { cwd: dir, env: { TF_LOG: 'debug' } });
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/\[INFO\]\s+xcpform version: /);
    expect(res.stderr).toMatch(/\[DEBUG\] exit code 0/);
    expect(res.stderr).not.toContain('s3cret-value');
    const path = join(dir, 'log.txt');
    const quiet = xcpform(['plan', '-var', 'pw=s3cret-value'], { cwd: dir, env: { TF_LOG: 'info', TF_LOG_PATH: path } });
    expect(quiet.stderr).not.toContain('[INFO]');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('[INFO]  CLI args: plan -var …');
    expect(text).not.toContain('[DEBUG]');
    expect(text).not.toContain('s3cret-value');
    expect(xcpform(['plan'], { cwd: dir, env: { TF_VAR_pw: 'x' } }).stderr).not.toContain('[INFO]');
  });
});

describe('apply -refresh-only and refresh', () => {
  async function renameOutside(dir: string): Promise<void> {
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const uuid = state.resources[0].instances[0].attributes.uuid as string;
    const { workspace } = await Workspace.open({ dir, cwd: dir, env: {}, vars: [], operation: 'OperationTypePlan', lock: false });
    try {
      const client = await (await workspace!.runtime()).client('dc1');
      const ref = await client.call<string>('network.get_by_uuid', uuid);
      await client.call('network.set_name_label', ref, 'renamed-outside');
    } finally {
      await workspace!.close();
    }
  }
  const label = (dir: string) => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).resources[0].instances[0].attributes.name_label;

  test.each([[['apply', '-refresh-only', '-auto-approve']], [['refresh']]])('%j records the outside change in the state and changes nothing', async (args) => {
    const dir = folder(`${PROVIDER}resource "xcp_network" "n" {\n  name_label = "original"\n}\noutput "name" { value = xcp_network.n.name_label }\n`);
    expect(xcpform(['apply', '-auto-approve'], { cwd: dir }).code).toBe(0);
    await renameOutside(dir);
    expect(label(dir)).toBe('original');
    const res = xcpform(args, { cwd: dir });
    expect(res.code).toBe(0);
    expect(label(dir)).toBe('renamed-outside');
    expect(JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).outputs.name.value).toBe('renamed-outside');
    // Nothing was renamed back: the next normal plan still wants to.
    expect(xcpform(['plan', '-detailed-exitcode'], { cwd: dir }).code).toBe(2);
  });

  test('apply -refresh-only without -auto-approve and input disabled is refused', async () => {
    const dir = folder(`${PROVIDER}resource "xcp_network" "n" {\n  name_label = "original"\n}\n`);
    expect(xcpform(['apply', '-auto-approve'], { cwd: dir }).code).toBe(0);
    await renameOutside(dir);
    const res = xcpform(['apply', '-refresh-only', '-input=false'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(label(dir)).toBe('original');
  });
});
