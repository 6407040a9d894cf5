/** `-target`: keep the targeted changes and what they depend on, with Terraform's warning. */
import { Diagnostic, warning } from '../diagnostics';
import type { ResourceChange } from './model';
import { configAddress } from '../state/dependencies';

function blockOf(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

export function applyTargets(changes: readonly ResourceChange[], targets: readonly string[], diagnostics: Diagnostic[]): ResourceChange[] {
  // A target names an instance, a block (all its instances), or a module: one instance (`module.m[0]`) or every
  // instance of a call (`module.m`), with everything inside, as Terraform's -target does.
  const matches = (c: ResourceChange) => targets.some((t) => c.address === t || blockOf(c.address) === t
    || (t.startsWith('module.') && (c.address.startsWith(`${t}.`) || (!t.endsWith(']') && configAddress(c.address).startsWith(`${t}.`)))));
  const keep = new Set(changes.filter(matches).map((c) => c.address));
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of changes) {
      if (!keep.has(c.address)) continue;
      for (const dep of c.dependsOn) {
        for (const d of changes) {
          if (!keep.has(d.address) && (d.address === dep || blockOf(d.address) === dep)) { keep.add(d.address); grew = true; }
        }
      }
    }
  }
  diagnostics.push(warning('plan.targeting', 'Resource targeting is in effect', {
    detail: 'You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration. Use -target only for exceptional situations such as recovering from errors.',
  }));
  return changes.filter((c) => keep.has(c.address));
}
