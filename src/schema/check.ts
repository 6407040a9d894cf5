/**
 * Build-time checks of a schema definition. A schema is code, so a violation is a bug in
 * xcpform and throws `SchemaDefinitionError` naming every problem at once.
 */
import { conforms, CtyType, describeType, isPrimitive } from './cty-type';
import { AttributeSchema, BlockSchema, ResourceSchema } from './model';
import { checkValue, Validator } from './validators';

export class SchemaDefinitionError extends Error {
  constructor(readonly typeName: string, readonly problems: string[]) {
    super(`schema ${typeName} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SchemaDefinitionError';
  }
}

/** Names Terraform reserves as meta-arguments in resource blocks. */
const RESERVED = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);

export function checkSchema(schema: ResourceSchema): void {
  const problems: string[] = [];
  if (schema.kind !== 'provider' && !/^xcp_[a-z][a-z0-9_]*$/.test(schema.typeName)) {
    problems.push(`type name "${schema.typeName}" must start with "xcp_"`);
  }
  if (!schema.block.description.trim()) problems.push('the schema needs a description');
  checkBlock(schema, schema.block, [], problems);
  if (problems.length) throw new SchemaDefinitionError(schema.typeName, problems);
}

function checkBlock(schema: ResourceSchema, block: BlockSchema, path: string[], problems: string[]): void {
  const names = new Set<string>();
  for (const [name, attr] of Object.entries(block.attributes)) {
    names.add(name);
    checkName(schema, name, path, problems);
    checkAttribute(schema, attr, [...path, name], problems);
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const at = [...path, name].join('.');
    checkName(schema, name, path, problems);
    if (names.has(name)) problems.push(`${at}: is both an attribute and a block`);
    if (bt.minItems !== undefined && bt.maxItems !== undefined && bt.minItems > bt.maxItems) {
      problems.push(`${at}: min_items ${bt.minItems} exceeds max_items ${bt.maxItems}`);
    }
    if (bt.nesting === 'single' && (bt.maxItems ?? 1) > 1) problems.push(`${at}: a single block cannot allow more than one item`);
    if (!bt.block.description.trim()) problems.push(`${at}: block needs a description`);
    checkBlock(schema, bt.block, [...path, name], problems);
  }
}

function checkName(schema: ResourceSchema, name: string, path: string[], problems: string[]): void {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) problems.push(`${[...path, name].join('.')}: names are lower-case snake_case`);
  if (path.length === 0 && schema.kind !== 'provider' && RESERVED.has(name)) {
    problems.push(`${name}: is a Terraform meta-argument and cannot be an attribute`);
  }
}

function checkAttribute(schema: ResourceSchema, attr: AttributeSchema, path: string[], problems: string[]): void {
  const at = path.join('.');
  const say = (msg: string) => problems.push(`${at}: ${msg}`);
  if (!attr.description?.trim()) say('needs a description');
  if ((attr.type === undefined) === (attr.nested === undefined)) say('needs exactly one of a type or nested attributes');
  if (!attr.required && !attr.optional && !attr.computed) say('must be required, optional or computed');
  if (attr.required && attr.optional) say('cannot be both required and optional');
  if (attr.required && attr.computed) say('cannot be both required and computed');
  if (attr.default !== undefined) {
    if (!attr.optional) say('only an optional attribute can have a default');
    if (attr.computed) say('an attribute with a default is not computed (the default is the value)');
    if (attr.type && !conforms(attr.type, attr.default)) say(`default ${JSON.stringify(attr.default)} is not a ${describeType(attr.type)}`);
    for (const val of attr.validators ?? []) {
      const msg = attr.type ? checkElements(attr.type, val, attr.default) : undefined;
      if (msg) say(`default ${JSON.stringify(attr.default)} ${msg}`);
    }
  }
  const configurable = Boolean(attr.required || attr.optional);
  if (schema.kind === 'resource') {
    if (configurable && !attr.update) say('a configurable resource attribute needs an update class (in-place, halt, migrate or replace)');
    if (!configurable && attr.update) say('a read-only attribute cannot have an update class');
  } else if (attr.update) {
    say(`${schema.kind === 'data' ? 'data source' : 'provider'} attributes have no update class`);
  }
  for (const val of attr.validators ?? []) {
    if (attr.type) checkValidatorFits(attr.type, val, say);
  }
  if (attr.unit === 'bytes' && attr.type !== 'number') say('unit bytes needs a number attribute');
  if (attr.nested) {
    for (const [name, inner] of Object.entries(attr.nested.attributes)) {
      checkName(schema, name, path, problems);
      checkAttribute(schema, inner, [...path, name], problems);
    }
  }
}

function elementType(type: CtyType): CtyType {
  if (!isPrimitive(type) && (type[0] === 'list' || type[0] === 'set' || type[0] === 'map')) return type[1] as CtyType;
  return type;
}

function checkValidatorFits(type: CtyType, val: Validator, say: (m: string) => void): void {
  const elem = elementType(type);
  const needs = val.kind === 'range' ? 'number' : val.kind === 'length' ? undefined : 'string';
  if (needs && elem !== needs) say(`validator ${val.kind} needs ${needs} values, not ${describeType(type)}`);
}

/** Applies a validator to a value, element-wise for collections (but `length` to the whole). */
export function checkElements(type: CtyType, val: Validator, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (val.kind === 'length' || isPrimitive(type) || type[0] === 'object') return checkValue(val, value);
  const items = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value as object) : [value];
  for (const item of items) {
    const msg = checkValue(val, item);
    if (msg) return msg;
  }
  return undefined;
}
