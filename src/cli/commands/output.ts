/**
 * `xcpform output [NAME] [-json | -raw] [-state PATH]`: the root module's outputs from the state,
 * as `terraform output` prints them: all as `name = value` (sensitive ones `<sensitive>`), one
 * by name in console notation (shown even when sensitive: the user asked for it), `-json` as
 * `{name: {sensitive, type, value}}` or the bare value, `-raw` a string, number or bool as is.
 */
import { Command } from 'commander';
import { error, warning } from '../../diagnostics';
import { useColor } from '../color';
import { openWorkspace, printDiagnostics } from '../engine-run';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { formatValue } from '../output-values';

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  program
    .command('output [name]')
    .description('show output values from the state')
    .option('--json', 'machine-readable JSON')
    .option('--raw', 'print a string, number or bool output as is, for scripts')
    .option('--no-color', 'disable colours')
    .action(async (name: string | undefined, raw: Record<string, unknown>) => {
      const color = useColor(io, raw.color !== false);
      if (raw.json && raw.raw) {
        printDiagnostics(io, [error('cli.output-flags', 'Invalid output format', { detail: 'The -raw and -json options are mutually exclusive.' })], color);
        return exit(1);
      }
      if (raw.raw && !name) {
        printDiagnostics(io, [error('cli.output-raw-name', 'Output name required', { detail: 'You must give the name of a single output value when using the -raw option.' })], color);
        return exit(1);
      }
      const ws = await openWorkspace(io, undefined, { varOrder: [], lock: false, lockTimeout: 0, color }, 'OperationTypeInvalid', { noConfig: true });
      if (!ws) return exit(1);
      try {
        const outputs = ws.manager.state.outputs;
        if (!name) {
          const names = Object.keys(outputs).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          if (raw.json) {
            const doc: Record<string, unknown> = {};
            for (const n of names) doc[n] = { sensitive: outputs[n].sensitive ?? false, type: outputs[n].type, value: outputs[n].value };
            io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
            return exit(0);
          }
          if (!names.length) {
            printDiagnostics(io, [warning('cli.no-outputs', 'No outputs found', { detail: 'The state file either has no outputs defined, or all the defined outputs are empty. Please define an output in your configuration with the `output` keyword and run `xcpform apply` to see it.' })], color);
            return exit(0);
          }
          for (const n of names) io.stdout(`${n} = ${outputs[n].sensitive ? '<sensitive>' : formatValue(outputs[n].value, outputs[n].type)}\n`);
          return exit(0);
        }
        const o = outputs[name];
        if (!o) {
          printDiagnostics(io, [error('cli.output-not-found', `Output "${name}" not found`, { detail: 'The output variable requested could not be found in the state file. If you recently added this to your configuration, be sure to run `xcpform apply`, since the state won\'t be updated with new output variables until that command is run.' })], color);
          return exit(1);
        }
        if (raw.json) io.stdout(`${JSON.stringify(o.value)}\n`);
        else if (raw.raw) {
          if (o.value === null || typeof o.value === 'object') {
            printDiagnostics(io, [error('cli.output-raw-type', 'Unsupported value for raw output', { detail: `The -raw option only supports strings, numbers, and boolean values, but output value "${name}" is ${o.value === null ? 'null' : Array.isArray(o.value) ? 'a list or tuple' : 'an object or map'}.\n\nUse the -json option for machine-readable representations of output values that have complex types.` })], color);
            return exit(1);
          }
          io.stdout(String(o.value));
        } else io.stdout(`${formatValue(o.value, o.type)}\n`);
        exit(0);
      } finally {
        await ws.close();
      }
    });
}
