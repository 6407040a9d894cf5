/**
 * Layout of the report graph with ELK's layered algorithm (elkjs, the Eclipse Layout Kernel
 * compiled to JavaScript). It runs when the report is rendered, in Node, so the HTML carries a
 * static SVG and no layout code. Pools are compound nodes (`hierarchyHandling:
 * INCLUDE_CHILDREN`, so dependencies that cross pools are routed too) and VPN links are edges
 * between those compound nodes. Coordinates come back absolute (`json.shapeCoords`/`edgeCoords`
 * ROOT), ready to draw.
 *
 * ELK is deterministic for a given input, and the input is built in node-id order.
 */
import ELK from 'elkjs';
import type { ElkExtendedEdge, ElkNode } from 'elkjs';
import type { ReportGraph, ReportLink, ReportNode } from './report-graph';

/** A positioned box. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An edge as a polyline, start to end. */
export type Polyline = readonly { readonly x: number; readonly y: number }[];

/** The graph with positions: what {@link graphSvg} draws. */
export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly (ReportNode & { readonly box: Box })[];
  readonly pools: readonly { readonly name: string; readonly box: Box }[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly points: Polyline }[];
  readonly links: readonly (ReportLink & { readonly points: Polyline; readonly label?: Box })[];
}

/** Monospace metrics the SVG uses (12px; 0.6em per character in DejaVu Sans Mono and peers). */
export const NODE_FONT_SIZE = 12;
const CHAR_WIDTH = 7.3;
const NODE_HEIGHT = 30;
const POOL_TITLE = 30;

/** Width of a node drawn around `label`. */
export function nodeWidth(label: string): number {
  return Math.ceil(label.length * CHAR_WIDTH) + 24;
}

let engine: InstanceType<typeof ELK> | undefined;

const poolId = (name: string) => `pool:${name}`;

function elkInput(g: ReportGraph): ElkNode {
  const clusters = new Map<string, ElkNode>(g.pools.map((p) => [p, {
    id: poolId(p),
    layoutOptions: {
      'elk.padding': `[top=${POOL_TITLE + 10},left=14,bottom=14,right=14]`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${Math.max(150, nodeWidth(`pool ${p}`) + 20)},70)`,
    },
    children: [],
  }]));
  const loose: ElkNode[] = [];
  for (const n of g.nodes) {
    const box: ElkNode = { id: n.id, width: nodeWidth(n.label), height: NODE_HEIGHT };
    (n.pool ? clusters.get(n.pool)!.children! : loose).push(box);
  }
  const edges: ElkExtendedEdge[] = g.edges.map(([from, to], i) => ({ id: `e${i}`, sources: [from], targets: [to] }));
  g.links.forEach((l, i) => edges.push({
    id: `l${i}`,
    sources: [poolId(l.fromPool)],
    targets: [poolId(l.toPool)],
    labels: [{ id: `ll${i}`, text: l.address, width: nodeWidth(l.address) - 10, height: 18 }],
  }));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
      'elk.spacing.nodeNode': '14',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      'elk.spacing.edgeNode': '12',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.thoroughness': '4',
    },
    children: [...clusters.values(), ...loose],
    edges,
  };
}

function polyline(e: ElkExtendedEdge): Polyline {
  const s = e.sections?.[0];
  if (!s) return [];
  return [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: round(p.x), y: round(p.y) }));
}

const round = (x: number) => Math.round(x * 10) / 10;
const boxOf = (n: { x?: number; y?: number; width?: number; height?: number }): Box => ({ x: round(n.x ?? 0), y: round(n.y ?? 0), width: round(n.width ?? 0), height: round(n.height ?? 0) });

/** Lays `g` out. Async because elkjs is; one ELK engine is shared by every call. */
export async function layoutGraph(g: ReportGraph): Promise<GraphLayout> {
  if (!g.nodes.length && !g.pools.length) return { width: 0, height: 0, nodes: [], pools: [], edges: [], links: [] };
  engine ??= new ELK();
  const out = await engine.layout(elkInput(g));
  const placed = new Map<string, ElkNode>();
  const visit = (n: ElkNode) => {
    placed.set(n.id, n);
    n.children?.forEach(visit);
  };
  out.children?.forEach(visit);
  const edgeById = new Map((out.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
  return {
    width: Math.ceil(out.width ?? 0),
    height: Math.ceil(out.height ?? 0),
    nodes: g.nodes.map((n) => ({ ...n, box: boxOf(placed.get(n.id)!) })),
    pools: g.pools.map((name) => ({ name, box: boxOf(placed.get(poolId(name))!) })),
    edges: g.edges.map(([from, to], i) => ({ from, to, points: polyline(edgeById.get(`e${i}`)!) })),
    links: g.links.map((l, i) => {
      const e = edgeById.get(`l${i}`)!;
      const lab = e.labels?.[0];
      return { ...l, points: polyline(e), ...(lab ? { label: boxOf(lab) } : {}) };
    }),
  };
}
