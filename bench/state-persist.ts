/**
 * The CPU an apply spends persisting its state (issue 17): a state of N `xcp_vm` instances
 * (the attributes of a VM created by `xcpform apply`: one disk, one NIC) is persisted by the
 * state manager over a real local backend in a temp folder; then every instance is replaced,
 * one change at a time, each awaited (one write per change, the worst case of an apply: with
 * parallelism, changes that finish during a write share the next one). Reports the CPU
 * (user + system of this process) per write and the bytes per write.
 *
 * With `--create`: an apply's pattern instead (see {@link measureCreate}).
 *
 * Usage: node dist/bench/state-persist.js [N ...] [--create] [--root <dist folder of another build>] [--json]
 * `--root` loads the state modules of another build (e.g. an older commit compiled apart), so
 * before/after ratios are measured in one run by alternating child processes.
 */
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type Mgr = { apply(m: (s: any) => any): Promise<void>; flush(): Promise<void>; readonly serial: number };
interface StateModules {
  StateManager: { open(b: unknown): Promise<{ manager?: Mgr }> };
  LocalBackend: new (o: { path: string }) => { write(t: unknown): Promise<void> };
  setInstance(s: unknown, a: unknown, o: unknown, p: string): unknown;
  providerAddress(): string;
}

function load(root: string): StateModules {
  /* eslint-disable @typescript-eslint/no-var-requires */
  const mgr = require(path.join(root, 'src/state/manager'));
  const local = require(path.join(root, 'src/state/backends/local'));
  const model = require(path.join(root, 'src/state/model'));
  return { StateManager: mgr.StateManager, LocalBackend: local.LocalBackend, setInstance: model.setInstance, providerAddress: model.providerAddress };
}

const hex = (i: number, salt: number): string => ((i * 2654435761 + salt * 40503) >>> 0).toString(16).padStart(8, '0');
const uuid = (i: number, salt: number): string => `${hex(i, salt)}-${hex(i, salt + 1).slice(0, 4)}-4${hex(i, salt + 2).slice(0, 3)}-8${hex(i, salt + 3).slice(0, 3)}-${hex(i, salt + 4)}${hex(i, salt + 5).slice(0, 4)}`;

/** A VM's attributes as `xcpform apply` records them (keys and shapes of a real apply). */
export function vmAttributes(i: number, description: string): Record<string, unknown> {
  const id = uuid(i, 1);
  return {
    id, uuid: id, pool: 'dc1', name_label: `v${i}`, name_description: description, tags: [], other_config: {},
    template: 'Debian Bookworm 12', clone_type: 'fast', host: null, affinity: null, vcpus: 1, vcpus_max: 1,
    memory: 2147483648, memory_static_min: 536870912, memory_dynamic_min: 2147483648, memory_dynamic_max: 2147483648,
    cores_per_socket: null, secure_boot: false, nested_hvm: false, viridian: false, vga: null, videoram: null,
    firmware: 'bios', boot_order: 'cdn', vcpu_weight: null, vcpu_cap: null, xenstore_data: {}, has_vendor_device: false,
    hvm_shadow_multiplier: 1, vtpm: false, power_state: 'halted', shutdown_timeout: 120, force_shutdown: true,
    allow_restart: true, auto_poweron: false, ha_restart_priority: '', start_order: 0, start_delay: 0, shutdown_delay: 0,
    appliance: null, actions_after_shutdown: 'destroy', actions_after_reboot: 'restart', actions_after_crash: 'restart',
    blocked_operations: {}, suspend_sr: null, cdrom: null, installation_method: 'template', is_template: false,
    ip_addresses: [], ip_address: null, os_version: {}, pv_drivers_version: {}, domid: -1, start_time: null, requires_reboot: false,
    allowed_operations: ['changing_VCPUs', 'changing_dynamic_range', 'changing_memory_limits', 'changing_static_range', 'clone', 'copy', 'destroy', 'export', 'migrate_send', 'provision', 'snapshot', 'start', 'start_on'],
    monthly_cost: null,
    disk: [{ userdevice: '0', name_label: `v${i} 0`, name_description: 'Created by template provisioner', size: 10737418240, sr: uuid(0, 7), bootable: false, mode: 'RW', vdi: null, attached: true, vdi_uuid: uuid(i, 11), vbd_uuid: uuid(i, 17) }],
    nic: [{ network: uuid(0, 23), device: '0', mac: `02:${hex(i, 29).match(/../g)!.join(':')}:00`.slice(0, 17), mtu: 1500, locking_mode: 'network_default', ipv4_allowed: [], ipv6_allowed: [], rate_limit_kbps: null, wait_for_ip: null, attached: true, vif_uuid: uuid(i, 31) }],
    cloud_init: null, wait_for_ip: null, placement: null, timeouts: null,
  };
}

/**
 * A state manager over a real local backend in a fresh folder, counting its writes; `run` gets
 * it and the state file's path, and the folder is removed afterwards.
 */
async function withCountedState<T>(m: StateModules, run: (s: { manager: Mgr; file: string; provider: string; writes: () => number; resetWrites: () => void }) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xcpform-state-bench-'));
  const file = path.join(dir, 'terraform.tfstate');
  try {
    let writes = 0;
    const backend = new m.LocalBackend({ path: file });
    const write = backend.write.bind(backend);
    backend.write = (t: unknown) => ((writes++), write(t));
    const { manager } = await m.StateManager.open(backend);
    return await run({ manager: manager!, file, provider: m.providerAddress(), writes: () => writes, resetWrites: () => { writes = 0; } });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Figures of one size: N instances replaced one by one, each change awaited. */
export async function measure(m: StateModules, n: number): Promise<Record<string, number>> {
  return withCountedState(m, async ({ manager, file, provider: p, writes, resetWrites }) => {
    const vm = (i: number, d: string) => ({ schemaVersion: 0, attributes: vmAttributes(i, d), sensitiveAttributes: [], dependencies: ['xcp_network.n'] });
    await manager.apply((s) => {
      for (let i = 0; i < n; i++) s = m.setInstance(s, { mode: 'managed', type: 'xcp_vm', name: 'v', key: i }, vm(i, 'before'), p);
      return s;
    });
    const bytes = (await fs.stat(file)).size;
    resetWrites();
    const t0 = process.cpuUsage();
    const w0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await manager.apply((s) => m.setInstance(s, { mode: 'managed', type: 'xcp_vm', name: 'v', key: i }, vm(i, 'after'), p));
    const cpu = process.cpuUsage(t0);
    const wall = Number(process.hrtime.bigint() - w0) / 1e6;
    return {
      instances: n,
      writes: writes(),
      file_bytes: bytes,
      cpu_ms_per_write: (cpu.user + cpu.system) / 1000 / writes(),
      user_ms_per_write: cpu.user / 1000 / writes(),
      sys_ms_per_write: cpu.system / 1000 / writes(),
      wall_ms_per_write: wall / writes(),
    };
  });
}

/**
 * An apply's pattern: N VMs created by 10 workers, each create taking `stepMs` (the XenAPI
 * calls), its state change persisted without holding the worker (as the executor does), so
 * changes that finish during a write share the next one. Reports the CPU of the whole run
 * (the workers only sleep) and the writes.
 */
export async function measureCreate(m: StateModules, n: number, stepMs = 80): Promise<Record<string, number>> {
  return withCountedState(m, async ({ manager, provider: p, writes }) => {
    const t0 = process.cpuUsage();
    const w0 = process.hrtime.bigint();
    const pending: Promise<void>[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < n; i = next++) {
        await new Promise((r) => setTimeout(r, stepMs));
        const vm = { schemaVersion: 0, attributes: vmAttributes(i, 'created'), sensitiveAttributes: [], dependencies: ['xcp_network.n'] };
        pending.push(manager.apply((s) => m.setInstance(s, { mode: 'managed', type: 'xcp_vm', name: 'v', key: i }, vm, p)));
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    await Promise.all(pending);
    const cpu = process.cpuUsage(t0);
    return {
      instances: n,
      writes: writes(),
      wall_ms: Number(process.hrtime.bigint() - w0) / 1e6,
      cpu_ms: (cpu.user + cpu.system) / 1000,
      user_ms: cpu.user / 1000,
      sys_ms: cpu.system / 1000,
      cpu_ms_per_write: (cpu.user + cpu.system) / 1000 / writes(),
    };
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--root');
  const root = at >= 0 ? path.resolve(args[at + 1]) : path.resolve(__dirname, '..');
  const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--root').map(Number);
  const m = load(root);
  const out: Record<string, Record<string, number>> = {};
  const create = args.includes('--create');
  for (const n of sizes.length ? sizes : [100, 1000]) out[n] = create ? await measureCreate(m, n) : await measure(m, n);
  process.stdout.write(args.includes('--json') ? JSON.stringify(out) + '\n' : `${JSON.stringify(out, null, 2)}\n`);
}

if (require.main === module) main().catch((e) => { process.stderr.write(`${e.stack ?? e}\n`); process.exit(1); });
