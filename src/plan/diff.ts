/**
 * The schema-driven diff of one resource instance: from its prior state and its configuration,
 * the planned new state and the action. Shared by the CLI planner and the tfplugin6 server's
 * PlanResourceChange, so both decide the same way. Pure.
 *
 * Rules (Terraform's, plus xcpform's update classes):
 * - a configured value wins; an unset optional attribute takes its schema default; an unset
 *   computed attribute keeps its prior value, or is Unknown on create;
 * - read-only attributes never count as changes;
 * - each changed configurable attribute is classified by its update class: any `replace` makes
 *   the action a replacement, else any `migrate` a migration, else an update (`halt` adds a
 *   shutdown and start, reported in `haltPaths`);
 * - `ignore_changes` paths keep their prior value.
 */
import type { Diagnostic } from '../diagnostics';
import { error } from '../diagnostics';
import type { AttributeSchema, BlockSchema, ResourceSchema, UpdateClass } from '../schema/model';
import { convertToType } from '../values/convert';
import { isObjectValue, isUnknown, ObjectValue, setsEqual, UNKNOWN, Value, valuesEqual } from '../values/value';
import { AttrPath, isPrefix } from './paths';

export type DiffAction = 'create' | 'update' | 'migrate' | 'replace' | 'no-op';

export interface DiffOptions {
  /** `lifecycle.ignore_changes`: paths that keep their prior value, or every attribute. */
  readonly ignoreChanges?: readonly AttrPath[] | 'all';
  /** Replace even without a replace-class change (`-replace`, `replace_triggered_by`, taint). */
  readonly forceReplace?: boolean;
}

export interface ChangedPath {
  readonly path: AttrPath;
  readonly update: UpdateClass;
}

export interface ResourceDiff {
  readonly planned: ObjectValue;
  readonly action: DiffAction;
  /** Every changed configurable attribute with its update class. */
  readonly changes: readonly ChangedPath[];
  readonly replacePaths: readonly AttrPath[];
  readonly migratePaths: readonly AttrPath[];
  readonly haltPaths: readonly AttrPath[];
  readonly diagnostics: readonly Diagnostic[];
}

export function planResourceChange(schema: ResourceSchema, prior: ObjectValue | null, config: ObjectValue, opts: DiffOptions = {}): ResourceDiff {
  const diagnostics: Diagnostic[] = [];
  let planned = proposeBlock(schema.block, prior, config, [], diagnostics);
  if (prior && opts.ignoreChanges) planned = keepIgnored(schema.block, planned, prior, opts.ignoreChanges);
  if (!prior) {
    return { planned, action: 'create', changes: [], replacePaths: [], migratePaths: [], haltPaths: [], diagnostics };
  }
  const changes: ChangedPath[] = [];
  compareBlock(schema.block, prior, planned, [], changes);
  const of = (u: UpdateClass) => changes.filter((c) => c.update === u).map((c) => c.path);
  const replacePaths = of('replace');
  const migratePaths = of('migrate');
  const action: DiffAction = opts.forceReplace || replacePaths.length ? 'replace'
    : migratePaths.length ? 'migrate'
    : changes.length ? 'update' : 'no-op';
  if (action === 'replace') planned = proposeBlock(schema.block, null, config, [], []);
  return { planned, action, changes, replacePaths, migratePaths, haltPaths: of('halt'), diagnostics };
}

function proposeAttribute(attr: AttributeSchema, prior: Value | undefined, cfg: Value, path: AttrPath, diags: Diagnostic[]): Value {
  const configurable = attr.required || attr.optional;
  if (configurable && cfg !== null) {
    if (!attr.type) return cfg;
    const c = convertToType(attr.type, cfg, [...path]);
    if (c.ok) return c.value;
    diags.push(error('plan.wrong-type', `attribute "${c.path.join('.')}": ${c.message}`, { path: c.path }));
    return cfg;
  }
  if (configurable && attr.default !== undefined) return attr.default as Value;
  if (attr.computed) return prior === undefined ? UNKNOWN : prior;
  return null;
}

function proposeBlock(block: BlockSchema, prior: ObjectValue | null, config: ObjectValue, path: AttrPath, diags: Diagnostic[]): ObjectValue {
  const out: ObjectValue = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    out[name] = proposeAttribute(attr, prior ? prior[name] ?? null : undefined, config[name] ?? null, [...path, name], diags);
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const raw = config[name] ?? null;
    const items = raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    const priorRaw = prior ? prior[name] ?? null : null;
    const priorItems = priorRaw === null ? [] : Array.isArray(priorRaw) ? priorRaw : [priorRaw];
    const planned = items.map((item, i) =>
      isObjectValue(item) ? proposeBlock(bt.block, isObjectValue(priorItems[i]) ? (priorItems[i] as ObjectValue) : null, item, [...path, name, i], diags) : item,
    );
    out[name] = bt.nesting === 'single' ? (planned[0] ?? null) : planned;
  }
  return out;
}

function equalFor(attr: AttributeSchema, a: Value, b: Value): boolean {
  if (attr.type && Array.isArray(attr.type) && attr.type[0] === 'set' && Array.isArray(a) && Array.isArray(b)) return setsEqual(a, b);
  if (isEmpty(a) && isEmpty(b)) return true;
  return valuesEqual(a, b);
}

/** null, [] and {} are the same "nothing set" for optional collections. */
function isEmpty(v: Value): boolean {
  return v === null || (Array.isArray(v) && v.length === 0) || (isObjectValue(v) && Object.keys(v).length === 0);
}

function compareBlock(block: BlockSchema, prior: ObjectValue, planned: ObjectValue, path: AttrPath, out: ChangedPath[]): void {
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (!(attr.required || attr.optional) || !attr.update) continue;
    const before = prior[name] ?? null;
    const after = planned[name] ?? null;
    if (!equalFor(attr, before, after)) out.push({ path: [...path, name], update: attr.update });
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const list = (v: Value): Value[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);
    const before = list(prior[name] ?? null);
    const after = list(planned[name] ?? null);
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      const b = before[i];
      const a = after[i];
      const at = bt.nesting === 'single' ? [...path, name] : [...path, name, i];
      if (!isObjectValue(b) || !isObjectValue(a)) {
        // A block added or removed. Removing one is an in-place change; adding one costs what
        // setting its attributes costs (a new cloud_init replaces the VM), except that a new
        // block's placement attributes (a new disk's SR) are not a migration.
        out.push({ path: at, update: isObjectValue(a) ? addedBlockClass(bt.block, a) : 'in-place' });
        continue;
      }
      compareBlock(bt.block, b, a, at, out);
    }
  }
}

const RANK: Record<UpdateClass, number> = { 'in-place': 0, halt: 1, migrate: 2, replace: 3 };

function addedBlockClass(block: BlockSchema, added: ObjectValue): UpdateClass {
  const inner: ChangedPath[] = [];
  compareBlock(block, {}, added, [], inner);
  let worst: UpdateClass = 'in-place';
  for (const c of inner) {
    const u = c.update === 'migrate' ? 'in-place' : c.update;
    if (RANK[u] > RANK[worst]) worst = u;
  }
  return worst;
}

function keepIgnored(block: BlockSchema, planned: ObjectValue, prior: ObjectValue, ignore: readonly AttrPath[] | 'all'): ObjectValue {
  const out: ObjectValue = { ...planned };
  if (ignore === 'all') {
    for (const [name, attr] of Object.entries(block.attributes)) if (attr.required || attr.optional) out[name] = prior[name] ?? null;
    for (const name of Object.keys(block.blockTypes ?? {})) out[name] = prior[name] ?? null;
    return out;
  }
  for (const path of ignore) setAt(out, path, getAt(prior, path));
  return out;
}

export function getAt(value: Value, path: AttrPath): Value {
  let cur: Value = value;
  for (const seg of path) {
    if (cur === null || isUnknown(cur)) return cur;
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] ?? null : null;
    else cur = isObjectValue(cur) ? cur[seg] ?? null : null;
  }
  return cur;
}

function setAt(root: ObjectValue, path: AttrPath, value: Value): void {
  if (!path.length) return;
  let cur: Value = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    const next: Value = typeof seg === 'number' ? (Array.isArray(cur) ? cur[seg] : null) : isObjectValue(cur) ? cur[seg] : null;
    if (next === null || next === undefined || isUnknown(next)) return;
    const copy: Value = Array.isArray(next) ? [...next] : { ...(next as ObjectValue) };
    if (typeof seg === 'number') (cur as Value[])[seg] = copy;
    else (cur as ObjectValue)[seg] = copy;
    cur = copy;
  }
  const last = path[path.length - 1];
  if (typeof last === 'number' && Array.isArray(cur)) cur[last] = value;
  else if (typeof last === 'string' && isObjectValue(cur)) cur[last] = value;
}

/** True when a changed path lies under one of the given paths (for notes and requires_replace). */
export function touches(changes: readonly ChangedPath[], prefix: AttrPath): boolean {
  return changes.some((c) => isPrefix(prefix, c.path));
}
