/** `xcpform graph [DIR] [-format dot|mermaid|svg] [-plan FILE]`: the changed resources as a graph. */
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { planWorkspace } from '../../engine/plan';
import type { Plan } from '../../plan/model';
import { readPlanFile } from '../../plan/plan-file';
import { renderPlanDot } from '../../render/graph-dot';
import { renderPlanMermaid } from '../../render/graph-mermaid';
import { useColor } from '../color';
import { openWorkspace, printDiagnostics } from '../engine-run';
import { addPlanFlags, planFlags } from '../flags';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { svgGraph } from './report-bridge';

const FORMATS = ['dot', 'mermaid', 'svg'];

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  addPlanFlags(program
    .command('graph [dir]')
    .description('draw the changes a plan would make as a graph (DOT, Mermaid or SVG)')
    .option('--format <format>', 'dot (default), mermaid or svg', (v: string) => {
      if (!FORMATS.includes(v)) throw new InvalidArgumentError(`-format must be one of ${FORMATS.join(', ')}`);
      return v;
    }, 'dot')
    .option('--plan <file>', 'draw a saved plan instead of planning')
    .option('--all', 'include resources without changes'))
    .action(async (dir: string | undefined, raw: Record<string, unknown>) => {
      const flags = planFlags(raw);
      const color = useColor(io, flags.color);
      let plan: Plan | undefined;
      if (raw.plan) {
        const r = readPlanFile(resolve(io.cwd, String(raw.plan)));
        printDiagnostics(io, r.diagnostics, color);
        plan = r.file?.plan;
      } else {
        const ws = await openWorkspace(io, dir, { ...flags, lock: false }, 'OperationTypePlan');
        if (!ws) return exit(1);
        try {
          const res = await planWorkspace(ws, { mode: 'normal', refresh: flags.refresh, targets: flags.target });
          printDiagnostics(io, [...res.diagnostics, ...(res.plan?.diagnostics ?? [])], color);
          plan = res.plan;
        } finally {
          await ws.close();
        }
      }
      if (!plan) return exit(1);
      const changedOnly = !raw.all;
      const format = String(raw.format);
      io.stdout(format === 'svg' ? await svgGraph(plan, { changedOnly }) : format === 'mermaid' ? renderPlanMermaid(plan.changes, { changedOnly }) : renderPlanDot(plan.changes, { changedOnly }));
      exit(plan.errored ? 1 : 0);
    });
}
