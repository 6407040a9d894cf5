/**
 * The cloud-init config drive: a small VDI holding a NoCloud ISO (`cidata`: user-data,
 * meta-data, network-config), uploaded with `PUT /import_raw_vdi` and attached read-only at
 * the first free position after the disks. The VDI is tagged so `read` hides it from `disk` and
 * delete destroys it. Its contents may hold secrets: they never appear in errors or logs.
 */
import { error } from '../../diagnostics';
import type { ObjectValue } from '../../values/value';
import { NULL_REF } from '../../xenapi';
import { ResourceError } from '../resource';
import { str } from '../kit/attrs';
import { diskRecords } from './devices-read';
import { buildIso } from './iso9660';
import { CONFIG_DRIVE_KEY, VDI_OWNER_KEY } from '../kit/owned-keys';
import { tolerate, type VmHandle } from './vm-handle';

const MIB = 1024 * 1024;

/** The NoCloud files for a `cloud_init` block. */
export function configDriveFiles(cloudInit: ObjectValue, vmUuid: string, hostname: string): { name: string; data: Buffer }[] {
  const files = [
    { name: 'meta-data', data: Buffer.from(str(cloudInit, 'meta_data') ?? `instance-id: ${vmUuid}\nlocal-hostname: ${hostname}\n`) },
    { name: 'user-data', data: Buffer.from(str(cloudInit, 'user_data') ?? '') },
  ];
  const net = str(cloudInit, 'network_config');
  if (net !== undefined) files.push({ name: 'network-config', data: Buffer.from(net) });
  return files;
}

async function upload(h: VmHandle, vdiRef: string, image: Buffer): Promise<void> {
  const session = await h.client.session();
  const url = new URL('/import_raw_vdi', h.client.url);
  url.searchParams.set('vdi', vdiRef);
  url.searchParams.set('format', 'raw');
  url.searchParams.set('session_id', session);
  let status = 0;
  try {
    const res = await fetch(url, { method: 'PUT', body: image, headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(image.length) } });
    status = res.status;
    await res.arrayBuffer();
  } catch (err) {
    status = -1;
    void err;
  }
  if (status < 200 || status >= 300) {
    throw new ResourceError(error('xcp_vm.config-drive-upload', 'the cloud-init config drive could not be uploaded', {
      detail: `PUT /import_raw_vdi on ${h.client.url} answered ${status < 0 ? 'with a connection error' : `HTTP ${status}`}. Check that the pool's HTTP endpoint is reachable from here.`,
      address: h.ctx.address, path: ['cloud_init'],
    }));
  }
}

/** Creates, fills and attaches the config drive. */
export async function createConfigDrive(h: VmHandle, cloudInit: ObjectValue, srRef: string): Promise<void> {
  const image = buildIso('cidata', configDriveFiles(cloudInit, h.uuid, h.vm.name_label.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 63) || 'vm'));
  const size = Math.ceil(image.length / MIB) * MIB;
  const vdi = await h.client.call<string>('VDI.create', {
    name_label: `${h.vm.name_label} cloud-init`, name_description: 'cloud-init config drive (xcpform)', SR: srRef, virtual_size: size,
    type: 'user', sharable: false, read_only: false, other_config: { [VDI_OWNER_KEY]: h.uuid, [CONFIG_DRIVE_KEY]: 'true' }, sm_config: {}, xenstore_data: {}, tags: [],
  });
  await upload(h, vdi, image);
  const used = new Set(h.vm.VBDs.map((b) => h.records.get('VBD', b)?.userdevice));
  const userdevice = Array.from({ length: 16 }, (_, i) => String(i)).reverse().find((d) => !used.has(d)) ?? 'autodetect';
  const vbd = await h.client.call<string>('VBD.create', {
    VM: h.ref, VDI: vdi, userdevice, bootable: false, mode: 'RO', type: 'Disk', unpluggable: true, empty: false,
    other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {},
  });
  if (h.vm.power_state === 'Running') await tolerate(['DEVICE_ALREADY_ATTACHED'], () => h.client.callAsync('VBD.plug', vbd));
  await h.refresh();
}

/** Detaches and destroys the config drive (after the guest confirmed it booted). */
export async function dropConfigDrive(h: VmHandle): Promise<void> {
  for (const d of diskRecords(h.records, h.vm, true)) {
    if (d.vdi.other_config[CONFIG_DRIVE_KEY] !== 'true') continue;
    if (h.vm.power_state === 'Running' && d.vbd.currently_attached) await tolerate(['DEVICE_ALREADY_DETACHED'], () => h.client.callAsync('VBD.unplug', d.vbdRef));
    await h.client.call('VBD.destroy', d.vbdRef);
    if (d.vdiRef !== NULL_REF) await h.client.callAsync('VDI.destroy', d.vdiRef);
  }
  await h.refresh();
}
