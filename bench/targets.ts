/**
 * The performance targets of ARCHITECTURE.md ("Targets") and of the issues' "Checked by"
 * lists, as checks over the figures the suites return in one `npm run bench` run. A target
 * whose suite did not run (or failed) is reported as such, never as a pass.
 */
type Figures = Readonly<Record<string, number | string>>;

/** One target: where its figure comes from and how it is judged. */
export interface Target {
  readonly suite: string;
  readonly name: string;
  /** The goal as a reader would say it. */
  readonly goal: string;
  /** The measured value as text and whether it meets the goal; undefined when a figure is missing. */
  check(f: Figures): { value: string; pass: boolean } | undefined;
}

const num = (f: Figures, key: string): number | undefined => (typeof f[key] === 'number' ? (f[key] as number) : undefined);

function atLeast(suite: string, name: string, key: string, min: number, unit: string): Target {
  return { suite, name, goal: `>= ${min}${unit}`, check: (f) => { const v = num(f, key); return v === undefined ? undefined : { value: `${v}${unit}`, pass: v >= min }; } };
}

function atMost(suite: string, name: string, key: string, max: number, unit: string): Target {
  return { suite, name, goal: `<= ${max}${unit}`, check: (f) => { const v = num(f, key); return v === undefined ? undefined : { value: `${v}${unit}`, pass: v <= max }; } };
}

/** "A few seconds" is read as at most 5 s; "linear" as at most 25% more memory per instance at 4x the size. */
export const TARGETS: readonly Target[] = [
  atLeast('refresh', 'refresh 10k VMs, 1% changed: xcpform (refresh cache) vs per-resource (parallelism 10)', 'incremental_1pct_vs_per_resource_speedup', 50, 'x'),
  atLeast('refresh', 'refresh 10k VMs, nothing changed: xcpform (refresh cache) vs per-resource', 'incremental_unchanged_vs_per_resource_speedup', 50, 'x'),
  // The first refresh of a workspace (no cache yet) moves every record: reported against the same goal.
  atLeast('refresh', 'refresh 10k VMs, first (no cache): bulk vs per-resource', 'bulk_vs_per_resource_speedup', 50, 'x'),
  atMost('plan', 'plan 100k instances, 1% changed: wall time', 'plan_100k_total_ms', 5000, ' ms'),
  atMost('plan', 'plan 100k instances: CPU time', 'plan_100k_cpu_ms', 5000, ' ms'),
  atMost('plan', 'plan heap per instance, 100k vs 25k (linear: ~1)', 'heap_per_instance_ratio_large_vs_small', 1.25, 'x'),
  atMost('plan', 'plan peak RSS per instance, 100k vs 25k', 'peak_rss_per_instance_ratio_large_vs_small', 1.25, 'x'),
  {
    suite: 'scheduler',
    name: 'scheduler: makespan within 5% of bound, never worse than FIFO',
    goal: 'lrpf_worst <= 1.05',
    check: (f) => {
      const worst = Object.entries(f).filter(([k]) => k.endsWith('.lrpf_worst')).map(([, v]) => v as number);
      return f['scheduler.pass'] === undefined ? undefined : { value: `worst ${Math.max(...worst)}`, pass: f['scheduler.pass'] === 'yes' };
    },
  },
  // Issue 17: apply of N VMs (one disk, one NIC) at N = 1,000 against N = 100, and against the lower bound.
  atMost('apply', 'apply 1,000 vs 100 VMs: bytes read per VM (create)', 'create.bytes_per_vm_ratio_1000_vs_100', 1.2, 'x'),
  atMost('apply', 'apply 1,000 vs 100 VMs: wall per VM (create)', 'create.walk_per_vm_ratio_1000_vs_100', 1.2, 'x'),
  atMost('apply', 'apply 1,000 vs 100 VMs: wall per VM (update)', 'update.walk_per_vm_ratio_1000_vs_100', 1.2, 'x'),
  atMost('apply', 'apply 1,000 vs 100 VMs: wall per VM (destroy)', 'destroy.walk_per_vm_ratio_1000_vs_100', 1.2, 'x'),
  atMost('apply', 'apply 1,000 VMs: wall vs max(calls x latency / parallelism, critical path) (create)', 'n1000.create.walk_vs_lower_bound', 1.5, 'x'),
  // Issue 22: what `plan -rehearse` adds to the plan command for 1,000 VM creates, against the plan
  // command's own time (child processes, alternated, in one run). The in-process ratio (rehearsal
  // against planWorkspace with the configuration already loaded) is shown beside it, not judged.
  {
    suite: 'rehearse',
    name: 'rehearsal of 1,000 VM creates: time added to `plan` vs the plan command',
    goal: '<= 1x',
    check: (f) => {
      const v = num(f, 'rehearsal_added_vs_plan_cmd');
      if (v === undefined) return undefined;
      const inProcess = num(f, 'rehearsal_vs_plan');
      return { value: `${v}x${inProcess === undefined ? '' : ` (in process: ${inProcess}x, reported)`}`, pass: v <= 1 };
    },
  },
  atMost('report', 'report: HTML render of 5,000 resources', 'html render ms (second)', 5000, ' ms'),
  {
    suite: 'report',
    name: 'report: open in headless Chromium',
    goal: '<= 5000 ms',
    check: (f) => {
      const v = f['chromium open ms (load + script + first frame)'];
      if (typeof v === 'number') return { value: `${v} ms`, pass: v <= 5000 };
      return typeof f['chromium open ms'] === 'string' ? { value: 'skipped (no chromium)', pass: false } : undefined;
    },
  },
];

/** The summary table: one line per target, PASS / FAIL / NOT RUN. */
export function summaryTable(results: ReadonlyMap<string, Figures>): { text: string; failed: number } {
  const rows = TARGETS.map((t) => {
    const figures = results.get(t.suite);
    const r = figures ? t.check(figures) : undefined;
    return [r ? (r.pass ? 'PASS' : 'FAIL') : 'NOT RUN', t.name, t.goal, r?.value ?? '-'];
  });
  const header = ['result', 'target', 'goal', 'measured'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd();
  const text = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  return { text, failed: rows.filter((r) => r[0] !== 'PASS').length };
}
