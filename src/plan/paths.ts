/** Attribute paths inside a resource: ["disk", 0, "size"]. */
export type AttrPath = readonly (string | number)[];

export function pathKey(path: AttrPath): string {
  return JSON.stringify(path);
}

/** True when `prefix` is `path` or one of its ancestors. */
export function isPrefix(prefix: AttrPath, path: AttrPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => seg === path[i]);
}

/** Parses `disk[0].size` or `tags` into a path; `undefined` when malformed. */
export function parsePath(text: string): AttrPath | undefined {
  const out: (string | number)[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["([^"]*)"\]|\./gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < text.length && (m = re.exec(text))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3]);
    pos = re.lastIndex;
  }
  return pos === text.length && out.length ? out : undefined;
}
