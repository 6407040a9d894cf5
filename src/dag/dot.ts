/**
 * Graphviz DOT for a graph, as a string. Deterministic: vertices and edges sorted by id, no
 * timestamps, so the output can be a golden file. Arrows point from a dependent to what it
 * depends on, like `terraform graph`.
 */
import { Graph, compareIds } from './graph';

/** How to draw it; every field optional. */
export interface DotOptions {
  /** Graph name (default `G`). */
  readonly name?: string;
  /** `rankdir` (default `RL`, Terraform's: dependencies on the right). */
  readonly rankdir?: 'LR' | 'RL' | 'TB' | 'BT';
  /** Label of a vertex (default its id). */
  readonly label?: (v: string) => string;
  /** Extra attributes of a vertex, e.g. `{ color: 'red', style: 'dashed' }`. */
  readonly attributes?: (v: string) => Readonly<Record<string, string>> | undefined;
}

/** Renders `g` in the DOT language. */
export function toDot(g: Graph, opts: DotOptions = {}): string {
  const lines = [
    `digraph ${quote(opts.name ?? 'G')} {`,
    `  rankdir = ${quote(opts.rankdir ?? 'RL')};`,
    `  node [shape = rect, fontname = "sans-serif"];`,
  ];
  for (const v of [...g.vertices()].sort(compareIds)) {
    const attrs: Record<string, string> = { label: opts.label?.(v) ?? v, ...(opts.attributes?.(v) ?? {}) };
    const list = Object.keys(attrs)
      .sort(compareIds)
      .map((k) => `${k} = ${quote(attrs[k])}`)
      .join(', ');
    lines.push(`  ${quote(v)} [${list}];`);
  }
  for (const [a, b] of g.edgeList()) lines.push(`  ${quote(a)} -> ${quote(b)};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** A DOT double-quoted string: backslashes, quotes and newlines escaped. */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
