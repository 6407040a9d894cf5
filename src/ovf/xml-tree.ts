/**
 * A small namespace-aware element tree built with saxes: enough DOM for reading OVF
 * descriptors (elements by local name and namespace, attributes, text, 1-based line numbers
 * for diagnostics). Malformed XML and DOCTYPEs (entity expansion) are refused with a message,
 * never an exception.
 */
import { SaxesParser } from 'saxes';

/** One element: namespace URI, local name, attributes keyed `{uri}local` (or `local`), children. */
export interface XmlElement {
  readonly uri: string;
  readonly local: string;
  /** Attribute values keyed by `local` when unqualified, `{uri}local` when qualified. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /** Concatenated direct text content, trimmed. */
  text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
}

export type XmlParseResult =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly message: string; readonly line?: number };

/** Descriptors bigger than this are refused: a real one is a few hundred KiB at most. */
export const MAX_DESCRIPTOR_CHARS = 16 * 1024 * 1024;
const MAX_DEPTH = 64;
/** Thrown by the event handlers to end parsing at the first problem. */
const STOP = new Error('xml parsing stopped');

/** Parses an XML document into a tree, or says why it cannot (with the line). */
export function parseXml(text: string): XmlParseResult {
  if (text.length > MAX_DESCRIPTOR_CHARS) return { ok: false, message: `document too large (${text.length} characters)` };
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: { el: XmlElement; text: string }[] = [];
  let root: XmlElement | undefined;
  let failure: { message: string; line?: number } | undefined;
  // The first problem ends parsing at once (thrown out of the parser's write, caught below):
  // going on after a refused document would let a hostile one cost time quadratic in its size
  // (the parser resolves namespaces through its whole open-element stack).
  const fail = (message: string): never => {
    failure ??= { message, line: parser.line };
    throw STOP;
  };
  parser.on('error', (err) => {
    fail(err.message.replace(/^.*?:\d+:\d+: /, ''));
  });
  parser.on('doctype', () => fail('a DOCTYPE is not allowed in an OVF descriptor'));
  parser.on('opentag', (tag) => {
    const attributes = new Map<string, string>();
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attributes.set(a.uri ? `{${a.uri}}${a.local}` : a.local, a.value);
    }
    const el: XmlElement = { uri: tag.uri, local: tag.local, attributes, children: [], text: '', line: parser.line };
    const parent = stack[stack.length - 1];
    if (parent) parent.el.children.push(el);
    else if (root) fail('more than one root element');
    else root = el;
    if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH} levels`);
    stack.push({ el, text: '' });
  });
  const onText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const top = stack.pop();
    if (top) top.el.text = top.text.trim();
  });
  try {
    parser.write(text).close();
  } catch (err) {
    if (err !== STOP) failure ??= { message: err instanceof Error ? err.message.replace(/^.*?:\d+:\d+: /, '') : String(err), line: parser.line };
  }
  if (failure) return { ok: false, ...failure };
  if (!root) return { ok: false, message: 'no root element' };
  return { ok: true, root };
}

/** Direct children with this local name (any namespace, or the given one). */
export function childrenNamed(el: XmlElement, local: string, uri?: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && (uri === undefined || c.uri === uri));
}

/** The first direct child with this local name. */
export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

/** Text of the first direct child with this local name. */
export function childText(el: XmlElement, local: string): string | undefined {
  return child(el, local)?.text;
}

/** Escapes text for element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
