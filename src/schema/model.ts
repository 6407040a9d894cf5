/**
 * The schema model: attributes, nested attributes and nested blocks, with Terraform's flags
 * (required / optional / computed / sensitive) and xcpform's own plan flag, the *update class*,
 * which says at plan time what a change to the attribute costs. Terraform's schema JSON has no
 * place for the update class; it lives here and drives `requires_replace`, the plan text and
 * the docs.
 */
import { CtyType } from './cty-type';
import { Validator } from './validators';

/**
 * What changing an attribute of an existing object does.
 * - `in-place`: XAPI changes it on the live object (`~`).
 * - `halt`: XAPI accepts it only while the VM is halted: the plan shows `~` with a clean
 *   shutdown, the change, and a start.
 * - `migrate`: the object moves (XenMotion, storage motion, cross-pool migration) (`~>`).
 * - `replace`: the object is destroyed and created again (`-/+`).
 */
export type UpdateClass = 'in-place' | 'halt' | 'migrate' | 'replace';

export const UPDATE_CLASSES: readonly UpdateClass[] = ['in-place', 'halt', 'migrate', 'replace'];

export type NestingMode = 'single' | 'list' | 'set' | 'map';

export interface AttributeSchema {
  /** cty type; absent when `nested` is given. */
  readonly type?: CtyType;
  /** Protocol 6 nested attributes (`nested_type`), used where optional inner fields matter. */
  readonly nested?: { readonly nesting: NestingMode; readonly attributes: Readonly<Record<string, AttributeSchema>> };
  readonly description: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  /** Value used when the configuration leaves an optional attribute out. */
  readonly default?: unknown;
  readonly validators?: readonly Validator[];
  /** Absent only for read-only (computed, not configurable) attributes and data sources. */
  readonly update?: UpdateClass;
  /** `bytes`: a number of bytes that configuration may also write as a size (`"20GiB"`). */
  readonly unit?: 'bytes';
  /** Extra words for the plan and the docs, e.g. "takes effect at the next boot". */
  readonly note?: string;
  readonly deprecated?: string;
}

/**
 * Identity of the elements of a list block: the attribute that names the XAPI object each
 * element stands for (a VM's disks by VBD `userdevice`, NICs by VIF `device`), so that elements
 * are matched by it, never by list position, in both front doors' plans and in apply. An
 * element that leaves the key out takes the lowest free slot (`"0"` … `slots - 1`).
 */
export interface BlockIdentity {
  readonly key: string;
  readonly slots: number;
}

export interface BlockTypeSchema {
  readonly nesting: Exclude<NestingMode, 'map'>;
  readonly block: BlockSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** Elements matched by this key instead of position (list blocks only). */
  readonly identity?: BlockIdentity;
}

export interface BlockSchema {
  readonly description: string;
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
  readonly blockTypes?: Readonly<Record<string, BlockTypeSchema>>;
  readonly deprecated?: string;
}

export type SchemaKind = 'resource' | 'data' | 'provider';

export interface ResourceSchema {
  readonly kind: SchemaKind;
  /** `xcp_vm`, or `xcp` for the provider block. */
  readonly typeName: string;
  /** Bumped when the state layout changes; state upgrades are keyed by it. */
  readonly version: number;
  readonly block: BlockSchema;
  /** How `xcpform import` / `terraform import` identifies an existing object, for the docs. */
  readonly importId?: string;
}

/** A configurable attribute can be set in configuration (required or optional). */
export function isConfigurable(attr: AttributeSchema): boolean {
  return Boolean(attr.required || attr.optional);
}

/** Visits every attribute of a block and its nested blocks with its path (`disk.size`). */
export function forEachAttribute(
  block: BlockSchema,
  visit: (path: string[], attr: AttributeSchema) => void,
  prefix: string[] = [],
): void {
  for (const [name, attr] of Object.entries(block.attributes)) {
    visit([...prefix, name], attr);
    if (attr.nested) {
      forEachAttribute({ description: '', attributes: attr.nested.attributes }, visit, [...prefix, name]);
    }
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    forEachAttribute(bt.block, visit, [...prefix, name]);
  }
}
