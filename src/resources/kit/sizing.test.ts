import { fixedSizing, sizingSteps, sizingViolation, type SizingStep, type VmSizing } from './sizing';

/** Applies one step the way xapi does, checking the invariants after the call. */
function run(s: VmSizing, step: SizingStep): VmSizing {
  const [a, b, c, d] = step.args;
  const next: VmSizing = step.method === 'set_VCPUs_max' ? { ...s, vcpusMax: a }
    : step.method === 'set_VCPUs_at_startup' || step.method === 'set_VCPUs_number_live' ? { ...s, vcpusAtStartup: a }
      : step.method === 'set_memory_limits' ? { ...s, memoryStaticMin: a, memoryStaticMax: b, memoryDynamicMin: c, memoryDynamicMax: d }
        : { ...s, memoryDynamicMin: a, memoryDynamicMax: b };
  const bad = sizingViolation(next);
  if (bad) throw new Error(`${step.method}(${step.args.join(', ')}) leaves an invalid VM: ${bad}`);
  return next;
}

/** A small deterministic generator (no Math.random: failures must be reproducible). */
function* sizings(seed: number, n: number): Generator<VmSizing> {
  let x = seed;
  const next = (k: number): number => { x = (x * 1103515245 + 12345) % 2 ** 31; return 1 + (x % k); };
  for (let i = 0; i < n; i++) {
    const max = next(16);
    const mem = [next(8), next(8), next(8), next(8)].sort((p, q) => p - q);
    yield { vcpusMax: max, vcpusAtStartup: next(max), memoryStaticMin: mem[0], memoryDynamicMin: mem[1], memoryDynamicMax: mem[2], memoryStaticMax: mem[3] };
  }
}

describe('sizingSteps', () => {
  test('a shrink sets the count before the maximum, a grow the maximum before the count', () => {
    expect(sizingSteps(fixedSizing(2, 1024), fixedSizing(1, 512), false).map((s) => s.method)).toEqual(['set_VCPUs_at_startup', 'set_VCPUs_max', 'set_memory_limits']);
    expect(sizingSteps(fixedSizing(1, 512), fixedSizing(3, 1024), false).map((s) => s.method)).toEqual(['set_VCPUs_max', 'set_VCPUs_at_startup', 'set_memory_limits']);
    expect(sizingSteps(fixedSizing(2, 1024), fixedSizing(2, 1024), false)).toEqual([]);
  });

  test('halted: from any valid sizing to any other, every call leaves a valid VM and the last one the target', () => {
    const all = [...sizings(7, 60)];
    for (const from of all) {
      for (const to of all) {
        const end = sizingSteps(from, to, false).reduce(run, from);
        expect(end).toEqual(to);
      }
    }
  });

  test('running: only the live fields change; static changes and invalid targets are refused', () => {
    const from = { ...fixedSizing(2, 1024), vcpusMax: 4, memoryStaticMax: 2048 };
    const to = { ...from, vcpusAtStartup: 4, memoryDynamicMax: 2048 };
    expect(sizingSteps(from, to, true)).toEqual([{ method: 'set_VCPUs_number_live', args: [4] }, { method: 'set_memory_dynamic_range', args: [1024, 2048] }]);
    expect(() => sizingSteps(from, { ...to, vcpusMax: 8 }, true)).toThrow(/halted/);
    expect(() => sizingSteps(from, { ...to, vcpusAtStartup: 5 }, false)).toThrow(/vcpus \(5\) <= vcpus_max \(4\)/);
  });
});
