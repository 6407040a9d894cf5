/**
 * The vCPU and memory call order, in one place for every resource that sizes a VM (xcp_vm, the
 * VPN gateways, VMs imported from an OVF package). XAPI checks its invariants after every call,
 * not after a batch: `0 < VCPUs_at_startup <= VCPUs_max` and
 * `static_min <= dynamic_min <= dynamic_max <= static_max`. Shrinking a VM by setting
 * `VCPUs_max` before `VCPUs_at_startup` fails with INVALID_VALUE, so the order depends on the
 * direction of the change; this module decides it.
 */
import type { XapiRecord } from '../../xenapi';

/** The sizing fields of a VM record. */
export interface VmSizing {
  readonly vcpusMax: number;
  readonly vcpusAtStartup: number;
  readonly memoryStaticMin: number;
  readonly memoryStaticMax: number;
  readonly memoryDynamicMin: number;
  readonly memoryDynamicMax: number;
}

/** One `VM.<method>(vm, ...args)` call. */
export interface SizingStep {
  readonly method: 'set_VCPUs_max' | 'set_VCPUs_at_startup' | 'set_VCPUs_number_live' | 'set_memory_limits' | 'set_memory_dynamic_range';
  readonly args: readonly number[];
}

/** The sizing of a VM record. */
export function sizingOf(vm: XapiRecord<'VM'>): VmSizing {
  return {
    vcpusMax: vm.VCPUs_max, vcpusAtStartup: vm.VCPUs_at_startup,
    memoryStaticMin: vm.memory_static_min, memoryStaticMax: vm.memory_static_max,
    memoryDynamicMin: vm.memory_dynamic_min, memoryDynamicMax: vm.memory_dynamic_max,
  };
}

/** A fixed size: `vcpus` vCPUs (also the maximum) and `memory` bytes in all four limits. */
export function fixedSizing(vcpus: number, memory: number): VmSizing {
  return { vcpusMax: vcpus, vcpusAtStartup: vcpus, memoryStaticMin: memory, memoryStaticMax: memory, memoryDynamicMin: memory, memoryDynamicMax: memory };
}

/** Why `s` breaks an XAPI invariant, or undefined when it holds. */
export function sizingViolation(s: VmSizing): string | undefined {
  if (!(s.vcpusAtStartup > 0 && s.vcpusAtStartup <= s.vcpusMax)) return `vCPUs must satisfy 0 < vcpus (${s.vcpusAtStartup}) <= vcpus_max (${s.vcpusMax})`;
  if (!(s.memoryStaticMin <= s.memoryDynamicMin && s.memoryDynamicMin <= s.memoryDynamicMax && s.memoryDynamicMax <= s.memoryStaticMax)) {
    return `memory must satisfy static_min (${s.memoryStaticMin}) <= dynamic_min (${s.memoryDynamicMin}) <= dynamic_max (${s.memoryDynamicMax}) <= static_max (${s.memoryStaticMax})`;
  }
  return undefined;
}

/**
 * The calls that take a VM from `current` to `target`, each leaving a valid VM. A halted VM
 * takes every field; a running one only what XAPI changes live (the vCPU count up to the current
 * maximum, the dynamic memory range inside the static one): the plan halts the VM for the rest,
 * so a target a running VM cannot take is a bug in the caller and throws.
 */
export function sizingSteps(current: VmSizing, target: VmSizing, running: boolean): SizingStep[] {
  const bad = sizingViolation(target);
  if (bad) throw new Error(`invalid VM sizing: ${bad}`);
  const steps: SizingStep[] = [];
  if (running) {
    if (target.vcpusMax !== current.vcpusMax || target.memoryStaticMin !== current.memoryStaticMin || target.memoryStaticMax !== current.memoryStaticMax) {
      throw new Error('VCPUs_max and static memory change only on a halted VM');
    }
    if (target.vcpusAtStartup !== current.vcpusAtStartup) steps.push({ method: 'set_VCPUs_number_live', args: [target.vcpusAtStartup] });
  } else if (target.vcpusAtStartup <= current.vcpusMax) {
    // The new count fits under the old maximum: count first, so a lower maximum never cuts under it.
    if (target.vcpusAtStartup !== current.vcpusAtStartup) steps.push({ method: 'set_VCPUs_at_startup', args: [target.vcpusAtStartup] });
    if (target.vcpusMax !== current.vcpusMax) steps.push({ method: 'set_VCPUs_max', args: [target.vcpusMax] });
  } else {
    // The new count exceeds the old maximum: raise the maximum first.
    steps.push({ method: 'set_VCPUs_max', args: [target.vcpusMax] });
    steps.push({ method: 'set_VCPUs_at_startup', args: [target.vcpusAtStartup] });
  }
  const dynamicChanged = target.memoryDynamicMin !== current.memoryDynamicMin || target.memoryDynamicMax !== current.memoryDynamicMax;
  const staticChanged = target.memoryStaticMin !== current.memoryStaticMin || target.memoryStaticMax !== current.memoryStaticMax;
  // One call sets all four limits (halted) or the dynamic pair (running): XAPI checks the result
  // of the call, so no intermediate state can break the ordering.
  if (!running && (staticChanged || dynamicChanged)) {
    steps.push({ method: 'set_memory_limits', args: [target.memoryStaticMin, target.memoryStaticMax, target.memoryDynamicMin, target.memoryDynamicMax] });
  } else if (running && dynamicChanged) {
    steps.push({ method: 'set_memory_dynamic_range', args: [target.memoryDynamicMin, target.memoryDynamicMax] });
  }
  return steps;
}

/** Runs `sizingSteps` through `call` (`VM.<method>` on the VM, arguments after the ref). */
export async function applySizing(call: (method: SizingStep['method'], ...args: number[]) => Promise<unknown>, current: VmSizing, target: VmSizing, running: boolean): Promise<void> {
  for (const step of sizingSteps(current, target, running)) await call(step.method, ...step.args);
}
