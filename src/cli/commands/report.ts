/**
 * Helpers for `xcpform show -html [PLANFILE] -o FILE.html` and `xcpform graph -format svg`
 * (the commands themselves live in show.ts and graph.ts): the only I/O of the visual report.
 */
import { writeFileAtomic } from '../../state/atomic-write';
import type { Plan } from '../../plan/model';
import { renderPlanHtml, PlanHtmlOptions } from '../../report/plan-html';
import { renderPlanSvg } from '../../report/plan-svg';

/**
 * Renders `plan` as the self-contained HTML report and writes it to `outPath` atomically
 * (temp file, fsync, rename; mode 0644: the report holds no secrets and is meant to be shared
 * as a CI artifact). Resolves to the number of bytes written. `opts.generatedAt` is the only
 * time in the report; the caller passes it (e.g. the plan's creation time) or leaves it out.
 */
export async function writeHtmlReport(plan: Plan, outPath: string, opts: PlanHtmlOptions = {}): Promise<number> {
  const html = await renderPlanHtml(plan, opts);
  await writeFileAtomic(outPath, html, 0o644);
  return Buffer.byteLength(html);
}

/** The plan's dependency graph as a standalone SVG document, for stdout or `-o FILE.svg`; `changedOnly: false` adds unchanged resources. */
export async function renderGraphSvg(plan: Plan, opts: { changedOnly?: boolean } = {}): Promise<string> {
  return renderPlanSvg(plan, opts);
}
