/**
 * The plan as `terraform show -json` writes it, `format_version` "1.2" (tfplugin.md 5(a)), so
 * tools that read Terraform plans (OPA/conftest, Infracost, tf-summarize) read xcpform's.
 *
 * Intentional differences, documented for consumers:
 * - Secrets: where Terraform writes a sensitive value in plaintext (`before`, `after`,
 *   `planned_values`, `prior_state`, `variables`, `output_changes`), xcpform writes `null`;
 *   `before_sensitive`/`after_sensitive`/`sensitive_values` still mark the paths with `true`.
 * - `terraform_version` holds the xcpform version (there is no Terraform involved); the field is
 *   kept because consumers require it.
 * - A live migration (`~>`) is `["update"]`; the real action, route, bytes to move, halt paths,
 *   notes and cost are under the top-level key `xcpform` (see json/extras.ts).
 * - `configuration` carries the provider configs and resource addresses, without expressions.
 * - `relevant_attributes` lists the attributes that drifted (the planner does not trace which
 *   attributes fed the plan, so this is the drift's changed top-level attributes).
 */
import { parseProviderKey } from '../state/provider-config';
import { stringifyExact } from '../values/json-text';
import type { Plan } from '../plan/model';
import { PROVIDER_ADDRESS } from '../schema/provider-json';
import { byAddress, visibleChanges } from './format';
import { JSON_ACTIONS, moduleOf, resourceChangeJson, ResourceChangeJson, stateResourceJson, StateResourceJson } from './json/resource-change';
import { xcpformExtras, XcpformJson } from './json/extras';
import { Json, omitUnknowns, unknownAsBool } from './json/trees';
import { providerSchemas, SchemaLookup } from './sensitivity';
import { own } from './text/diff-tree';
import { isObjectValue, valuesEqual, Value } from '../values/value';

/** Options of {@link renderPlanJson}. */
export interface PlanJsonOptions {
  /** RFC 3339 UTC time written as `timestamp`; the caller's clock, fixed in golden tests. */
  readonly timestamp: string;
  readonly schemas?: SchemaLookup;
  /** Pretty-print with this indent (default: compact, as Terraform writes it). */
  readonly indent?: number;
  /** `configuration.root_module.module_calls`, when the configuration is at hand. */
  readonly moduleCalls?: Readonly<Record<string, unknown>>;
}

/** A module's resources and its child modules (`planned_values`, `prior_state`). */
export interface StateModuleJson {
  readonly address?: string;
  readonly resources?: readonly StateResourceJson[];
  readonly child_modules?: readonly StateModuleJson[];
}

/** A state-values document: outputs and the root module's resources. */
export interface StateValuesJson {
  readonly outputs?: Readonly<Record<string, { sensitive: boolean; value?: Json }>>;
  readonly root_module: StateModuleJson;
}

/** The document {@link renderPlanJson} serialises. */
export interface PlanJson {
  readonly format_version: '1.2';
  readonly terraform_version: string;
  readonly variables?: Readonly<Record<string, { value: Json }>>;
  readonly planned_values: StateValuesJson;
  readonly resource_drift?: readonly ResourceChangeJson[];
  readonly resource_changes?: readonly ResourceChangeJson[];
  readonly output_changes?: Readonly<Record<string, unknown>>;
  readonly prior_state: { readonly format_version: '1.0'; readonly terraform_version: string; readonly values?: StateValuesJson };
  readonly configuration: {
    readonly provider_config: Readonly<Record<string, { name: string; full_name: string; alias?: string }>>;
    readonly root_module: { readonly resources?: readonly unknown[]; readonly outputs?: Readonly<Record<string, { sensitive?: boolean }>>; readonly module_calls?: Readonly<Record<string, unknown>> };
  };
  readonly relevant_attributes?: readonly { resource: string; attribute: (string | number)[] }[];
  readonly timestamp: string;
  readonly applyable: boolean;
  readonly complete: boolean;
  readonly errored: boolean;
  readonly xcpform: XcpformJson;
}

const outputValue = (v: Value, sensitive: boolean): Json => (sensitive ? null : omitUnknowns(v));

function stateValues(resources: StateResourceJson[], outputs: Record<string, { sensitive: boolean; value?: Json }>): StateValuesJson {
  return {
    ...(Object.keys(outputs).length ? { outputs } : {}),
    root_module: moduleTree(resources),
  };
}

/** Resources grouped by module instance into Terraform's nested `child_modules`. */
export function moduleTree(resources: readonly StateResourceJson[]): StateModuleJson {
  interface Node { address: string; resources: StateResourceJson[]; children: Map<string, Node> }
  const root: Node = { address: '', resources: [], children: new Map() };
  const nodeOf = (path: string): Node => {
    if (!path) return root;
    const parent = nodeOf(parentPath(path));
    let n = parent.children.get(path);
    if (!n) { n = { address: path, resources: [], children: new Map() }; parent.children.set(path, n); }
    return n;
  };
  for (const r of resources) nodeOf(moduleOf(r.address)).resources.push(r);
  const out = (n: Node): StateModuleJson => ({
    ...(n.resources.length ? { resources: n.resources } : {}),
    ...(n.address ? { address: n.address } : {}),
    ...(n.children.size ? { child_modules: [...n.children.values()].sort((a, b) => (a.address < b.address ? -1 : 1)).map(out) } : {}),
  });
  return out(root);
}

/** `module.a["k"]` of `module.a["k"].module.b[0]`. */
function parentPath(path: string): string {
  const m = /^(.*)\.module\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?$/.exec(path);
  return m ? m[1] : '';
}

/** Builds the plan JSON document (an object; see {@link renderPlanJson} for the text). */
export function planJson(plan: Plan, opts: PlanJsonOptions): PlanJson {
  const schemas = opts.schemas ?? providerSchemas;
  const changes = [...plan.changes].sort(byAddress);
  const outputs = [...plan.outputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const drift = [...plan.drift].filter((d) => d.action !== 'no-op').sort(byAddress);

  const variables: Record<string, { value: Json }> = {};
  for (const name of Object.keys(plan.variables).sort()) {
    const v = plan.variables[name];
    variables[name] = { value: v.sensitive ? null : omitUnknowns(v.value) };
  }

  const planned = changes.filter((c) => c.action !== 'delete').map((c) => stateResourceJson(c, 'after', schemas)).filter((r): r is StateResourceJson => !!r);
  const plannedOutputs: Record<string, { sensitive: boolean; value?: Json }> = {};
  for (const o of outputs) {
    if (o.action === 'delete') continue;
    plannedOutputs[o.name] = { sensitive: o.sensitive, ...(unknownAsBool(o.after) === true ? {} : { value: outputValue(o.after, o.sensitive) }) };
  }
  const prior = changes.map((c) => stateResourceJson(c, 'before', schemas)).filter((r): r is StateResourceJson => !!r);
  const priorOutputs: Record<string, { sensitive: boolean; value?: Json }> = {};
  for (const o of outputs) if (o.action !== 'create' && o.before !== null) priorOutputs[o.name] = { sensitive: o.sensitive, value: outputValue(o.before, o.sensitive) };

  const outputChanges: Record<string, unknown> = {};
  for (const o of outputs) {
    outputChanges[o.name] = {
      actions: [o.action],
      before: o.action === 'create' ? null : outputValue(o.before, o.sensitive),
      after: o.action === 'delete' ? null : outputValue(o.after, o.sensitive),
      after_unknown: o.action === 'delete' ? false : unknownAsBool(o.after),
      before_sensitive: o.sensitive,
      after_sensitive: o.sensitive,
    };
  }

  const providerConfig: Record<string, { name: string; full_name: string; alias?: string; module_address?: string }> = { xcp: { name: 'xcp', full_name: PROVIDER_ADDRESS } };
  for (const c of changes) {
    // A configuration declared in a module is keyed `module.own:xcp` (alias: `module.own:xcp.b`), as Terraform writes it.
    const { module, alias } = parseProviderKey(c.providerConfig);
    if (alias || module) providerConfig[module ? `${module}:xcp${alias ? `.${alias}` : ''}` : c.providerConfig] = { name: 'xcp', full_name: PROVIDER_ADDRESS, ...(alias ? { alias } : {}), ...(module ? { module_address: module } : {}) };
  }
  const configured = new Map<string, unknown>();
  for (const c of changes) {
    if (c.actionReason === 'delete_because_no_resource_config' || moduleOf(c.address)) continue; // module resources: under module_calls
    const address = `${c.mode === 'data' ? 'data.' : ''}${c.type}.${c.name}`;
    if (!configured.has(address)) configured.set(address, { address, mode: c.mode, type: c.type, name: c.name, provider_config_key: c.providerConfig, schema_version: c.schemaVersion });
  }
  const configOutputs: Record<string, { sensitive?: boolean }> = {};
  for (const o of outputs) if (o.action !== 'delete') configOutputs[o.name] = o.sensitive ? { sensitive: true } : {};

  const relevant = relevantAttributes(drift);
  const visible = visibleChanges(changes);
  const hasOutputChanges = outputs.some((o) => o.action !== 'no-op');
  const applyable = !plan.errored && (visible.length > 0 || hasOutputChanges || (plan.mode === 'refresh-only' && drift.length > 0));

  return {
    format_version: '1.2',
    terraform_version: plan.xcpformVersion,
    ...(Object.keys(variables).length ? { variables } : {}),
    planned_values: stateValues(planned, plannedOutputs),
    ...(drift.length ? { resource_drift: drift.map((d) => resourceChangeJson(d, schemas, d.action === 'delete' ? ['delete'] : ['update'])) } : {}),
    ...(changes.length ? { resource_changes: changes.map((c) => resourceChangeJson(c, schemas, JSON_ACTIONS[c.action])) } : {}),
    ...(outputs.length ? { output_changes: outputChanges } : {}),
    prior_state: {
      format_version: '1.0',
      terraform_version: plan.xcpformVersion,
      ...(prior.length || Object.keys(priorOutputs).length ? { values: stateValues(prior, priorOutputs) } : {}),
    },
    configuration: {
      provider_config: providerConfig,
      root_module: {
        ...(configured.size ? { resources: [...configured.values()] } : {}),
        ...(Object.keys(configOutputs).length ? { outputs: configOutputs } : {}),
        ...(opts.moduleCalls && Object.keys(opts.moduleCalls).length ? { module_calls: opts.moduleCalls } : {}),
      },
    },
    ...(relevant.length ? { relevant_attributes: relevant } : {}),
    timestamp: opts.timestamp,
    applyable,
    complete: !plan.errored && plan.targets.length === 0,
    errored: plan.errored,
    xcpform: xcpformExtras(plan, changes),
  };
}

function relevantAttributes(drift: Plan['drift']): { resource: string; attribute: (string | number)[] }[] {
  const out: { resource: string; attribute: (string | number)[] }[] = [];
  for (const d of drift) {
    if (d.action === 'delete' || !isObjectValue(d.before) || !isObjectValue(d.after)) {
      out.push({ resource: d.address, attribute: [] });
      continue;
    }
    const before = d.before;
    const after = d.after;
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      if (!valuesEqual(own(before, k), own(after, k))) out.push({ resource: d.address, attribute: [k] });
    }
  }
  return out;
}

/** The plan JSON as text, with a trailing newline. */
export function renderPlanJson(plan: Plan, opts: PlanJsonOptions): string {
  return `${stringifyExact(planJson(plan, opts), opts.indent)}\n`;
}
