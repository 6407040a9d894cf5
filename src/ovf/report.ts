/**
 * Diagnostics of the OVF reader. Every summary starts with the descriptor's name and names
 * the element at fault, e.g. `envelope.ovf: Item (InstanceID 5): unsupported ResourceType 24`,
 * and carries the line of the element.
 */
import { Diagnostic, error, hasErrors, warning } from '../diagnostics';
import type { XmlElement } from './xml-tree';

/** Namespaces of DSP0243 envelopes. */
export const OVF_NS_1 = 'http://schemas.dmtf.org/ovf/envelope/1';
export const OVF_NS_2 = 'http://schemas.dmtf.org/ovf/envelope/2';

/** Collects diagnostics about one descriptor (or package). */
export class OvfReport {
  readonly diagnostics: Diagnostic[] = [];

  /**
   * @param label name shown first in summaries (the descriptor's file name)
   * @param path file the diagnostics point at (`source.filename`)
   */
  constructor(readonly label: string, readonly path: string) {}

  error(code: string, element: string, what: string, detail: string, line?: number): void {
    this.diagnostics.push(error(`ovf.${code}`, `${this.label}: ${element}: ${what}`, { detail, source: { filename: this.path, ...(line ? { line } : {}) } }));
  }

  warning(code: string, element: string, what: string, detail: string, line?: number): void {
    this.diagnostics.push(warning(`ovf.${code}`, `${this.label}: ${element}: ${what}`, { detail, source: { filename: this.path, ...(line ? { line } : {}) } }));
  }

  get failed(): boolean {
    return hasErrors(this.diagnostics);
  }
}

/** An OVF attribute (`ovf:name`) of either envelope version, or the unqualified one. */
export function ovfAttr(el: XmlElement, local: string): string | undefined {
  return el.attributes.get(`{${OVF_NS_1}}${local}`) ?? el.attributes.get(`{${OVF_NS_2}}${local}`) ?? el.attributes.get(local);
}

/** `true`/`false` attribute with a default. */
export function ovfBool(el: XmlElement, local: string, dflt: boolean): boolean {
  const v = ovfAttr(el, local);
  return v === undefined ? dflt : v.trim() === 'true' || v.trim() === '1';
}
