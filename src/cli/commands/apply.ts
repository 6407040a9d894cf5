/**
 * `xcpform apply [PLANFILE|DIR]` and `xcpform destroy [DIR]`: plan (or read a saved plan), ask
 * for `yes` unless -auto-approve or a saved plan, apply with progress, persist state after every
 * change. Ctrl-C once: no new changes start, running ones finish, state is saved. Twice: what is
 * known is saved and xcpform exits at once with a warning.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { error } from '../../diagnostics';
import { applyWorkspacePlan, checkStale } from '../../engine/apply';
import { planWorkspace } from '../../engine/plan';
import { materialize, resolvePlanWorkDir } from '../../engine/plan-snapshot';
import { verifySavedPlanActions } from '../../engine/plan-verify';
import type { Workspace } from '../../engine/workspace';
import type { Plan } from '../../plan/model';
import { readPlanFile } from '../../plan/plan-file';
import { useColor } from '../color';
import { openWorkspace, planHasChanges, printDiagnostics, printPlan } from '../engine-run';
import { addPlanFlags, planFlags, type PlanFlags } from '../flags';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { renderOutputValues } from '../output-values';
import { ProgressPrinter } from '../progress';

function isFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  addPlanFlags(program
    .command('apply [target]')
    .description('apply the changes of a saved plan file, or plan the folder and apply after confirmation')
    .option('--auto-approve', 'skip the interactive approval'))
    .action(async (target: string | undefined, raw: Record<string, unknown>) => {
      exit(await runApply(io, target, planFlags(raw), Boolean(raw.autoApprove), 'normal'));
    });
  addPlanFlags(program
    .command('destroy [dir]')
    .description('destroy every object managed by the configuration in DIR')
    .option('--auto-approve', 'skip the interactive approval'))
    .action(async (dir: string | undefined, raw: Record<string, unknown>) => {
      exit(await runApply(io, dir, planFlags(raw), Boolean(raw.autoApprove), 'destroy'));
    });
}

async function runApply(io: CliIo, target: string | undefined, flags: PlanFlags, autoApprove: boolean, mode: 'normal' | 'destroy'): Promise<number> {
  const color = useColor(io, flags.color);
  const planPath = target && mode === 'normal' && isFile(resolve(io.cwd, target)) ? resolve(io.cwd, target) : undefined;
  let ws: Workspace | undefined;
  let cleanup = () => undefined as void;
  try {
    let plan: Plan | undefined;
    if (planPath) {
      const { file, diagnostics } = readPlanFile(planPath);
      printDiagnostics(io, diagnostics, color);
      if (!file) return 1;
      const where = resolvePlanWorkDir(file, io.cwd, target!);
      printDiagnostics(io, where.diagnostics, color);
      if (!where.dir) return 1;
      const snap = materialize(file);
      cleanup = snap.cleanup;
      ws = await openWorkspace(io, where.dir, flags, 'OperationTypeApply', { configDir: snap.dir, vars: [] });
      if (!ws) return 1;
      const stale = checkStale(file.plan, ws.manager.lineage, ws.manager.serial);
      if (stale) { printDiagnostics(io, [stale], color); return 1; }
      const mismatched = await verifySavedPlanActions(ws, file.plan);
      if (mismatched.length) { printDiagnostics(io, mismatched, color); return 1; }
      plan = file.plan;
    } else {
      ws = await openWorkspace(io, target, flags, 'OperationTypeApply');
      if (!ws) return 1;
      const res = await planWorkspace(ws, { mode, refresh: flags.refresh, targets: flags.target, replace: flags.replace });
      printDiagnostics(io, res.diagnostics, color);
      if (!res.plan) return 1;
      plan = res.plan;
      printPlan(io, plan, color);
      if (plan.errored) return 1;
      // As Terraform: a plan without changes is applied without asking, so the refreshed state
      // is saved and the outputs are printed.
      if (planHasChanges(plan) && !autoApprove) {
        const question = mode === 'destroy'
          ? '\nDo you really want to destroy all resources?\n  xcpform will destroy all your managed infrastructure, as shown above.\n  There is no undo. Only \'yes\' will be accepted to confirm.\n\n  Enter a value: '
          : '\nDo you want to perform these actions?\n  xcpform will perform the actions described above.\n  Only \'yes\' will be accepted to approve.\n\n  Enter a value: ';
        const answer = (await io.prompt(question)).trim();
        if (answer !== 'yes') {
          io.stderr(`\nError: ${mode === 'destroy' ? 'Destroy' : 'Apply'} cancelled.\n`);
          return 1;
        }
      }
    }
    return await execute(io, ws, plan, flags, color, mode);
  } finally {
    await ws?.close();
    cleanup();
  }
}

async function execute(io: CliIo, ws: Workspace, plan: Plan, flags: PlanFlags, color: boolean, mode: 'normal' | 'destroy'): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const removeHandler = io.onInterrupt(() => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr('\nInterrupt received.\nPlease wait for xcpform to exit or data loss may occur.\nGracefully shutting down: no new changes start; running ones finish and the state is saved.\n');
      controller.abort();
    } else {
      io.stderr('\nTwo interrupts received. Exiting immediately. The state holds every change completed so far; objects being changed right now may exist without being recorded: the next plan adopts them.\n');
      void ws.manager.flush().finally(() => process.exit(130));
    }
  });
  const printer = new ProgressPrinter(io);
  try {
    io.stdout('\n');
    const result = await applyWorkspacePlan(ws, plan, { parallelism: flags.parallelism, signal: controller.signal, onEvent: (e) => printer.handle(e) });
    printer.stop();
    printDiagnostics(io, result.diagnostics, color);
    if (result.cancelled) {
      printDiagnostics(io, [error('apply.interrupted', 'Apply interrupted', { detail: 'No new changes were started after the interrupt; the state records every completed change. Run plan to see what remains.' })], color);
      return 1;
    }
    const c = result.counts;
    // Terraform: "Resources: 1 imported, 0 added, ..." when import blocks brought objects in.
    const imported = plan.changes.filter((x) => x.importing).length;
    if (mode === 'destroy') io.stdout(`\n${result.ok ? 'Destroy complete!' : 'Destroy incomplete!'} Resources: ${c.destroyed} destroyed.\n`);
    else {
      io.stdout(`\n${result.ok ? 'Apply complete!' : 'Apply incomplete!'} Resources: ${imported ? `${imported} imported, ` : ''}${c.added} added, ${c.changed} changed, ${c.migrated} migrated, ${c.destroyed} destroyed.\n`);
      if (result.ok) io.stdout(renderOutputValues(ws.manager.state.outputs));
    }
    return result.ok ? 0 : 1;
  } finally {
    printer.stop();
    removeHandler();
  }
}
