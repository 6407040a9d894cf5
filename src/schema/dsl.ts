/**
 * Short constructors for schema definitions. Each says the attribute's mode in its name, so a
 * resource file reads like the table in its docs:
 *   name_label: req(t.string, 'in-place', 'Name of the VM.')
 */
import { CtyType } from './cty-type';
import { AttributeSchema, BlockSchema, BlockTypeSchema, NestingMode, ResourceSchema, UpdateClass } from './model';
import { checkSchema } from './check';
import { Validator } from './validators';

export interface AttrExtras {
  readonly sensitive?: boolean;
  readonly default?: unknown;
  readonly validators?: readonly Validator[];
  readonly note?: string;
  readonly deprecated?: string;
  readonly unit?: 'bytes';
}

/** Required, configurable attribute. */
export function req(type: CtyType, update: UpdateClass, description: string, extras: AttrExtras = {}): AttributeSchema {
  return { type, description, required: true, update, ...extras };
}

/** Optional attribute; without a default it is null when left out. */
export function opt(type: CtyType, update: UpdateClass, description: string, extras: AttrExtras = {}): AttributeSchema {
  return { type, description, optional: true, update, ...extras };
}

/** Optional and computed: when left out, XAPI (or the template) decides and the value is read back. */
export function optc(type: CtyType, update: UpdateClass, description: string, extras: AttrExtras = {}): AttributeSchema {
  return { type, description, optional: true, computed: true, update, ...extras };
}

/** Read-only attribute, set from XAPI. */
export function ro(type: CtyType, description: string, extras: Omit<AttrExtras, 'default'> = {}): AttributeSchema {
  return { type, description, computed: true, ...extras };
}

/** Data source inputs and provider arguments carry no update class. */
export function arg(type: CtyType, mode: 'required' | 'optional' | 'optional-computed', description: string, extras: AttrExtras = {}): AttributeSchema {
  return {
    type,
    description,
    required: mode === 'required' || undefined,
    optional: mode !== 'required' || undefined,
    computed: mode === 'optional-computed' || undefined,
    ...extras,
  };
}

/** Protocol 6 nested attributes (an object or a map of objects whose fields may be optional). */
export function nestedAttr(
  nesting: NestingMode,
  attributes: Record<string, AttributeSchema>,
  mode: Pick<AttributeSchema, 'required' | 'optional' | 'computed' | 'update' | 'sensitive'>,
  description: string,
): AttributeSchema {
  return { nested: { nesting, attributes }, description, ...mode };
}

export function blockType(
  nesting: BlockTypeSchema['nesting'],
  description: string,
  attributes: Record<string, AttributeSchema>,
  limits: { min?: number; max?: number; blockTypes?: Record<string, BlockTypeSchema>; identity?: BlockTypeSchema['identity'] } = {},
): BlockTypeSchema {
  return {
    nesting,
    block: { description, attributes, blockTypes: limits.blockTypes },
    minItems: limits.min,
    maxItems: limits.max ?? (nesting === 'single' ? undefined : undefined),
    ...(limits.identity ? { identity: limits.identity } : {}),
  };
}

export interface ResourceDefinition {
  readonly typeName: string;
  readonly version?: number;
  readonly description: string;
  readonly attributes: Record<string, AttributeSchema>;
  readonly blockTypes?: Record<string, BlockTypeSchema>;
  readonly importId?: string;
}

function define(kind: ResourceSchema['kind'], def: ResourceDefinition): ResourceSchema {
  const block: BlockSchema = { description: def.description, attributes: def.attributes, blockTypes: def.blockTypes };
  const schema: ResourceSchema = { kind, typeName: def.typeName, version: def.version ?? 0, block, importId: def.importId };
  checkSchema(schema);
  return schema;
}

/** Builds and checks a resource schema; a malformed definition throws at module load (a bug). */
export const defineResource = (def: ResourceDefinition): ResourceSchema => define('resource', def);
export const defineDataSource = (def: ResourceDefinition): ResourceSchema => define('data', def);
export const defineProvider = (def: ResourceDefinition): ResourceSchema => define('provider', def);
