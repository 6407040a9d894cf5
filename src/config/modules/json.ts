/**
 * `configuration.root_module.module_calls` of `show -json`: for each call its source, its
 * arguments (a literal as `constant_value`, anything else as the `references` it makes), its
 * `count` / `for_each` expression and the called module's own resources, outputs, variables
 * and calls, nested the same way.
 */
import { Expr } from '../expr/ast';
import { Attribute, Config } from '../model';
import { exprReferences } from '../references';

type Json = Record<string, unknown>;

function expression(expr: Expr): Json | undefined {
  if (expr.kind === 'literal') return { constant_value: expr.value };
  const refs = new Set<string>();
  exprReferences(expr, refs);
  // As Terraform lists them: a module output with the module call that holds it.
  for (const r of [...refs]) if (/^module\.[^.]+\./.test(r)) refs.add(r.split('.').slice(0, 2).join('.'));
  return refs.size ? { references: [...refs].sort() } : undefined;
}

function expressions(attrs: Readonly<Record<string, Attribute>>): Json {
  const out: Json = {};
  for (const name of Object.keys(attrs).sort()) {
    const e = expression(attrs[name].expr);
    if (e) out[name] = e;
  }
  return out;
}

/** The module part of a configuration: resources, outputs, variables, calls. */
function moduleJson(config: Config): Json {
  const resources = [...config.resources.values()].filter((r) => !r.module).map((r) => ({ address: r.address, mode: r.mode, type: r.type, name: r.name, provider_config_key: r.providerConfig, schema_version: r.schema?.version ?? 0 }));
  const outputs: Json = {};
  for (const o of [...config.outputs.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) outputs[o.name] = { ...(o.sensitive ? { sensitive: true } : {}), ...(expression(o.value.expr) ? { expression: expression(o.value.expr) } : {}) };
  const variables: Json = {};
  for (const v of [...config.variables.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) variables[v.name] = { ...(v.default !== undefined ? { default: v.default } : {}), ...(v.description ? { description: v.description } : {}), ...(v.sensitive ? { sensitive: true } : {}) };
  const calls = moduleCallsJson(config);
  return {
    ...(Object.keys(outputs).length ? { outputs } : {}),
    ...(resources.length ? { resources } : {}),
    ...(Object.keys(calls).length ? { module_calls: calls } : {}),
    ...(Object.keys(variables).length ? { variables } : {}),
  };
}

/** The calls of one module, by name. */
export function moduleCallsJson(config: Config): Json {
  const out: Json = {};
  for (const call of [...config.moduleCalls.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = config.children.get(call.name);
    const count = call.count && expression(call.count.expr);
    const forEach = call.forEach && expression(call.forEach.expr);
    out[call.name] = {
      source: call.source,
      ...(Object.keys(call.inputs).length ? { expressions: expressions(call.inputs) } : {}),
      ...(count ? { count_expression: count } : {}),
      ...(forEach ? { for_each_expression: forEach } : {}),
      module: child ? moduleJson(child) : {},
      ...(call.version ? { version_constraint: call.version } : {}),
      ...(call.dependsOn.length ? { depends_on: [...call.dependsOn] } : {}),
    };
  }
  return out;
}
