/**
 * Two views of the same object. The **engine view** (what resources and the CLI engine use)
 * holds schema defaults: an unset `name_description` is `""`. The **Terraform view** (what goes
 * over the wire) follows Terraform's rules for the schema it was served: an attribute with a
 * default is Optional+Computed there (schema/defaults.ts), so it holds the default too, and
 * only a non-computed attribute without a default that the configuration leaves unset is
 * planned null. Every known planned value must come back unchanged, so values read from XAPI
 * are folded back to the reference's representation wherever the two mean the same thing
 * (null ≡ default, and null ≡ empty for collections).
 */
import type { AttributeSchema, BlockSchema, BlockTypeSchema } from '../schema/model';
import { computedForTerraform, equivalent, hasDefault, withDefaults } from '../schema/defaults';
import { isObjectValue, isUnknown, ObjectValue, Value } from '../values/value';

export { equivalent, withDefaults };

const isConfigurable = (a: AttributeSchema) => Boolean(a.required || a.optional);
const items = (v: Value | undefined): Value[] => (v === null || v === undefined || isUnknown(v) ? [] : Array.isArray(v) ? v : [v]);

/**
 * The Terraform view of an imported object (it has no configuration yet): an empty value of a
 * non-computed attribute without a default reads as null, as the configuration leaving it out
 * would plan it. Defaulted attributes keep their value (Terraform plans the default for them).
 */
export function withoutDefaults(block: BlockSchema, value: ObjectValue): ObjectValue {
  const out: ObjectValue = { ...value };
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (isConfigurable(attr) && !computedForTerraform(attr) && out[name] !== null && equivalent(attr, out[name] ?? null, null)) out[name] = null;
  }
  mapBlocks(block, out, (bt, el) => (isObjectValue(el) ? withoutDefaults(bt.block, el) : el));
  return out;
}

function mapBlocks(block: BlockSchema, out: ObjectValue, fn: (bt: BlockTypeSchema, el: Value) => Value): void {
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const v = out[name] ?? null;
    if (v === null || isUnknown(v)) continue;
    out[name] = Array.isArray(v) ? v.map((el) => fn(bt, el)) : fn(bt, v);
  }
}

/**
 * Makes a planned object keep the configuration exactly where Terraform requires it: every
 * attribute that is not computed for Terraform is the configured value (null stays null); an
 * unset attribute with a default keeps the planned default.
 * Nested block elements line up with the configuration's elements by position.
 */
export function keepConfigured(block: BlockSchema, planned: ObjectValue, config: ObjectValue): ObjectValue {
  const out: ObjectValue = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    const cfg = config[name] ?? null;
    out[name] = !computedForTerraform(attr) || cfg !== null ? cfg : planned[name] ?? null;
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const cfg = config[name] ?? null;
    if (cfg === null || isUnknown(cfg)) { out[name] = cfg; continue; }
    const pl = items(planned[name]);
    const align = (el: Value, i: number): Value => (isObjectValue(el) && isObjectValue(pl[i]) ? keepConfigured(bt.block, pl[i] as ObjectValue, el) : el);
    out[name] = Array.isArray(cfg) ? cfg.map(align) : align(cfg, 0);
  }
  return out;
}

/**
 * Folds a value read from XAPI (or returned by an apply) onto a reference object (the prior
 * state, or the planned state): where a configurable attribute means the same in both, the
 * reference's representation is kept, so `null` does not turn into `""` or `[]` and show as a
 * change. Set-nested blocks are matched element by element.
 */
export function preferReference(block: BlockSchema, value: ObjectValue, reference: ObjectValue | null): ObjectValue {
  const out: ObjectValue = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = value[name] ?? null;
    const r = reference ? reference[name] ?? null : null;
    // A null reference for a defaulted attribute comes from a state written before defaults
    // were stored: the value read (the default) replaces it rather than the null living on.
    const keep = reference && isConfigurable(attr) && !isUnknown(r) && !(r === null && hasDefault(attr)) && equivalent(attr, v, r);
    out[name] = keep ? r : v;
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const v = value[name] ?? null;
    const refItems = reference ? items(reference[name]) : [];
    if (v === null || isUnknown(v)) { out[name] = v; continue; }
    if (!Array.isArray(v)) {
      out[name] = isObjectValue(v) ? preferReference(bt.block, v, isObjectValue(refItems[0]) ? (refItems[0] as ObjectValue) : null) : v;
      continue;
    }
    if (bt.nesting !== 'set') {
      out[name] = v.map((el, i) => (isObjectValue(el) ? preferReference(bt.block, el, isObjectValue(refItems[i]) ? (refItems[i] as ObjectValue) : null) : el));
      continue;
    }
    const used = new Set<number>();
    out[name] = v.map((el) => {
      if (!isObjectValue(el)) return el;
      const i = refItems.findIndex((r, j) => !used.has(j) && isObjectValue(r) && sameElement(bt.block, el, r));
      if (i < 0) return preferReference(bt.block, el, null);
      used.add(i);
      return preferReference(bt.block, el, refItems[i] as ObjectValue);
    });
  }
  return out;
}

/** Two set-block elements correspond when their configurable attributes are equivalent. */
function sameElement(block: BlockSchema, a: ObjectValue, b: ObjectValue): boolean {
  return Object.entries(block.attributes).every(([n, attr]) => !isConfigurable(attr) || equivalent(attr, a[n] ?? null, b[n] ?? null));
}
