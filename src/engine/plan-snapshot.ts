/**
 * Saved plans carry their configuration: the files and the variable values of the plan. To
 * apply one, the snapshot is written to a private temporary folder (mode 0700; variable values
 * as an auto-loaded tfvars file, removed afterwards) and loaded from there.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative } from 'node:path';
import type { ConfigEvaluator } from '../config/evaluator';
import type { Config } from '../config/model';
import type { Plan } from '../plan/model';
import { writePlanFile, type PlanFile } from '../plan/plan-file';

export function planFileFor(plan: Plan, config: ConfigEvaluator, workDir: string): PlanFile & { workDir: string } {
  const configFiles: Record<string, string> = {};
  for (const f of config.config.files) configFiles[basename(f.path)] = f.text;
  // Local modules inside the folder travel with the plan under their relative paths (packages
  // installed by init are read from the working folder's .terraform/modules, as when planning).
  const walk = (c: Config) => {
    for (const child of c.children.values()) {
      const rel = relative(config.config.dir, child.dir).split('\\').join('/');
      if (rel && !rel.startsWith('..') && !rel.startsWith('.terraform') && !isAbsolute(rel)) for (const f of child.files) configFiles[`${rel}/${basename(f.path)}`] = f.text;
      walk(child);
    }
  };
  walk(config.config);
  const variableValues = Object.fromEntries(Object.entries(config.variables).map(([k, v]) => [k, v.value]));
  return { plan, configFiles, variableValues, workDir };
}

export function savePlan(path: string, plan: Plan, config: ConfigEvaluator, workDir: string): void {
  writePlanFile(path, planFileFor(plan, config, workDir));
}

/** Writes the snapshot to a temporary folder; call the returned cleanup when done. */
export function materialize(file: PlanFile): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-plan-'));
  for (const [name, text] of Object.entries(file.configFiles)) {
    // Plain names, or module files under safe relative folders (no dot segments, no escape).
    const segments = name.split('/');
    if (name.includes('\\') || segments.some((x) => !x || x.startsWith('.')) || relative(dir, join(dir, name)).startsWith('..')) continue;
    if (segments.length > 1) mkdirSync(join(dir, ...segments.slice(0, -1)), { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, name), text, { mode: 0o600 });
  }
  writeFileSync(join(dir, 'zz-xcpform-plan.auto.tfvars.json'), JSON.stringify(file.variableValues), { mode: 0o600 });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
