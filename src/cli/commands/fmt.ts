/**
 * `xcpform fmt [PATH...] [-check] [-recursive] [-list=BOOL] [-write=BOOL]` and `fmt -` (stdin to
 * stdout): rewrites `.tf` and `.tfvars` files in the canonical style `terraform fmt` produces,
 * listing the files it changed. `-check` writes nothing and exits 3 when a file needs
 * formatting, as Terraform does; a file that cannot be read or tokenized exits 2.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { error } from '../../diagnostics';
import { formatHcl } from '../../config/format/format';
import { useColor } from '../color';
import { printDiagnostics } from '../engine-run';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';

const FORMATTED = /\.(tf|tfvars)$/;

function filesIn(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isFile() && FORMATTED.test(e.name)) out.push(join(dir, e.name));
    else if (recursive && e.isDirectory() && !e.name.startsWith('.')) out.push(...filesIn(join(dir, e.name), true));
  }
  return out;
}

const bool = (v: string): boolean => v !== 'false';

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  program
    .command('fmt [paths...]')
    .description('rewrite configuration files in the canonical format ("-" formats stdin to stdout)')
    .option('--check', 'write nothing; exit 3 if any file is not formatted')
    .option('--recursive', 'also format files in subfolders')
    .option('--list <bool>', 'list the files whose formatting differs (default true)', 'true')
    .option('--write <bool>', 'write the result to the files (default true; false with -check)', 'true')
    .option('--no-color', 'disable colours')
    .action(async (paths: string[], raw: Record<string, unknown>) => {
      const color = useColor(io, raw.color !== false);
      if (paths.length === 1 && paths[0] === '-') {
        try {
          const text = readFileSync(0, 'utf8');
          const formatted = formatHcl(text);
          if (raw.check) return exit(formatted === text ? 0 : 3);
          io.stdout(formatted);
          return exit(0);
        } catch (e) {
          printDiagnostics(io, [error('fmt.invalid', 'Invalid HCL in standard input', { detail: (e as Error).message })], color);
          return exit(2);
        }
      }
      const list = bool(String(raw.list));
      const write = raw.check ? false : bool(String(raw.write));
      const files: string[] = [];
      for (const p of paths.length ? paths : ['.']) {
        const full = resolve(io.cwd, p);
        try {
          files.push(...(statSync(full).isDirectory() ? filesIn(full, Boolean(raw.recursive)) : [full]));
        } catch (e) {
          printDiagnostics(io, [error('fmt.no-path', `No file or directory at ${p}`, { detail: (e as Error).message })], color);
          return exit(2);
        }
      }
      let changed = false;
      let failed = false;
      for (const file of files) {
        const shown = relative(io.cwd, file) || file;
        let text: string;
        let formatted: string;
        try {
          text = readFileSync(file, 'utf8');
          formatted = formatHcl(text);
        } catch (e) {
          printDiagnostics(io, [error('fmt.invalid', `Failed to format ${shown}`, { detail: (e as Error).message, source: { filename: shown } })], color);
          failed = true;
          continue;
        }
        if (formatted === text) continue;
        changed = true;
        if (list) io.stdout(`${shown}\n`);
        if (write) writeFileSync(file, formatted);
      }
      exit(failed ? 2 : raw.check && changed ? 3 : 0);
    });
}
