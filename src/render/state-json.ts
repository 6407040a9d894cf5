/**
 * The state as `terraform show -json` (no plan file) writes it: format_version "1.0", the root
 * outputs and the resources grouped into the root module and its `child_modules`. As in the
 * plan JSON, sensitive values are written as null, marked `true` in `sensitive_values`.
 */
import { resourceSchema, dataSourceSchema } from '../provider/schemas';
import { PROVIDER_ADDRESS } from '../schema/provider-json';
import { formatAddress, type State } from '../state/model';
import type { Value } from '../values/value';
import { byAddress } from './format';
import { publicValue, sensitiveAsBool } from './json/trees';
import { moduleTree } from './plan-json';
import type { StateResourceJson } from './json/resource-change';
import { SensitivityIndex } from './sensitivity';

/** The document; `version` is the xcpform version written as `terraform_version`. */
export function stateJson(s: State, version: string): Record<string, unknown> {
  const resources: StateResourceJson[] = [];
  for (const r of s.resources) {
    for (const i of r.instances) {
      if (i.deposed !== undefined) continue;
      const schema = r.mode === 'managed' ? resourceSchema(r.type) : dataSourceSchema(r.type);
      const paths = i.sensitiveAttributes.map((p) => p.map((st) => (st.type === 'get_attr' ? st.value : st.value.value)));
      const index = new SensitivityIndex(paths, schema?.block);
      const values = i.attributes as Record<string, Value>;
      resources.push({
        address: formatAddress({ module: r.module, mode: r.mode, type: r.type, name: r.name, key: i.indexKey }),
        mode: r.mode,
        type: r.type,
        name: r.name,
        ...(i.indexKey !== undefined ? { index: i.indexKey } : {}),
        provider_name: /provider\["([^"]+)"\]/.exec(r.provider)?.[1] ?? PROVIDER_ADDRESS,
        schema_version: i.schemaVersion,
        values: publicValue(values, index),
        sensitive_values: sensitiveAsBool(values, index),
        ...(i.dependencies.length ? { depends_on: [...i.dependencies] } : {}),
        ...(i.status === 'tainted' ? { tainted: true } : {}),
      } as StateResourceJson);
    }
  }
  resources.sort(byAddress);
  const outputs: Record<string, unknown> = {};
  for (const name of Object.keys(s.outputs).sort()) {
    const o = s.outputs[name];
    outputs[name] = { sensitive: o.sensitive ?? false, ...(o.sensitive ? {} : { value: o.value }), type: o.type };
  }
  if (!resources.length && !Object.keys(outputs).length) return { format_version: '1.0' };
  return {
    format_version: '1.0',
    terraform_version: version,
    values: { ...(Object.keys(outputs).length ? { outputs } : {}), root_module: moduleTree(resources) },
  };
}
