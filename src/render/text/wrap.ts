/** Word wrapping and the horizontal rule, as Terraform's `format.WordWrap` and `HorizontalRule`. */

/**
 * Greedy word wrap at `width - 1` columns (Terraform leaves the last column free); lines that
 * start with a space keep their indentation on continuation lines. `width <= 1` disables it.
 */
export function wordWrap(text: string, width: number): string {
  if (width <= 1) return text;
  const limit = width - 1;
  return text
    .split('\n')
    .map((line) => {
      const indent = /^ */.exec(line)![0];
      const words = line.slice(indent.length).split(' ');
      const out: string[] = [];
      let cur = indent;
      for (const w of words) {
        if (cur.length > indent.length && cur.length + 1 + w.length > limit) {
          out.push(cur);
          cur = indent + w;
        } else {
          cur = cur.length > indent.length ? `${cur} ${w}` : cur + w;
        }
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}

/** `\n` + `─` × (width − 1) + `\n`, or a bare newline for width ≤ 1. */
export function horizontalRule(width: number): string {
  return width <= 1 ? '\n' : `\n${'─'.repeat(width - 1)}\n`;
}
