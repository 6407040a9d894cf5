/**
 * Readers of the smaller OVF sections: OperatingSystemSection, ProductSection (with its
 * properties), StartupSection, AnnotationSection and XenServer's
 * `VirtualSystemOtherConfigurationData` entries.
 */
import { inConfiguration } from './deployment';
import type { OvfDeployment, OvfOperatingSystem, OvfProduct, OvfProperty, OvfStartupItem } from './model';
import { ovfAttr, ovfBool, OvfReport } from './report';
import { parseCount } from './units';
import { child, childrenNamed, childText, type XmlElement } from './xml-tree';

export function readOperatingSystem(el: XmlElement, report: OvfReport): OvfOperatingSystem | undefined {
  const raw = ovfAttr(el, 'id');
  const id = parseCount(raw);
  if (id === undefined) {
    report.warning('bad-value', 'OperatingSystemSection', `ovf:id "${raw ?? ''}" is not a CIM OSType number: ignored`, 'The operating system type is informative only; the import goes on.', el.line);
    return undefined;
  }
  return { id, version: ovfAttr(el, 'version'), description: childText(el, 'Description') };
}

function readProperty(el: XmlElement): OvfProperty {
  return {
    key: ovfAttr(el, 'key') ?? '',
    type: ovfAttr(el, 'type') ?? 'string',
    value: ovfAttr(el, 'value'),
    userConfigurable: ovfBool(el, 'userConfigurable', false),
    password: ovfBool(el, 'password', false),
    qualifiers: ovfAttr(el, 'qualifiers'),
    label: childText(el, 'Label'),
    description: childText(el, 'Description'),
  };
}

/** A ProductSection; properties of deployment configurations other than the chosen one are left out. */
export function readProduct(el: XmlElement, report: OvfReport, deployment?: OvfDeployment): OvfProduct {
  const properties: OvfProperty[] = [];
  // Properties may sit directly in the section or inside Category groups (DSP0243 9.5).
  const collect = (parent: XmlElement): void => {
    for (const c of parent.children) {
      if (c.local === 'Property') {
        if (!inConfiguration(c, deployment)) continue;
        const p = readProperty(c);
        if (!p.key) report.error('missing-attribute', 'ProductSection Property', 'has no ovf:key', 'Every property needs an ovf:key.', c.line);
        else properties.push(p);
      } else if (c.local === 'Category') collect(c);
    }
  };
  collect(el);
  return {
    class: ovfAttr(el, 'class'),
    instance: ovfAttr(el, 'instance'),
    product: childText(el, 'Product'),
    vendor: childText(el, 'Vendor'),
    version: childText(el, 'Version'),
    fullVersion: childText(el, 'FullVersion'),
    productUrl: childText(el, 'ProductUrl'),
    vendorUrl: childText(el, 'VendorUrl'),
    properties,
  };
}

const seconds = (el: XmlElement, name: string, report: OvfReport, id: string): number => {
  const raw = ovfAttr(el, name);
  if (raw === undefined) return 0;
  const n = parseCount(raw);
  if (n === undefined) report.error('bad-value', `StartupSection Item ${id}`, `ovf:${name} "${raw}" is not a whole number`, `ovf:${name} must be a non-negative integer.`, el.line);
  return n ?? 0;
};

export function readStartup(el: XmlElement, report: OvfReport): OvfStartupItem[] {
  return childrenNamed(el, 'Item').map((item) => {
    const id = ovfAttr(item, 'id') ?? '';
    if (!id) report.error('missing-attribute', 'StartupSection Item', 'has no ovf:id', 'Each startup item must name a VirtualSystem with ovf:id.', item.line);
    return {
      id,
      order: seconds(item, 'order', report, id),
      startDelay: seconds(item, 'startDelay', report, id),
      stopDelay: seconds(item, 'stopDelay', report, id),
      waitingForGuest: ovfBool(item, 'waitingForGuest', false),
      startAction: ovfAttr(item, 'startAction'),
      stopAction: ovfAttr(item, 'stopAction'),
    };
  });
}

export function readAnnotation(el: XmlElement): string | undefined {
  return childText(el, 'Annotation');
}

/** `xenovf:VirtualSystemOtherConfigurationData` entries of a hardware section: Name → Value. */
export function readXenData(section: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of childrenNamed(section, 'VirtualSystemOtherConfigurationData')) {
    const name = c.attributes.get('Name') ?? ovfAttr(c, 'Name') ?? childText(c, 'Name');
    const value = child(c, 'Value')?.text ?? c.text;
    if (name) out[name] = value;
  }
  return out;
}
