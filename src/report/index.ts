/** Public entry points of the visual report (see README.md). */
export { renderPlanHtml } from './plan-html';
export type { PlanHtmlOptions } from './plan-html';
export { renderPlanSvg } from './plan-svg';
export type { PlanSvgOptions } from './plan-svg';
export { reportGraph, vpnLinks, DEFAULT_MAX_GRAPH_NODES } from './report-graph';
export type { ReportGraph, ReportNode, ReportLink, FilterAction } from './report-graph';
