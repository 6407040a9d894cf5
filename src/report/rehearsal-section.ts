/**
 * The rehearsal in the HTML report: the verdict, a table of the changes that failed on the
 * copy of the pools (address, what was done, XenAPI error, message), the changes not tried,
 * the estimated apply time and what a rehearsal cannot know. Nothing without a rehearsal.
 */
import type { Plan } from '../plan/model';
import { REHEARSAL_LIMITS } from '../rehearsal/model';
import { estimateText, rehearsalVerdict, xapiErrorText } from '../render/text/rehearsal';
import { esc } from './html';

export function rehearsalSection(plan: Plan): string {
  const r = plan.rehearsal;
  if (!r) return '';
  const out = [
    `<section class="rehearsal ${r.ok ? 'rehearsal-ok' : 'rehearsal-failed'}" aria-labelledby="rehearsal-h">`,
    '<h2 id="rehearsal-h">Rehearsal on a copy of the pools</h2>',
    `<p class="verdict">The rehearsal found that ${esc(rehearsalVerdict(r))}</p>`,
  ];
  if (r.failures.length) {
    out.push('<table class="rehearsal-failures"><thead><tr><th>Resource</th><th>Change</th><th>XenAPI error</th><th>Message</th></tr></thead><tbody>');
    for (const f of r.failures) {
      out.push(`<tr data-address="${esc(f.address)}"><td><code>${esc(f.address || '(apply)')}</code></td><td>${esc(f.verb)}</td><td><code>${esc(xapiErrorText(f))}</code></td><td>${esc(f.message)}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  if (r.skipped.length) out.push(`<p class="skipped">Not tried (a change they depend on failed): ${r.skipped.map((a) => `<code>${esc(a)}</code>`).join(', ')}</p>`);
  out.push(`<p class="estimate">${esc(estimateText(r))}</p>`, `<p class="limits">${esc(REHEARSAL_LIMITS)}</p>`, '</section>');
  return out.join('\n');
}
