/**
 * Which values of a change are secret. A value is sensitive when its path, or an ancestor of it,
 * is listed in the change's `beforeSensitive`/`afterSensitive`, or when the schema marks the
 * attribute sensitive. The schema check is belt and braces: a planner that forgot a path must
 * still not leak a pre-shared key into a pull-request comment.
 */
import type { AttrPath } from '../plan/paths';
import type { ResourceChange } from '../plan/model';
import type { AttributeSchema, BlockSchema, ResourceSchema } from '../schema/model';
import { resourceSchema, dataSourceSchema } from '../provider/schemas';
import { isObjectValue, isUnknown, Value } from '../values/value';

/** Looks a schema up by mode and type; renderers take it as an option so tests can swap it. */
export type SchemaLookup = (mode: 'managed' | 'data', type: string) => ResourceSchema | undefined;

/** The provider's own schemas. */
export const providerSchemas: SchemaLookup = (mode, type) => (mode === 'data' ? dataSourceSchema(type) : resourceSchema(type));

interface Trie {
  end: boolean;
  readonly next: Map<string | number, Trie>;
}

const newTrie = (): Trie => ({ end: false, next: new Map() });

/** Answers "is this path secret?" for one side (before or after) of one change. */
export class SensitivityIndex {
  private readonly trie: Trie = newTrie();
  private readonly schemaHasSecrets: boolean;

  constructor(paths: readonly AttrPath[], private readonly block: BlockSchema | undefined) {
    for (const p of paths) {
      let t = this.trie;
      for (const seg of p) {
        let n = t.next.get(seg);
        if (!n) t.next.set(seg, (n = newTrie()));
        t = n;
      }
      t.end = true;
    }
    this.schemaHasSecrets = block ? hasSensitive(block) : false;
  }

  /** True when `path` or one of its ancestors is sensitive. O(path length), no allocation. */
  isSensitive(path: AttrPath): boolean {
    let t: Trie | undefined = this.trie;
    for (let i = 0; t && !t.end && i < path.length; i++) t = t.next.get(path[i]);
    if (t?.end) return true;
    return this.schemaHasSecrets ? schemaSensitive(this.block!, path) : false;
  }
}

const sensitiveCache = new WeakMap<BlockSchema, boolean>();

/** Whether any attribute of the block, at any depth, is sensitive (cached per schema). */
function hasSensitive(block: BlockSchema): boolean {
  let known = sensitiveCache.get(block);
  if (known === undefined) {
    const attrHas = (a: AttributeSchema): boolean => Boolean(a.sensitive || (a.nested && Object.values(a.nested.attributes).some(attrHas)));
    known = Object.values(block.attributes).some(attrHas) || Object.values(block.blockTypes ?? {}).some((bt) => hasSensitive(bt.block));
    sensitiveCache.set(block, known);
  }
  return known;
}

/** Does the schema mark the attribute at `path` (or an ancestor) sensitive? Indexes are skipped. */
export function schemaSensitive(block: BlockSchema, path: AttrPath): boolean {
  let attrs: Readonly<Record<string, AttributeSchema>> | undefined = block.attributes;
  let blocks = block.blockTypes;
  for (const seg of path) {
    if (typeof seg === 'number') continue;
    const attr: AttributeSchema | undefined = attrs?.[seg];
    if (attr) {
      if (attr.sensitive) return true;
      if (!attr.nested) return false;
      attrs = attr.nested.attributes;
      blocks = undefined;
      continue;
    }
    const bt = blocks?.[seg];
    if (!bt) return false;
    attrs = bt.block.attributes;
    blocks = bt.block.blockTypes;
  }
  return false;
}

/** Sensitivity of both sides of a change. */
export interface ChangeSensitivity {
  readonly before: SensitivityIndex;
  readonly after: SensitivityIndex;
}

/** Sensitivity indexes of both sides of `change`, from its paths and its schema. */
export function changeSensitivity(change: ResourceChange, schemas: SchemaLookup = providerSchemas): ChangeSensitivity {
  const block = schemas(change.mode, change.type)?.block;
  return {
    before: new SensitivityIndex(change.beforeSensitive, block),
    after: new SensitivityIndex(change.afterSensitive, block),
  };
}

/**
 * A copy of `value` with every sensitive leaf replaced by `null` (xcpform's one intentional
 * difference from Terraform's plan JSON, which writes secrets in plaintext).
 */
export function redact(value: Value, index: SensitivityIndex, path: AttrPath = []): Value {
  // An empty collection holds no secret: written as it is, as Terraform writes it.
  if (index.isSensitive(path)) return (Array.isArray(value) && value.length === 0) || (isObjectValue(value) && Object.keys(value).length === 0) ? value : null;
  if (value === null || isUnknown(value)) return value;
  if (Array.isArray(value)) return value.map((v, i) => redact(v, index, [...path, i]));
  if (isObjectValue(value)) {
    const out: { [k: string]: Value } = {};
    for (const k of Object.keys(value)) out[k] = redact(value[k], index, [...path, k]);
    return out;
  }
  return value;
}
