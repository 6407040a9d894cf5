/**
 * Mermaid flowchart for a graph, as a string (GitHub renders it in pull requests).
 * Deterministic: vertices get ids `n0, n1, ...` in sorted order, edges are sorted. Labels are
 * quoted with Mermaid's entity escapes so addresses like `xcp_vm.web["a"]` survive.
 */
import { Graph, compareIds } from './graph';

/** How to draw it; every field optional. */
export interface MermaidOptions {
  /** Flow direction (default `RL`: dependencies on the right). */
  readonly direction?: 'LR' | 'RL' | 'TB' | 'BT';
  /** Label of a vertex (default its id). */
  readonly label?: (v: string) => string;
  /** A class name for a vertex (e.g. its action), declared through `classDefs`. */
  readonly classOf?: (v: string) => string | undefined;
  /** `classDef` bodies by class name, e.g. `{ create: 'fill:#dfd' }`. */
  readonly classDefs?: Readonly<Record<string, string>>;
}

/** Renders `g` as a Mermaid `flowchart`. */
export function toMermaid(g: Graph, opts: MermaidOptions = {}): string {
  const vs = [...g.vertices()].sort(compareIds);
  const id = new Map(vs.map((v, i) => [v, `n${i}`]));
  const lines = [`flowchart ${opts.direction ?? 'RL'}`];
  for (const [name, body] of Object.entries(opts.classDefs ?? {}).sort((a, b) => compareIds(a[0], b[0]))) {
    lines.push(`  classDef ${safeClass(name)} ${body}`);
  }
  for (const v of vs) {
    const cls = opts.classOf?.(v);
    lines.push(`  ${id.get(v)}["${escape(opts.label?.(v) ?? v)}"]${cls ? `:::${safeClass(cls)}` : ''}`);
  }
  for (const [a, b] of g.edgeList()) lines.push(`  ${id.get(a)} --> ${id.get(b)}`);
  return lines.join('\n') + '\n';
}

/** Mermaid labels inside `"..."` take HTML entities: `#quot;` and friends. */
function escape(s: string): string {
  return s
    .replace(/&/g, '#amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\r?\n/g, '<br>');
}

function safeClass(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '_');
}
