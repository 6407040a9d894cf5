/**
 * Random valid configurations from the schemas: every resource type and data source the
 * simulator hosts, with references between them (disks on generated SRs, NICs on generated
 * networks, VLANs and private networks, templates read through `data.xcp_template`), count,
 * for_each and outputs that read attributes. Attribute values come from schema-values.ts and
 * knowledge.ts; `generateEdit` picks one configurable attribute and a new valid value for it.
 */
import { Rng } from './rng';
import { genModule, inMultipliedModule } from './module-layout';
import { EXISTING, NOT_EDITED, REFERENCE_ATTRIBUTES, SR_KINDS, VOLATILE, templateOf } from './knowledge';
import { type Case, type GenBlock, type GenOutput, blockAddress, cloneCase } from './model';
import { networkRef, objectKey, plainNetworkRef, poolOf, templateRef, userSrRef, vmUuidRef, type ValueContext } from './refs';
import { attributeAt, blockSchemaOf, configurablePaths, updateClassOf, valueFor } from './schema-values';

const GiB = 1024 ** 3;

/** Optional attributes never set at creation (decided by the shape of the case, or not generated: see NOT_EDITED). */
const NOT_AT_CREATE = new Set([
  '*.pool', 'xcp_vm.appliance', 'xcp_vm.is_template', 'xcp_vm.host', 'xcp_vm.cdrom', 'xcp_vm.template', 'xcp_host.maintenance',
  'xcp_sr.type', 'xcp_sr.content_type', 'xcp_sr.shared', 'xcp_sr.device_config', 'xcp_sr.host', 'xcp_sr.default_for_pool',
  'xcp_vlan.tag', 'xcp_vlan.device', 'xcp_vlan.network', 'xcp_vpn_link.network', 'xcp_vpn_link.remote_network', 'xcp_vpn_link.protocol',
  'xcp_vpn_link.local_cidrs', 'xcp_vpn_link.remote_cidrs', 'xcp_private_network.transport_network', 'xcp_vm_snapshot.vm', 'xcp_vm_snapshot.with_memory',
]);

function ctxFor(rng: Rng, c: Case, block: GenBlock, extra: Partial<ValueContext> = {}): ValueContext {
  const idx = c.blocks.indexOf(block);
  return { rng, case: c, block, earlier: idx >= 0 ? c.blocks.slice(0, idx) : [...c.blocks], ...extra };
}

/** Sets each optional top-level attribute with probability `p` (required ones always). */
function fillAttributes(rng: Rng, c: Case, b: GenBlock, p: number): void {
  const schema = blockSchemaOf(b.type);
  for (const [name, attr] of Object.entries(schema.attributes)) {
    if (!(attr.required || attr.optional) || name in b.attrs) continue;
    const key = `${b.type}.${name}`;
    if (NOT_EDITED[key] || NOT_AT_CREATE.has(key) || NOT_AT_CREATE.has(`*.${name}`)) continue;
    if (!attr.required && !rng.chance(p)) continue;
    const value = valueFor(ctxFor(rng, c, b), name);
    if (value !== undefined) b.attrs[name] = value;
  }
}

function add(c: Case, b: Omit<GenBlock, 'blocks'> & { blocks?: GenBlock['blocks'] }): GenBlock {
  const block: GenBlock = { blocks: {}, ...b };
  c.blocks.push(block);
  return block;
}

function multiplicity(rng: Rng, b: GenBlock, p: number): void {
  if (!rng.chance(p)) return;
  if (rng.chance(0.5)) b.count = rng.int(1, 3);
  else b.forEach = rng.subset(['a', 'b', 'c'], 1, 2);
}

function genData(rng: Rng, c: Case): void {
  if (rng.chance(0.5)) add(c, { mode: 'data', type: 'xcp_template', name: 'tpl', attrs: { name_label: rng.pick(EXISTING.templates.filter((t) => t.vmTemplate)).name } });
  if (rng.chance(0.3)) add(c, { mode: 'data', type: 'xcp_sr', name: 'shared', attrs: { name_label: EXISTING.sharedSr } });
  if (rng.chance(0.3)) add(c, { mode: 'data', type: 'xcp_network', name: 'lan', attrs: { name_label: rng.pick(EXISTING.networks) } });
  if (rng.chance(0.3)) add(c, { mode: 'data', type: 'xcp_host', name: 'first', attrs: { name_label: EXISTING.hosts('dc1')[0] } });
  if (rng.chance(0.3)) add(c, { mode: 'data', type: 'xcp_pool', name: 'here', attrs: { pool: 'dc1' } });
}

/** Lookups and lists of what every simulated pool has (a list over the case's own VMs would change as they are made). */
function genMoreData(rng: Rng, c: Case): void {
  if (rng.chance(0.3)) add(c, { mode: 'data', type: 'xcp_hosts', name: 'all', attrs: rng.chance(0.5) ? { sort_order: 'desc' } : { sort_by: 'address' } });
  if (rng.chance(0.3)) add(c, { mode: 'data', type: 'xcp_pif', name: 'nic', attrs: { device: rng.pick(EXISTING.devices), host: EXISTING.hosts('dc1')[0] } });
  if (rng.chance(0.3)) add(c, { mode: 'data', type: 'xcp_vdi', name: 'iso', attrs: { name_label: 'debian-12.5.0-amd64-netinst.iso', sr: 'ISO library' } });
  if (rng.chance(0.3)) add(c, { mode: 'data', type: 'xcp_vms', name: 'none', attrs: { name_prefix: 'not-made-by-the-fidelity-test' } });
}

/** A bond of dc1's spare NICs (issue 21), from a stream of its own like genMoreData. */
function genBond(rng: Rng, c: Case): void {
  if (!rng.chance(0.3)) return;
  const b = add(c, { mode: 'managed', type: 'xcp_bond', name: 'bond0', attrs: { host: rng.pick(EXISTING.hosts('dc1')), members: ['eth2', 'eth3'] } });
  b.attrs.mode = rng.pick(['balance-slb', 'active-backup', 'lacp']);
  if (b.attrs.mode === 'lacp' && rng.chance(0.5)) b.attrs.hashing_algorithm = rng.pick(['src_mac', 'tcpudp_ports']);
  if (b.attrs.mode === 'lacp' && rng.chance(0.5)) b.attrs.lacp_time = rng.pick(['fast', 'slow']);
  if (rng.chance(0.5)) b.attrs.name_label = `bond-${rng.word()}`;
}

/** A stored cloud config (issue 21), sometimes read back by name through the data source. */
function genCloudConfig(rng: Rng, c: Case): void {
  if (!rng.chance(0.3)) return;
  const b = add(c, { mode: 'managed', type: 'xcp_cloud_config', name: 'cc0', attrs: {} });
  fillAttributes(rng, c, b, 0.3);
  if (rng.chance(0.5)) add(c, { mode: 'data', type: 'xcp_cloud_config', name: 'cc', attrs: { name: '${xcp_cloud_config.cc0.name}' } });
}

function genSr(rng: Rng, c: Case, i: number): void {
  const kind = rng.pick(SR_KINDS);
  const b = add(c, { mode: 'managed', type: 'xcp_sr', name: `sr${i}`, attrs: { type: kind.type, shared: kind.shared, device_config: kind.deviceConfig(rng) } });
  if (kind.content === 'iso') b.attrs.content_type = 'iso';
  if (!kind.shared && rng.chance(0.5)) b.attrs.host = EXISTING.hosts('dc1')[0];
  if (kind.type === 'smb' && rng.chance(0.5)) b.attrs.device_config_secrets = { password: `s3cret-${rng.int(100, 999)}` };
  fillAttributes(rng, c, b, 0.3);
}

function genVm(rng: Rng, c: Case, i: number): void {
  const b = add(c, { mode: 'managed', type: 'xcp_vm', name: `vm${i}`, attrs: {} });
  b.attrs.template = templateRef(ctxFor(rng, c, b));
  const tpl = templateOf(c, b.attrs.template);
  if (rng.chance(0.6)) b.attrs.memory = rng.pick([1, 2, 4].map((g) => g * GiB).filter((m) => m >= (tpl?.minMemory ?? GiB)));
  fillAttributes(rng, c, b, 0.15);
  const ctx = ctxFor(rng, c, b);
  const disks: Record<string, unknown>[] = [];
  const templateDisk = tpl ? tpl.disk : 10 * GiB;
  for (let d = 0, n = rng.int(0, 2); d < n; d++) {
    const disk: Record<string, unknown> = { size: Math.max(templateDisk, rng.pick([10, 20, 40]) * GiB) + (d > 0 ? 0 : 0) };
    if (d > 0 || rng.chance(0.3)) disk.userdevice = String(d === 0 ? 0 : d + 1);
    if (rng.chance(0.6)) disk.sr = userSrRef(ctx);
    if (rng.chance(0.2)) disk.name_label = `disk-${rng.word()}-${d}`;
    if (rng.chance(0.2)) disk.bootable = d === 0;
    disks.push(disk);
  }
  if (disks.length) b.blocks.disk = disks;
  const nics: Record<string, unknown>[] = [];
  for (let n = 0, k = rng.int(0, 2); n < k; n++) {
    const nic: Record<string, unknown> = { network: networkRef(ctx) };
    if (rng.chance(0.3)) nic.device = String(n);
    if (rng.chance(0.2)) nic.locking_mode = rng.pick(['network_default', 'unlocked']);
    nics.push(nic);
  }
  if (nics.length) b.blocks.nic = nics;
  if (rng.chance(0.2)) b.blocks.cloud_init = [{ user_data: `#cloud-config\nhostname: ${rng.word()}\n`, ...(rng.chance(0.4) ? { on_change: 'ignore' } : {}) }];
  if (nics.length && rng.chance(0.25) && (b.attrs.power_state ?? 'running') === 'running') b.blocks.wait_for_ip = [{ cidr: '10.0.0.0/8', timeout: 120 }];
  multiplicity(rng, b, 0.25);
  if (b.count !== undefined || b.forEach) b.attrs.name_label = `${String(b.attrs.name_label)}${b.count !== undefined ? '-${count.index}' : '-${each.key}'}`;
}

function genMulti(rng: Rng, c: Case, b: GenBlock, p: number): void {
  multiplicity(rng, b, p);
  if (b.count !== undefined || b.forEach) b.attrs.name_label = `${String(b.attrs.name_label)}${b.count !== undefined ? '-${count.index}' : '-${each.key}'}`;
}

/** One random valid configuration; the same seed gives the same configuration. */
export function generateCase(seed: number, opts: { dataRefs?: boolean } = {}): Case {
  const rng = new Rng(seed);
  const twoPools = rng.chance(0.35);
  const c: Case = { seed, ...(opts.dataRefs === false ? { dataRefs: false } : {}), pools: twoPools ? ['dc1', 'cloud1'] : ['dc1'], blocks: [], outputs: [] };
  genData(rng, c);
  for (let i = 0, n = rng.int(0, 2); i < n; i++) genSr(rng, c, i);
  if (rng.chance(0.25)) {
    const b = add(c, { mode: 'managed', type: 'xcp_pool', name: 'dc1', attrs: { pool: 'dc1' } });
    fillAttributes(rng, c, b, 0.3);
  }
  if (rng.chance(0.15)) {
    // dc1's second host: pools are created in name order (cloud1 before dc1 when there are two).
    const b = add(c, { mode: 'managed', type: 'xcp_host', name: 'node2', attrs: { address: EXISTING.hostAddress([...c.pools].sort().indexOf('dc1'), 1) } });
    fillAttributes(rng, c, b, 0.3);
  }
  for (let i = 0, n = rng.int(0, 2); i < n; i++) {
    const b = add(c, { mode: 'managed', type: 'xcp_vdi', name: `vdi${i}`, attrs: {} });
    b.attrs.sr = userSrRef(ctxFor(rng, c, b));
    b.attrs.size = rng.int(1, 20) * GiB;
    fillAttributes(rng, c, b, 0.25);
  }
  for (let i = 0, n = rng.int(0, 2); i < n; i++) {
    const b = add(c, { mode: 'managed', type: 'xcp_network', name: `net${i}`, attrs: {} });
    fillAttributes(rng, c, b, 0.3);
    genMulti(rng, c, b, 0.3);
  }
  if (twoPools) {
    const b = add(c, { mode: 'managed', type: 'xcp_network', name: 'burst', attrs: { pool: 'cloud1' } });
    fillAttributes(rng, c, b, 0.3);
  }
  if (rng.chance(0.35)) {
    const b = add(c, { mode: 'managed', type: 'xcp_vlan', name: 'vlan0', attrs: {} });
    const ctx = ctxFor(rng, c, b);
    b.attrs.tag = valueFor(ctx, 'tag');
    b.attrs.device = rng.pick(EXISTING.devices);
    const net = rng.chance(0.3) ? plainNetworkRef(ctx) : undefined;
    if (net) b.attrs.network = net;
    fillAttributes(rng, c, b, 0.3);
    // An ip_config block names a host the VLAN covers (another is refused at plan time).
    const ipHost = Array.isArray(b.attrs.hosts) && typeof b.attrs.hosts[0] === 'string' ? b.attrs.hosts[0] : EXISTING.hosts('dc1')[0];
    if (rng.chance(0.3)) b.blocks.ip_config = [{ host: ipHost, mode: 'static', ip: `192.168.${rng.int(1, 250)}.${rng.int(2, 250)}`, netmask: '255.255.255.0' }];
  }
  if (rng.chance(0.3)) {
    const b = add(c, { mode: 'managed', type: 'xcp_private_network', name: 'priv0', attrs: { transport_network: EXISTING.managementNetwork } });
    fillAttributes(rng, c, b, 0.3);
    // encryption = true is refused at plan time (no SDN controller): edits try it, creates do not.
    if (b.attrs.encryption === true) delete b.attrs.encryption;
  }
  if (rng.chance(0.25)) {
    const b = add(c, { mode: 'managed', type: 'xcp_appliance', name: 'app0', attrs: {} });
    fillAttributes(rng, c, b, 0.3);
  }
  for (let i = 0, n = rng.int(1, 3); i < n; i++) genVm(rng, c, i);
  const apps = c.blocks.filter((b) => b.type === 'xcp_appliance');
  if (apps.length) for (const vm of c.blocks.filter((b) => b.type === 'xcp_vm')) if (rng.chance(0.5)) vm.attrs.appliance = `\${xcp_appliance.${apps[0].name}.uuid}`;
  const plainVms = c.blocks.filter((b) => b.type === 'xcp_vm' && b.count === undefined && !b.forEach && poolOf(b) === 'dc1');
  // A data source that reads a resource of the same configuration (read during apply).
  if (plainVms.length && rng.chance(0.2)) add(c, { mode: 'data', type: 'xcp_vm', name: 'found', attrs: { name_label: `\${xcp_vm.${rng.pick(plainVms).name}.name_label}` } });
  if (rng.chance(0.3)) {
    const b = add(c, { mode: 'managed', type: 'xcp_vm_snapshot', name: 'snap0', attrs: {} });
    const vm = vmUuidRef(ctxFor(rng, c, b));
    if (vm) { b.attrs.vm = vm; fillAttributes(rng, c, b, 0.3); } else c.blocks.pop();
  }
  if (twoPools && rng.chance(0.4)) {
    const b = add(c, { mode: 'managed', type: 'xcp_vpn_link', name: 'link0', attrs: { pool: 'dc1', remote_pool: 'cloud1' } });
    const ctx = ctxFor(rng, c, b);
    const local = plainNetworkRef(ctx, 'dc1');
    const remote = plainNetworkRef(ctx, 'cloud1');
    if (local && remote) {
      Object.assign(b.attrs, { network: local, remote_network: remote, protocol: rng.pick(['wireguard', 'ipsec']), local_cidrs: ['10.10.0.0/16'], remote_cidrs: ['10.20.0.0/16'] });
      if (b.attrs.protocol === 'ipsec') b.attrs.psk = `psk-${rng.word()}-${rng.int(100000, 999999)}-key`;
      fillAttributes(rng, c, b, 0.2);
    } else c.blocks.pop();
  }
  c.outputs = genOutputs(rng, c);
  // The data sources added in issue 21 draw from their own stream, so the cases of older seeds stay as they were.
  genMoreData(new Rng(seed + 0x5bd1e995), c);
  genBond(new Rng(seed + 0x2545f491), c);
  genCloudConfig(new Rng(seed + 0x27d4eb2f), c);
  // A third in native syntax; drawn last so that the blocks of a seed do not depend on it.
  settleOwners(c);
  const out: Case = rng.chance(0.35) ? { ...c, format: 'hcl' } : c;
  // Modules (issue 20) draw from their own stream too: a seed's blocks stay as they were.
  genModule(new Rng(seed + 0x2545f491), out);
  return out;
}

/**
 * A VM with a disk on a local SR (on dc1's first host unless the SR names one) and a NIC on a
 * VLAN of other hosts could run nowhere (XAPI: VM_REQUIRES_SR or VM_REQUIRES_NETWORK; the
 * rehearsal reports it): the VLAN also gets the SR's host, as a user making it runnable would.
 */
function runnableSomewhere(c: Case, vm: Case['blocks'][number]): void {
  const hostsOfLocalSrs = new Set<string>();
  for (const d of (vm.blocks.disk ?? []) as Record<string, unknown>[]) {
    const m = typeof d.sr === 'string' ? /^\$\{xcp_sr\.([\w-]+)\.(uuid|name_label)\}$/.exec(d.sr) : null;
    const sr = m ? c.blocks.find((x) => x.type === 'xcp_sr' && x.name === m[1]) : undefined;
    if (sr && sr.attrs.shared !== true) hostsOfLocalSrs.add(typeof sr.attrs.host === 'string' ? sr.attrs.host : EXISTING.hosts('dc1')[0]);
  }
  for (const n of (vm.blocks.nic ?? []) as Record<string, unknown>[]) {
    const m = typeof n.network === 'string' ? /^\$\{xcp_vlan\.([\w-]+)(\[[^\]]+\])?\.network\}$/.exec(n.network) : null;
    const vlan = m ? c.blocks.find((x) => x.type === 'xcp_vlan' && x.name === m[1]) : undefined;
    const hosts = vlan?.attrs.hosts;
    if (!Array.isArray(hosts) || hosts.some((h) => typeof h !== 'string' || h.startsWith('${'))) continue;
    for (const h of hostsOfLocalSrs) if (!hosts.includes(h)) hosts.push(h);
  }
}

/**
 * One fact, one owner, as the plan demands: a VLAN on an existing network leaves the network's
 * labels and MTU to it, and a disk attaching an xcp_vdi takes that VDI's size and name.
 */
function settleOwners(c: Case): void {
  for (const b of c.blocks) {
    // The pool is generated before an xcp_host adopting the pool's second host, which may rename it: name the first.
    const adopted = c.blocks.some((x) => x.type === 'xcp_host' && poolOf(x) === poolOf(b));
    if (b.type === 'xcp_pool' && adopted && b.attrs.master === EXISTING.hosts(poolOf(b))[1]) b.attrs.master = EXISTING.hosts(poolOf(b))[0];
    if (b.type === 'xcp_vlan' && b.attrs.network !== undefined) for (const k of ['name_label', 'name_description', 'tags', 'other_config', 'mtu']) delete b.attrs[k];
    if (b.type !== 'xcp_vm') continue;
    for (const d of (b.blocks.disk ?? []) as Record<string, unknown>[]) {
      const m = typeof d.vdi === 'string' ? /^\$\{xcp_vdi\.([\w-]+)\.uuid\}$/.exec(d.vdi) : null;
      const vdi = m ? c.blocks.find((x) => x.type === 'xcp_vdi' && x.name === m[1]) : undefined;
      if (!vdi) continue;
      d.size = vdi.attrs.size;
      delete d.name_label;
    }
    runnableSomewhere(c, b);
  }
}

function genOutputs(rng: Rng, c: Case): GenOutput[] {
  const out: GenOutput[] = [];
  for (let i = 0, n = rng.int(1, 3); i < n; i++) {
    const b = rng.pick(c.blocks);
    const schema = blockSchemaOf(b.type, b.mode);
    const names = Object.entries(schema.attributes).filter(([n, a]) => !a.sensitive && !VOLATILE.has(n) && a.type && typeof a.type === 'string').map(([n]) => n);
    // The guest's address, the output of issue 16 finding 1, only where apply waits for it.
    if (b.type === 'xcp_vm' && b.blocks.wait_for_ip?.length) names.push('ip_address');
    const attr = rng.pick(names);
    const addr = blockAddress(b);
    const expr = b.count !== undefined ? `${addr}[*].${attr}` : b.forEach ? `[for k, v in ${addr} : v.${attr}]` : `${addr}.${attr}`;
    const name = `o${i}_${b.type.replace('xcp_', '')}_${attr}`;
    if (!out.some((o) => o.name === name)) out.push({ name, expr, reads: `${b.mode === 'data' ? 'data.' : ''}${b.type}.${attr}` });
  }
  return out;
}

export interface EditTarget {
  readonly blockIndex: number;
  /** `attr` or `blockType.attr`. */
  readonly path: string;
  /** Index of the nested block item, for nested paths. */
  readonly item?: number;
}

export interface Edit extends EditTarget {
  readonly address: string;
  readonly type: string;
  readonly value: unknown;
  /** The edit removes the attribute from the configuration (`value` is then undefined). */
  readonly unset?: boolean;
  readonly previous: unknown;
  readonly updateClass: string;
}

/** Every (block, attribute) an edit may touch: configurable, classed, not excluded in knowledge.ts. */
export function editTargets(c: Case): EditTarget[] {
  const out: EditTarget[] = [];
  c.blocks.forEach((b, blockIndex) => {
    if (b.mode !== 'managed') return;
    for (const path of configurablePaths(b.type)) {
      if (NOT_EDITED[`${b.type}.${path}`] || !updateClassOf(b.type, path)) continue;
      const [head, tail] = path.split('.');
      if (tail === undefined) { out.push({ blockIndex, path }); continue; }
      (b.blocks[head] ?? []).forEach((_, item) => out.push({ blockIndex, path, item }));
    }
  });
  return out;
}

function same(a: unknown, b: unknown): boolean {
  const norm = (x: unknown): string => JSON.stringify(Array.isArray(x) ? [...x].map(String).sort() : x ?? null);
  return norm(a) === norm(b);
}

/** A new valid value for one target, or undefined when the case offers none that differs. */
export function generateEdit(rng: Rng, c: Case, t: EditTarget): Edit | undefined {
  const b = c.blocks[t.blockIndex];
  const [head, tail] = t.path.split('.');
  const item = tail !== undefined ? b.blocks[head]?.[t.item ?? 0] : undefined;
  const previous = tail !== undefined ? item?.[tail] : b.attrs[head];
  const attr = attributeAt(b.type, t.path);
  // Sometimes remove the attribute instead: back to its default (optional) or to what XAPI keeps (optional+computed).
  if (previous !== undefined && !attr?.required && rng.chance(0.15)) {
    return { ...t, address: blockAddress(b), type: b.type, value: undefined, unset: true, previous, updateClass: updateClassOf(b.type, t.path)! };
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const value = valueFor(ctxFor(rng, c, b, { current: previous, item }), t.path);
    if (value === undefined) return undefined;
    if (same(value, previous) || (previous === undefined && same(value, attr?.default))) continue;
    // Another spelling of the object already named is no change.
    if (REFERENCE_ATTRIBUTES.has(tail ?? head) && objectKey(c, value) === objectKey(c, previous)) continue;
    // The instances of a counted module cannot all attach one VDI of the root.
    if (inMultipliedModule(c, b) && JSON.stringify(value).includes('xcp_vdi.')) continue;
    return { ...t, address: blockAddress(b), type: b.type, value, previous, updateClass: updateClassOf(b.type, t.path)! };
  }
  return undefined;
}

export function applyEdit(c: Case, e: Edit): Case {
  const next = cloneCase(c);
  const b = next.blocks[e.blockIndex];
  const [head, tail] = e.path.split('.');
  // The value generators already give counted blocks per-instance names.
  const target = tail === undefined ? b.attrs : b.blocks[head][e.item ?? 0];
  const key = tail ?? head;
  if (e.unset) delete target[key];
  else target[key] = e.value;
  return next;
}

export { poolOf };
