/**
 * What a module call's `count` / `for_each` may read of a resource while the module tree is
 * expanded (before planning): the values Terraform knows at plan time from the configuration
 * alone. A configured attribute is its configured value, an unset optional one its schema
 * default (the provider plans it), a computed one is unknown, as are nested blocks and data
 * sources (read during planning). So `count = xcp_network.n.name_label == "x" ? 2 : 1` expands,
 * while `for_each = toset([xcp_network.n.uuid])` stays unknown and is refused as Terraform
 * refuses it ("Invalid for_each argument").
 */
import { markSensitive, MarkedValue } from '../../values/sensitive';
import { UNKNOWN } from '../../values/value';
import { evaluate } from '../expr/evaluate';
import { bindingsFor, expandBlock, expansionValue, InstanceKey, instanceIndex } from '../expand';
import { Config, ResourceBlock } from '../model';
import { ConfigScope, ResourceScope } from '../scope';

/**
 * A resource scope over configured values. `lookup` finds a block by full address (root
 * blocks, and the blocks of module instances expanded so far).
 */
export function configuredValues(root: Config, lookup: (address: string) => ResourceBlock | undefined): ResourceScope {
  const visiting = new Set<string>();
  const resolve: ResourceScope = (address) => {
    const block = lookup(address);
    // Unknown: not declared here, a data source, a type without schema, or a cycle.
    if (!block || block.mode !== 'managed' || !block.schema || visiting.has(address)) return undefined;
    visiting.add(address);
    try {
      const scope = block.module ? new ConfigScope(block.module.config, resolve, block.module) : new ConfigScope(root, resolve);
      const { keys, diagnostics } = expandBlock(block, scope);
      if (diagnostics.length) return undefined;
      return expansionValue(block, keys.map((key) => ({ index: instanceIndex(key), value: instanceValue(block, key, scope) })));
    } finally {
      visiting.delete(address);
    }
  };
  return resolve;
}

function instanceValue(block: ResourceBlock, key: InstanceKey, scope: ConfigScope): MarkedValue {
  const out: Record<string, MarkedValue> = {};
  for (const [name, attr] of Object.entries(block.schema!.block.attributes)) {
    const configured = block.body.attributes[name];
    let value: MarkedValue;
    if (configured) {
      const r = evaluate(configured.expr, scope, bindingsFor(key));
      value = r.error ? UNKNOWN : r.value;
    } else if (attr.default !== undefined) value = attr.default as MarkedValue;
    else value = attr.computed ? UNKNOWN : null;
    out[name] = attr.sensitive && value !== null ? markSensitive(value) : value;
  }
  for (const name of Object.keys(block.schema!.block.blockTypes ?? {})) out[name] = UNKNOWN;
  return out;
}
