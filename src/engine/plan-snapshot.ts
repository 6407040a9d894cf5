/**
 * Saved plans carry their configuration: the files and the variable values of the plan. To
 * apply one, the snapshot is written to a private temporary folder (mode 0700; variable values
 * as an auto-loaded tfvars file, removed afterwards) and loaded from there.
 *
 * The working folder (state, embedded world) is recorded relative to the folder `plan` ran
 * in and resolved again where `apply` runs: a plan made in a CI checkout applies in the apply
 * job's checkout, and a moved or copied project folder applies to its own state, never to the
 * old absolute path (which apply would otherwise recreate). The state found there must have the
 * plan's lineage (`checkStale`).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { error, type Diagnostic } from '../diagnostics';
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
  const rel = relative(config.config.cwd, workDir).split(sep).join('/');
  return { plan, configFiles, variableValues, workDir: rel === '' ? '.' : rel };
}

/**
 * The working folder of a saved plan, resolved against the folder apply runs in. A plan file
 * from before relative folders (an absolute path) and a folder that does not exist are
 * diagnostics: apply never writes state to a folder it would have to create.
 */
export function resolvePlanWorkDir(file: PlanFile, cwd: string, planPath: string): { dir?: string; diagnostics: Diagnostic[] } {
  const recorded = file.workDir ?? '.';
  if (isAbsolute(recorded)) {
    return { diagnostics: [error('plan.absolute-workdir', `${planPath}: the plan records an absolute working folder`, {
      detail: 'It was written by an older xcpform, which applied it to that path wherever it was run. Run plan again where you apply it.',
      source: { filename: planPath },
    })] };
  }
  const dir = resolve(cwd, recorded);
  let ok = false;
  try { ok = statSync(dir).isDirectory(); } catch { /* missing */ }
  if (!ok) {
    return { diagnostics: [error('plan.missing-workdir', `${planPath}: the plan's working folder ${recorded} does not exist here`, {
      detail: `The plan was made in ${recorded} relative to the folder plan ran in; apply resolves it against ${cwd}. Run apply from the folder plan ran in.`,
      source: { filename: planPath },
    })] };
  }
  return { dir, diagnostics: [] };
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
