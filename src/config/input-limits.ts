/**
 * Checks a configuration file before it is decoded: its bytes must be UTF-8 (Terraform refuses
 * other encodings; a lenient decoder would turn a stray byte into U+FFFD and send that to
 * XenAPI), and its values may not nest deeper than {@link MAX_NESTING}: every later stage walks
 * values recursively, and a hostile file nested 100,000 levels deep must end in a diagnostic
 * naming the file, not in a stack overflow. Both checks are single linear passes.
 */

/** Deepest nesting of objects / arrays / blocks accepted in a file (real ones stay below 20). */
export const MAX_NESTING = 128;

/** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { len = 2; min = 0x80; } else if (b >= 0xe0 && b <= 0xef) { len = 3; min = 0x800; } else if (b >= 0xf0 && b <= 0xf4) { len = 4; min = 0x10000; } else return i;
    if (i + len > n) return i;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += len;
  }
  return -1;
}

/** 1-based line of a byte offset. */
export function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The 1-based line where brackets (`{`, `[`, `(`) first nest deeper than `limit`, outside
 * double-quoted strings and comments, or undefined. Approximate for HCL (heredocs count as
 * text), exact for JSON; used only to say where a too-deep value is.
 */
export function lineBeyondNesting(text: string, limit: number): number | undefined {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91 || c === 40) {
      if (++depth > limit) return line;
    } else if (c === 125 || c === 93 || c === 41) depth--;
  }
  return undefined;
}

/** Whether a decoded document (plain JSON values) nests deeper than `limit`; iterative. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d >= limit) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (x && typeof x === 'object') stack.push([x, d + 1]);
  }
  return false;
}
