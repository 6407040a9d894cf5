/**
 * Value checks for ValidateProviderConfig / ValidateResourceConfig / ValidateDataResourceConfig.
 * Terraform itself checks types, required attributes, unknown names and block counts against the
 * schema before calling; the provider adds the schema's value validators (ranges, patterns,
 * allowed values), skipping anything unknown, with the attribute path of each problem (down to
 * map keys and list indexes).
 */
import { Diagnostic, error } from '../diagnostics';
import { checkValue } from '../schema/validators';
import type { AttributeSchema, BlockSchema, ResourceSchema } from '../schema/model';
import { isObjectValue, isUnknown, ObjectValue, Value } from '../values/value';

type Path = (string | number)[];

/** Every validator failure in a configuration object, with paths into it. */
export function validateConfig(schema: ResourceSchema, config: ObjectValue): Diagnostic[] {
  const diags: Diagnostic[] = [];
  checkBlock(schema, schema.block, config, [], diags);
  return diags;
}

function checkBlock(schema: ResourceSchema, block: BlockSchema, value: ObjectValue, path: Path, diags: Diagnostic[]): void {
  for (const [name, attr] of Object.entries(block.attributes)) {
    checkAttribute(schema, attr, value[name] ?? null, [...path, name], diags);
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const v = value[name] ?? null;
    if (v === null || isUnknown(v)) continue;
    if (Array.isArray(v)) {
      v.forEach((el, i) => { if (isObjectValue(el)) checkBlock(schema, bt.block, el, bt.nesting === 'set' ? [...path, name] : [...path, name, i], diags); });
    } else if (isObjectValue(v)) {
      checkBlock(schema, bt.block, v, [...path, name], diags);
    }
  }
}

function checkAttribute(schema: ResourceSchema, attr: AttributeSchema, value: Value, path: Path, diags: Diagnostic[]): void {
  if (value === null || isUnknown(value)) return;
  if (attr.nested) {
    const inner = attr.nested.attributes;
    const each = (obj: Value, at: Path) => {
      if (!isObjectValue(obj)) return;
      for (const [n, a] of Object.entries(inner)) checkAttribute(schema, a, obj[n] ?? null, [...at, n], diags);
    };
    if (attr.nested.nesting === 'single') each(value, path);
    else if (attr.nested.nesting === 'map' && isObjectValue(value)) for (const [k, el] of Object.entries(value)) each(el, [...path, k]);
    else if (Array.isArray(value)) value.forEach((el, i) => each(el, attr.nested!.nesting === 'set' ? path : [...path, i]));
    return;
  }
  for (const validator of attr.validators ?? []) {
    const whole = validator.kind === 'length' || typeof attr.type === 'string' || attr.type?.[0] === 'object';
    if (whole) {
      report(checkValue(validator, value), value, path);
      continue;
    }
    const isSet = Array.isArray(attr.type) && attr.type[0] === 'set';
    const entries: [string | number, Value][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : isObjectValue(value) ? Object.entries(value) : [];
    for (const [key, el] of entries) {
      if (el === null || isUnknown(el)) continue;
      report(checkValue(validator, el), el, isSet ? path : [...path, key]);
    }
  }

  function report(message: string | undefined, shown: Value, at: Path): void {
    if (!message) return;
    const secret = attr.sensitive ? '(sensitive value)' : JSON.stringify(shown);
    diags.push(error('config.invalid-value', `Invalid value for "${at.filter((s) => typeof s === 'string').join('.')}"`, {
      detail: `The value ${secret} ${message}.`,
      path: at,
    }));
  }
}
