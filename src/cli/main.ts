/**
 * The `xcpform` command line. Each command lives in `commands/<name>.ts` and exports a
 * `register(program, io, exit)` function; this file only wires them together.
 */
import { Command, CommanderError } from 'commander';
import { CliIo, processIo } from './io';
import { register as registerValidate } from './commands/validate';
import { register as registerSimulator } from './commands/simulator';
import { register as registerPlan } from './commands/plan';
import { register as registerApply } from './commands/apply';
import { register as registerInit } from './commands/init';
import { register as registerShow } from './commands/show';
import { register as registerGraph } from './commands/graph';
import { register as registerState } from './commands/state';
import { register as registerOvf } from './commands/ovf';
import { register as registerUsage } from './commands/usage';
import { register as registerWorkspace } from './commands/workspace';
import { register as registerOutput } from './commands/output';
import { register as registerTaint } from './commands/taint';
import { register as registerProviders } from './commands/providers';
import { register as registerFmt } from './commands/fmt';
import { register as registerConsole } from './commands/console';
import { register as registerStateSync } from './commands/state-sync';
import { register as registerVersion } from './commands/version';
import { helpConfiguration } from './help';
import { CliLog, describeArgs, withEnvArgs } from './env-args';
import { VERSION } from '../version';

/** A command resolves to its exit code. */
export type ExitSink = (code: number) => void;

export type CommandRegistrar = (program: Command, io: CliIo, exit: ExitSink) => void;

const registrars: CommandRegistrar[] = [registerValidate, registerInit, registerPlan, registerApply, registerShow, registerOutput, registerGraph, registerState, registerStateSync, registerTaint, registerWorkspace, registerOvf, registerUsage, registerSimulator, registerVersion, registerProviders, registerFmt, registerConsole];

export function buildProgram(io: CliIo, exit: ExitSink): Command {
  const program = new Command('xcpform');
  program
    .description('Infrastructure as code for the Xen Cloud Platform (XCP-ng, XenServer) over XenAPI')
    .version(VERSION, '-v, --version', 'print the xcpform version')
    .showHelpAfterError('(run "xcpform -help" for usage)')
    .configureHelp(helpConfiguration)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const registrar of registrars) registrar(program, io, exit);
  return program;
}

/** Runs the CLI and resolves to the process exit code. Terraform-style single-dash long flags
 * (`-auto-approve`) are accepted as well as the double-dash form. */
export async function run(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => { code = c; });
  const log = new CliLog(io.env, io.stderr);
  const args = withEnvArgs(argv.slice(2), io.env);
  log.log('INFO', `xcpform version: ${VERSION}`);
  log.log('INFO', `CLI args: ${describeArgs(args)}`);
  log.log('DEBUG', `working directory: ${io.cwd}`);
  try {
    await program.parseAsync(normalizeArgs(args), { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      log.log('DEBUG', `exit code ${err.exitCode === 0 ? 0 : 1}`);
      return err.exitCode === 0 ? 0 : 1;
    }
    throw err;
  }
  log.log('DEBUG', `exit code ${code}`);
  return code;
}

/** Terraform users type `-var-file=x` and `-auto-approve`; commander wants `--var-file`. */
export function normalizeArgs(args: string[]): string[] {
  return args.map((a) => (/^-[a-z][a-z0-9]+(-[a-z0-9]+)*(=.*)?$/.test(a) && a.length > 2 && a[2] !== '=' ? `-${a}` : a));
}
