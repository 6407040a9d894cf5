/**
 * Terraform's checks of provider answers, restated (reference tfplugin.md section 3.3,
 * `objchange.AssertPlanValid` and `AssertObjectCompatible`): a plan keeps configured values
 * and block counts, and only computed attributes may differ from the configuration; an apply
 * result keeps every value that was known in the plan. "Computed" is the flag Terraform was
 * served (`computedForTerraform`: an attribute with a default counts). The server logs any violation it is
 * about to send (it would be an xcpform bug), and the tests use these as their oracle.
 */
import type { AttributeSchema, BlockSchema } from '../schema/model';
import { computedForTerraform } from '../schema/defaults';
import { isObjectValue, isUnknown, ObjectValue, setsEqual, Value, valuesEqual } from '../values/value';

type Path = string;
const at = (p: Path, n: string | number) => (typeof n === 'number' ? `${p}[${n}]` : p ? `${p}.${n}` : n);
const show = (v: Value) => (isUnknown(v) ? '(unknown)' : JSON.stringify(v));

/** cty RawEquals: unknowns equal unknowns, nulls equal nulls, sets compare as sets. */
export function rawEquals(a: Value, b: Value, isSet = false): boolean {
  if (isUnknown(a) || isUnknown(b)) return isUnknown(a) && isUnknown(b);
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    if (isSet) return setsEqual(a, b) && !a.some(isUnknown);
    return a.every((x, i) => rawEquals(x, b[i]));
  }
  if (isObjectValue(a) && isObjectValue(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => rawEquals(a[k] ?? null, b[k] ?? null));
  }
  return valuesEqual(a, b);
}

const isSetType = (attr: AttributeSchema) => (Array.isArray(attr.type) && attr.type[0] === 'set') || attr.nested?.nesting === 'set';

/** Violations of AssertPlanValid by `planned` (empty when Terraform would accept it). */
export function planValidityErrors(block: BlockSchema, prior: ObjectValue | null, config: ObjectValue, planned: ObjectValue | null): string[] {
  const errs: string[] = [];
  if (planned === null) return ['planned a null object for a non-null configuration'];
  checkBlock(block, prior, config, planned, '', errs);
  return errs;
}

function checkBlock(block: BlockSchema, prior: ObjectValue | null, config: ObjectValue, planned: ObjectValue, path: Path, errs: string[]): void {
  for (const k of Object.keys(planned)) {
    if (!(k in block.attributes) && !(k in (block.blockTypes ?? {}))) errs.push(`${at(path, k)}: not in the schema`);
  }
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (!(name in planned)) errs.push(`${at(path, name)}: missing from the planned object`);
    checkAttribute(attr, prior ? prior[name] ?? null : null, config[name] ?? null, planned[name] ?? null, at(path, name), errs);
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const p = at(path, name);
    const cfg = config[name] ?? null;
    const pl = planned[name] ?? null;
    const pr = prior ? prior[name] ?? null : null;
    if (isUnknown(cfg)) continue;
    if (bt.nesting === 'single') {
      if (isUnknown(pl)) { errs.push(`${p}: element representing nested block must not be unknown itself`); continue; }
      if ((cfg === null) !== (pl === null)) { errs.push(`${p}: planned block presence differs from config`); continue; }
      if (isObjectValue(cfg) && isObjectValue(pl)) checkBlock(bt.block, isObjectValue(pr) ? pr : null, cfg, pl, p, errs);
      continue;
    }
    const ci = Array.isArray(cfg) ? cfg : [];
    const pi = Array.isArray(pl) ? pl : [];
    if (isUnknown(pl) || pi.length !== ci.length) { errs.push(`${p}: block count in plan (${isUnknown(pl) ? '?' : pi.length}) disagrees with count in config (${ci.length})`); continue; }
    const pri = Array.isArray(pr) ? pr : [];
    pi.forEach((el, i) => {
      if (isUnknown(el)) errs.push(`${at(p, i)}: element representing nested block must not be unknown itself`);
      else if (bt.nesting === 'list' && isObjectValue(el) && isObjectValue(ci[i])) checkBlock(bt.block, isObjectValue(pri[i]) ? (pri[i] as ObjectValue) : null, ci[i] as ObjectValue, el, at(p, i), errs);
    });
  }
}

function checkAttribute(attr: AttributeSchema, prior: Value, config: Value, planned: Value, path: Path, errs: string[]): void {
  const set = isSetType(attr);
  if (rawEquals(planned, config, set)) return;
  if (prior !== null && config !== null && rawEquals(planned, prior, set)) return;
  const computed = computedForTerraform(attr);
  if (computed && !attr.optional && !attr.required) return;
  if (config === null && computed) return;
  if (config === null && planned !== null) {
    errs.push(`${path}: planned value ${attr.sensitive ? '' : `${show(planned)} `}for a non-computed attribute`);
    return;
  }
  if (attr.sensitive) { errs.push(`${path}: planned value does not match config value`); return; }
  errs.push(`${path}: planned value ${show(planned)} does not match config value ${show(config)}${prior !== null ? ` nor prior value ${show(prior)}` : ''}`);
}

/** Violations of AssertObjectCompatible(planned, actual) plus "wholly known" for an apply result. */
export function compatibilityErrors(block: BlockSchema, planned: ObjectValue | null, actual: ObjectValue | null): string[] {
  const errs: string[] = [];
  if (planned === null || actual === null) {
    if (planned !== actual) errs.push(planned === null ? 'returned an object where null was planned' : 'returned null where an object was planned');
    return errs;
  }
  compareValue(planned, actual, '', errs, false);
  findUnknowns(actual, '', errs);
  void block;
  return errs;
}

function compareValue(planned: Value, actual: Value, path: Path, errs: string[], inSet: boolean): void {
  if (isUnknown(planned)) return;
  if (Array.isArray(planned) && Array.isArray(actual)) {
    if (planned.length !== actual.length) { errs.push(`${path || 'root'}: length changed from ${planned.length} to ${actual.length}`); return; }
    if (planned.some((x) => isUnknown(x) || (isObjectValue(x) && containsUnknown(x)))) {
      planned.forEach((x, i) => compareValue(x, actual[i], at(path, i), errs, inSet));
      return;
    }
    if (!setsEqual(planned, actual) && !planned.every((x, i) => rawEquals(x, actual[i]))) errs.push(`${path}: was ${show(planned)}, but now ${show(actual)}`);
    return;
  }
  if (isObjectValue(planned) && isObjectValue(actual)) {
    for (const k of new Set([...Object.keys(planned), ...Object.keys(actual)])) compareValue(planned[k] ?? null, actual[k] ?? null, at(path, k), errs, inSet);
    return;
  }
  if (!rawEquals(planned, actual)) errs.push(`${path}: was ${show(planned)}, but now ${show(actual)}`);
}

function containsUnknown(v: Value): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObjectValue(v)) return Object.values(v).some(containsUnknown);
  return false;
}

function findUnknowns(v: Value, path: Path, errs: string[]): void {
  if (isUnknown(v)) errs.push(`${path}: still unknown after apply`);
  else if (Array.isArray(v)) v.forEach((x, i) => findUnknowns(x, at(path, i), errs));
  else if (isObjectValue(v)) for (const [k, x] of Object.entries(v)) findUnknowns(x, at(path, k), errs);
}
