/**
 * Draws a {@link GraphLayout} as static SVG: pool clusters, dependency edges, VPN links between
 * clusters (dashed, labelled with the link's address) and one box per node, coloured by action
 * with `render/plan-graph.ts`'s palette. Colours are attributes, not CSS, so the standalone file
 * looks the same in any SVG viewer; classes and `data-*` attributes are for the report's filters
 * and for tests (`node action-migrate`, `data-pool`, `vpn-link`).
 */
import type { Action } from '../plan/model';
import { ACTION_COLOURS } from '../render/plan-graph';
import type { GraphLayout, Polyline } from './graph-layout';
import { NODE_FONT_SIZE } from './graph-layout';
import { esc, slug } from './html';
import { filterAction } from './report-graph';

/** Options of {@link graphSvg}. */
export interface GraphSvgOptions {
  /** A file of its own: xmlns, white background, nodes without links into the report. */
  readonly standalone: boolean;
  /** Accessible name of the drawing. */
  readonly title: string;
}

/** The anchor id of a change's row in the report's table (`#res-...`). */
export const rowId = (address: string) => `res-${slug(address)}`;

const FONT = 'DejaVu Sans Mono, Menlo, Consolas, monospace';
const INK = '#1f2328';
const MUTED = '#57606a';
const ACTION_WORD: Record<Action, string> = {
  create: 'create', update: 'update in place', migrate: 'migrate', replace: 'replace (destroy, then create)',
  'replace-cbd': 'replace (create, then destroy)', delete: 'destroy', read: 'read', 'no-op': 'no change', forget: 'forget (kept in XAPI)',
};

/** The words for an action in titles and aria labels. */
export function actionWords(a: Action): string {
  return ACTION_WORD[a];
}

function pathData(points: Polyline): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
}

/** The SVG element; one line per drawn item so diffs of goldens stay readable. */
export function graphSvg(layout: GraphLayout, opts: GraphSvgOptions): string {
  const w = Math.max(layout.width, 1);
  const h = Math.max(layout.height, 1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="plan-graph" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="group" aria-label="${esc(opts.title)}" font-family="${FONT}" font-size="${NODE_FONT_SIZE}">`);
  out.push(`<title>${esc(opts.title)}</title>`);
  out.push('<defs>');
  out.push(`<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${MUTED}"/></marker>`);
  out.push(`<marker id="arrow-link" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#0969da"/></marker>`);
  out.push('</defs>');
  if (opts.standalone) out.push(`<rect width="${w}" height="${h}" fill="#ffffff"/>`);

  out.push('<g class="pools">');
  for (const p of layout.pools) {
    const b = p.box;
    out.push(`<g class="pool" data-pool="${esc(p.name)}"><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="10" fill="#f6f8fa" stroke="#d0d7de" stroke-width="1.5"/><text x="${b.x + 12}" y="${b.y + 20}" font-weight="bold" fill="${INK}">pool ${esc(p.name)}</text></g>`);
  }
  out.push('</g>');

  out.push('<g class="edges" fill="none">');
  for (const e of layout.edges) {
    if (!e.points.length) continue;
    out.push(`<path class="edge" data-from="${e.from}" data-to="${e.to}" d="${pathData(e.points)}" stroke="#8c959f" stroke-width="1.2" marker-end="url(#arrow)"/>`);
  }
  out.push('</g>');

  out.push('<g class="links">');
  for (const l of layout.links) {
    // Always blue (the legend's colour, and the arrow markers'); the link's own node carries its action.
    const colour = '#0969da';
    const title = `VPN link ${l.address} between pool ${l.fromPool} and pool ${l.toPool}${l.action === 'no-op' ? '' : ` (${actionWords(l.action)})`}`;
    const label = l.label
      ? `<rect x="${l.label.x - 4}" y="${l.label.y - 1}" width="${l.label.width + 8}" height="${l.label.height + 2}" rx="4" fill="#ffffff" stroke="${colour}"/><text x="${l.label.x}" y="${l.label.y + l.label.height / 2}" dominant-baseline="central" fill="${colour}">${esc(l.address)}</text>`
      : '';
    out.push(`<g class="vpn-link action-${l.action}" data-address="${esc(l.address)}" data-from-pool="${esc(l.fromPool)}" data-to-pool="${esc(l.toPool)}"><title>${esc(title)}</title><path d="${pathData(l.points)}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-dasharray="8 5" marker-end="url(#arrow-link)" marker-start="url(#arrow-link)"/>${label}</g>`);
  }
  out.push('</g>');

  out.push('<g class="nodes">');
  for (const n of layout.nodes) {
    const b = n.box;
    const c = ACTION_COLOURS[n.action];
    const many = n.addresses.length > 1;
    const what = many ? `${n.addresses.length} instances of ${n.label.replace(/^\S+ /, '').replace(/ ×.*$/, '')}` : n.addresses[0];
    const title = `${actionWords(n.action)}: ${what}${n.pool ? `, pool ${n.pool}` : ''}`;
    const attrs = `class="node action-${n.action}" data-node-id="${n.id}" data-action="${n.action}" data-filter-action="${filterAction(n.action) ?? ''}" data-pool="${esc(n.pool ?? '')}" data-count="${n.addresses.length}"${many ? '' : ` data-address="${esc(n.addresses[0])}"`}`;
    const body = `<title>${esc(title)}</title><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="6" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${many ? 3 : 1.5}"/><text x="${b.x + 12}" y="${b.y + b.height / 2}" dominant-baseline="central" fill="${INK}">${esc(n.label)}</text>`;
    if (opts.standalone) out.push(`<g ${attrs}>${body}</g>`);
    else out.push(`<a ${attrs} href="#${esc(rowId(n.addresses[0]))}" aria-label="${esc(title)}">${body}</a>`);
  }
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n');
}
