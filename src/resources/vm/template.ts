/**
 * Finding the clone source (template, snapshot or halted VM) by name or UUID, and rewriting a
 * template's `other_config:disks` provisioning spec so `VM.provision` creates the disks on the
 * configured SRs at the configured sizes (xe and Xen Orchestra do the same rewrite).
 */
import type { ObjectValue } from '../../values/value';
import type { XapiRecord } from '../../xenapi';
import type { PoolRecords } from '../snapshot';
import { bool, num } from '../kit/attrs';
import { mustResolve, type Found } from '../kit/resolve';

/** A VM usable as a clone source: a template, a snapshot, or a halted VM (never dom0). */
export function isCloneSource(vm: XapiRecord<'VM'>): boolean {
  return !vm.is_control_domain && (vm.is_a_template || vm.is_a_snapshot || vm.power_state === 'Halted');
}

function kind(vm: XapiRecord<'VM'>): string {
  return vm.is_a_snapshot ? 'snapshot' : vm.is_a_template ? (vm.is_default_template ? 'default template' : 'template') : 'halted VM';
}

/** The clone source named by `key`; a ResourceError listing candidates when ambiguous. */
export function findTemplate(records: PoolRecords, key: string): Found<'VM'> {
  return mustResolve(records, {
    cls: 'VM', what: 'template', path: ['template'], filter: isCloneSource,
    describe: (r) => `"${r.name_label}" (${kind(r)} ${r.uuid})`,
  }, key);
}

/** One `<disk …/>` of a provisioning spec. */
export interface ProvisionDisk {
  readonly device: string;
  readonly size: number;
  readonly sr: string;
  readonly bootable: boolean;
  readonly type: string;
}

/** Parses `other_config:disks` (`<provision><disk device="0" size="…" sr="" …/></provision>`). */
export function parseProvision(xml: string | undefined): ProvisionDisk[] {
  if (!xml) return [];
  const out: ProvisionDisk[] = [];
  for (const m of xml.matchAll(/<disk\b([^>]*?)\/?>/g)) {
    const attr = (name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    out.push({ device: attr('device') || '0', size: Number(attr('size')) || 0, sr: attr('sr'), bootable: attr('bootable') === 'true', type: attr('type') || 'system' });
  }
  return out;
}

/** Serialises a provisioning spec back to XML. */
export function provisionXml(disks: readonly ProvisionDisk[]): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<provision>${disks.map((d) => `<disk device="${esc(d.device)}" size="${d.size}" sr="${esc(d.sr)}" bootable="${d.bootable}" type="${esc(d.type)}"/>`).join('')}</provision>`;
}

/**
 * The spec with each disk on the SR of the configured disk at the same position (else
 * `defaultSrUuid`), at least the configured size, and bootable as configured: `VM.provision`
 * makes the VBD with that flag, so no `VBD.set_bootable` follows.
 */
export function rewriteProvision(disks: readonly ProvisionDisk[], planned: readonly { userdevice: string; disk: ObjectValue; srUuid: string }[], defaultSrUuid: string): ProvisionDisk[] {
  return disks.map((d) => {
    const want = planned.find((p) => p.userdevice === d.device);
    const bootable = want ? bool(want.disk, 'bootable') : undefined;
    return { ...d, sr: want?.srUuid ?? (d.sr || defaultSrUuid), size: Math.max(d.size, want ? num(want.disk, 'size') ?? 0 : 0), bootable: bootable ?? d.bootable };
  });
}
