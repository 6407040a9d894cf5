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
import { UiJson } from '../ui-json';
import { rehearseForCommand } from '../../rehearsal/run';
import { renderRehearsalText } from '../../render/text/rehearsal';
import { addRehearseFlag, rehearseWanted } from '../rehearse-flag';

function isFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  addRehearseFlag(addPlanFlags(program
    .command('apply [target]')
    .description('apply the changes of a saved plan file, or plan the folder and apply after confirmation')
    .option('--auto-approve', 'skip the interactive approval')
    .option('--json', 'machine-readable UI messages, one JSON object per line (needs -auto-approve or a plan file)')
    .option('--refresh-only', 'only update the state (and outputs) from the live pools; change no object')), true)
    .action(async (target: string | undefined, raw: Record<string, unknown>) => {
      exit(await runApply(io, target, planFlags(raw), Boolean(raw.autoApprove), raw.refreshOnly ? 'refresh-only' : 'normal', rehearseWanted(raw, true)));
    });
  // `terraform refresh` is `apply -refresh-only -auto-approve`, as Terraform documents it.
  addPlanFlags(program
    .command('refresh [dir]')
    .description('update the state from the live pools (same as apply -refresh-only -auto-approve)'))
    .action(async (dir: string | undefined, raw: Record<string, unknown>) => {
      exit(await runApply(io, dir, planFlags(raw), true, 'refresh-only'));
    });
  addRehearseFlag(addPlanFlags(program
    .command('destroy [dir]')
    .description('destroy every object managed by the configuration in DIR')
    .option('--auto-approve', 'skip the interactive approval')
    .option('--json', 'machine-readable UI messages, one JSON object per line (needs -auto-approve)')), true)
    .action(async (dir: string | undefined, raw: Record<string, unknown>) => {
      exit(await runApply(io, dir, planFlags(raw), Boolean(raw.autoApprove), 'destroy', rehearseWanted(raw, true)));
    });
}

async function runApply(io: CliIo, target: string | undefined, flags: PlanFlags, autoApprove: boolean, mode: 'normal' | 'destroy' | 'refresh-only', rehearse = false): Promise<number> {
  const color = useColor(io, flags.color);
  const planPath = target && mode === 'normal' && isFile(resolve(io.cwd, target)) ? resolve(io.cwd, target) : undefined;
  const ui = flags.json ? new UiJson(io.stdout) : undefined;
  if (ui) {
    ui.version();
    if (!planPath && !autoApprove) {
      ui.diagnostics([error('apply.json-approval', 'Plan file or auto-approve required', { detail: 'xcpform cannot ask for interactive approval when -json is set. You can either apply a saved plan file, or enable the -auto-approve option.' })]);
      return 1;
    }
  }
  let ws: Workspace | undefined;
  let cleanup = () => undefined as void;
  try {
    let plan: Plan | undefined;
    if (planPath) {
      const { file, diagnostics } = readPlanFile(planPath);
      printDiagnostics(io, diagnostics, color, flags);
      if (!file) return 1;
      const where = resolvePlanWorkDir(file, io.cwd, target!);
      printDiagnostics(io, where.diagnostics, color, flags);
      if (!where.dir) return 1;
      const snap = materialize(file);
      cleanup = snap.cleanup;
      ws = await openWorkspace(io, where.dir, flags, 'OperationTypeApply', { configDir: snap.dir, vars: [] });
      if (!ws) return 1;
      const stale = checkStale(file.plan, ws.manager.lineage, ws.manager.serial);
      if (stale) { printDiagnostics(io, [stale], color, flags); return 1; }
      const mismatched = await verifySavedPlanActions(ws, file.plan);
      if (mismatched.length) { printDiagnostics(io, mismatched, color, flags); return 1; }
      plan = file.plan;
      if (rehearse && !(await rehearsed(io, ws, plan, flags, color))) return 1;
    } else {
      ws = await openWorkspace(io, target, flags, 'OperationTypeApply');
      if (!ws) return 1;
      const res = await planWorkspace(ws, { mode, refresh: flags.refresh, targets: flags.target, replace: flags.replace });
      printDiagnostics(io, res.diagnostics, color, flags);
      if (!res.plan) return 1;
      plan = res.plan;
      if (ui) ui.plan(plan);
      else printPlan(io, plan, color);
      if (plan.errored) return 1;
      // Before the question: the answer should weigh what the copy of the pools said.
      if (rehearse && !(await rehearsed(io, ws, plan, flags, color))) return 1;
      // As Terraform: a plan without changes is applied without asking, so the refreshed state
      // is saved and the outputs are printed.
      const pending = mode === 'refresh-only' ? plan.drift.some((d) => d.action !== 'no-op') : planHasChanges(plan);
      if (pending && !autoApprove && !inputEnabled(io, flags)) {
        printDiagnostics(io, [error('apply.no-approval', 'No value for approval', { detail: 'Input is disabled (-input=false or TF_INPUT=0), so xcpform cannot ask for approval. Review the plan, then run again with -auto-approve, or apply a saved plan file.' })], color);
        return 1;
      }
      if (pending && !autoApprove) {
        const question = mode === 'refresh-only'
          ? '\nWould you like to update the xcpform state to reflect these detected changes?\n  xcpform will write these changes to the state without modifying any real infrastructure.\n  There is no undo. Only \'yes\' will be accepted to confirm.\n\n  Enter a value: '
          : mode === 'destroy'
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

/**
 * Rehearses the plan on a copy of the pools and prints its section; false (after printing
 * why) when the apply must stop before its first real call.
 */
async function rehearsed(io: CliIo, ws: Workspace, plan: Plan, flags: PlanFlags, color: boolean): Promise<boolean> {
  const { plan: withSection, diagnostics } = await rehearseForCommand(ws, plan, flags.parallelism);
  if (withSection.rehearsal && !flags.json) io.stdout(renderRehearsalText(withSection.rehearsal, { color, diffMarkers: false }, io.columns ?? 80));
  printDiagnostics(io, diagnostics, color, flags);
  return diagnostics.length === 0;
}

/** Prompts are allowed unless -input=false or TF_INPUT is 0/false. */
function inputEnabled(io: CliIo, flags: PlanFlags): boolean {
  if (flags.input !== undefined) return flags.input;
  const env = io.env.TF_INPUT;
  return !(env !== undefined && /^(0|false)$/i.test(env.trim()));
}

async function execute(io: CliIo, ws: Workspace, plan: Plan, flags: PlanFlags, color: boolean, mode: 'normal' | 'destroy' | 'refresh-only'): Promise<number> {
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
  const ui = flags.json ? new UiJson(io.stdout) : undefined;
  const byAddress = new Map(plan.changes.map((c) => [c.address, c]));
  const printer = new ProgressPrinter(ui ? { ...io, stdout: () => undefined, isTty: false } : io);
  try {
    if (!ui) io.stdout('\n');
    const result = await applyWorkspacePlan(ws, plan, { parallelism: flags.parallelism, signal: controller.signal, onEvent: (e) => (ui ? ui.applyEvent(e, byAddress) : printer.handle(e)) });
    printer.stop();
    printDiagnostics(io, result.diagnostics, color, flags);
    if (result.cancelled) {
      printDiagnostics(io, [error('apply.interrupted', 'Apply interrupted', { detail: 'No new changes were started after the interrupt; the state records every completed change. Run plan to see what remains.' })], color);
      return 1;
    }
    const c = result.counts;
    // Terraform: "Resources: 1 imported, 0 added, ..." when import blocks brought objects in.
    const imported = plan.changes.filter((x) => x.importing).length;
    if (ui) {
      ui.applied(c, imported, result.ok, mode === 'destroy', ws.manager.state.outputs);
      return result.ok ? 0 : 1;
    }
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
