import { resolve } from 'node:path';
import { Command } from 'commander';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { planWorkspace } from '../../engine/plan';
import { savePlan } from '../../engine/plan-snapshot';
import { UiJson } from '../ui-json';
import { addPlanFlags, planFlags } from '../flags';
import { openWorkspace, planHasChanges, printDiagnostics, printPlan } from '../engine-run';
import { useColor } from '../color';
import { planRehearsalError, rehearseForCommand } from '../../rehearsal/run';
import { addRehearseFlag, rehearseWanted } from '../rehearse-flag';

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  addRehearseFlag(addPlanFlags(program
    .command('plan [dir]')
    .description('show the changes that apply would make to the pools (nothing is changed)')
    .option('--out <file>', 'save the plan to FILE for "xcpform apply FILE"')
    .option('--json', 'machine-readable UI messages, one JSON object per line, as terraform plan -json (the plan document: show -json PLANFILE)')
    .option('--destroy', 'plan to destroy every managed object')
    .option('--refresh-only', 'plan only to update the state from the live pools')
    .option('--detailed-exitcode', 'exit 0 with no changes, 2 with changes, 1 on error')), false)
    .action(async (dir: string | undefined, raw: Record<string, unknown>) => {
      const flags = planFlags(raw);
      const color = useColor(io, flags.color);
      const ui = flags.json ? new UiJson(io.stdout) : undefined;
      ui?.version();
      const ws = await openWorkspace(io, dir, flags, 'OperationTypePlan');
      if (!ws) return exit(1);
      try {
        const planned = await planWorkspace(ws, {
          mode: raw.destroy ? 'destroy' : raw.refreshOnly ? 'refresh-only' : 'normal',
          refresh: flags.refresh,
          targets: flags.target,
          replace: flags.replace,
        });
        printDiagnostics(io, planned.diagnostics, color, flags);
        let plan = planned.plan;
        if (!plan) return exit(1);
        // The rehearsal's own verdict is its section; a rehearsal that cannot run is an error.
        if (!plan.errored && rehearseWanted(raw, false)) {
          const rehearsed = await rehearseForCommand(ws, plan, flags.parallelism);
          plan = rehearsed.plan;
          const unavailable = rehearsed.diagnostics.filter((d) => d.code === 'rehearsal.unavailable');
          if (unavailable.length) { printDiagnostics(io, unavailable, color, flags); return exit(1); }
        }
        if (ui) ui.plan(plan);
        else printPlan(io, plan, color);
        if (plan.errored) return exit(1);
        // A failed rehearsal is an error (exit 1, also with -detailed-exitcode); the plan is
        // still saved so the rehearsal can be read.
        const rehearsalError = planRehearsalError(plan, raw.out === undefined ? undefined : String(raw.out));
        if (raw.out) {
          const out = resolve(io.cwd, String(raw.out));
          savePlan(out, plan, ws.config!, ws.options.dir);
          if (!raw.json && rehearsalError) io.stdout(`\nSaved the plan to: ${String(raw.out)}\n`);
          else if (!raw.json) io.stdout(`\nSaved the plan to: ${String(raw.out)}\n\nTo perform exactly these actions, run the following command to apply:\n    xcpform apply "${String(raw.out)}"\n`);
        } else if (!raw.json && planHasChanges(plan) && !rehearsalError) {
          io.stdout('\nNote: You didn\'t use the -out option to save this plan, so xcpform can\'t guarantee to take exactly these actions if you run "xcpform apply" now.\n');
        }
        if (rehearsalError) { printDiagnostics(io, [rehearsalError], color, flags); return exit(1); }
        exit(raw.detailedExitcode && planHasChanges(plan) ? 2 : 0);
      } finally {
        await ws.close();
      }
    });
}
