/**
 * `xcpform console [dir]`: evaluates expressions against the configuration and the state
 * (resources and data as last applied, variables as given), one per line. Like `terraform
 * console` with piped input, only the last line's result is printed, and the first error ends
 * the run with exit 1; on a terminal each line is answered at a `> ` prompt until `exit`.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { error } from '../../diagnostics';
import { parseExpression } from '../../config/expr/parse';
import { evaluate } from '../../config/expr/evaluate';
import { ConfigScope } from '../../config/scope';
import { LiveState } from '../../engine/state-adapter';
import { ctyTypeOf } from '../../engine/output-types';
import { stateScope } from '../../executor/resolve';
import { containsSensitive, deepUnmark } from '../../values/sensitive';
import { useColor } from '../color';
import { openWorkspace, printDiagnostics } from '../engine-run';
import { addPlanFlags, planFlags } from '../flags';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { formatValue, type CtyType } from '../output-values';

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  addPlanFlags(program
    .command('console [dir]')
    .description('evaluate expressions against the configuration and the state (one per line on stdin)'))
    .action(async (dir: string | undefined, raw: Record<string, unknown>) => {
      const flags = planFlags(raw);
      const color = useColor(io, flags.color);
      const ws = await openWorkspace(io, dir, { ...flags, lock: false }, 'OperationTypeInvalid');
      if (!ws) return exit(1);
      try {
        const config = ws.config!;
        const scope = new ConfigScope(config.config, stateScope(new LiveState(ws.manager).current(), config));
        const answer = async (line: string): Promise<string | undefined> => {
          const parsed = await parseExpression(line);
          if (parsed.error) {
            printDiagnostics(io, [error('cli.console-syntax', parsed.error.summary, { detail: `${parsed.error.summary} (in: ${line})`, source: { filename: '<console-input>', line: 1 } })], color);
            return undefined;
          }
          const r = evaluate(parsed.expr, scope);
          if (r.error) {
            printDiagnostics(io, [error('cli.console-eval', r.error.summary, { detail: r.error.detail, source: { filename: '<console-input>', line: 1 } })], color);
            return undefined;
          }
          if (containsSensitive(r.value)) return '(sensitive value)';
          const v = deepUnmark(r.value);
          return formatValue(v, ctyTypeOf(v) as CtyType);
        };
        if (!io.isTty) {
          let last: string | undefined;
          for (const line of readFileSync(0, 'utf8').split('\n')) {
            if (!line.trim()) continue;
            last = await answer(line);
            if (last === undefined) return exit(1);
          }
          if (last !== undefined) io.stdout(`${last}\n`);
          return exit(0);
        }
        for (;;) {
          const line = (await io.prompt('> ')).trim();
          if (line === 'exit' || line === '') return exit(0);
          const out = await answer(line);
          if (out !== undefined) io.stdout(`${out}\n`);
        }
      } finally {
        await ws.close();
      }
    });
}
