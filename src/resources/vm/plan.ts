/**
 * The `xcp_vm` plan hook. The schema-driven diff matches nested blocks by list index and knows
 * only each attribute's static update class; this refines what the schema alone cannot decide:
 * - disks matched by userdevice and NICs by device (computed values from the right prior block);
 * - the `memory` shorthand fills the dynamic range; `vcpus` above `vcpus_max` needs a halt;
 *   memory growth beyond the static maximum needs a halt;
 * - a disk shrink, a template turned back into a VM, or a halt-class change with
 *   `allow_restart = false` are plan errors, not apply-time failures; so are the refusals of
 *   `plan-foresee.ts` (destroy blocked, hard shutdown needed, storage a new host cannot reach);
 * - a cloud-init change with `on_change = "ignore"` is a warning instead of a replacement;
 * - `host` on a halted VM is not a migration (it sets where the VM starts next);
 * - notes saying when the VM is shut down and started again, what takes effect at next boot,
 *   and bytes a migration moves.
 * The response carries `changes` and `action`, the identity-aware classification; see
 * `VmPlanResponse`.
 */
import { error, warning, type Diagnostic } from '../../diagnostics';
import type { UpdateClass } from '../../schema/model';
import { isObjectValue, isUnknown, setsEqual, UNKNOWN, type ObjectValue, type Value, valuesEqual } from '../../values/value';
import type { PlanRequest, PlanResponse } from '../resource';
import { block, blocks, bool, num, str } from '../kit/attrs';
import { diskChanges, movesPool, nicChanges, planDisks, planNics, sameRef, type VmChange } from './plan-devices';
import { resolve } from '../kit/resolve';
import { checkCapacity } from './plan-capacity';
import { checkCreate, checkHosts } from './plan-checks';
import { checkHostHasNetworks, hostsWithNetworks, intersectHosts, networksKnown } from './plan-networks';
import { checkPausedPoolMove } from './plan-foresee';
import { checkDestroyBlocked, checkHardShutdown, checkSuspendedMemory, checkHostReachesStorage, checkMigrationStorage, hostsReachingStorage, storageKnown } from './plan-foresee';
import { vmSchema } from './schema';
import { installDiagnostics, plannedBootOrder } from './plan-install';

export type { VmChange } from './plan-devices';

/**
 * What the VM hook adds to `PlanResponse`: the changes classified with identity matching (they
 * supersede the schema diff's index-based `changes` for this type) and the action they imply.
 */
export interface VmPlanResponse extends PlanResponse {
  readonly changes: readonly VmChange[];
  readonly action: 'create' | 'update' | 'migrate' | 'replace' | 'no-op';
  /** Paths whose change needs the VM halted (a clean shutdown and start when it runs). */
  readonly haltPaths: readonly (readonly (string | number)[])[];
}

const RESTART_NOTE = 'VM will be shut down cleanly, updated and started again';
const NEXT_BOOT = new Set(['boot_order', 'xenstore_data', 'actions_after_shutdown', 'actions_after_reboot', 'actions_after_crash', 'affinity']);
const BLOCKS = new Set(['disk', 'nic', 'cloud_init', 'wait_for_ip', 'placement']);
const CLOUD_DATA = ['user_data', 'network_config', 'meta_data'];
/** Read-only attributes a power cycle or a move alters (domain, operations, guest reports): unknown until read. */
const POWER_VOLATILE = ['allowed_operations', 'domid', 'start_time', 'ip_addresses', 'ip_address', 'os_version', 'pv_drivers_version', 'requires_reboot'];
/** Read-only attributes a change of network interfaces alters. */
const NIC_VOLATILE = ['ip_addresses', 'ip_address'];

/**
 * The read-only values this change will alter: only those (Terraform hides unchanged computed
 * values, and a rename must not show the VM's allowed operations going unknown).
 */
function volatileAfter(prior: ObjectValue, planned: ObjectValue, action: string, halt: readonly (readonly (string | number)[])[], changes: readonly VmChange[]): string[] {
  if (action === 'no-op') return [];
  const powerCycle = action === 'migrate' || (halt.length > 0 && isRunning(prior)) || !valuesEqual(prior.power_state ?? null, planned.power_state ?? null);
  if (powerCycle) return POWER_VOLATILE;
  return changes.some((c) => c.path[0] === 'nic') ? NIC_VOLATILE : [];
}

function isEmpty(v: Value): boolean {
  return v === null || (Array.isArray(v) && v.length === 0) || (isObjectValue(v) && Object.keys(v).length === 0);
}

function attrEqual(a: Value, b: Value, isSet: boolean): boolean {
  if (isSet && Array.isArray(a) && Array.isArray(b)) return setsEqual(a, b);
  return (isEmpty(a) && isEmpty(b)) || valuesEqual(a, b);
}

function isRunning(state: ObjectValue | null): boolean {
  const s = str(state, 'power_state');
  return s === 'running' || s === 'paused';
}

/**
 * The schema diff re-plans a replacement from scratch (computed values unknown). The hook
 * decides replacement itself, so it starts from the prior computed values and falls back to
 * the create-style plan only when its own classification says replace.
 */
function restoreComputed(planned: ObjectValue, prior: ObjectValue, config: ObjectValue): ObjectValue {
  const out = { ...planned };
  for (const [name, attr] of Object.entries(vmSchema.block.attributes)) {
    if (attr.computed && (config[name] ?? null) === null && isUnknown(out[name]) && name in prior) out[name] = prior[name];
  }
  return out;
}

/** The refined planned state: device identities, memory shorthand, vCPU maximum. */
function refine(req: PlanRequest): ObjectValue {
  const { prior, config } = req;
  const base = prior ? restoreComputed(req.planned, prior, config) : req.planned;
  const records = prior ? req.world.pool(str(prior, 'pool') ?? '') : undefined;
  const planned: ObjectValue = { ...base, disk: planDisks(base, config, prior, records), nic: planNics(base, config, prior) };
  if (movesPool(prior, planned)) {
    // Pool objects of the old pool mean nothing in the new one: chosen there at apply.
    for (const k of ['host', 'suspend_sr']) if ((config[k] ?? null) === null) planned[k] = UNKNOWN;
  }
  const memory = num(planned, 'memory');
  if (memory !== undefined && config.memory !== null) {
    // The shorthand fills the bounds left out, below a configured dynamic maximum.
    const cfgMax = typeof config.memory_dynamic_max === 'number' ? config.memory_dynamic_max : undefined;
    if (config.memory_dynamic_min === null) planned.memory_dynamic_min = Math.min(memory, cfgMax ?? memory);
    if (config.memory_dynamic_max === null) planned.memory_dynamic_max = memory;
  }
  const dynMax = num(planned, 'memory_dynamic_max');
  if (config.memory === null && dynMax !== undefined && (num(planned, 'memory') ?? Infinity) < dynMax) planned.memory = dynMax;
  const dynMin = num(planned, 'memory_dynamic_min');
  const staticMin = num(planned, 'memory_static_min');
  if (config.memory_static_min === null && dynMin !== undefined && staticMin !== undefined && staticMin > dynMin) planned.memory_static_min = dynMin;
  if (!prior && config.memory_static_min === null) planned.memory_static_min = planned.memory_static_min ?? null;
  const vcpus = num(planned, 'vcpus');
  if (config.vcpus_max === null && vcpus !== undefined) {
    const max = num(planned, 'vcpus_max');
    if (!prior || max === undefined || vcpus > max) planned.vcpus_max = vcpus;
  }
  return planned;
}

/** Top-level attribute changes, with the VM-specific classes. */
function attributeChanges(prior: ObjectValue, planned: ObjectValue, req: PlanRequest, diags: Diagnostic[]): VmChange[] {
  const out: VmChange[] = [];
  const records = req.world.pool(str(prior, 'pool') ?? '');
  for (const [name, attr] of Object.entries(vmSchema.block.attributes)) {
    if (!(attr.required || attr.optional) || !attr.update) continue;
    const before = prior[name] ?? null;
    const after = planned[name] ?? null;
    const isSet = Array.isArray(attr.type) && attr.type[0] === 'set';
    if (attrEqual(before, after, isSet)) continue;
    let update: UpdateClass = attr.update;
    if (name === 'host' || name === 'affinity') {
      if (!isUnknown(after) && sameRef(records, 'host', before, after)) continue;
      if (name === 'host' && !isRunning(prior)) update = 'in-place';
    }
    if ((name === 'cdrom' || name === 'suspend_sr') && sameRef(records, name === 'cdrom' ? 'VDI' : 'SR', before, after)) continue;
    if (name === 'template' && before === null) continue; // imported: the template is not observable
    if (name === 'vcpus') {
      const max = num(prior, 'vcpus_max');
      if (typeof after !== 'number' || max === undefined || after > max) update = 'halt';
    }
    out.push({ path: [name], update });
  }
  if (bool(prior, 'is_template') === true && bool(planned, 'is_template') === false) {
    diags.push(error('xcp_vm.template-one-way', 'a template cannot be turned back into a VM', {
      detail: 'XAPI converts a VM into a template only one way. Set is_template back to true, or replace the resource (xcpform apply -replace).',
      path: ['is_template'],
    }));
  }
  return out;
}

/** cloud_init, wait_for_ip and placement blocks. */
function blockChanges(prior: ObjectValue, planned: ObjectValue, diags: Diagnostic[]): VmChange[] {
  const out: VmChange[] = [];
  const before = block(prior, 'cloud_init');
  const after = block(planned, 'cloud_init');
  const dataChanged = CLOUD_DATA.filter((k) => !valuesEqual(before?.[k] ?? null, after?.[k] ?? null));
  if (dataChanged.length && after && !before) {
    // An existing VM whose cloud-init data is not known (imported, or created without it): the
    // guest has booted, so the data cannot reach it; recording it must not destroy the VM.
    diags.push(warning('xcp_vm.cloud-init-recorded', 'the cloud-init data is recorded for an existing VM', {
      detail: 'This VM exists already (imported, or created without cloud_init), and cloud-init reads its data only at first boot: the data is recorded in state only. Replace the VM (xcpform apply -replace) to boot it with this data.',
      path: ['cloud_init'],
    }));
    out.push({ path: ['cloud_init'], update: 'in-place' });
  } else if (dataChanged.length && after) {
    if (str(after, 'on_change') === 'ignore') {
      diags.push(warning('xcp_vm.cloud-init-ignored', 'the cloud-init change will not reach the guest', {
        detail: `cloud_init ${dataChanged.join(', ')} changed, but cloud-init reads its data only at first boot and on_change = "ignore": the new data is recorded in state only. Replace the VM to apply it.`,
        path: ['cloud_init'],
      }));
      out.push({ path: ['cloud_init'], update: 'in-place' });
    } else {
      for (const k of dataChanged) out.push({ path: ['cloud_init', k], update: 'replace' });
    }
  } else if (!valuesEqual(before, after)) out.push({ path: ['cloud_init'], update: 'in-place' });
  for (const name of ['wait_for_ip', 'placement']) {
    if (!valuesEqual(block(prior, name), block(planned, name))) out.push({ path: [name], update: 'in-place' });
  }
  return out;
}

function validate(planned: ObjectValue, diags: Diagnostic[]): void {
  const vcpus = num(planned, 'vcpus');
  const max = num(planned, 'vcpus_max');
  if (vcpus !== undefined && max !== undefined && vcpus > max) {
    diags.push(error('xcp_vm.vcpus-above-max', `vcpus (${vcpus}) is above vcpus_max (${max})`, { detail: 'XAPI requires 0 < vcpus <= vcpus_max. Raise vcpus_max or lower vcpus.', path: ['vcpus'] }));
  }
  const m = ['memory_static_min', 'memory_dynamic_min', 'memory_dynamic_max', 'memory'].map((k) => num(planned, k));
  // The known limits in order (a new VM's static minimum comes from its template at apply).
  const known = m.filter((x): x is number => x !== undefined);
  if (known.some((x, i) => i > 0 && known[i - 1] > x)) {
    diags.push(error('xcp_vm.memory-constraint', 'memory limits must satisfy static_min <= dynamic_min <= dynamic_max <= memory', {
      detail: `Planned: memory_static_min ${m[0]}, memory_dynamic_min ${m[1]}, memory_dynamic_max ${m[2]}, memory ${m[3]}. Adjust the configuration.`,
      path: ['memory'],
    }));
  }
}

/** On a pool move, every configured reference must resolve in the target pool (checked now, not at apply). */
function validateTargetRefs(planned: ObjectValue, req: PlanRequest, diags: Diagnostic[]): void {
  const target = str(planned, 'pool');
  if (!target || !req.world.poolNames().includes(target)) return;
  const records = req.world.pool(target);
  const check = (cls: 'host' | 'SR' | 'network' | 'VDI', key: Value, path: (string | number)[]): void => {
    if (typeof key !== 'string' || !records.has(cls)) return;
    const r = resolve(records, { cls, what: cls === 'VDI' ? 'ISO' : cls, path }, key);
    if (!r.ok) diags.push(r.diagnostic);
  };
  check('host', planned.host, ['host']);
  check('host', planned.affinity, ['affinity']);
  check('SR', planned.suspend_sr, ['suspend_sr']);
  check('VDI', planned.cdrom, ['cdrom']);
  blocks(planned, 'disk').forEach((d, i) => check('SR', d.sr, ['disk', i, 'sr']));
  // A network of another pool is reached over a VPN link (routed at apply, checked by the plan's routing).
  const elsewhere = (key: Value): boolean => typeof key === 'string' && req.world.poolNames().some((p) => p !== target
    && req.world.pool(p).has('network') && resolve(req.world.pool(p), { cls: 'network', what: 'network', path: [] }, key).ok);
  blocks(planned, 'nic').forEach((n, i) => { if (!elsewhere(n.network)) check('network', n.network, ['nic', i, 'network']); });
}

function sumSizes(disks: readonly ObjectValue[]): number {
  return disks.reduce((n, d) => n + (num(d, 'size') ?? 0), 0);
}

/** The plan hook of `xcp_vm` (pure). */
export function planVm(req: PlanRequest): VmPlanResponse {
  const diags: Diagnostic[] = [];
  const planned = refine(req);
  plannedBootOrder(planned, req.config);
  validate(planned, diags);
  diags.push(...installDiagnostics(planned));
  const prior = req.prior;
  if (!prior) {
    const target = req.world.pool(str(planned, 'pool') ?? '');
    const eligible = intersectHosts(hostsReachingStorage(target, planned), hostsWithNetworks(target, planned));
    const pinnable = storageKnown(target, planned) && networksKnown(target, planned);
    const counted = checkCapacity(req.capacity, null, planned, false, eligible, !pinnable);
    if (counted.pin && pinnable) planned.host = counted.pin;
    return { planned, changes: [], action: 'create', haltPaths: [], diagnostics: [...diags, ...checkCreate(planned, req.world), ...checkHostReachesStorage(target, planned, hostsReachingStorage(target, planned)), ...checkHostHasNetworks(target, planned), ...counted.diagnostics] };
  }
  const records = req.world.pool(str(prior, 'pool') ?? '');
  const changes = [
    ...attributeChanges(prior, planned, req, diags),
    ...diskChanges(prior, planned, records, diags),
    ...nicChanges(prior, planned, records),
    ...blockChanges(prior, planned, diags),
  ];
  const of = (u: UpdateClass) => changes.filter((c) => c.update === u).map((c) => c.path);
  const replace = of('replace');
  const migrate = of('migrate');
  const halt = of('halt');
  const action = replace.length ? 'replace' : migrate.length ? 'migrate' : changes.length ? 'update' : 'no-op';
  const movesToPool = migrate.some((p) => p[0] === 'pool');
  if (movesToPool) validateTargetRefs(planned, req, diags);
  if (movesToPool) diags.push(...checkPausedPoolMove(prior));
  if (action === 'replace') {
    const fresh = refine({ ...req, prior: null });
    const seen = new Set(diags.map((d) => d.summary));
    const create = checkCreate(fresh, req.world, str(prior, 'pool'), str(prior, 'uuid')).filter((d) => !seen.has(d.summary));
    return { planned: fresh, changes, action, haltPaths: [], requiresReplace: replace, notes: [], diagnostics: [...diags, ...checkDestroyBlocked(prior, replace), ...create] };
  }
  if (!movesToPool && changes.some((c) => c.path[0] === 'host' || c.path[0] === 'affinity')) diags.push(...checkHosts(planned, records));
  if (!movesToPool && migrate.some((p) => p[0] === 'host')) diags.push(...checkMigrationStorage(prior, planned, records));
  diags.push(...checkHardShutdown(prior, planned, halt));
  diags.push(...checkSuspendedMemory(prior, planned, changes.map((c) => c.path)));
  const starts = !isRunning(prior) && isRunning(planned);
  const reachingStorage = starts ? hostsReachingStorage(records, planned, str(prior, 'uuid')) : undefined;
  const eligible = starts ? intersectHosts(reachingStorage, hostsWithNetworks(records, planned)) : undefined;
  if (starts) diags.push(...checkHostReachesStorage(records, planned, reachingStorage));
  if (starts || (!movesToPool && migrate.some((p) => p[0] === 'host'))) diags.push(...checkHostHasNetworks(records, planned));
  const pinnable = storageKnown(records, planned) && networksKnown(records, planned);
  const capacity = checkCapacity(req.capacity, prior, planned, migrate.some((p) => p[0] === 'host'), eligible, !pinnable);
  diags.push(...capacity.diagnostics);
  if (capacity.pin && pinnable) { planned.host = capacity.pin; changes.push({ path: ['host'], update: 'in-place' }); }
  for (const k of volatileAfter(prior, planned, action, halt, changes)) planned[k] = UNKNOWN;
  const notes: string[] = [];
  let bytesToMove: number | undefined;
  {
    const restart = halt.length > 0 && isRunning(prior) && isRunning(planned);
    if (halt.length && isRunning(prior)) {
      if (bool(planned, 'allow_restart') === false) {
        diags.push(error('xcp_vm.restart-not-allowed', 'this change needs the VM halted, but allow_restart is false', {
          detail: `Changing ${halt.map((p) => p.join('.')).join(', ')} needs a shutdown and start. Set allow_restart = true to accept the downtime, or power the VM off first.`,
          path: halt[0],
        }));
      }
      if (restart) notes.push(`${RESTART_NOTE} (for ${halt.map((p) => p.join('.')).join(', ')})`);
    }
    for (const c of changes) {
      const name = String(c.path[0]);
      if (BLOCKS.has(name) || c.update !== 'in-place') continue;
      const note = vmSchema.block.attributes[name]?.note;
      if (NEXT_BOOT.has(name)) notes.push(`${name}: takes effect at next boot`);
      else if (note && name !== 'other_config') notes.push(`${name}: ${note}`);
    }
    if (changes.some((c) => c.path[0] === 'nic' && c.path[2] === 'rate_limit_kbps')) notes.push('nic rate_limit_kbps: applied when the VIF is next plugged');
    if (migrate.length) {
      const poolMove = migrate.some((p) => p[0] === 'pool');
      const moved = poolMove ? blocks(prior, 'disk') : migrate.filter((p) => p[0] === 'disk').map((p) => blocks(prior, 'disk').find((d) => d.userdevice === blocks(planned, 'disk')[p[1] as number]?.userdevice)).filter((d): d is ObjectValue => !!d);
      bytesToMove = sumSizes(moved);
      if (poolMove) notes.push(`cross-pool migration from "${str(prior, 'pool')}" to "${str(planned, 'pool') ?? '(chosen at apply)'}"${isRunning(prior) ? ' (live)' : ''}, moving ${bytesToMove} bytes of disks`);
      else {
        if (migrate.some((p) => p[0] === 'host')) notes.push(`live migration to host ${String(planned.host)}`);
        if (moved.length) notes.push(`storage motion of ${moved.length} disk(s), moving ${bytesToMove} bytes`);
      }
    }
  }
  return { planned, changes, action, haltPaths: halt, requiresReplace: replace, notes: [...new Set(notes)], bytesToMove, diagnostics: diags };
}
