/**
 * The rehearsal in the pull-request comment: the verdict, the failed changes (capped), the
 * estimate and what a rehearsal cannot know. Empty without a rehearsal.
 */
import type { Plan } from '../../plan/model';
import { REHEARSAL_LIMITS } from '../../rehearsal/model';
import { estimateText, failureText, rehearsalVerdict } from '../text/rehearsal';
import { cappedLines, code } from './sections';

export function rehearsalSection(plan: Plan, maxChars: number): string {
  const r = plan.rehearsal;
  if (!r) return '';
  const icon = r.ok ? ':white_check_mark:' : ':x:';
  const lines = [`### ${icon} Rehearsal on a copy of the pools`, '', `The rehearsal found that ${rehearsalVerdict(r)}`];
  if (r.failures.length) {
    lines.push('');
    lines.push(...cappedLines(r.failures.map((f) => `- ${code(f.address || '(apply)')} ${failureText(f).slice((f.address || '(apply)').length + 2)}`), 20, maxChars, (n) => `- … and ${n} more`));
  }
  if (r.skipped.length) lines.push('', `Not tried (a change they depend on failed): ${r.skipped.length}.`);
  lines.push('', estimateText(r), '', `_${REHEARSAL_LIMITS}_`);
  return lines.join('\n');
}
