/**
 * The HTML report and SVG graph come from `src/report/` (layout with a graph library); this
 * bridge loads it lazily so the plain commands start fast.
 */
import type { Plan } from '../../plan/model';

export async function htmlReport(plan: Plan): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require('../../report') as { renderPlanHtml(plan: Plan, opts?: object): Promise<string> | string };
  return mod.renderPlanHtml(plan, {});
}

/** The standalone SVG graph; `changedOnly: false` draws unchanged resources too (`graph -all`). */
export async function svgGraph(plan: Plan, opts: { changedOnly?: boolean } = {}): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require('../../report') as { renderPlanSvg(plan: Plan, opts?: object): Promise<string> | string };
  return mod.renderPlanSvg(plan, { changedOnly: opts.changedOnly !== false });
}
