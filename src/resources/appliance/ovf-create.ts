/**
 * The create side of `xcp_appliance.ovf_source`: imports an OVF/OVA package into a pool.
 * `src/ovf/` reads the package (reader, layout, upload); creating the pool's objects is the
 * appliance's own business, so it lives with the resource. The package is read and checked
 * completely first (manifest, files, formats, SR, networks):
 * a broken package creates nothing. Then `VM_appliance.create`, and per virtual system in start
 * order: `VM.clone` of "Other install media", vCPUs and memory, one VDI per disk on the import
 * SR filled by raw upload (VMDK, QCOW2 and VHD files converted on the way), VBDs, a CD drive
 * when the package has one (holding the package's ISO, uploaded read-only), VIFs on the mapped
 * networks, membership with `order` / `start_delay` / `shutdown_delay`.
 *
 * Each VM is tagged `xcpform:address = xcp_vm.<name>` (the names `ovf import` writes), so the
 * `xcp_vm` blocks of an imported configuration adopt the VMs instead of creating others.
 */
import { error } from '../../diagnostics';
import type { Ref, XapiClient, XapiEncodable } from '../../xenapi';
import { applySizing, fixedSizing, sizingOf } from '../kit/sizing';
import { XapiOps } from '../kit/xapi-ops';
import { ADDRESS_KEY, TEMPLATE_KEY, VDI_OWNER_KEY } from '../kit/owned-keys';
import { ResourceError, type ApplyContext } from '../resource';
import type { PoolRecords } from '../snapshot';
import { applianceLayout, CD_USERDEVICE, IMPORT_TEMPLATE, isoVdiName, packageIso, vmAddress, type VmLayout } from '../../ovf/layout';
import type { OvfFile } from '../../ovf/model';
import { readOvfPackage, type OvfPackage } from '../../ovf/package-reader';
import { inspectPackageDisks, type DiskInspection } from '../../ovf/disk/package-disk';
import { gunzippedSize, uploadPackageDisk, uploadSegments } from '../../ovf/upload';

export interface ApplianceImportRequest {
  readonly ctx: ApplyContext;
  /** Pool name (a key of the provider's pools). */
  readonly pool: string;
  /** Path of the `.ovf` or `.ova`. */
  readonly source: string;
  /** The package's deployment configuration to import; its default when undefined. */
  readonly deployment?: string;
  /** UUID or name of the SR for the disks; the pool's default SR when null/undefined. */
  readonly importSr?: string | null;
  /** Package network name → pool network UUID or name; unmapped networks are looked up by their own name. */
  readonly importNetworkMap?: Readonly<Record<string, string>>;
  /** Appliance name and description; default from the package. */
  readonly nameLabel?: string;
  readonly nameDescription?: string;
}

export interface ImportedVm {
  readonly ovfId: string;
  readonly ref: string;
  readonly uuid: string;
  readonly nameLabel: string;
  /** The `xcp_vm` address recorded on the VM (`xcpform:address`). */
  readonly address: string;
  readonly order: number;
}

export interface ApplianceImportResult {
  readonly applianceRef: string;
  readonly applianceUuid: string;
  /** In start order. */
  readonly vms: readonly ImportedVm[];
}

const CLASSES = ['pool', 'SR', 'network', 'VM'] as const;
const HIDE_KEY = 'HideFromXenCenter';

function refuse(ctx: ApplyContext, summary: string, detail: string, path: string): ResourceError {
  return new ResourceError(error('ovf.import-refused', `${ctx.address}: ${summary}`, { address: ctx.address, detail, path: [path] }));
}

function resolve(records: PoolRecords, cls: 'SR' | 'network', key: string): { ref: string; record: { uuid: string; MTU?: number } } | undefined {
  const byUuid = records.byUuid(cls, key);
  if (byUuid) return byUuid as never;
  const named = records.byName(cls, key);
  return named.length === 1 ? (named[0] as never) : undefined;
}

/** Reads the package and everything it needs in the pool; throws before anything is created. */
async function prepare(req: ApplianceImportRequest, records: PoolRecords): Promise<{ pkg: OvfPackage; sr: string; networks: Map<string, { ref: string; mtu: number }>; template: string; disks: readonly DiskInspection[] }> {
  const { ctx } = req;
  const { package: pkg, diagnostics } = await readOvfPackage(req.source, { deployment: req.deployment });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!pkg) {
    const first = errors[0];
    throw new ResourceError(error(first?.code ?? 'ovf.unreadable', `${ctx.address}: ovf_source: ${first?.summary ?? 'cannot read the package'}`, {
      address: ctx.address,
      path: ['ovf_source'],
      detail: `${errors.map((d) => `${d.summary}${d.detail ? ` (${d.detail})` : ''}`).join('; ')}. Nothing was created.`,
    }));
  }
  // Every disk file is opened (headers only) first: one xcpform cannot convert creates nothing.
  const inspected = await inspectPackageDisks(pkg);
  if (inspected.failure) {
    const f = inspected.failure;
    throw refuse(ctx, `ovf_source: cannot read disk ${f.diskId} (${f.href})`, `${f.message}. Nothing was created.`, 'ovf_source');
  }
  const poolRec = [...records.all('pool').values()][0];
  const srKey = req.importSr ?? undefined;
  const sr = srKey ? resolve(records, 'SR', srKey)?.ref : poolRec?.default_SR;
  if (!sr || sr === 'OpaqueRef:NULL') {
    throw refuse(ctx, srKey ? `import_sr "${srKey}" is not an SR of pool ${req.pool}` : `pool ${req.pool} has no default SR`, 'Set import_sr to the UUID or name of an SR of the pool. Nothing was created.', 'import_sr');
  }
  const networks = new Map<string, { ref: string; mtu: number }>();
  const missing: string[] = [];
  for (const n of pkg.envelope.networks) {
    const key = req.importNetworkMap?.[n.name] ?? n.name;
    const hit = resolve(records, 'network', key);
    if (hit) networks.set(n.name, { ref: hit.ref, mtu: hit.record.MTU ?? 1500 });
    else if (applianceLayout(pkg.envelope).vms.some((vm) => vm.nics.some((s) => s.nic.network === n.name))) missing.push(`"${n.name}"${key !== n.name ? ` (mapped to "${key}")` : ''}`);
  }
  if (missing.length) {
    throw refuse(ctx, `no network of pool ${req.pool} for the package's network ${missing.join(', ')}`, 'Map each package network to a network of the pool in import_network_map (package network name = network UUID or name). Nothing was created.', 'import_network_map');
  }
  const template = [...records.all('VM')].find(([, vm]) => vm.is_a_template && vm.name_label === IMPORT_TEMPLATE)?.[0];
  if (!template) throw refuse(ctx, `pool ${req.pool} has no "${IMPORT_TEMPLATE}" template`, 'xcpform creates imported VMs from that default template. Nothing was created.', 'ovf_source');
  return { pkg, sr, networks, template, disks: inspected.disks };
}

/** What an import has created so far, for {@link rollBack}. */
interface Made { readonly vms: string[]; readonly vdis: string[]; appliance?: string }

async function createVm(ops: XapiOps, req: ApplianceImportRequest, pkg: OvfPackage, vm: VmLayout, env: { sr: string; networks: Map<string, { ref: string; mtu: number }>; template: string; appliance: string; applianceUuid: string; disks: readonly DiskInspection[] }, made: Made): Promise<ImportedVm> {
  const hw = vm.system.hardware;
  const call = <T>(why: string, method: string, ...args: XapiEncodable[]): Promise<T> => ops.call<T>(why, method, ...args);
  req.ctx.progress({ kind: 'message', text: `creating VM ${vm.nameLabel}` });
  const ref = await ops.callAsync<string>(`clone the template for ${vm.nameLabel}`, 'VM.clone', env.template, vm.nameLabel);
  made.vms.push(ref);
  const uuid = await call<string>('read the new VM', 'VM.get_uuid', ref);
  const address = vmAddress(vm);
  for (const [k, v] of [[ADDRESS_KEY, address], [TEMPLATE_KEY, IMPORT_TEMPLATE], [HIDE_KEY, 'true']]) {
    await call('tag the VM', 'VM.remove_from_other_config', ref, k);
    await call('tag the VM', 'VM.add_to_other_config', ref, k, v);
  }
  await call('drop the template disk spec', 'VM.remove_from_other_config', ref, 'disks');
  await call('convert the clone into a VM', 'VM.set_is_a_template', ref, false);
  if (vm.system.annotation) await call('set the description', 'VM.set_name_description', ref, vm.system.annotation);
  const mem = Math.max(hw.memoryBytes, 16 * 2 ** 20);
  const current = sizingOf(await ops.client.getRecord('VM', ref as Ref<'VM'>));
  await applySizing((method, ...args) => call('set vCPUs and memory', `VM.${method}`, ref, ...args), current, fixedSizing(hw.vcpus, mem), false);
  for (const slot of vm.disks) {
    const disk = slot.drive.disk;
    const file = slot.drive.file;
    const segments = file ? pkg.files.get(file.id) ?? [] : [];
    const inspected = env.disks.find((d) => d.diskId === disk.diskId);
    const size = Math.max(disk.capacityBytes, 2 ** 20, inspected?.virtualSize ?? 0);
    const vdi = await call<string>(`create disk ${slot.userdevice} of ${vm.nameLabel}`, 'VDI.create', {
      name_label: `${vm.nameLabel} ${slot.userdevice}`, name_description: slot.drive.name ?? '', SR: env.sr, virtual_size: size, type: 'user',
      sharable: false, read_only: false, other_config: { [VDI_OWNER_KEY]: uuid }, xenstore_data: {}, sm_config: {}, tags: [],
    });
    made.vdis.push(vdi);
    if (file && segments.length) {
      try {
        await uploadPackageDisk(await req.ctx.client(req.pool), vdi, pkg, disk, file, {
          signal: req.ctx.signal,
          onStart: (what) => req.ctx.progress({ kind: 'message', text: `${what} into disk ${slot.userdevice} of ${vm.nameLabel}` }),
          onBytes: (done, total) => req.ctx.progress({ kind: 'bytes', done, total }),
        });
      } catch (err) {
        throw refuse(req.ctx, `cannot upload ${file.href} into disk ${slot.userdevice} of ${vm.nameLabel}`, `${(err as Error).message}. Check the SR's free space and apply again.`, 'ovf_source');
      }
    }
    await call(`attach disk ${slot.userdevice}`, 'VBD.create', {
      VM: ref, VDI: vdi, userdevice: slot.userdevice, bootable: slot.bootable, mode: 'RW', type: 'Disk', empty: false,
      unpluggable: true, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {},
    });
  }
  if (vm.hasCd) {
    const iso = packageIso(vm);
    const isoVdi = iso ? await importIso(ops, req, pkg, iso, uuid, env) : 'OpaqueRef:NULL';
    await call('add the CD drive', 'VBD.create', {
      VM: ref, VDI: isoVdi, userdevice: CD_USERDEVICE, bootable: false, mode: 'RO', type: 'CD', empty: !iso,
      unpluggable: true, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {},
    });
  }
  for (const n of vm.nics) {
    const net = env.networks.get(n.nic.network)!;
    await call(`add network interface ${n.device}`, 'VIF.create', {
      device: n.device, network: net.ref, VM: ref, MAC: n.nic.mac ?? '', MTU: net.mtu, other_config: {},
      qos_algorithm_type: '', qos_algorithm_params: {}, locking_mode: 'network_default', ipv4_allowed: [], ipv6_allowed: [],
    });
  }
  await call('join the appliance', 'VM.set_appliance', ref, env.appliance);
  await call('set the start order', 'VM.set_order', ref, vm.order);
  await call('set the start delay', 'VM.set_start_delay', ref, vm.startDelay);
  await call('set the shutdown delay', 'VM.set_shutdown_delay', ref, vm.stopDelay);
  await call('finish the import', 'VM.remove_from_other_config', ref, HIDE_KEY);
  return { ovfId: vm.system.id, ref, uuid, nameLabel: vm.nameLabel, address, order: vm.order };
}

/** The package's ISO as a read-only VDI named after the appliance (`isoVdiName`), for the CD drive. */
async function importIso(ops: XapiOps, req: ApplianceImportRequest, pkg: OvfPackage, file: OvfFile, vmUuid: string, env: { sr: string; applianceUuid: string }): Promise<string> {
  const segments = pkg.files.get(file.id) ?? [];
  const size = file.compression === 'gzip' ? await gunzippedSize(segments) : segments.reduce((n, s) => n + s.size, 0);
  const vdi = await ops.call<string>(`create the ISO disk ${file.href}`, 'VDI.create', {
    name_label: isoVdiName(file.href, env.applianceUuid), name_description: `${file.href} of the OVF package`, SR: env.sr, virtual_size: Math.max(size, 512), type: 'user',
    sharable: false, read_only: false, other_config: { [VDI_OWNER_KEY]: vmUuid }, xenstore_data: {}, sm_config: {}, tags: [],
  });
  req.ctx.progress({ kind: 'message', text: `uploading ${file.href} for the CD drive` });
  try {
    await uploadSegments(await req.ctx.client(req.pool), vdi, segments, {
      format: 'raw', gzip: file.compression === 'gzip', signal: req.ctx.signal, onBytes: (done, total) => req.ctx.progress({ kind: 'bytes', done, total }),
    });
  } catch (err) {
    throw refuse(req.ctx, `cannot upload ${file.href}`, `${(err as Error).message}. Check the SR's free space and apply again.`, 'ovf_source');
  }
  // Read-only once filled: the CD drive's medium, and what xcp_vm.cdrom names.
  await ops.call('make the ISO read-only', 'VDI.set_read_only', vdi, true);
  return vdi;
}

/**
 * Imports the package at `source` into `pool`: one VM_appliance holding the package's VMs,
 * created in start order. User-caused failures are `ResourceError`s naming `ctx.address`; a
 * package that fails to read or check creates nothing.
 */
export async function importOvfAppliance(req: ApplianceImportRequest): Promise<ApplianceImportResult> {
  const { ctx } = req;
  const records = await ctx.records(req.pool, CLASSES);
  const env = await prepare(req, records);
  const layout = applianceLayout(env.pkg.envelope);
  const client = await ctx.client(req.pool);
  const ops = new XapiOps(client, ctx, 'xcp_appliance');
  const made: Made = { vms: [], vdis: [] };
  try {
    const applianceRef = await ops.call<string>('create the appliance', 'VM_appliance.create', {
      name_label: req.nameLabel ?? layout.nameLabel,
      name_description: req.nameDescription ?? layout.description,
    });
    made.appliance = applianceRef;
    const applianceUuid = await ops.call<string>('read the appliance', 'VM_appliance.get_uuid', applianceRef);
    const vms: ImportedVm[] = [];
    for (const vm of layout.vms) vms.push(await createVm(ops, req, env.pkg, vm, { ...env, appliance: applianceRef, applianceUuid }, made));
    return { applianceRef, applianceUuid, vms };
  } catch (err) {
    await rollBack(client, made);
    throw err;
  }
}

/**
 * Removes what a failed import created (its VMs, their disks, the appliance): the state records
 * none of it, and each retry left one more set behind. Best effort: what cannot be removed
 * stays (the VMs carry their addresses).
 */
async function rollBack(client: XapiClient, made: Made): Promise<void> {
  const quietly = (p: Promise<unknown>): Promise<unknown> => p.catch(() => undefined);
  // Never started, so each VM can go at once; its VBDs and VIFs go with it, its disks next.
  for (const vm of made.vms) await quietly(client.call('VM.destroy', vm));
  for (const vdi of made.vdis) await quietly(client.call('VDI.destroy', vdi));
  if (made.appliance) await quietly(client.call('VM_appliance.destroy', made.appliance));
}
