/**
 * What `xcpform ovf import` writes, before it is rendered as `.tf.json` or a CDKTF stack: one
 * `xcp_appliance` (with `ovf_source`), one `xcp_vm` per virtual system, and a variable per
 * package network that no network of the pool matches by name. Pure.
 */
import type { Diagnostic } from '../diagnostics';
import { error, warning } from '../diagnostics';
import { applianceLayout, IMPORT_TEMPLATE, isoVdiName, packageIso, resourceName, type VmLayout } from './layout';
import type { OvfEnvelope } from './model';

/** A value in the generated configuration; references render per output format. */
export type SpecValue =
  | string | number | boolean
  | readonly SpecValue[]
  | { readonly kind: 'block'; readonly attrs: Readonly<Record<string, SpecValue>> }
  | { readonly kind: 'map'; readonly entries: Readonly<Record<string, SpecValue>> }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'attr'; readonly type: string; readonly name: string; readonly attr: string }
  /** A string made of literal text around one attribute reference: `csr.iso (appliance ${xcp_appliance.csr.uuid})`. */
  | { readonly kind: 'template'; readonly prefix: string; readonly ref: { readonly type: string; readonly name: string; readonly attr: string }; readonly suffix: string };

export interface SpecVariable {
  readonly name: string;
  readonly description: string;
  readonly default?: string;
  readonly sensitive?: boolean;
}

export interface SpecResource {
  readonly type: 'xcp_appliance' | 'xcp_vm';
  readonly name: string;
  readonly attrs: Readonly<Record<string, SpecValue>>;
}

export interface ImportSpec {
  /** Stack / file base name. */
  readonly name: string;
  readonly variables: readonly SpecVariable[];
  readonly resources: readonly SpecResource[];
}

export interface ImportSpecOptions {
  /** `ovf_source` of the appliance: the package path as it should appear in the configuration. */
  readonly source: string;
  /** Names of the networks of the target pool; package networks of the same name map to them. */
  readonly poolNetworks: ReadonlySet<string>;
  /** Pool attribute of every resource (default: the provider's default pool). */
  readonly pool?: string;
  /**
   * The descriptor alone (`--no-disks`): no `ovf_source`; the `xcp_vm` blocks create the VMs
   * with blank disks of the declared sizes instead of adopting imported ones.
   */
  readonly noDisks?: boolean;
}

const MIB = 2 ** 20;
const block = (attrs: Record<string, SpecValue>): SpecValue => ({ kind: 'block', attrs });

/** Builds the configuration for a package that read cleanly. */
export function buildImportSpec(envelope: OvfEnvelope, opts: ImportSpecOptions): { spec: ImportSpec; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const layout = applianceLayout(envelope);
  const variables: SpecVariable[] = [];
  const netTarget = new Map<string, SpecValue>();
  // Networks no NIC of the chosen deployment uses need no answer from the user.
  const used = new Set(layout.vms.flatMap((vm) => vm.nics.map((s) => s.nic.network)));
  for (const n of envelope.networks) {
    if (!used.has(n.name)) continue;
    if (opts.poolNetworks.has(n.name)) {
      netTarget.set(n.name, n.name);
      continue;
    }
    const name = `network_${resourceName(n.name)}`;
    const why = n.implicit ? `the package leaves it to you: ${n.description}` : `the package's network "${n.name}"${n.description ? ` (${n.description})` : ''}: no network of that name exists in the pool`;
    variables.push({ name, description: `Network of the pool (UUID or name) for ${why}.` });
    netTarget.set(n.name, { kind: 'var', name });
  }
  const appliance: SpecResource = {
    type: 'xcp_appliance',
    name: layout.resource,
    attrs: {
      ...(opts.pool ? { pool: opts.pool } : {}),
      name_label: layout.nameLabel,
      ...(layout.description ? { name_description: layout.description } : {}),
      ...(opts.noDisks ? {} : {
        ovf_source: opts.source,
        ...(envelope.deployment ? { ovf_deployment: envelope.deployment.chosen } : {}),
        import_network_map: { kind: 'map', entries: Object.fromEntries([...netTarget].filter(([name]) => layout.vms.some((vm) => vm.nics.some((s) => s.nic.network === name)))) },
      }),
    },
  };
  const vms = layout.vms.map((vm) => vmResource(vm, layout.resource, netTarget, variables, opts, diagnostics));
  return { spec: { name: layout.resource, variables, resources: [appliance, ...vms] }, diagnostics };
}

function vmResource(vm: VmLayout, appliance: string, nets: ReadonlyMap<string, SpecValue>, variables: SpecVariable[], opts: ImportSpecOptions, diagnostics: Diagnostic[]): SpecResource {
  const hw = vm.system.hardware;
  const at = `xcp_vm.${vm.resource}`;
  const iso = packageIso(vm);
  const isos = hw.removable.filter((r) => r.kind === 'cd' && r.file);
  if (isos.length > 1) diagnostics.push(warning('ovf.extra-iso', `${at}: ${isos.length} CD drives with ISOs`, { address: at, detail: `An XCP VM gets one CD drive here: ${iso!.href} is inserted, ${isos.slice(1).map((r) => r.file!.href).join(', ')} ${isos.length > 2 ? 'are' : 'is'} not imported.` }));
  let memory = hw.memoryBytes;
  if (memory < 16 * MIB) {
    diagnostics.push(warning('ovf.memory-raised', `${at}: memory raised to 16 MiB`, { address: at, detail: `The package gives ${memory} bytes; XCP needs at least 16 MiB.` }));
    memory = 16 * MIB;
  }
  if (vm.nics.length > 10) diagnostics.push(error('ovf.too-many-nics', `${at}: ${vm.nics.length} network adapters`, { address: at, detail: 'XCP VMs have at most 10 network interfaces (devices 0 to 9). Remove adapters from the package.' }));
  const xenstore: Record<string, SpecValue> = {};
  for (const product of vm.system.products) {
    for (const p of product.properties) {
      const key = `ovf/${product.class ? `${product.class}.` : ''}${p.key}`;
      if (p.userConfigurable || p.password) {
        const name = `${vm.resource}_${resourceName(p.key)}`;
        variables.push({ name, description: p.label ?? p.description ?? `OVF property ${p.key} of ${vm.nameLabel}`, ...(p.value !== undefined ? { default: p.value } : {}), ...(p.password ? { sensitive: true } : {}) });
        xenstore[key] = { kind: 'var', name };
      } else if (p.value !== undefined) xenstore[key] = p.value;
    }
  }
  const attrs: Record<string, SpecValue> = {
    ...(opts.pool ? { pool: opts.pool } : {}),
    name_label: vm.nameLabel,
    ...(vm.system.annotation ? { name_description: vm.system.annotation } : {}),
    template: IMPORT_TEMPLATE,
    vcpus: hw.vcpus,
    memory,
    power_state: 'halted',
    appliance: { kind: 'attr', type: 'xcp_appliance', name: appliance, attr: 'uuid' },
    start_order: vm.order,
    start_delay: vm.startDelay,
    shutdown_delay: vm.stopDelay,
    ...(Object.keys(xenstore).length ? { xenstore_data: { kind: 'map', entries: xenstore } } : {}),
    ...(iso && !opts.noDisks ? { cdrom: isoRef(iso.href, appliance) } : {}),
    disk: vm.disks.map((d) => block({ userdevice: d.userdevice, size: Math.max(MIB, d.drive.disk.capacityBytes), bootable: d.bootable })),
    nic: vm.nics.map((n) => block({ device: n.device, network: nets.get(n.nic.network)!, ...(n.nic.mac ? { mac: n.nic.mac } : {}) })),
  };
  return { type: 'xcp_vm', name: vm.resource, attrs };
}

/** `cdrom` of an imported VM: the ISO VDI the appliance import names after itself (see `isoVdiName`). */
function isoRef(href: string, appliance: string): SpecValue {
  const [prefix, suffix] = isoVdiName(href, '\0').split('\0');
  return { kind: 'template', prefix, ref: { type: 'xcp_appliance', name: appliance, attr: 'uuid' }, suffix };
}
