/**
 * Escaping for the report's HTML and SVG. `src/render/markdown/sections.ts` has `html()` for
 * element text, but it leaves quotes alone; attributes need them escaped, so the report keeps
 * its own (one function for both contexts, so no call site has to choose).
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in double- or single-quoted attribute values (HTML and SVG). */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/**
 * An id fragment for `id`/`href="#..."` from any text: letters, digits, `-` and `_` kept, every
 * other character as `.` plus its code point, so different addresses never share an id.
 */
export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, (ch) => `.${ch.codePointAt(0)!.toString(16)}`);
}

/** `1,234`: digit grouping without `Intl`, so output never depends on the machine's locale. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
