/**
 * `xcpform state pull` (the state as stored, to stdout) and `xcpform state push FILE|-` (replace
 * the state, as `terraform state push` does: a state of another lineage, or an older serial, is
 * refused unless -force). Both go through the configured backend, so they work with pg too.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { error } from '../../diagnostics';
import { decodeStateV4, encodeStateV4 } from '../../state';
import { useColor } from '../color';
import { openWorkspace, printDiagnostics } from '../engine-run';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';

const FLAGS = { varOrder: [], lock: true, lockTimeout: 0, color: true };

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  const state = program.commands.find((c) => c.name() === 'state') ?? program.command('state').description('inspect and edit the state');
  state.command('pull [dir]').description('print the current state as stored (JSON)').action(async (dir?: string) => {
    const ws = await openWorkspace(io, dir, { ...FLAGS, lock: false }, 'OperationTypeInvalid', { noConfig: true });
    if (!ws) return exit(1);
    try {
      // A workspace without state prints nothing, as terraform does.
      if (ws.manager.serial > 0 || ws.manager.state.resources.length) io.stdout(encodeStateV4(ws.manager.state));
      exit(0);
    } finally { await ws.close(); }
  });
  state.command('push <path> [dir]')
    .description('replace the state with a local state file ("-" reads stdin)')
    .option('--force', 'write the state even if lineages differ or the stored serial is higher')
    .option('--lock <bool>', 'hold the state lock while writing (default true)', 'true')
    .action(async (path: string, dir: string | undefined, raw: Record<string, unknown>) => {
      const color = useColor(io, true);
      let text: string;
      try {
        text = readFileSync(path === '-' ? 0 : resolve(io.cwd, path), 'utf8');
      } catch (e) {
        printDiagnostics(io, [error('state.push-read', 'Failed to read the state to push', { detail: `${(e as Error).message}. Give the path of a state file (terraform.tfstate format), or "-" for stdin.` })], color);
        return exit(1);
      }
      const { state: pushed, diagnostics } = decodeStateV4(text, path === '-' ? '<stdin>' : path);
      if (!pushed) { printDiagnostics(io, diagnostics, color); return exit(1); }
      const ws = await openWorkspace(io, dir, { ...FLAGS, lock: raw.lock !== 'false' }, 'OperationTypeApply', { noConfig: true });
      if (!ws) return exit(1);
      try {
        const current = ws.manager.state;
        const exists = ws.manager.serial > 0 || current.resources.length > 0;
        if (exists && !raw.force) {
          if (pushed.lineage !== current.lineage) {
            printDiagnostics(io, [error('state.push-lineage', 'Failed to write state', { detail: `Cannot import state with lineage "${pushed.lineage}" over unrelated state with lineage "${current.lineage}". Use -force to overwrite it anyway.` })], color);
            return exit(1);
          }
          if (pushed.serial < current.serial) {
            printDiagnostics(io, [error('state.push-serial', 'Failed to write state', { detail: `Cannot import state with serial ${pushed.serial} over newer state with serial ${current.serial}. Use -force to overwrite it anyway.` })], color);
            return exit(1);
          }
        }
        await ws.manager.apply(() => ({ ...pushed, serial: Math.max(pushed.serial, current.serial) }));
        exit(0);
      } finally { await ws.close(); }
    });
}
