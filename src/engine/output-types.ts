/**
 * The cty type an output is recorded with in the state. Terraform records the type of the
 * output's value: an output that exposes a resource or data source attribute has the
 * attribute's schema type (`["list","string"]`, not a tuple), which Terraform compares when it
 * plans on the state and prints (`tolist([...])`). xcpform's values carry no types, so the
 * type is taken from the schema when the output is a plain reference to an attribute, and
 * derived from the value otherwise (tuples for lists, objects for maps, as expressions give).
 */
import type { Expr, Step } from '../config/expr/ast';
import { dataSourceSchema, resourceSchema } from '../provider/schemas';
import { conforms, type CtyType } from '../schema/cty-type';
import { isObjectValue, type Value } from '../values/value';

/** The cty type JSON of a plain value, as expressions build it (tuples and objects). */
export function ctyTypeOf(v: Value): unknown {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return ['tuple', v.map(ctyTypeOf)];
  if (isObjectValue(v)) return ['object', Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ctyTypeOf(x)]))];
  return 'dynamic';
}

/** The type a step leads to inside `type`; undefined when the step does not fit. */
function stepInto(type: CtyType, step: Step): CtyType | undefined {
  if (typeof type === 'string') return undefined;
  const [kind, inner] = type;
  if (step.kind === 'index' && (kind === 'list' || kind === 'map')) return inner as CtyType;
  if (step.kind === 'attr' && kind === 'map') return inner as CtyType;
  if (step.kind === 'attr' && kind === 'object') return (inner as Readonly<Record<string, CtyType>>)[step.name];
  return undefined;
}

/** The schema type of `TYPE.NAME[key].attr…` or `data.TYPE.NAME[key].attr…`; undefined for anything else. */
export function referencedAttributeType(expr: Expr): CtyType | undefined {
  if (expr.kind !== 'scope') return undefined;
  const data = expr.root === 'data';
  const steps = data ? expr.steps.slice(1) : expr.steps;
  const typeName = data ? (expr.steps[0]?.kind === 'attr' ? expr.steps[0].name : undefined) : expr.root;
  const schema = typeName === undefined ? undefined : data ? dataSourceSchema(typeName) : resourceSchema(typeName);
  if (!schema || steps[0]?.kind !== 'attr') return undefined;
  let i = 1;
  if (steps[i]?.kind === 'index') i++; // the instance key of a count / for_each block
  const attr = steps[i];
  if (attr?.kind !== 'attr') return undefined;
  let type: CtyType | undefined = schema.block.attributes[attr.name]?.type;
  for (const step of steps.slice(i + 1)) {
    if (type === undefined) return undefined;
    type = stepInto(type, step);
  }
  return type;
}

/** The type to record for an output of `value` whose expression is `expr`. */
export function outputType(expr: Expr | undefined, value: Value): unknown {
  const declared = expr ? referencedAttributeType(expr) : undefined;
  return declared !== undefined && declared !== 'dynamic' && value !== null && conforms(declared, value) ? declared : ctyTypeOf(value);
}
