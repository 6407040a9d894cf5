/**
 * Colour and line prefixes for the text renderer. Terraform prints each line as
 * `indent (4 spaces a level) + symbol (3 wide) + space`; the Markdown renderer asks for the
 * "diff markers" variant, which moves the symbol to column 0 (and `~` to `!`) so GitHub's diff
 * highlighter colours it (Atlantis' `--enable-diff-markdown-format`), keeping the width.
 * Markers are placed from the plan data, never by scraping text, so a YAML list item inside a
 * heredoc is never mistaken for a deletion.
 */
import { ACTION_SYMBOL, Action } from '../../plan/model';

/** Actions of nested values: the resource actions plus none. */
export type LineAction = Action;

const CODES = { reset: 0, bold: 1, red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36, darkGray: 90 } as const;
/** Colours the renderers use (Terraform's colorstring names). */
export type Colour = keyof typeof CODES;

/** Rendering style shared by every text function. */
export interface TextStyle {
  readonly color: boolean;
  readonly diffMarkers: boolean;
}

/** No colour, symbols in place: `-no-color` text. */
export const PLAIN: TextStyle = { color: false, diffMarkers: false };

/** Wraps text in ANSI codes when colour is on. */
export function paint(style: TextStyle, text: string, ...colours: Colour[]): string {
  if (!style.color || !colours.length || text === '') return text;
  return `${colours.map((c) => `\x1b[${CODES[c]}m`).join('')}${text}\x1b[0m`;
}

/** The 3-wide symbol of an action, coloured as Terraform colours it (migrate: magenta). */
export function symbol(style: TextStyle, action: LineAction): string {
  const raw = ACTION_SYMBOL[action];
  if (style.diffMarkers) return diffMarker(raw);
  if (!style.color) return raw;
  switch (action) {
    case 'create':
      return `  ${paint(style, '+', 'green')}`;
    case 'update':
      return `  ${paint(style, '~', 'yellow')}`;
    case 'migrate':
      return ` ${paint(style, '~>', 'magenta')}`;
    case 'delete':
      return `  ${paint(style, '-', 'red')}`;
    case 'replace':
      return `${paint(style, '-', 'red')}/${paint(style, '+', 'green')}`;
    case 'replace-cbd':
      return `${paint(style, '+', 'green')}/${paint(style, '-', 'red')}`;
    case 'read':
      return ` ${paint(style, '<=', 'cyan')}`;
    default:
      return raw;
  }
}

/** `  ~` → `!  `, ` ~>` → `!~>`, `  +` → `+  `: the marker in column 0, same width. */
function diffMarker(raw: string): string {
  const s = raw.trim();
  const mapped = s === '~' ? '!' : s.startsWith('~') ? `!${s}` : s;
  return mapped.padEnd(3);
}

/** Four spaces per nesting level. */
export function indentOf(level: number): string {
  return '    '.repeat(level);
}

/** The start of a line at `level` carrying `action`'s symbol (width 4 × level + 4). */
export function linePrefix(style: TextStyle, level: number, action: LineAction): string {
  if (style.diffMarkers) return `${symbol(style, action)}${indentOf(level)} `;
  return `${indentOf(level)}${symbol(style, action)} `;
}
