/**
 * The two front doors a crash-point run drives: the `xcpform` CLI (in this process when nothing
 * is killed, as a child process when the run is killed at a call) and the real `terraform`
 * binary with terraform-provider-xcp through `dev_overrides` (always a child; killed as a whole
 * process group, terraform and its provider together, as a machine that dies).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as runXcpform } from '../../src/cli/main';
import type { World } from '../../src/simulator';

const ROOT = join(__dirname, '..', '..');
const XCPFORM_BIN = join(ROOT, 'bin', 'xcpform.js');
const PROVIDER_BIN = join(ROOT, 'bin', 'terraform-provider-xcp.js');

/** An operation of a scenario, in front-neutral words. */
export type Op = 'apply' | 'destroy' | 'plan' | 'plan-destroy';

export interface RunResult {
  readonly code: number;
  readonly output: string;
  /** True when the run was killed at the chosen call. */
  readonly killed: boolean;
}

export interface Front {
  readonly name: 'xcpform' | 'terraform';
  /**
   * Runs `op` in `dir`. With `killAt`, the process is `kill -9`ed from the simulator's observer
   * the moment mutating call `killAt` arrives (before it acts; it then acts with no one waiting).
   */
  run(dir: string, op: Op, opts?: { world?: World; killAt?: number }): Promise<RunResult>;
  /** Removes what the front made outside the working folders. */
  dispose(): void;
}

/** `plan`'s detailed exit code: 0 no changes, 2 changes, 1 error. */
function args(op: Op, front: 'xcpform' | 'terraform'): string[] {
  const lock = front === 'terraform' ? ['-input=false', '-no-color'] : [];
  switch (op) {
    case 'apply': return ['apply', '-auto-approve', ...lock];
    case 'destroy': return ['destroy', '-auto-approve', ...lock];
    case 'plan': return ['plan', '-detailed-exitcode', ...lock];
    case 'plan-destroy': return ['plan', '-destroy', '-detailed-exitcode', ...lock];
  }
}

function spawnRun(command: string, argv: string[], dir: string, env: NodeJS.ProcessEnv, opts: { world?: World; killAt?: number; group: boolean }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.group });
    let output = '';
    let killed = false;
    const kill = (): void => {
      if (killed || child.pid === undefined) return;
      killed = true;
      try {
        process.kill(opts.group ? -child.pid : child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const stop = opts.killAt !== undefined && opts.world
      ? opts.world.faults.observe((call) => { if (call.index === opts.killAt) kill(); })
      : () => undefined;
    child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    child.once('error', (err) => { stop(); reject(err); });
    child.once('close', (code) => {
      stop();
      if (opts.group && killed && child.pid !== undefined) {
        // The provider of a killed terraform may have outlived it for a moment: the whole group goes.
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      }
      resolve({ code: code ?? -1, output, killed });
    });
  });
}

/** The xcpform CLI: in process, or a child when it must be killed. */
export function xcpformFront(): Front {
  const env = { ...process.env, NO_COLOR: '1' };
  return {
    name: 'xcpform',
    async run(dir, op, opts = {}) {
      if (opts.killAt !== undefined) return spawnRun(process.execPath, [XCPFORM_BIN, ...args(op, 'xcpform')], dir, env, { ...opts, group: false });
      let output = '';
      const io = {
        stdout: (t: string) => { output += t; },
        stderr: (t: string) => { output += t; },
        env, cwd: dir, isTty: false, columns: 120,
        prompt: async () => '',
        onInterrupt: () => () => undefined,
      };
      const code = await runXcpform(['node', 'xcpform', ...args(op, 'xcpform')], io);
      return { code, output, killed: false };
    },
    dispose() { /* nothing outside the folders */ },
  };
}

/** The real terraform binary with the provider through dev_overrides (offline). */
export function terraformFront(): Front {
  const root = mkdtempSync(join(tmpdir(), 'xcpform-crashpoints-tf-'));
  const plugins = join(root, 'plugins');
  mkdirSync(plugins);
  const wrapper = join(plugins, 'terraform-provider-xcp');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${PROVIDER_BIN}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const cliConfig = join(root, 'cli.tfrc');
  writeFileSync(cliConfig, `provider_installation {\n  dev_overrides { "registry.terraform.io/xcpform/xcp" = "${plugins}" }\n  direct {}\n}\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', NO_COLOR: '1' };
  delete env.TF_LOG;
  return {
    name: 'terraform',
    run: (dir, op, opts = {}) => spawnRun('terraform', args(op, 'terraform'), dir, env, { ...opts, group: true }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
