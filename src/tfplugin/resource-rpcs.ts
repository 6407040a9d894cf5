/**
 * The per-resource RPCs: validation, state upgrade, refresh, plan, apply, import and data
 * source reads. Values are decoded with the type of the schema named by `type_name`, handed to
 * the resource in the engine view and answered in the Terraform view (views.ts).
 */
import { Diagnostic, error, hasErrors } from '../diagnostics';
import type { ProviderSettings } from '../provider/endpoints';
import type { ProviderRuntime } from '../provider/runtime';
import { dataSourceSchema, resourceSchema } from '../provider/schemas';
import { poolOf } from '../plan/refresh';
import { dataSourceType, resourceType } from '../resources/registry';
import type { ProgressEvent } from '../resources/resource';
import type { WorldSnapshot } from '../resources/snapshot';
import type { ResourceSchema } from '../schema/model';
import { isObjectValue, ObjectValue, Value } from '../values/value';
import type { XapiClass } from '../xenapi';
import { applyChange, known } from './apply-change';
import { CodecError } from './codec/errors';
import { fromJson } from './codec/json';
import { blockType, WireType } from './codec/types';
import { toAttributeSteps, toProtoDiagnostic, toProtoDiagnostics, type ProtoDiagnostic } from './diagnostics';
import { decodeDynamic, encodeDynamic, type DynamicValueMsg } from './dynamic-value';
import type { Logger } from './log';
import { planChange } from './plan-change';
import { decodeDecision } from '../plan/decide';
import { compatibilityErrors, planValidityErrors } from './plan-validity';
import type { UnaryHandler } from './server';
import { validateConfig } from './validate';
import { keepConfigured, preferReference, withDefaults, withoutDefaults } from './views';
import { readWithPrior, resolveImportPool, runUntilStopped } from './resource-helpers';

/** Opaque bytes Terraform keeps with each object; versioned for later use. */
const PRIVATE = Buffer.from('{"xcpform":1}');

export interface ResourceRpcsOptions {
  readonly log: Logger;
  readonly signal: AbortSignal;
  runtime(): ProviderRuntime | undefined;
  settings(): ProviderSettings | undefined;
}

type Req = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Typed = { schema: ResourceSchema; type: WireType };

class RpcFailure {
  constructor(readonly diagnostics: ProtoDiagnostic[]) {}
}

export class ResourceRpcs {
  constructor(private readonly o: ResourceRpcsOptions) {}

  rpcs(): Record<string, UnaryHandler> {
    const wrap = (fn: (req: Req) => Promise<Record<string, unknown>>): UnaryHandler => async (req) => {
      try {
        return await fn(req);
      } catch (err) {
        if (err instanceof RpcFailure) return { diagnostics: err.diagnostics };
        throw err;
      }
    };
    return {
      ValidateResourceConfig: wrap(async (req) => this.validate(this.managed(req.type_name), req.config)),
      ValidateDataResourceConfig: wrap(async (req) => this.validate(this.data(req.type_name), req.config)),
      UpgradeResourceState: wrap(async (req) => this.upgrade(req)),
      ReadResource: wrap(async (req) => this.read(req)),
      PlanResourceChange: wrap(async (req) => this.plan(req)),
      ApplyResourceChange: wrap(async (req) => this.apply(req)),
      ImportResourceState: wrap(async (req) => this.import(req)),
      ReadDataSource: wrap(async (req) => this.readData(req)),
    };
  }

  private managed(typeName: string): Typed {
    const schema = resourceSchema(typeName);
    if (!schema) throw fail(error('tfplugin.unknown-type', `Unknown resource type "${typeName}"`, { detail: 'The xcp provider has no such resource type. Check the spelling, or upgrade the provider.' }));
    return { schema, type: blockType(schema.block) };
  }

  private data(typeName: string): Typed {
    const schema = dataSourceSchema(typeName);
    if (!schema) throw fail(error('tfplugin.unknown-type', `Unknown data source "${typeName}"`, { detail: 'The xcp provider has no such data source. Check the spelling, or upgrade the provider.' }));
    return { schema, type: blockType(schema.block) };
  }

  private decode(msg: DynamicValueMsg | undefined, t: Typed, what: string): ObjectValue | null {
    const d = decodeDynamic(msg, t.type, what);
    if (!d.ok) throw new RpcFailure([d.diagnostic]);
    if (d.value !== null && !isObjectValue(d.value)) throw fail(error('tfplugin.malformed-value', `Malformed ${what}`, { detail: 'Expected an object.' }));
    return d.value;
  }

  private runtime(): { runtime: ProviderRuntime; settings: ProviderSettings } {
    const runtime = this.o.runtime();
    const settings = this.o.settings();
    if (!runtime || !settings) throw fail(error('tfplugin.not-configured', 'The xcp provider is not configured', { detail: 'ConfigureProvider must succeed before resources are read, planned or applied.' }));
    return { runtime, settings };
  }

  private async world(pool: string, classes: readonly XapiClass[], diagnostics: Diagnostic[]): Promise<WorldSnapshot> {
    const { runtime } = this.runtime();
    // Records kept current per runtime (a ConfigureProvider again starts from nothing), shared
    // with the applies' steps: one event.from per call, not a bulk read of every class (src/live-world).
    const live = runtime.liveWorld((p, why, detail) => this.o.log.debug('reading the pool\'s records in full', { pool: p, why, detail }));
    const world = await live.world(pool, classes, diagnostics);
    if (!world) throw fail(...diagnostics);
    return world;
  }

  private validate(t: Typed, msg: DynamicValueMsg | undefined): Record<string, unknown> {
    const config = this.decode(msg, t, 'configuration') ?? {};
    return { diagnostics: toProtoDiagnostics(validateConfig(t.schema, config), t.type) };
  }

  private async upgrade(req: Req): Promise<Record<string, unknown>> {
    const t = this.managed(req.type_name);
    const version = Number(req.version ?? 0);
    if (version > t.schema.version) {
      throw fail(error('tfplugin.state-too-new', `State of ${req.type_name} is from a newer provider`, { detail: `The state has schema version ${version}; this provider knows version ${t.schema.version}. Upgrade terraform-provider-xcp.` }));
    }
    const raw = req.raw_state?.json as Buffer | undefined;
    if (!raw || !raw.length) {
      const flat = req.raw_state?.flatmap && Object.keys(req.raw_state.flatmap).length;
      if (flat) throw fail(error('tfplugin.flatmap-state', 'Legacy flatmap state is not supported', { detail: 'This state was written by a Terraform 0.11-era provider; import the object again.' }));
      return { upgraded_state: encodeDynamic(t.type, null), diagnostics: [] };
    }
    let value: Value;
    try {
      // Lenient: attributes removed from the schema since the state was written are dropped,
      // attributes added since read as null and are filled by the next refresh.
      value = fromJson(t.type, JSON.parse(raw.toString('utf8')), [], true);
    } catch (err) {
      const reason = err instanceof CodecError || err instanceof SyntaxError ? err.message : String(err);
      throw fail(error('tfplugin.bad-state', `Cannot read the stored state of ${req.type_name}`, { detail: `${reason}. Remove the object from state (terraform state rm) and import it again.` }));
    }
    return { upgraded_state: encodeDynamic(t.type, value), diagnostics: [] };
  }

  private async read(req: Req): Promise<Record<string, unknown>> {
    const t = this.managed(req.type_name);
    const prior = this.decode(req.current_state, t, 'current state');
    const priv = req.private && req.private.length ? req.private : PRIVATE;
    const rt = resourceType(t.schema.typeName);
    if (!prior || !rt) return { new_state: encodeDynamic(t.type, prior), private: priv, diagnostics: [] };
    const { settings } = this.runtime();
    const diagnostics: Diagnostic[] = [];
    const world = await this.world(poolOf(prior, settings.defaultPool), rt.classes, diagnostics);
    const res = rt.read({ prior: withDefaults(t.schema.block, prior), world });
    const state = res.state ? readWithPrior(t.schema.block, known(res.state) as ObjectValue, prior) : null;
    return { new_state: encodeDynamic(t.type, state), private: priv, diagnostics: toProtoDiagnostics([...diagnostics, ...(res.diagnostics ?? [])], t.type) };
  }

  private async plan(req: Req): Promise<Record<string, unknown>> {
    const t = this.managed(req.type_name);
    const prior = this.decode(req.prior_state, t, 'prior state');
    const config = this.decode(req.config, t, 'configuration');
    this.decode(req.proposed_new_state, t, 'proposed new state');
    const priv = req.prior_private && req.prior_private.length ? req.prior_private : PRIVATE;
    if (config === null) return { planned_state: encodeDynamic(t.type, null), planned_private: priv, requires_replace: [], diagnostics: [] };
    const { settings } = this.runtime();
    const rt = resourceType(t.schema.typeName);
    const diagnostics: Diagnostic[] = [];
    const out = await planChange({
      schema: t.schema,
      resource: rt,
      prior,
      config,
      defaultPool: settings.defaultPool,
      address: describeAddress(t.schema.typeName, prior ?? config),
      world: rt?.plan ? () => this.world(poolOf(prior ?? config, settings.defaultPool), rt.classes, diagnostics) : undefined,
    });
    const all = [...diagnostics, ...out.diagnostics];
    const invalid = planValidityErrors(t.schema.block, prior, config, out.planned);
    if (invalid.length && !hasErrors(all)) this.o.log.error('bug: the plan breaks Terraform\'s rules', { type: t.schema.typeName, attributes: pathsOnly(invalid) });
    return {
      planned_state: encodeDynamic(t.type, hasErrors(all) ? keepConfigured(t.schema.block, out.planned, config) : out.planned),
      requires_replace: prior ? out.requiresReplace.map((p) => ({ steps: toAttributeSteps(t.type, p) })) : [],
      planned_private: hasErrors(all) ? priv : out.private,
      diagnostics: toProtoDiagnostics(all, t.type),
    };
  }

  private async apply(req: Req): Promise<Record<string, unknown>> {
    const t = this.managed(req.type_name);
    const prior = this.decode(req.prior_state, t, 'prior state');
    const planned = this.decode(req.planned_state, t, 'planned state');
    const config = this.decode(req.config, t, 'configuration');
    const rt = resourceType(t.schema.typeName);
    if (!rt) {
      throw fail(error('tfplugin.not-implemented', `${t.schema.typeName} cannot be applied by this build`, { detail: `terraform-provider-xcp knows the schema of ${t.schema.typeName} but not yet how to create, change or delete it.` }));
    }
    const { runtime, settings } = this.runtime();
    const address = describeAddress(t.schema.typeName, planned ?? prior);
    const progress = (e: ProgressEvent) => this.o.log.debug(e.kind === 'message' ? e.text : `${e.done}/${e.total} bytes`, { address });
    const start = (signal: AbortSignal) => applyChange({
      schema: t.schema, resource: rt, prior, planned, config, defaultPool: settings.defaultPool, ctx: runtime.applyContext(address, progress, signal), log: this.o.log,
      decision: decodeDecision(req.planned_private),
    });
    const out = await runUntilStopped(start, this.o.signal, () => ({
      state: prior,
      diagnostics: [error('apply.stopped', `${address}: stopped before it finished`, { detail: 'Terraform asked the provider to stop (interrupt). The object may be partly changed; run terraform apply again.' })],
    }));
    const inconsistent = hasErrors(out.diagnostics) ? [] : compatibilityErrors(t.schema.block, planned, out.state);
    if (inconsistent.length) this.o.log.error('bug: the apply result differs from the plan', { type: t.schema.typeName, attributes: pathsOnly(inconsistent) });
    return { new_state: encodeDynamic(t.type, out.state), private: PRIVATE, diagnostics: toProtoDiagnostics(out.diagnostics, t.type) };
  }

  private async import(req: Req): Promise<Record<string, unknown>> {
    const t = this.managed(req.type_name);
    const rt = resourceType(t.schema.typeName);
    if (!rt?.import) throw fail(error('tfplugin.no-import', `${t.schema.typeName} does not support import`, { detail: 'Create the object with Terraform instead, or upgrade the provider.' }));
    const { runtime, settings } = this.runtime();
    const id = String(req.id ?? '');
    const pool = resolveImportPool(id, settings.defaultPool);
    if (!runtime.pools.includes(pool)) {
      throw fail(error('import.unknown-pool', `Cannot import "${id}": no pool named "${pool}"`, { detail: `Use <pool>/<uuid> with one of the provider's pools: ${runtime.pools.join(', ')}.` }));
    }
    const diagnostics: Diagnostic[] = [];
    const world = await this.world(pool, rt.classes, diagnostics);
    const res = rt.import({ id, world, defaultPool: settings.defaultPool });
    if (!res.state) {
      const d = res.diagnostics?.length ? res.diagnostics : [error('import.not-found', 'Cannot import non-existent remote object', {
        detail: `No ${t.schema.typeName} with id "${id}" exists in pool "${pool}" (ids are ${t.schema.importId ?? '<pool>/<uuid>'}).`,
      })];
      return { imported_resources: [], diagnostics: toProtoDiagnostics(d, t.type) };
    }
    const state = withoutDefaults(t.schema.block, known(res.state) as ObjectValue);
    return {
      imported_resources: [{ type_name: t.schema.typeName, state: encodeDynamic(t.type, state), private: PRIVATE }],
      diagnostics: toProtoDiagnostics(res.diagnostics, t.type),
    };
  }

  private async readData(req: Req): Promise<Record<string, unknown>> {
    const t = this.data(req.type_name);
    const config = this.decode(req.config, t, 'configuration') ?? {};
    const dt = dataSourceType(t.schema.typeName);
    if (!dt) throw fail(error('tfplugin.not-implemented', `data.${t.schema.typeName} cannot be read by this build`, { detail: 'The data source has a schema but no implementation yet.' }));
    const { settings } = this.runtime();
    const diagnostics: Diagnostic[] = [];
    const world = await this.world(poolOf(config, settings.defaultPool), dt.classes, diagnostics);
    const res = dt.read({ config, world, defaultPool: settings.defaultPool });
    diagnostics.push(...(res.diagnostics ?? []));
    if (!res.state) {
      if (!hasErrors(diagnostics)) diagnostics.push(error('data.not-found', `data.${t.schema.typeName}: no matching object`, { detail: 'Nothing matched the lookup.' }));
      return { state: encodeDynamic(t.type, null), diagnostics: toProtoDiagnostics(diagnostics, t.type) };
    }
    const state = keepConfigured(t.schema.block, preferReference(t.schema.block, known(res.state) as ObjectValue, config), config);
    return { state: encodeDynamic(t.type, state), diagnostics: toProtoDiagnostics(diagnostics, t.type) };
  }
}

/** A resource as messages name it: Terraform does not tell a provider the address. */
function describeAddress(typeName: string, value: ObjectValue | null): string {
  return `${typeName}${typeof value?.name_label === 'string' ? ` "${value.name_label}"` : ''}`;
}

/** Problem texts carry values, which may be secret: logs get the attribute paths only. */
function pathsOnly(problems: readonly string[]): string {
  return problems.map((p) => p.split(':')[0]).join(', ');
}

function fail(...diags: Diagnostic[]): RpcFailure {
  return new RpcFailure(diags.map((d) => toProtoDiagnostic(d)));
}
