/**
 * The report's stylesheet, inlined into the HTML (the file must open with no network: from a
 * CI artifact or an email). System fonts only; visible focus on every control; print-friendly.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --focus: #0969da; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
h1 { font-size: 24px; margin: 8px 0 0; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 8px; }
h4 { font-size: 13px; margin: 0 0 4px; }
a { color: #0969da; }
.meta { color: var(--muted); margin: 2px 0; }
.plan-line code { font-size: 14px; background: var(--bg-soft); padding: 4px 8px; border-radius: 6px; border: 1px solid var(--line); display: inline-block; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: 6px 10px; z-index: 10; }
.skip:focus { left: 8px; top: 8px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.plan-graph a.node:focus-visible { outline: none; }
.plan-graph a.node:focus-visible rect { stroke: var(--focus); stroke-width: 4px; }
.plan-graph a.node:hover rect { stroke-width: 3px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.is-hidden { display: none !important; }
.counts { list-style: none; padding: 0; margin: 0 0 12px; display: flex; flex-wrap: wrap; gap: 8px; }
.count { border: 1px solid; border-left-width: 5px; border-radius: 6px; padding: 6px 12px; min-width: 150px; }
.count strong { font-size: 20px; margin-right: 2px; }
.count .sym { font-family: monospace; font-weight: bold; }
.count.zero { opacity: .55; }
.totals { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; }
.totals dt { color: var(--muted); }
.totals dd { margin: 0; font-weight: 600; }
.cost.up { color: #bc4c00; } .cost.down { color: #1a7f37; }
.callout { border: 1px solid var(--line); border-left: 5px solid; border-radius: 6px; padding: 4px 14px; margin: 10px 0; }
.callout.warning { border-left-color: #cf222e; background: #fff8f8; }
.callout.error { border-left-color: #cf222e; background: #ffebe9; }
.callout.note { border-left-color: #9a6700; background: #fffbea; }
.callout ul { margin: 4px 0 8px; padding-left: 20px; }
.filters { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,.96); border-bottom: 1px solid var(--line); padding: 8px 0; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
.filter-group { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.filter-group .group-label { font-weight: 600; color: var(--muted); margin-right: 2px; }
.filters button { font: inherit; cursor: pointer; border: 1px solid var(--line); background: #fff; border-radius: 999px; padding: 3px 12px; color: var(--ink); }
.filters button .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 3px; border: 1px solid; margin-right: 6px; vertical-align: -1px; }
.filters button[aria-pressed="true"] { background: #ddf4ff; border-color: #0969da; font-weight: 600; box-shadow: inset 0 0 0 1px #0969da; }
.filters button[aria-pressed="true"]::before { content: "✓ "; }
.filters button:disabled { opacity: .5; cursor: default; }
#filter-status { color: var(--muted); margin: 0; }
.graph-wrap { overflow: auto; max-height: 78vh; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.graph-wrap svg { display: block; }
.graph-note { color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; padding: 0; margin: 6px 0; color: var(--muted); }
.legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; border: 1.5px solid; margin-right: 5px; vertical-align: -2px; }
.legend .dash { display: inline-block; width: 24px; border-top: 2.5px dashed #0969da; margin-right: 5px; vertical-align: 3px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
thead th { background: var(--bg-soft); font-weight: 600; }
td.num, th.num { text-align: right; }
.host { color: var(--muted); font-weight: normal; }
.warn { color: #cf222e; font-weight: 600; }
.pools { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 14px; }
.pool-capacity { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--bg-soft); }
.pool-capacity .total { color: var(--muted); font-weight: normal; font-size: 12px; margin-left: 6px; }
.hosts { list-style: none; padding: 0; margin: 10px 0 0; display: grid; gap: 8px; }
li.host { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; color: var(--ink); }
.mem { display: grid; grid-template-columns: 48px 1fr auto; gap: 8px; align-items: center; font-size: 12px; }
.mem-label { color: var(--muted); }
.mem-text { color: var(--muted); white-space: nowrap; }
.bar { display: block; height: 10px; background: #dafbe1; border: 1px solid #8c959f; border-radius: 5px; overflow: hidden; }
.bar .fill { display: block; height: 100%; background: #57606a; }
.bar.full .fill { background: #cf222e; }
.vms { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
.vm .from { color: var(--muted); font-size: 12px; }
.chip { display: inline-block; min-width: 26px; text-align: center; font: bold 12px monospace; border: 1px solid; border-radius: 4px; padding: 0 4px; }
.none { color: var(--muted); font-style: italic; }
.unplaced { margin-top: 8px; }
details.change { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; background: #fff; }
details.change > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside; }
details.change[open] > summary { border-bottom: 1px solid var(--line); background: var(--bg-soft); }
details.change .address { font-weight: 600; font-size: 13px; }
details.change .headline, details.change .pool-tag { color: var(--muted); }
details.change .pool-tag { border: 1px solid var(--line); border-radius: 999px; padding: 0 8px; font-size: 12px; }
details.change .cost { float: right; color: var(--muted); }
details.change .notes { margin: 6px 0; padding-left: 30px; color: #6e4f00; }
details.change table { margin: 0; }
details.change .unchanged { color: var(--muted); margin: 4px 12px 8px; font-size: 12px; }
td.marker { width: 22px; font: bold 13px monospace; text-align: center; }
tr.attr-create td.marker { color: #1a7f37; } tr.attr-delete td.marker { color: #cf222e; } tr.attr-update td.marker { color: #9a6700; }
table.diff tr.attr-create td:last-child { background: #f0fff4; } tr.attr-delete td:nth-child(3) { background: #fff5f5; }
tr.attr-update td:nth-child(3) { background: #fff8f8; } tr.attr-update td:last-child { background: #f6fff8; }
table.diff tbody th, table.diff tbody td { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; font-weight: normal; word-break: break-all; white-space: pre-wrap; }
table.diff tbody th .flag { font-family: -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
td.sensitive, td.unknown { color: var(--muted); font-style: italic; }
.flag { font-size: 11px; border-radius: 4px; padding: 0 5px; margin-left: 4px; white-space: nowrap; }
.flag.replace { background: #ffebe9; color: #cf222e; } .flag.migrate { background: #fbefff; color: #8250df; } .flag.halt { background: #fff8c5; color: #9a6700; }
pre.output-changes { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; overflow: auto; }
.output.action-create { color: #1a7f37; } .output.action-delete { color: #cf222e; } .output.action-update { color: #9a6700; }
footer { color: var(--muted); margin-top: 32px; font-size: 12px; }
@media print { .filters, .skip { display: none; } .graph-wrap { max-height: none; overflow: visible; } details.change { break-inside: avoid; } }
`;
