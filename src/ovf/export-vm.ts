/**
 * `xcpform ovf export`: writes one VM as an OVF 2.0 package, either a folder layout (`X.ovf`
 * with `X.mf` and the disk images beside it) or an `.ova` (descriptor, manifest, disks). Disks
 * are downloaded raw with `GET /export_raw_vdi?session_id=&vdi=&format=raw` and hashed while
 * they stream; the manifest holds SHA-256 digests. The session id is a secret: it is in the
 * request URL only, never in a message.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { basename, dirname, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { error, type Diagnostic } from '../diagnostics';
import { isXapiError, XapiClient, type Ref } from '../xenapi';
import { writeEnvelope, type ExportDisk, type ExportNic, type ExportVmModel } from './envelope-writer';
import { resourceName } from './layout';
import { formatManifest } from './manifest';
import { writeTar } from './tar';

export interface ExportResult {
  /** Files written (the .ova, or the .ovf, .mf and images), empty on failure. */
  readonly files: readonly string[];
  readonly diagnostics: Diagnostic[];
}

const NULL_REF = 'OpaqueRef:NULL';
const XEN_KEYS = ['HVM_boot_policy', 'HVM_boot_params', 'platform', 'PV_args', 'PV_bootloader', 'PV_bootloader_args', 'PV_kernel', 'PV_ramdisk'] as const;

/** Downloads a VDI's raw bytes into `file`; resolves to its size and SHA-256. */
async function downloadVdi(client: XapiClient, vdi: Ref<'VDI'>, file: string): Promise<{ size: number; sha256: string }> {
  const url = new URL('/export_raw_vdi', client.url);
  url.searchParams.set('session_id', await client.session());
  url.searchParams.set('vdi', vdi);
  url.searchParams.set('format', 'raw');
  const lib = url.protocol === 'https:' ? https : http;
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    lib.get(url, resolve).on('error', (err) => reject(new Error(`the download failed: ${err.message}`)));
  });
  if (res.statusCode !== 200) {
    res.resume();
    throw new Error(`GET /export_raw_vdi answered HTTP ${res.statusCode}`);
  }
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({ transform(chunk: Buffer, _enc, cb) { hash.update(chunk); size += chunk.length; cb(null, chunk); } });
  await pipeline(res, tap, createWriteStream(file, { mode: 0o600 }));
  return { size, sha256: hash.digest('hex') };
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await fs.readFile(file)).digest('hex');
}

/** Reads what the descriptor needs about the VM. */
async function vmModel(client: XapiClient, vmUuid: string, base: string) {
  const ref = await client.call<Ref<'VM'>>('VM.get_by_uuid', vmUuid);
  const vm = await client.getRecord('VM', ref);
  const disks: (ExportDisk & { vdi: Ref<'VDI'> })[] = [];
  let hasCd = false;
  for (const vbdRef of vm.VBDs) {
    const vbd = await client.getRecord('VBD', vbdRef);
    if (vbd.type === 'CD') { hasCd = true; continue; }
    if (vbd.type !== 'Disk' || vbd.VDI === NULL_REF) continue;
    const vdi = await client.getRecord('VDI', vbd.VDI);
    if (vdi.other_config['xcpform:config-drive']) continue;
    disks.push({ userdevice: vbd.userdevice, name: vdi.name_label, capacityBytes: vdi.virtual_size, bootable: vbd.bootable, href: `${base}-disk${vbd.userdevice}.raw`, fileSize: 0, vdi: vbd.VDI });
  }
  disks.sort((a, b) => Number(a.userdevice) - Number(b.userdevice));
  const nics: ExportNic[] = [];
  for (const vifRef of vm.VIFs) {
    const vif = await client.getRecord('VIF', vifRef);
    const net = await client.getRecord('network', vif.network);
    nics.push({ device: vif.device, network: net.name_label, networkDescription: net.name_description, mac: vif.MAC });
  }
  nics.sort((a, b) => Number(a.device) - Number(b.device));
  const xenData: Record<string, string> = {};
  for (const k of XEN_KEYS) {
    const v = (vm as unknown as Record<string, unknown>)[k];
    if (typeof v === 'string' && v) xenData[k] = v;
    else if (v && typeof v === 'object' && Object.keys(v).length) xenData[k] = Object.entries(v as Record<string, string>).map(([a, b]) => `${a}=${b}`).join(';');
  }
  const model: ExportVmModel = {
    id: resourceName(vm.name_label || vm.uuid),
    name: vm.name_label,
    description: vm.name_description,
    vcpus: vm.VCPUs_at_startup,
    vcpusMax: vm.VCPUs_max,
    memoryBytes: vm.memory_static_max,
    systemType: `${vm.domain_type === 'pv' ? 'xen' : 'hvm'}-3.0-x86_64`,
    disks,
    nics,
    hasCd,
    xenData,
  };
  return { model, disks, isTemplate: vm.is_a_template || vm.is_control_domain };
}

/**
 * Exports the VM `vmUuid` of the pool `client` talks to as `target` (`.ova` or `.ovf`).
 * Problems (unknown VM, failed download, unwritable target) are diagnostics; a partly written
 * package is removed.
 */
export async function exportVm(client: XapiClient, vmUuid: string, target: string): Promise<ExportResult> {
  const ext = extname(target).toLowerCase();
  const fail = (summary: string, detail: string): ExportResult => ({ files: [], diagnostics: [error('ovf.export-failed', summary, { detail })] });
  if (ext !== '.ova' && ext !== '.ovf') return fail(`${target}: the output must end in .ova or .ovf`, 'Name the output FILE.ova (one archive) or FILE.ovf (descriptor with the disks beside it).');
  const base = basename(target, extname(target));
  let read;
  try {
    read = await vmModel(client, vmUuid, base);
  } catch (err) {
    if (isXapiError(err) && (err.code === 'UUID_INVALID' || err.code === 'HANDLE_INVALID')) return fail(`VM ${vmUuid} not found`, `The pool has no VM with UUID ${vmUuid}. Check the address or UUID.`);
    throw err;
  }
  if (read.isTemplate) return fail(`VM ${vmUuid} is a template or a control domain`, 'Only ordinary VMs can be exported.');
  const outDir = dirname(target);
  const work = ext === '.ova' ? await fs.mkdtemp(join(outDir, `.${base}.export-`)) : outDir;
  const written: string[] = [];
  try {
    const disks: ExportDisk[] = [];
    const digests: { name: string; sha256: string }[] = [];
    for (const d of read.disks) {
      const file = join(work, d.href);
      written.push(file);
      try {
        const { size, sha256 } = await downloadVdi(client, d.vdi, file);
        disks.push({ ...d, fileSize: size });
        digests.push({ name: d.href, sha256 });
      } catch (err) {
        throw new ExportError(`cannot download disk ${d.userdevice} of VM ${vmUuid}`, `${(err as Error).message}. Check that the VM's disks are not busy and try again.`);
      }
    }
    const descriptor = `${base}.ovf`;
    const descriptorPath = join(work, descriptor);
    written.push(descriptorPath);
    await fs.writeFile(descriptorPath, writeEnvelope({ ...read.model, disks }));
    const mfPath = join(work, `${base}.mf`);
    written.push(mfPath);
    await fs.writeFile(mfPath, formatManifest([{ name: descriptor, sha256: await sha256File(descriptorPath) }, ...digests]));
    if (ext === '.ova') {
      await writeTar(target, [descriptor, `${base}.mf`, ...disks.map((d) => d.href)].map((name) => ({ name, path: join(work, name) })));
      return { files: [target], diagnostics: [] };
    }
    return { files: [descriptorPath, mfPath, ...disks.map((d) => join(work, d.href))], diagnostics: [] };
  } catch (err) {
    if (ext === '.ovf') await Promise.all(written.map((f) => fs.rm(f, { force: true })));
    if (err instanceof ExportError) return fail(err.message, err.detail);
    if ((err as NodeJS.ErrnoException).code && !isXapiError(err)) return fail(`cannot write ${target}`, `${(err as Error).message}. Check the output folder.`);
    throw err;
  } finally {
    if (ext === '.ova') await fs.rm(work, { recursive: true, force: true });
  }
}

class ExportError extends Error {
  constructor(message: string, readonly detail: string) {
    super(message);
  }
}
