/**
 * The rehearsal as the user sees it: `xcpform plan -rehearse=false` and `xcpform plan -rehearse`
 * run as child processes against the same served pool, alternated (A B A B ...) so a drift of
 * the machine's speed hits both alike. The rehearsal's cost is the difference of each pair; its
 * ratio to the plan command is the goal (the rehearsal adds no more than the plan itself
 * takes). Wall and CPU are both reported: CPU (the command's own, read as it exits) is steadier
 * on a shared machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { binPath } from './apply-run';

/** One command's run: wall and CPU in ms. */
interface Run { readonly wallMs: number; readonly cpuMs: number }

/** The line a rehearsed plan prints when every change went through on the copy. */
const REHEARSED = /every change went through on a copy of the pools/;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `xcpform plan <flag>` in `dir` to its end; fails unless it exits 0 and (un)rehearsed as asked. */
async function planCommand(dir: string, rehearse: boolean): Promise<Run> {
  const scratch = mkdtempSync(join(tmpdir(), 'xcpform-bench-cpu-'));
  const cpuFile = join(scratch, 'cpu');
  try {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-r', join(__dirname, 'cpu-preload.js'), binPath('xcpform.js'), 'plan', `-rehearse=${rehearse}`, '-no-color'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', XCPFORM_REFRESH_CACHE: 'off', BENCH_CPU_FILE: cpuFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    let rehearsed = false;
    const keep = (t: string): void => {
      if (REHEARSED.test(t)) rehearsed = true;
      tail = (tail + t).slice(-4000);
    };
    child.stdout!.setEncoding('utf8').on('data', keep);
    child.stderr!.setEncoding('utf8').on('data', keep);
    const code = await new Promise<number>((resolve) => child.once('close', (c) => resolve(c ?? -1)));
    const wallMs = performance.now() - t0;
    if (code !== 0) throw new Error(`xcpform plan -rehearse=${rehearse} exited ${code}:\n${tail}`);
    if (rehearsed !== rehearse) throw new Error(`xcpform plan -rehearse=${rehearse}: ${rehearse ? 'no rehearsal verdict' : 'a rehearsal'} in its output:\n${tail}`);
    return { wallMs, cpuMs: Number(readFileSync(cpuFile, 'utf8')) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `pairs` alternated pairs (after one pair not counted: it warms the file cache and the pool),
 * medians of each command and of each pair's difference and ratio.
 */
export async function benchPlanCommands(dir: string, pairs = 3): Promise<Record<string, number>> {
  await planCommand(dir, false);
  await planCommand(dir, true);
  const plain: Run[] = [];
  const rehearsed: Run[] = [];
  for (let i = 0; i < pairs; i++) {
    plain.push(await planCommand(dir, false));
    rehearsed.push(await planCommand(dir, true));
  }
  const of = (key: keyof Run): { a: number; b: number; added: number; ratio: number } => ({
    a: Math.round(median(plain.map((r) => r[key]))),
    b: Math.round(median(rehearsed.map((r) => r[key]))),
    added: Math.round(median(rehearsed.map((r, i) => r[key] - plain[i][key]))),
    ratio: Math.round(median(rehearsed.map((r, i) => (r[key] - plain[i][key]) / plain[i][key])) * 100) / 100,
  });
  const wall = of('wallMs');
  const cpu = of('cpuMs');
  return {
    plan_cmd_pairs: pairs,
    plan_cmd_ms: wall.a,
    plan_rehearse_cmd_ms: wall.b,
    rehearsal_added_ms: wall.added,
    rehearsal_added_vs_plan_cmd: wall.ratio,
    plan_cmd_cpu_ms: cpu.a,
    plan_rehearse_cmd_cpu_ms: cpu.b,
    rehearsal_added_cpu_ms: cpu.added,
    rehearsal_added_vs_plan_cmd_cpu: cpu.ratio,
  };
}
