/**
 * The rehearsal as the commands use it: `plan -rehearse` attaches it to the plan; `apply`
 * rehearses before its first real call and stops, with a diagnostic naming every change that
 * failed on the copy, unless `-rehearse=false`. A rehearsal that cannot run (a pool that
 * cannot be read) stops apply the same way: the promise is that nothing real is touched before
 * the copy said yes.
 */
import { Diagnostic, error } from '../diagnostics';
import type { Workspace } from '../engine/workspace';
import type { Plan } from '../plan/model';
import { failureText } from '../render/text/rehearsal';
import { REHEARSAL_LIMITS, type Rehearsal } from './model';
import { hasRehearsableChanges, rehearsePlan } from './rehearse';

const MAX_LISTED = 20;

/**
 * Rehearses `plan` (when it changes anything) and returns it with its rehearsal section, plus
 * the diagnostics that must stop an apply: the rehearsal failed, or could not run.
 */
export async function rehearseForCommand(ws: Workspace, plan: Plan, parallelism: number): Promise<{ plan: Plan; diagnostics: Diagnostic[] }> {
  if (!hasRehearsableChanges(plan)) return { plan, diagnostics: [] };
  let run;
  try {
    run = await rehearsePlan(ws, plan, { parallelism });
  } catch (err) {
    return {
      plan,
      diagnostics: [error('rehearsal.unavailable', 'The plan could not be rehearsed; nothing was applied', {
        detail: `Copying the pools for a rehearsal failed: ${(err as Error)?.message ?? String(err)}. Check that every configured pool answers, or apply without a rehearsal (-rehearse=false).`,
      })],
    };
  }
  const { rehearsal } = run;
  const withSection: Plan = { ...plan, rehearsal };
  if (rehearsal.ok) return { plan: withSection, diagnostics: [] };
  const listed = listedFailures(rehearsal);
  return {
    plan: withSection,
    diagnostics: [error('rehearsal.failed', `Rehearsal failed: ${rehearsal.failures.length} of ${rehearsal.changes} changes fail on a copy of the pools; nothing was applied`, {
      detail: `Applied to a copy of the pools as they are now, these changes failed:\n${listed.join('\n')}\nThe real apply would fail the same way part-way through; its errors on the copy follow. Fix the causes (configuration or pools) and run apply again, or apply anyway with -rehearse=false. ${REHEARSAL_LIMITS}`,
    }), ...run.diagnostics.filter((d) => d.severity === 'error')],
  };
}

/** The failed changes, one line each, at most {@link MAX_LISTED}. */
function listedFailures(rehearsal: Rehearsal): string[] {
  const listed = rehearsal.failures.slice(0, MAX_LISTED).map((f) => `  - ${failureText(f)}`);
  if (rehearsal.failures.length > MAX_LISTED) listed.push(`  - … and ${rehearsal.failures.length - MAX_LISTED} more`);
  return listed;
}

/**
 * The error `plan -rehearse` ends with when its rehearsal failed (Terraform's plan exits 1 on an
 * error, and a plan whose apply is known to fail part-way is one): the failed changes, that
 * apply would stop on the same rehearsal, and where the saved plan is (`savedTo`, when -out
 * was given: it is written all the same, so the rehearsal can be read with `show`).
 * `undefined` when the plan was not rehearsed or its rehearsal went through.
 */
export function planRehearsalError(plan: Plan, savedTo?: string): Diagnostic | undefined {
  const rehearsal = plan.rehearsal;
  if (!rehearsal || rehearsal.ok) return undefined;
  const saved = savedTo === undefined ? '' : ` The plan was saved to ${savedTo} all the same, so its rehearsal can be read with "xcpform show ${savedTo}"; applying it stops on the same rehearsal.`;
  return error('rehearsal.failed', `Rehearsal failed: ${rehearsal.failures.length} of ${rehearsal.changes} changes fail on a copy of the pools`, {
    detail: `Applied to a copy of the pools as they are now, these changes failed:\n${listedFailures(rehearsal).join('\n')}\nThe real apply would fail the same way part-way through, so apply stops before its first real call. Fix the causes (configuration or pools) and plan again, or apply anyway with -rehearse=false.${saved} ${REHEARSAL_LIMITS}`,
  });
}
