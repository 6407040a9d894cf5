/**
 * One working folder for both front doors: the real `terraform` (through dev_overrides) and
 * the `xcpform` CLI run in the same folder, so they share the embedded simulator's world
 * (`.xcpform/simulator.json`) and the state file: both read and write `terraform.tfstate`
 * there (xcpform's default local backend has Terraform's default path).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliResult, xcpform } from './cli';
import { TerraformResult, TerraformWorkspace } from './tfplugin-terraform';

export const STATE_FILE = 'terraform.tfstate';

/** Both pools of the embedded simulator, as examples/cloudburst declares them. */
export const TWO_POOLS_HEADER = [
  'terraform {',
  '  required_providers {',
  '    xcp = { source = "xcpform/xcp" }',
  '  }',
  '}',
  '',
  'provider "xcp" {',
  '  pools = {',
  '    dc1    = { url = "embedded" }',
  '    cloud1 = { url = "embedded" }',
  '  }',
  '  default_pool = "dc1"',
  '}',
  '',
].join('\n');

export class CrossToolFolder {
  readonly tf = new TerraformWorkspace();

  constructor(mainTf: string) {
    this.tf.write(mainTf);
  }

  get dir(): string {
    return this.tf.dir;
  }

  /** terraform, failing with its output unless it exits with `code`. */
  terraform(args: string[], code = 0): TerraformResult {
    return this.tf.expect([...args, '-no-color'], code);
  }

  /** The xcpform CLI in this folder; fails with its output unless it exits with `code`. */
  xcpform(args: string[], code = 0): CliResult {
    const res = xcpform(args, { cwd: this.dir });
    if (res.code !== code) throw new Error(`xcpform ${args.join(' ')} exited ${res.code} (expected ${code}):\n${res.stdout}\n${res.stderr}`);
    return res;
  }

  /** The state file both tools use, parsed. */
  state(): StateFile {
    return JSON.parse(readFileSync(join(this.dir, STATE_FILE), 'utf8'));
  }

  /** Removes the folder (simulator world, state, provider wrapper). */
  remove(): void {
    rmSync(this.tf.root, { recursive: true, force: true });
  }

  writeState(state: StateFile): void {
    writeFileSync(join(this.dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
  }
}

export interface StateFile {
  serial: number;
  terraform_version: string;
  resources: { mode: string; type: string; name: string; instances: { schema_version: number; attributes: Record<string, unknown>; sensitive_attributes: unknown[]; private?: string }[] }[];
  [key: string]: unknown;
}

/**
 * `xcpform plan -detailed-exitcode` must exit 0 (no changes) and report no "changed outside"
 * section: nothing happened outside the two tools. Returns what it printed (stdout, stderr).
 */
export function expectXcpformPlansNothing(folder: CrossToolFolder, vars: string[] = []): string {
  const res = folder.xcpform(['plan', '-detailed-exitcode', ...vars]);
  if (/changed outside/i.test(res.stdout)) throw new Error(`xcpform reported drift that did not happen:\n${res.stdout}`);
  return `${res.stdout}\n${res.stderr}`;
}
