/**
 * VM attributes stored in XAPI maps (`platform`, `HVM_boot_params`, `VCPUs_params`,
 * `xenstore_data`): how each is read into state and which key writes are needed to reach a
 * planned state. Pure; `update.ts` and `create.ts` issue the writes.
 */
import type { ObjectValue, Value } from '../../values/value';
import type { XapiRecord } from '../../xenapi';
import { bool, num, str, strMap } from '../kit/attrs';

type Vm = XapiRecord<'VM'>;

/** Prefix of the xenstore keys the guest reads; `xenstore_data` keys are relative to it. */
export const VM_DATA_PREFIX = 'vm-data/';

/** One map key to set (value) or remove (null). */
export interface KeyWrite {
  readonly field: 'platform' | 'HVM_boot_params' | 'VCPUs_params' | 'xenstore_data';
  readonly key: string;
  readonly value: string | null;
}

function boolKey(map: Readonly<Record<string, string>>, key: string): boolean | null {
  return key in map ? map[key] === 'true' || map[key] === '1' : null;
}

function numKey(map: Readonly<Record<string, string>>, key: string): number | null {
  const n = Number(map[key]);
  return key in map && map[key] !== '' && Number.isFinite(n) ? n : null;
}

/** The state attributes that live in `platform`, `HVM_boot_params` and `VCPUs_params`. */
export function readMaps(vm: Vm): Record<string, Value> {
  const p = vm.platform;
  const xs: Record<string, string> = {};
  for (const [k, v] of Object.entries(vm.xenstore_data)) if (k.startsWith(VM_DATA_PREFIX) && v !== '') xs[k.slice(VM_DATA_PREFIX.length)] = v;
  return {
    cores_per_socket: numKey(p, 'cores-per-socket'),
    secure_boot: boolKey(p, 'secureboot') ?? false,
    nested_hvm: boolKey(p, 'nested-virt') ?? false,
    viridian: boolKey(p, 'viridian'),
    vga: p.vga ?? null,
    videoram: numKey(p, 'videoram'),
    firmware: firmwareOf(vm),
    boot_order: vm.HVM_boot_params.order ?? null,
    vcpu_weight: numKey(vm.VCPUs_params, 'weight'),
    vcpu_cap: numKey(vm.VCPUs_params, 'cap'),
    xenstore_data: Object.fromEntries(Object.entries(xs).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

/** The firmware a VM boots with: `HVM_boot_params:firmware`, BIOS when the key is absent. */
export function firmwareOf(vm: Vm): string {
  return vm.HVM_boot_params.firmware ?? 'bios';
}

/**
 * Key writes taking `vm` to `planned`. Attributes the plan leaves unknown or unset (computed
 * ones) are left as XAPI has them. `platform` keys and `firmware` take effect at boot only, so
 * the caller writes them on a halted VM (`haltReasons`).
 */
export function mapWrites(vm: Vm, planned: ObjectValue): KeyWrite[] {
  const out: KeyWrite[] = [];
  const put = (field: KeyWrite['field'], current: Readonly<Record<string, string>>, key: string, value: string | null): void => {
    const have = key in current ? current[key] : null;
    if (have !== value) out.push({ field, key, value });
  };
  const p = vm.platform;
  const cps = num(planned, 'cores_per_socket');
  if (cps !== undefined) put('platform', p, 'cores-per-socket', String(cps));
  const sb = bool(planned, 'secure_boot');
  if (sb !== undefined && (sb || 'secureboot' in p)) put('platform', p, 'secureboot', String(sb));
  const nested = bool(planned, 'nested_hvm');
  if (nested !== undefined && (nested || 'nested-virt' in p)) put('platform', p, 'nested-virt', String(nested));
  const viridian = bool(planned, 'viridian');
  if (viridian !== undefined) put('platform', p, 'viridian', String(viridian));
  const vga = str(planned, 'vga');
  if (vga !== undefined) put('platform', p, 'vga', vga);
  const videoram = num(planned, 'videoram');
  if (videoram !== undefined) put('platform', p, 'videoram', String(videoram));
  const order = str(planned, 'boot_order');
  if (order !== undefined) put('HVM_boot_params', vm.HVM_boot_params, 'order', order);
  const fw = str(planned, 'firmware');
  if (fw !== undefined && fw !== firmwareOf(vm)) out.push({ field: 'HVM_boot_params', key: 'firmware', value: fw });
  const weight = planned.vcpu_weight;
  put('VCPUs_params', vm.VCPUs_params, 'weight', typeof weight === 'number' ? String(weight) : null);
  const cap = planned.vcpu_cap;
  put('VCPUs_params', vm.VCPUs_params, 'cap', typeof cap === 'number' ? String(cap) : null);
  const xs = strMap(planned, 'xenstore_data');
  const currentXs = vm.xenstore_data;
  for (const [k, v] of Object.entries(xs)) put('xenstore_data', currentXs, VM_DATA_PREFIX + k, v);
  for (const k of Object.keys(currentXs)) {
    if (k.startsWith(VM_DATA_PREFIX) && currentXs[k] !== '' && !(k.slice(VM_DATA_PREFIX.length) in xs)) out.push({ field: 'xenstore_data', key: k, value: null });
  }
  return out;
}

/** Guest IP addresses from `VM_guest_metrics.networks`, interface by interface, IPv4 first. */
export function guestAddresses(networks: Readonly<Record<string, string>>): { v4: string[]; all: string[] } {
  const byDevice = new Map<string, { v4: Set<string>; v6: Set<string> }>();
  for (const [key, addr] of Object.entries(networks)) {
    const m = /^(\d+)\/(ip|ipv4\/\d+|ipv6\/\d+)$/.exec(key);
    if (!m || !addr) continue;
    let d = byDevice.get(m[1]);
    if (!d) { d = { v4: new Set(), v6: new Set() }; byDevice.set(m[1], d); }
    (m[2].startsWith('ipv6') ? d.v6 : d.v4).add(addr);
  }
  const devices = [...byDevice.keys()].sort((a, b) => Number(a) - Number(b));
  const v4 = devices.flatMap((d) => [...byDevice.get(d)!.v4]);
  const all = devices.flatMap((d) => [...byDevice.get(d)!.v4, ...byDevice.get(d)!.v6]);
  return { v4, all };
}

/** True when IPv4 `ip` lies inside `cidr` (`10.0.0.0/8`). */
export function inCidr(ip: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const bits = Number(bitsText ?? '32');
  const toInt = (a: string): number | undefined => {
    const parts = a.split('.').map(Number);
    if (parts.length !== 4 || parts.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return undefined;
    return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
  };
  const a = toInt(ip);
  const b = toInt(net);
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}
