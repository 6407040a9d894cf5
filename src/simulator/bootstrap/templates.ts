/**
 * Default templates installed in every simulated pool, modelled on `xenserver/guest-templates-json`:
 * `is_default_template`, `reference_label`, memory and vCPU defaults, and the
 * `other_config:disks` provisioning spec that `VM.provision` turns into VDIs.
 */
import { StoredRecord } from '../model/types';
import { GiB, MiB } from '../classes/ops';

interface TemplateDef {
  name: string;
  label: string;
  linux: boolean;
  memory: number;
  minMemory: number;
  vcpus: number;
  disk: number;
}

const TEMPLATES: TemplateDef[] = [
  { name: 'Other install media', label: 'other-install-media', linux: false, memory: 2 * GiB, minMemory: 512 * MiB, vcpus: 1, disk: 0 },
  { name: 'Debian Bookworm 12', label: 'debian-12', linux: true, memory: 2 * GiB, minMemory: 512 * MiB, vcpus: 1, disk: 10 * GiB },
  { name: 'Ubuntu Jammy Jellyfish 22.04', label: 'ubuntu-22.04', linux: true, memory: 2 * GiB, minMemory: 1 * GiB, vcpus: 1, disk: 10 * GiB },
  { name: 'Rocky Linux 9', label: 'rocky-9', linux: true, memory: 2 * GiB, minMemory: 1 * GiB, vcpus: 2, disk: 10 * GiB },
  { name: 'Windows Server 2022 (64-bit)', label: 'windows-server-2022-64bit', linux: false, memory: 4 * GiB, minMemory: 2 * GiB, vcpus: 2, disk: 32 * GiB },
  { name: 'Windows 10 (64-bit)', label: 'windows-10-64bit', linux: false, memory: 4 * GiB, minMemory: 2 * GiB, vcpus: 2, disk: 32 * GiB },
];

/** `<provision><disk device="0" size="…" sr="" bootable="true" type="system"/></provision>` */
export function provisionXml(disks: { device: string; size: number; sr?: string; bootable?: boolean }[]): string {
  const items = disks.map((d) => `<disk device="${d.device}" size="${d.size}" sr="${d.sr ?? ''}" bootable="${d.bootable ?? d.device === '0'}" type="system"/>`);
  return `<provision>${items.join('')}</provision>`;
}

/** Records for the default templates (fields beyond the table defaults). */
export function templateRecords(): StoredRecord[] {
  return TEMPLATES.map((t) => {
    const otherConfig: Record<string, string> = {
      default_template: 'true',
      'install-methods': t.linux ? 'cdrom,nfs,http,ftp' : 'cdrom',
      ...(t.linux ? { linux_template: 'true' } : {}),
      ...(t.disk > 0 ? { disks: provisionXml([{ device: '0', size: t.disk }]) } : {}),
    };
    return {
      name_label: t.name,
      name_description: t.linux ? `Template for ${t.name} (HVM with PV drivers)` : `Template for ${t.name}`,
      is_a_template: true,
      is_default_template: true,
      reference_label: t.label,
      memory_static_min: t.minMemory,
      memory_dynamic_min: t.memory,
      memory_dynamic_max: t.memory,
      memory_static_max: t.memory,
      VCPUs_max: t.vcpus,
      VCPUs_at_startup: t.vcpus,
      HVM_boot_policy: 'BIOS order',
      HVM_boot_params: { order: 'cdn', ...(t.linux ? {} : { firmware: 'uefi' }) },
      platform: { acpi: '1', apic: 'true', pae: 'true', nx: 'true', viridian: t.linux ? 'false' : 'true', 'device-model': 'qemu-upstream-compat', ...(t.linux ? {} : { secureboot: 'false' }) },
      other_config: otherConfig,
      recommendations: `<restrictions><restriction field="memory-static-max" max="${1024 * GiB}"/><restriction field="vcpus-max" max="32"/></restrictions>`,
      domain_type: 'hvm',
      has_vendor_device: !t.linux,
      actions_after_crash: 'restart',
      user_version: 1,
    };
  });
}
