/**
 * `xcpform show [PLANFILE] [-json | -markdown | -html -o FILE]`: a saved plan in the chosen
 * form, or, without a plan file, the current state's resources.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { readPlanFile, type PlanFile } from '../../plan/plan-file';
import { materialize } from '../../engine/plan-snapshot';
import { loadConfig } from '../../config/load';
import { moduleCallsJson } from '../../config/modules/json';
import { hasErrors } from '../../diagnostics';
import { formatAddress } from '../../state/model';
import { stateJson } from '../../render/state-json';
import { VERSION } from '../../version';
import { renderPlanJson } from '../../render/plan-json';
import { renderPlanMarkdown } from '../../render/plan-markdown';
import { useColor } from '../color';
import { openWorkspace, printDiagnostics, printPlan } from '../engine-run';
import type { CliIo } from '../io';
import type { ExitSink } from '../main';
import { htmlReport } from './report-bridge';

export function register(program: Command, io: CliIo, exit: ExitSink): void {
  program
    .command('show [planfile]')
    .description('show a saved plan (text, JSON, Markdown for pull requests, or an HTML report), or the current state')
    .option('--json', 'JSON compatible with "terraform show -json"')
    .option('--markdown', 'Markdown for a pull-request comment')
    .option('--html', 'a self-contained HTML report (with -o FILE)')
    .option('-o, --out <file>', 'write the output to FILE instead of the console')
    .option('--no-color', 'disable colours')
    .action(async (planfile: string | undefined, raw: Record<string, unknown>) => {
      const color = useColor(io, raw.color !== false);
      if (!planfile) return exit(await showState(io, color, Boolean(raw.json)));
      const { file, diagnostics } = readPlanFile(resolve(io.cwd, planfile));
      printDiagnostics(io, diagnostics, color);
      if (!file) return exit(1);
      const plan = file.plan;
      let text: string;
      if (raw.html) {
        if (!raw.out) { io.stderr('Error: -html needs -o FILE.html\n'); return exit(1); }
        text = await htmlReport(plan);
      } else if (raw.json) text = `${renderPlanJson(plan, { timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), moduleCalls: await moduleCallsOf(file, io.cwd) })}\n`;
      else if (raw.markdown) text = renderPlanMarkdown(plan, {});
      else { printPlan(io, plan, color); return exit(0); }
      if (raw.out) {
        writeFileSync(resolve(io.cwd, String(raw.out)), text);
        io.stdout(`Wrote ${String(raw.out)}\n`);
      } else io.stdout(text);
      exit(0);
    });
}

async function showState(io: CliIo, color: boolean, json: boolean): Promise<number> {
  const ws = await openWorkspace(io, undefined, { varOrder: [], lock: false, lockTimeout: 0, color }, 'OperationTypeInvalid', { noConfig: true });
  if (!ws) return 1;
  try {
    const s = ws.manager.state;
    if (json) { io.stdout(`${JSON.stringify(stateJson(s, VERSION))}\n`); return 0; }
    if (!s.resources.length) { io.stdout('The state file is empty. No resources are represented.\n'); return 0; }
    for (const r of s.resources) {
      for (const i of r.instances) {
        io.stdout(`# ${formatAddress({ module: r.module, mode: r.mode, type: r.type, name: r.name, key: i.indexKey })}:\n`);
        const sensitive = new Set(i.sensitiveAttributes.map((p) => JSON.stringify(p.map((st) => (st.type === 'get_attr' ? st.value : st.value.value)))));
        for (const [k, v] of Object.entries(i.attributes).sort(([a], [b]) => a.localeCompare(b))) {
          const shown = sensitive.has(JSON.stringify([k])) ? '(sensitive value)' : JSON.stringify(v);
          io.stdout(`    ${k} = ${shown}\n`);
        }
        io.stdout('\n');
      }
    }
    return 0;
  } finally {
    await ws.close();
  }
}

/** `module_calls` from the plan's configuration snapshot (undefined when it does not load). */
async function moduleCallsOf(file: PlanFile, cwd: string): Promise<Record<string, unknown> | undefined> {
  const snap = materialize(file);
  try {
    const { config, diagnostics } = await loadConfig(snap.dir, { cwd, env: {}, schemaCheck: false });
    return hasErrors(diagnostics) || !config.moduleCalls.size ? undefined : moduleCallsJson(config);
  } finally {
    snap.cleanup();
  }
}
