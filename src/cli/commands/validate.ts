import { resolve } from 'node:path';
import { Command } from 'commander';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { validateConfigDir } from '../../config/validate';
import { renderDiagnostics, validateJson } from '../../render/diagnostics';
import { hasErrors } from '../../diagnostics';
import { useColor } from '../color';

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  program
    .command('validate [dir]')
    .description('check the configuration in DIR (default: the current folder) against the provider schema')
    .option('--json', 'print the result as JSON, like "terraform validate -json"')
    .option('--no-color', 'disable colours')
    .action(async (dir: string | undefined, opts: { json?: boolean; color: boolean }) => {
      const result = await validateConfigDir(resolve(io.cwd, dir ?? '.'), io.cwd);
      const failed = hasErrors(result.diagnostics);
      if (opts.json) {
        io.stdout(validateJson(result.diagnostics));
      } else {
        const color = useColor(io, opts.color);
        if (result.diagnostics.length) io.stderr(renderDiagnostics(result.diagnostics, { color }));
        if (!failed) io.stdout(`Success! The configuration is valid (${plural(result.blocks, 'block')} in ${plural(result.files, 'file')}).\n`);
        else io.stderr(`\n${plural(result.diagnostics.filter((d) => d.severity === 'error').length, 'error')} found.\n`);
      }
      exit(failed ? 1 : 0);
    });
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
