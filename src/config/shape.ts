/**
 * Evaluates a block body into the schema's shape: every attribute of the schema present (null
 * where the configuration leaves it out; defaults are the planner's business), values converted
 * to the attribute's type, nested blocks as lists of objects (or one object / null for `single`
 * nesting), `dynamic` blocks expanded after the literal ones. Without a schema, attributes are
 * evaluated as written.
 */
import { Diagnostic, error, formatPath } from '../diagnostics';
import { AttributeSchema, BlockSchema } from '../schema/model';
import { CtyType } from '../schema/cty-type';
import { deepUnmark, isMarkedObject, markSensitive, MarkedValue, unwrapTop } from '../values/sensitive';
import { isUnknown, UNKNOWN } from '../values/value';
import { Bindings, evaluate, ExprScope } from './expr/evaluate';
import { Attribute, Body } from './model';
import { ANY, ConversionError, convertToType, TypeConstraint } from './types';
import { parseBytes } from '../values/bytes';

export interface ShapeContext {
  readonly scope: ExprScope;
  readonly address: string;
  readonly diagnostics: Diagnostic[];
}

/** The type constraint of a schema attribute; object attributes are optional (missing → null). */
export function attributeType(attr: AttributeSchema): TypeConstraint {
  if (attr.nested) {
    const obj: TypeConstraint = {
      kind: 'object',
      attributes: Object.fromEntries(Object.entries(attr.nested.attributes).map(([k, a]) => [k, { type: attributeType(a), optional: true }])),
    };
    return attr.nested.nesting === 'single' ? obj : { kind: attr.nested.nesting, element: obj };
  }
  return ctyToConstraint(attr.type ?? 'dynamic');
}

export function ctyToConstraint(t: CtyType): TypeConstraint {
  if (typeof t === 'string') return t === 'dynamic' ? ANY : { kind: t };
  const [kind, inner] = t;
  if (kind === 'object') {
    return { kind: 'object', attributes: Object.fromEntries(Object.entries(inner as Record<string, CtyType>).map(([k, a]) => [k, { type: ctyToConstraint(a), optional: true }])) };
  }
  return { kind, element: ctyToConstraint(inner as CtyType) };
}

/** Evaluates one attribute expression, reporting an error as a diagnostic (and returning undefined). */
export function evalAttribute(attr: Attribute, ctx: ShapeContext, bindings: Bindings, path: readonly (string | number)[]): MarkedValue | undefined {
  const r = evaluate(attr.expr, ctx.scope, bindings);
  if (!r.error) return r.value;
  ctx.diagnostics.push(error('config.expression', `${ctx.address}: ${r.error.summary}`, {
    detail: `${r.error.detail ?? ''}${r.error.text ? `\n\nIn the expression: ${r.error.text}` : ''}`.trim(),
    address: ctx.address,
    path,
    source: { filename: attr.source.filename, line: attr.source.line },
  }));
  return undefined;
}

export function shapeBody(body: Body, schema: BlockSchema | undefined, ctx: ShapeContext, bindings: Bindings, path: readonly (string | number)[] = []): MarkedValue {
  const out: { [k: string]: MarkedValue } = {};
  if (!schema) {
    for (const [name, attr] of Object.entries(body.attributes)) out[name] = evalAttribute(attr, ctx, bindings, [...path, name]) ?? null;
    for (const [name, list] of Object.entries(body.blocks)) out[name] = list.map((b, i) => shapeBody(b, undefined, ctx, bindings, [...path, name, i]));
    return out;
  }
  for (const [name, attrSchema] of Object.entries(schema.attributes)) {
    const attr = body.attributes[name];
    if (!attr) { out[name] = null; continue; }
    const value = evalAttribute(attr, ctx, bindings, [...path, name]);
    if (value === undefined) { out[name] = null; continue; }
    try {
      const sized = attrSchema.unit === 'bytes' && typeof value === 'string' ? parseBytes(value) ?? value : value;
      out[name] = convertToType(sized, attributeType(attrSchema));
    } catch (err) {
      const e = err as ConversionError;
      const at = [...path, name, ...e.path];
      ctx.diagnostics.push(error('config.wrong-type', `${ctx.address}: incorrect attribute value type for "${formatPath(at)}"`, {
        detail: `Inappropriate value for attribute "${name}": ${e.reason}.`,
        address: ctx.address,
        path: at,
        source: { filename: attr.source.filename, line: attr.source.line },
      }));
      out[name] = null;
    }
  }
  for (const [name, bt] of Object.entries(schema.blockTypes ?? {})) {
    let items: MarkedValue = (body.blocks[name] ?? []).map((b, i) => shapeBody(b, bt.block, ctx, bindings, [...path, name, i]));
    for (const dyn of body.dynamic.filter((d) => d.type === name)) {
      const produced = expandDynamic(dyn, bt.block, ctx, bindings, [...path, name], (items as MarkedValue[]).length);
      items = isUnknown(produced) || isUnknown(items) ? UNKNOWN : [...(items as MarkedValue[]), ...(produced as MarkedValue[])];
    }
    out[name] = bt.nesting === 'single' ? (Array.isArray(items) ? items[0] ?? null : items) : items;
  }
  return out;
}

function expandDynamic(dyn: Body['dynamic'][number], schema: BlockSchema, ctx: ShapeContext, bindings: Bindings, path: readonly (string | number)[], offset: number): MarkedValue {
  const raw = evalAttribute(dyn.forEach, ctx, bindings, [...path, 'for_each']);
  if (raw === undefined) return [];
  const { value, marked } = unwrapTop(raw);
  if (isUnknown(deepUnmark(value))) return UNKNOWN;
  let entries: [MarkedValue, MarkedValue][];
  if (Array.isArray(value)) entries = value.map((v, i) => [i, v]);
  else if (isMarkedObject(value)) entries = Object.keys(value).sort().map((k) => [k, value[k]]);
  else if (value === null) entries = [];
  else {
    ctx.diagnostics.push(error('config.invalid-dynamic', `${ctx.address}: invalid dynamic for_each value`, {
      detail: `The for_each of dynamic "${dyn.type}" must be a collection (list, set or map).`,
      address: ctx.address,
      source: { filename: dyn.forEach.source.filename, line: dyn.forEach.source.line },
    }));
    return [];
  }
  return entries.map(([key, v], i) => {
    const inner = new Map(bindings);
    const it: MarkedValue = { key, value: v };
    inner.set(dyn.iterator, marked ? markSensitive(it) : it);
    return shapeBody(dyn.content, schema, ctx, inner, [...path, offset + i]);
  });
}
