/**
 * Runs the real `terraform` binary (1.11.4 on these machines' PATH) against the provider
 * through `dev_overrides`, offline: a CLI configuration file points Terraform at a folder
 * holding a `terraform-provider-xcp` shell wrapper that execs `node bin/terraform-provider-xcp.js`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROVIDER_BIN } from './tfplugin-client';

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The terraform version on the PATH, or a clear failure: these tests must not pass silently. */
export function terraformVersion(): string {
  const res = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (res.error || res.status !== 0) {
    throw new Error('The real `terraform` binary (1.11.4) must be on the PATH for the end-to-end provider tests; it is part of the machine image and cannot be installed by npm.');
  }
  return JSON.parse(res.stdout).terraform_version;
}

/** A working folder with its own CLI configuration and provider wrapper. */
export class TerraformWorkspace {
  readonly root = mkdtempSync(join(tmpdir(), 'xcp-tfe2e-'));
  readonly dir = join(this.root, 'work');
  private readonly env: NodeJS.ProcessEnv;

  constructor() {
    const pluginDir = join(this.root, 'plugins');
    mkdirSync(pluginDir);
    mkdirSync(this.dir);
    const wrapper = join(pluginDir, 'terraform-provider-xcp');
    writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${PROVIDER_BIN}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    const cliConfig = join(this.root, 'cli.tfrc');
    writeFileSync(cliConfig, [
      'provider_installation {',
      `  dev_overrides { "registry.terraform.io/xcpform/xcp" = "${pluginDir}" }`,
      '  direct {}',
      '}',
      '',
    ].join('\n'));
    this.env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
    delete this.env.TF_LOG;
  }

  /** Replaces main.tf. */
  write(mainTf: string): void {
    writeFileSync(join(this.dir, 'main.tf'), mainTf);
  }

  run(args: string[]): TerraformResult {
    const res = spawnSync('terraform', [...args], { cwd: this.dir, env: this.env, encoding: 'utf8', timeout: 180_000 });
    if (res.error) throw res.error;
    return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
  }

  /** `run` without blocking this process: for a simulator served by the test process itself. */
  runAsync(args: string[]): Promise<TerraformResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('terraform', [...args], { cwd: this.dir, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => { stdout += t; });
      child.stderr.setEncoding('utf8').on('data', (t: string) => { stderr += t; });
      child.once('error', reject);
      child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  /** `runAsync`, failing with Terraform's own output when the exit code is not the expected one. */
  async expectAsync(args: string[], code = 0): Promise<TerraformResult> {
    const res = await this.runAsync(args);
    if (res.code !== code) throw new Error(`terraform ${args.join(' ')} exited ${res.code} (expected ${code}):\n${res.stdout}\n${res.stderr}`);
    return res;
  }

  /** Runs and fails with Terraform's own output when the exit code is not the expected one. */
  expect(args: string[], code = 0): TerraformResult {
    const res = this.run(args);
    if (res.code !== code) throw new Error(`terraform ${args.join(' ')} exited ${res.code} (expected ${code}):\n${res.stdout}\n${res.stderr}`);
    return res;
  }

  /** The state file, parsed. */
  state(): { resources: { type: string; name: string; instances: { attributes: Record<string, unknown>; private?: string }[] }[] } {
    return JSON.parse(readFileSync(join(this.dir, 'terraform.tfstate'), 'utf8'));
  }
}
