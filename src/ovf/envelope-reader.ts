/**
 * Reads an OVF descriptor (DSP0243 1.x or 2.x) into the typed model of `model.ts`. Pure: text
 * in, `{ envelope, diagnostics }` out; the envelope is absent when the descriptor is broken
 * (errors), so nothing is ever built from a broken package.
 */
import type { Diagnostic } from '../diagnostics';
import { readHardware } from './hardware-reader';
import { readDeployment } from './deployment';
import { normalizeLegacy, OVF_NS_09 } from './legacy';
import type { DiskFormat, OvfCollection, OvfDeployment, OvfDisk, OvfEnvelope, OvfFile, OvfNetwork, OvfProduct, OvfVirtualSystem } from './model';
import { resourceName } from './layout';
import { OVF_NS_1, OVF_NS_2, ovfAttr, ovfBool, OvfReport } from './report';
import { readAnnotation, readOperatingSystem, readProduct, readStartup, readXenData } from './sections-reader';
import { bytesPerUnit, parseCount } from './units';
import { child, childrenNamed, childText, parseXml, type XmlElement } from './xml-tree';

export interface EnvelopeReadOptions {
  /** The DeploymentOptionSection configuration to read (default: the package's default one). */
  readonly deployment?: string;
}

export interface EnvelopeReadResult {
  readonly envelope?: OvfEnvelope;
  readonly diagnostics: Diagnostic[];
}

/** Sections xcpform knows and does not need; other unknown sections get a warning. */
const IGNORED_SECTIONS = new Set(['EulaSection', 'DeploymentOptionSection', 'ResourceAllocationSection', 'InstallSection', 'BootDeviceSection', 'EnvironmentFilesSection', 'PropertySection']);

/** Disk format from the `ovf:format` URI, else from the file name's extension. */
export function diskFormat(uri: string | undefined, href: string | undefined): DiskFormat {
  const u = (uri ?? '').toLowerCase();
  if (u.includes('vmdk')) return 'vmdk';
  if (u.includes('vhd') || u.includes('bb676673')) return 'vhd';
  if (u.includes('qcow')) return 'qcow2';
  if (u.endsWith('/wiki/byte') || u.endsWith('#raw')) return 'raw';
  const ext = /\.([a-z0-9]+)(?:\.gz)?$/i.exec(href ?? '')?.[1]?.toLowerCase();
  if (ext === 'raw' || ext === 'img' || ext === 'bin') return 'raw';
  if (ext === 'vhd') return 'vhd';
  if (ext === 'vmdk') return 'vmdk';
  if (ext === 'qcow2') return 'qcow2';
  return uri === undefined && href === undefined ? 'raw' : 'unknown';
}

function readFiles(envelope: XmlElement, report: OvfReport): OvfFile[] {
  const refs = child(envelope, 'References');
  const files: OvfFile[] = [];
  for (const f of refs ? childrenNamed(refs, 'File') : []) {
    const id = ovfAttr(f, 'id');
    const href = ovfAttr(f, 'href');
    const label = `File ${id ?? href ?? '?'}`;
    if (!id || !href) {
      report.error('missing-attribute', label, `needs ovf:id and ovf:href`, 'Every References/File must have an id and an href.', f.line);
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/') || href.split(/[\\/]/).includes('..')) {
      report.error('bad-reference', label, `href "${href}" is not a file name inside the package`, 'xcpform reads files from the package only: use a relative name without "..".', f.line);
      continue;
    }
    if (files.some((x) => x.id === id)) {
      report.error('duplicate-id', label, 'ovf:id is used twice', 'File ids must be unique.', f.line);
      continue;
    }
    const sizeRaw = ovfAttr(f, 'size');
    const size = parseCount(sizeRaw);
    if (sizeRaw !== undefined && size === undefined) report.error('bad-value', label, `ovf:size "${sizeRaw}" is not a whole number`, 'ovf:size is the size in bytes.', f.line);
    const comp = ovfAttr(f, 'compression');
    if (comp && comp !== 'gzip' && comp !== 'identity') {
      report.error('unsupported-compression', label, `compression "${comp}" is not supported`, 'xcpform reads uncompressed and gzip-compressed files.', f.line);
      continue;
    }
    const chunkRaw = ovfAttr(f, 'chunkSize');
    const chunkSize = parseCount(chunkRaw);
    if (chunkRaw !== undefined && !chunkSize) report.error('bad-value', label, `ovf:chunkSize "${chunkRaw}" is not a positive whole number`, 'ovf:chunkSize is the size of each chunk in bytes.', f.line);
    files.push({ id, href, ...(size !== undefined ? { size } : {}), ...(comp === 'gzip' ? { compression: 'gzip' as const } : {}), ...(chunkSize ? { chunkSize } : {}) });
  }
  return files;
}

function readDisks(section: XmlElement | undefined, files: ReadonlyMap<string, OvfFile>, props: ReadonlyMap<string, string>, report: OvfReport): OvfDisk[] {
  const disks: OvfDisk[] = [];
  for (const d of section ? childrenNamed(section, 'Disk') : []) {
    const diskId = ovfAttr(d, 'diskId');
    const label = `Disk ${diskId ?? '?'}`;
    if (!diskId) {
      report.error('missing-attribute', label, 'has no ovf:diskId', 'Every DiskSection/Disk needs an ovf:diskId.', d.line);
      continue;
    }
    let capRaw = ovfAttr(d, 'capacity');
    const fileRef = ovfAttr(d, 'fileRef');
    if (capRaw === undefined && fileRef !== undefined && files.has(fileRef)) {
      // Some tools leave the capacity out: the disk file's own header gives it (package reader).
      const formatUri = ovfAttr(d, 'format');
      disks.push({ diskId, fileRef, capacityBytes: 0, capacityFromFile: true, formatUri, format: diskFormat(formatUri, files.get(fileRef)?.href), parentRef: ovfAttr(d, 'parentRef') });
      continue;
    }
    const propRef = capRaw && /^\$\{(.+)\}$/.exec(capRaw.trim());
    if (propRef) capRaw = props.get(propRef[1]);
    const cap = parseCount(capRaw);
    if (cap === undefined) {
      report.error('bad-value', label, `ovf:capacity "${ovfAttr(d, 'capacity') ?? ''}" is not a whole number`, 'ovf:capacity is the disk size in capacityAllocationUnits (bytes by default).', d.line);
      continue;
    }
    const units = ovfAttr(d, 'capacityAllocationUnits') ?? 'byte';
    const factor = bytesPerUnit(units);
    if (factor === undefined) {
      report.error('unknown-unit', label, `unknown capacityAllocationUnits "${units}"`, 'Use byte units such as "byte", "byte * 2^20" or "byte * 2^30".', d.line);
      // Kept (the envelope is discarded anyway) so drives naming it are not reported twice.
      disks.push({ diskId, capacityBytes: 0, format: 'unknown' });
      continue;
    }
    if (fileRef !== undefined && !files.has(fileRef)) {
      report.error('bad-reference', label, `ovf:fileRef "${fileRef}" is not a File of the References`, 'Add the file to References or fix the fileRef.', d.line);
      continue;
    }
    const formatUri = ovfAttr(d, 'format');
    disks.push({
      diskId,
      fileRef,
      capacityBytes: cap * factor,
      populatedSize: parseCount(ovfAttr(d, 'populatedSize')),
      formatUri,
      format: fileRef === undefined ? 'raw' : diskFormat(formatUri, files.get(fileRef)?.href),
      parentRef: ovfAttr(d, 'parentRef'),
    });
  }
  return disks;
}

function readNetworks(section: XmlElement | undefined, report: OvfReport): OvfNetwork[] {
  const out: OvfNetwork[] = [];
  for (const n of section ? childrenNamed(section, 'Network') : []) {
    const name = ovfAttr(n, 'name');
    if (!name) report.error('missing-attribute', 'Network', 'has no ovf:name', 'Every NetworkSection/Network needs an ovf:name.', n.line);
    else out.push({ name, description: childText(n, 'Description') });
  }
  return out;
}

/** Reads one descriptor. `label` names it in summaries; `path` is where diagnostics point. */
export function readEnvelope(text: string, label: string, path: string, opts: EnvelopeReadOptions = {}): EnvelopeReadResult {
  const report = new OvfReport(label, path);
  const parsed = parseXml(text);
  if (!parsed.ok) {
    report.error('malformed-xml', 'descriptor', `malformed XML: ${parsed.message}`, 'The OVF descriptor is not well-formed XML; the package cannot be imported. Fix or re-export it.', parsed.line);
    return { diagnostics: report.diagnostics };
  }
  const version = parsed.root.uri === OVF_NS_2 ? '2' : parsed.root.uri === OVF_NS_09 ? '0.9' : '1';
  const root = normalizeLegacy(parsed.root);
  if (root.local !== 'Envelope' || (root.uri !== OVF_NS_1 && root.uri !== OVF_NS_2)) {
    report.error('not-envelope', `${root.local}`, `not an OVF Envelope (namespace "${root.uri}")`, `The root element must be Envelope in ${OVF_NS_1} (OVF 1.x), ${OVF_NS_2} (OVF 2.x) or ${OVF_NS_09} (OVF 0.9).`, root.line);
    return { diagnostics: report.diagnostics };
  }
  const deployment: OvfDeployment | undefined = readDeployment(child(root, 'DeploymentOptionSection'), opts.deployment, report);
  const props = new Map<string, string>();
  const collectProps = (el: XmlElement): void => {
    for (const c of el.children) {
      if (c.local === 'Property' && ovfAttr(c, 'key') && ovfAttr(c, 'value') !== undefined) props.set(ovfAttr(c, 'key')!, ovfAttr(c, 'value')!);
      collectProps(c);
    }
  };
  collectProps(root);
  const files = readFiles(root, report);
  const fileMap = new Map(files.map((f) => [f.id, f]));
  const disks = readDisks(child(root, 'DiskSection'), fileMap, props, report);
  const networks = readNetworks(child(root, 'NetworkSection'), report);
  const implicitNetworks: OvfNetwork[] = [];
  const lookups = { disks: new Map(disks.map((d) => [d.diskId, d])), files: fileMap, networks: new Set(networks.map((n) => n.name)), implicitNetworks, deployment };
  // VirtualSystem ids: a collection may share its id with a member (vCloud names both after the VM).
  const ids = new Set<string>();
  const seen = new Map<string, number>();

  const readSystem = (el: XmlElement): OvfVirtualSystem | undefined => {
    const id = ovfAttr(el, 'id') ?? '';
    const label = `VirtualSystem ${id || '?'}`;
    if (!id) report.error('missing-attribute', label, 'has no ovf:id', 'Every VirtualSystem needs an ovf:id.', el.line);
    else if (ids.has(id)) {
      const n = (seen.get(id) ?? 1) + 1;
      seen.set(id, n);
      report.warning('duplicate-id', label, `ovf:id is used by ${n - 1 === 1 ? 'another VirtualSystem' : `${n - 1} other VirtualSystems`} too`, `The VMs are told apart by position: this one becomes xcp_vm.${resourceName(id)}_${n}. Startup items naming the id apply to each of them.`, el.line);
    }
    ids.add(id);
    const hw = childrenNamed(el, 'VirtualHardwareSection');
    const chosen = hw.find((h) => /xen|hvm/i.test(childText(child(h, 'System') ?? h, 'VirtualSystemType') ?? '')) ?? hw[0];
    if (!chosen) {
      report.error('missing-section', label, 'has no VirtualHardwareSection', 'A VirtualSystem must describe its hardware.', el.line);
      return undefined;
    }
    const products: OvfProduct[] = [];
    let os; let annotation;
    for (const c of el.children) {
      if (c.local === 'OperatingSystemSection') os = readOperatingSystem(c, report);
      else if (c.local === 'ProductSection') products.push(readProduct(c, report, deployment));
      else if (c.local === 'AnnotationSection') annotation = readAnnotation(c);
      else if (c.local.endsWith('Section') && c.local !== 'VirtualHardwareSection' && !IGNORED_SECTIONS.has(c.local)) warnUnknown(c);
    }
    return { kind: 'system', id, name: childText(el, 'Name'), info: childText(el, 'Info'), annotation, hardware: readHardware(chosen, { ...lookups, systemId: id }, report), os, products, xenData: readXenData(chosen) };
  };

  const warnUnknown = (c: XmlElement): void => {
    // DSP0243: a section marked ovf:required="false" may be skipped by a reader that does not know it.
    if (!ovfBool(c, 'required', true)) return;
    report.warning('unknown-section', c.local, 'section not understood: ignored', 'xcpform does not use this section; the import goes on without it.', c.line);
  };

  const readCollection = (el: XmlElement): OvfCollection => {
    const id = ovfAttr(el, 'id') ?? '';
    const label = `VirtualSystemCollection ${id || '?'}`;
    if (!id) report.error('missing-attribute', label, 'has no ovf:id', 'Every VirtualSystemCollection needs an ovf:id.', el.line);
    const members: (OvfVirtualSystem | OvfCollection)[] = [];
    const products: OvfProduct[] = [];
    let startup: ReturnType<typeof readStartup> = [];
    let annotation;
    for (const c of el.children) {
      if (c.local === 'VirtualSystem') { const s = readSystem(c); if (s) members.push(s); }
      else if (c.local === 'VirtualSystemCollection') members.push(readCollection(c));
      else if (c.local === 'StartupSection') startup = readStartup(c, report);
      else if (c.local === 'ProductSection') products.push(readProduct(c, report, deployment));
      else if (c.local === 'AnnotationSection') annotation = readAnnotation(c);
      else if (c.local.endsWith('Section') && !IGNORED_SECTIONS.has(c.local)) warnUnknown(c);
    }
    if (!members.length && !report.failed) report.error('missing-section', label, 'holds no VirtualSystem', 'A collection must contain at least one VirtualSystem.', el.line);
    for (const s of startup) {
      if (s.id && !members.some((m) => m.id === s.id)) report.warning('bad-reference', `StartupSection Item ${s.id}`, 'names no member of the collection: ignored', 'Startup items must name a VirtualSystem of the collection by ovf:id.', el.line);
    }
    return { kind: 'collection', id, name: childText(el, 'Name'), info: childText(el, 'Info'), annotation, startup, products, members };
  };

  const contents = root.children.filter((c) => c.local === 'VirtualSystem' || c.local === 'VirtualSystemCollection');
  if (contents.length !== 1) {
    report.error('missing-section', 'Envelope', contents.length ? 'has more than one VirtualSystem or VirtualSystemCollection' : 'has no VirtualSystem or VirtualSystemCollection', 'An envelope holds exactly one content element.', root.line);
    return { diagnostics: report.diagnostics };
  }
  const content = contents[0].local === 'VirtualSystem' ? readSystem(contents[0]) : readCollection(contents[0]);
  for (const c of root.children) {
    if (c.local.endsWith('Section') && !['DiskSection', 'NetworkSection'].includes(c.local) && !IGNORED_SECTIONS.has(c.local)) warnUnknown(c);
  }
  if (!content || report.failed) return { diagnostics: report.diagnostics };
  return { envelope: { version, files, disks, networks: [...networks, ...implicitNetworks], content, ...(deployment ? { deployment } : {}) }, diagnostics: report.diagnostics };
}
