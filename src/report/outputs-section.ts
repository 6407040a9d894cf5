/**
 * "Changes to Outputs": each output the plan adds, changes or removes, written as the text plan
 * writes it (`- name = "value" -> null` when a destroy plan removes it), one line group per
 * output. Sensitive outputs read `(sensitive value)` (the text renderer hides them; the document
 * scrubber would catch any that slipped through).
 */
import type { Plan } from '../plan/model';
import { renderOutputChanges } from '../render/plan-text';
import { PLAIN } from '../render/text/style';
import { esc } from './html';

/** The section, or nothing when no output changes (as the text plan prints nothing). */
export function outputsSection(plan: Plan): string {
  // renderOutputChanges sorts by name and skips no-ops: the same order here.
  const changed = [...plan.outputs].filter((o) => o.action !== 'no-op').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines = renderOutputChanges(plan.outputs, PLAIN);
  if (!lines.length) return '';
  const items = lines.map((text, i) => `<span class="output action-${changed[i].action}" data-output="${esc(changed[i].name)}" data-action="${changed[i].action}">${esc(text)}</span>`);
  return [
    '<section class="outputs" aria-labelledby="outputs-h">',
    `<h2 id="outputs-h">Changes to Outputs (${lines.length})</h2>`,
    `<pre class="output-changes">${items.join('\n')}</pre>`,
    '</section>',
  ].join('\n');
}
