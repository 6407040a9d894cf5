/**
 * The saved plan file (`xcpform plan -out FILE`): the plan, a snapshot of the configuration files
 * it was made from, and the variable values, so `xcpform apply FILE` applies exactly what was
 * reviewed. JSON, written atomically with mode 0600 because it holds the values of sensitive
 * variables and attributes (as Terraform's plan files do). Unknown values are encoded as
 * `{"$xcpform": "unknown"}`.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { Diagnostic, error } from '../diagnostics';
import { isObjectValue, isUnknown, UNKNOWN, Value } from '../values/value';
import type { Plan } from './model';
import { ACTION_SYMBOL } from './model';

export const PLAN_FILE_FORMAT = 'xcpform-plan';

export interface PlanFile {
  readonly plan: Plan;
  /** The configuration folder's files at plan time (relative name → text). */
  readonly configFiles: Readonly<Record<string, string>>;
  /** Raw variable assignments (name → value) used for the plan. */
  readonly variableValues: Readonly<Record<string, Value>>;
  /**
   * The working folder the plan was made in (state, embedded world), relative to the folder
   * `plan` ran in; `apply` resolves it against its own (see `engine/plan-snapshot.ts`).
   */
  readonly workDir?: string;
}

const MARK = '$xcpform';

function encode(v: unknown): unknown {
  if (isUnknown(v)) return { [MARK]: 'unknown' };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Object.keys(o).length === 1 && o[MARK] === 'unknown') return UNKNOWN;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

export function serializePlanFile(file: PlanFile): string {
  return `${JSON.stringify({ format: PLAN_FILE_FORMAT, version: 1, ...(encode(file) as object) })}\n`;
}

export function writePlanFile(path: string, file: PlanFile): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, serializePlanFile(file));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

const ACTIONS = new Set<string>(Object.keys(ACTION_SYMBOL));
const isObjectOrNull = (v: unknown): boolean => v === null || isObjectValue(v as Value);
const isKey = (v: unknown): boolean => v === undefined || typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v) && v >= 0);

/**
 * What apply writes to the state before it changes anything must be well formed: the changes'
 * and drift entries' objects (the refreshed prior) and the data resources read while planning.
 */
function priorIsSound(plan: Plan): boolean {
  const change = (c: unknown): boolean => {
    const x = c as Record<string, unknown>;
    return isObjectValue(c as Value) && typeof x.address === 'string' && (x.mode === 'managed' || x.mode === 'data') && typeof x.type === 'string'
      && typeof x.name === 'string' && ACTIONS.has(x.action as string) && isObjectOrNull(x.before) && isObjectOrNull(x.after) && isKey(x.index)
      && typeof x.providerConfig === 'string' && Array.isArray(x.dependsOn);
  };
  const read = (r: unknown): boolean => {
    const x = r as Record<string, unknown>;
    return isObjectValue(r as Value) && typeof x.address === 'string' && dataAddress(x.address, String(x.type), String(x.name)) && typeof x.type === 'string'
      && typeof x.name === 'string' && isKey(x.index) && typeof x.providerConfig === 'string' && typeof x.schemaVersion === 'number' && isObjectValue(x.values as Value);
  };
  return plan.changes.every(change) && (plan.drift === undefined || (Array.isArray(plan.drift) && plan.drift.every(change)))
    && (plan.dataReads === undefined || (Array.isArray(plan.dataReads) && plan.dataReads.every(read)));
}

/** A data resource instance's address: `data.TYPE.NAME…`, also inside module instances (`module.m["k"].data.TYPE.NAME…`). */
function dataAddress(address: string, type: string, name: string): boolean {
  const at = address.indexOf(`data.${type}.${name}`);
  return at === 0 || (at > 0 && address.startsWith('module.') && address[at - 1] === '.');
}

/** Reads a plan file; anything malformed is a diagnostic naming the file. */
export function readPlanFile(path: string): { file?: PlanFile; diagnostics: Diagnostic[] } {
  const bad = (summary: string, detail?: string) => ({ diagnostics: [error('planfile.invalid', `${path}: ${summary}`, { source: { filename: path }, ...(detail ? { detail } : {}) })] });
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (err) { return bad('cannot read the plan file', (err as Error).message); }
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (err) { return bad('not a plan file (invalid JSON)', (err as Error).message); }
  if (!isObjectValue(raw as Value) || (raw as Record<string, unknown>).format !== PLAN_FILE_FORMAT) return bad('not an xcpform plan file', 'Create one with "xcpform plan -out FILE".');
  const obj = raw as Record<string, unknown>;
  if (obj.version !== 1) return bad(`unsupported plan file version ${JSON.stringify(obj.version)}`, 'It was written by a different xcpform version; run plan again.');
  const plan = decode(obj.plan) as Plan | undefined;
  if (!plan || !Array.isArray(plan.changes) || typeof plan.prior?.serial !== 'number' || typeof plan.prior?.lineage !== 'string' || !priorIsSound(plan)) return bad('the plan is incomplete or damaged');
  const configFiles = (obj.configFiles ?? {}) as Record<string, string>;
  if (typeof configFiles !== 'object' || Object.values(configFiles).some((t) => typeof t !== 'string')) return bad('the configuration snapshot is damaged');
  return { file: { plan, configFiles, variableValues: (decode(obj.variableValues) ?? {}) as Record<string, Value>, ...(typeof obj.workDir === 'string' ? { workDir: obj.workDir } : {}) }, diagnostics: [] };
}
