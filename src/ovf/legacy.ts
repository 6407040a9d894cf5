/**
 * OVF 0.9 (the pre-standard draft VMware ESX 3.5 and early VirtualBox wrote) in the shape of
 * OVF 1.x, so one reader serves both: its envelope namespace, `<Section xsi:type="ovf:
 * DiskSection_Type">` for `<DiskSection>`, `<Content xsi:type="ovf:VirtualSystem_Type">` for
 * `<VirtualSystem>`, and the older RASD names (`InstanceId`, `Caption`) of the hardware items.
 */
import { OVF_NS_1 } from './report';
import type { XmlElement } from './xml-tree';

/** The envelope namespace of OVF 0.9. */
export const OVF_NS_09 = 'http://www.vmware.com/schema/ovf/1/envelope';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** RASD fields renamed between the 0.9 draft and DSP0243 1.0. */
const RASD_RENAMED: Readonly<Record<string, string>> = { InstanceId: 'InstanceID', Caption: 'ElementName' };

/** The element name an `xsi:type` such as `ovf:DiskSection_Type` stands for. */
function typedName(el: XmlElement): string | undefined {
  const type = el.attributes.get(`{${XSI}}type`);
  const m = type && /^(?:[\w.-]+:)?(\w+)_Type$/.exec(type.trim());
  return m ? m[1] : undefined;
}

/**
 * A copy of the tree with OVF 0.9 spellings turned into their 1.x equivalents; 1.x and 2.x
 * trees come back unchanged (typed `Section`s are legal there too and read the same way).
 */
export function normalizeLegacy(el: XmlElement, legacy = el.uri === OVF_NS_09): XmlElement {
  let local = el.local;
  if (local === 'Section' || local === 'Content') local = typedName(el) ?? local;
  else if (legacy && el.uri.includes('ResourceAllocationSettingData')) local = RASD_RENAMED[local] ?? local;
  const attributes = new Map<string, string>();
  for (const [k, v] of el.attributes) attributes.set(k.startsWith(`{${OVF_NS_09}}`) ? `{${OVF_NS_1}}${k.slice(OVF_NS_09.length + 2)}` : k, v);
  const out: XmlElement = { uri: el.uri === OVF_NS_09 ? OVF_NS_1 : el.uri, local, attributes, children: [], text: el.text, line: el.line };
  for (const c of el.children) {
    const n = normalizeLegacy(c, legacy);
    // Keep the first of a renamed field when a descriptor carries both spellings.
    if (n.local === c.local || !out.children.some((x) => x.local === n.local)) out.children.push(n);
  }
  return out;
}
