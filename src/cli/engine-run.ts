/**
 * What the engine commands share: opening the workspace of a folder, printing diagnostics and
 * plans the way Terraform does, and closing everything on the way out.
 */
import { UiJson } from './ui-json';
import { resolve } from 'node:path';
import { Diagnostic, hasErrors } from '../diagnostics';
import { Workspace, type WorkspaceOptions } from '../engine/workspace';
import type { Plan } from '../plan/model';
import { renderDiagnostics } from '../render/diagnostics';
import { renderPlanText } from '../render/plan-text';
import { useColor } from './color';
import type { PlanFlags } from './flags';
import type { CliIo } from './io';

export function printDiagnostics(io: CliIo, diags: readonly Diagnostic[], color: boolean, opts: { readonly compactWarnings?: boolean; readonly json?: boolean } = {}): void {
  if (!diags.length) return;
  if (opts.json) { new UiJson(io.stdout).diagnostics(diags); return; }
  if (!opts.compactWarnings) { io.stderr(renderDiagnostics(diags, { color })); return; }
  // -compact-warnings: errors in full, warnings as one summary line each (Terraform's form).
  const errors = diags.filter((d) => d.severity === 'error');
  const warnings = diags.filter((d) => d.severity !== 'error');
  if (errors.length) io.stderr(renderDiagnostics(errors, { color }));
  if (warnings.length) {
    const counts = new Map<string, number>();
    for (const w of warnings) counts.set(w.summary, (counts.get(w.summary) ?? 0) + 1);
    const lines = [...counts].map(([summary, n]) => `- ${summary}${n > 1 ? ` (and ${n - 1} more similar warning${n > 2 ? 's' : ''} elsewhere)` : ''}`);
    io.stderr(`\nWarnings:\n\n${lines.join('\n')}\n\nTo see the full warning notes, run xcpform without -compact-warnings.\n`);
  }
}

export async function openWorkspace(
  io: CliIo,
  dir: string | undefined,
  flags: Pick<PlanFlags, 'varOrder' | 'lock' | 'lockTimeout' | 'color'> & { readonly compactWarnings?: boolean; readonly json?: boolean },
  operation: WorkspaceOptions['operation'],
  extra: Partial<WorkspaceOptions> = {},
): Promise<Workspace | undefined> {
  const { workspace, diagnostics } = await Workspace.open({
    dir: resolve(io.cwd, dir ?? '.'),
    cwd: io.cwd,
    env: io.env,
    vars: flags.varOrder,
    lock: flags.lock,
    lockTimeoutMs: flags.lockTimeout,
    operation,
    ...extra,
  });
  printDiagnostics(io, diagnostics, useColor(io, flags.color), flags);
  return hasErrors(diagnostics) ? undefined : workspace;
}

/** Prints a plan in Terraform's text form (diagnostics included). */
export function printPlan(io: CliIo, plan: Plan, color: boolean): void {
  io.stdout(renderPlanText(plan, { color, width: io.columns, diagnostics: false }));
  printDiagnostics(io, plan.diagnostics, color);
}

/** True when the plan changes something (resources or outputs). */
export function planHasChanges(plan: Plan): boolean {
  // A move or import without other action still changes the state (Terraform: exit code 2, applyable).
  return plan.changes.some((c) => c.action !== 'no-op' || c.previousAddress || c.importing) || plan.outputs.some((o) => o.action !== 'no-op');
}
