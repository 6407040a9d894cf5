/**
 * Belt and braces for secrets. The report shows values only through the diff tree, which hides
 * sensitive paths; as a last step it also removes every sensitive string of the plan that could
 * still appear in the HTML (in any escaping), so a future section that forgets the rule cannot
 * leak a pre-shared key into a CI artifact or an email.
 */
import type { Plan, ResourceChange } from '../plan/model';
import type { AttrPath } from '../plan/paths';
import { changeSensitivity, providerSchemas, SchemaLookup, SensitivityIndex } from '../render/sensitivity';
import { isObjectValue, isUnknown, Value } from '../values/value';
import { esc } from './html';
import { SENSITIVE_TEXT } from './diff-rows';

/** Secrets shorter than this are not scrubbed: replacing `on` or `1` would mangle the document. */
export const MIN_SCRUBBED_LENGTH = 6;

function collect(value: Value, index: SensitivityIndex, path: AttrPath, hidden: boolean, out: Set<string>): void {
  const secret = hidden || index.isSensitive(path);
  if (value === null || isUnknown(value)) return;
  if (Array.isArray(value)) value.forEach((v, i) => collect(v, index, [...path, i], secret, out));
  else if (isObjectValue(value)) for (const k of Object.keys(value)) collect(value[k], index, [...path, k], secret, out);
  else if (secret) out.add(String(value));
}

function fromChange(c: ResourceChange, schemas: SchemaLookup, out: Set<string>): void {
  const s = changeSensitivity(c, schemas);
  if (c.before) collect(c.before, s.before, [], false, out);
  if (c.after) collect(c.after, s.after, [], false, out);
}

function plainValues(v: Value, out: Set<string>): void {
  if (v === null || isUnknown(v)) return;
  if (Array.isArray(v)) v.forEach((x) => plainValues(x, out));
  else if (isObjectValue(v)) Object.values(v).forEach((x) => plainValues(x, out));
  else out.add(String(v));
}

/** Every sensitive leaf value of the plan (changes, drift, sensitive variables and outputs). */
export function planSecrets(plan: Plan, schemas: SchemaLookup = providerSchemas): string[] {
  const out = new Set<string>();
  for (const c of plan.changes) fromChange(c, schemas, out);
  for (const c of plan.drift) fromChange(c, schemas, out);
  for (const v of Object.values(plan.variables)) if (v.sensitive) plainValues(v.value, out);
  for (const o of plan.outputs) if (o.sensitive) { plainValues(o.before, out); plainValues(o.after, out); }
  return [...out].filter((s) => s.length >= MIN_SCRUBBED_LENGTH).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** `text` with every secret (raw, HTML-escaped, JSON-escaped) replaced by `(sensitive value)`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    for (const form of new Set([s, esc(s), JSON.stringify(s).slice(1, -1)])) {
      if (out.includes(form)) out = out.split(form).join(SENSITIVE_TEXT);
    }
  }
  return out;
}
