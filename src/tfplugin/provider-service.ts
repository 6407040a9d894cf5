/**
 * The tfplugin6 Provider service: decodes requests with the schema in hand, calls the same
 * resources, diff and runtime as the CLI engine, and answers in the Terraform view. Every user
 * problem is a diagnostic; only bugs throw (and server.ts still answers those as diagnostics).
 * Provider-level RPCs live here; per-resource RPCs in resource-rpcs.ts.
 */
import { hasErrors } from '../diagnostics';
import { resolveProviderSettings, type ProviderSettings } from '../provider/endpoints';
import type { ProviderRuntime } from '../provider/runtime';
import { DATA_SOURCE_SCHEMAS, providerSchema, RESOURCE_SCHEMAS } from '../provider/schemas';
import { isObjectValue } from '../values/value';
import { blockType } from './codec/types';
import { toProtoDiagnostics } from './diagnostics';
import { decodeDynamic, type DynamicValueMsg } from './dynamic-value';
import { callFunction, functionsMessage, functionsMetadata } from './functions';
import type { Logger } from './log';
import { ResourceRpcs } from './resource-rpcs';
import { schemaMessage } from './schema-proto';
import type { UnaryHandler } from './server';
import { validateConfig } from './validate';

const PROVIDER_TYPE = blockType(providerSchema.block);

/** destroys plan through PlanResourceChange; the schema is the same for every process. */
export const SERVER_CAPABILITIES = { plan_destroy: true, get_provider_schema_optional: true, move_resource_state: false, generate_resource_config: false };

export interface ProviderServiceOptions {
  readonly log: Logger;
  readonly env: NodeJS.ProcessEnv;
  /** Where `.xcpform/` (the embedded simulator's world) lives: Terraform's working folder. */
  readonly workDir: string;
}

/** The configured state of one provider process (one provider configuration in Terraform). */
export class ProviderService {
  private runtime: ProviderRuntime | undefined;
  private settings: ProviderSettings | undefined;
  private readonly stop = new AbortController();
  private readonly resources: ResourceRpcs;

  constructor(private readonly options: ProviderServiceOptions) {
    this.resources = new ResourceRpcs({
      log: options.log,
      signal: this.stop.signal,
      runtime: () => this.runtime,
      settings: () => this.settings,
    });
  }

  /** The handlers by RPC name, for the gRPC server. */
  rpcs(): Record<string, UnaryHandler> {
    return {
      GetMetadata: async () => this.getMetadata(),
      GetProviderSchema: async () => this.getProviderSchema(),
      GetResourceIdentitySchemas: async () => ({ identity_schemas: {}, diagnostics: [] }),
      GetFunctions: async () => ({ functions: functionsMessage(), diagnostics: [] }),
      CallFunction: async (req) => callFunction(req),
      ValidateProviderConfig: async (req) => this.validateProviderConfig(req),
      ConfigureProvider: async (req) => this.configureProvider(req),
      StopProvider: async () => this.stopProvider(),
      ...this.resources.rpcs(),
    };
  }

  getMetadata(): Record<string, unknown> {
    return {
      server_capabilities: SERVER_CAPABILITIES,
      diagnostics: [],
      resources: RESOURCE_SCHEMAS.map((s) => ({ type_name: s.typeName })),
      data_sources: DATA_SOURCE_SCHEMAS.map((s) => ({ type_name: s.typeName })),
      functions: functionsMetadata(),
      ephemeral_resources: [],
    };
  }

  getProviderSchema(): Record<string, unknown> {
    return {
      provider: schemaMessage(providerSchema),
      resource_schemas: Object.fromEntries(RESOURCE_SCHEMAS.map((s) => [s.typeName, schemaMessage(s)])),
      data_source_schemas: Object.fromEntries(DATA_SOURCE_SCHEMAS.map((s) => [s.typeName, schemaMessage(s)])),
      diagnostics: [],
      server_capabilities: SERVER_CAPABILITIES,
      functions: functionsMessage(),
    };
  }

  validateProviderConfig(req: { config?: DynamicValueMsg }): Record<string, unknown> {
    const decoded = decodeDynamic(req.config, PROVIDER_TYPE, 'provider configuration');
    if (!decoded.ok) return { diagnostics: [decoded.diagnostic] };
    const config = isObjectValue(decoded.value) ? decoded.value : {};
    return { diagnostics: toProtoDiagnostics(validateConfig(providerSchema, config), PROVIDER_TYPE) };
  }

  async configureProvider(req: { config?: DynamicValueMsg; terraform_version?: string }): Promise<Record<string, unknown>> {
    const decoded = decodeDynamic(req.config, PROVIDER_TYPE, 'provider configuration');
    if (!decoded.ok) return { diagnostics: [decoded.diagnostic] };
    const config = isObjectValue(decoded.value) ? decoded.value : null;
    const checked = config ? validateConfig(providerSchema, config) : [];
    const { settings, diagnostics } = resolveProviderSettings(config, this.options.env);
    const all = [...checked, ...diagnostics];
    if (hasErrors(all)) return { diagnostics: toProtoDiagnostics(all, PROVIDER_TYPE) };
    this.options.log.info('configuring provider', {
      terraform_version: req.terraform_version,
      pools: settings.endpoints.map((e) => `${e.name}=${e.url === 'embedded' ? 'embedded' : 'remote'}`).join(','),
      default_pool: settings.defaultPool,
    });
    try {
      if (this.runtime) await this.runtime.close();
      // Loaded here, not at start-up: only plan/apply processes need clients and the simulator,
      // and Terraform starts a provider process several times per command.
      const { ProviderRuntime } = await import('../provider/runtime');
      // XCPFORM_EMBEDDED_LATENCY_MS slows the embedded simulator down (demos, interrupt tests).
      const latency = Number(this.options.env.XCPFORM_EMBEDDED_LATENCY_MS ?? '') || undefined;
      this.runtime = await ProviderRuntime.open(settings, { workDir: this.options.workDir, embeddedLatencyMs: latency });
      this.settings = settings;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      all.push({ severity: 'error', code: 'provider.configure-failed', summary: 'Cannot configure the xcp provider', detail: `${message}.` });
    }
    return { diagnostics: toProtoDiagnostics(all, PROVIDER_TYPE) };
  }

  stopProvider(): Record<string, unknown> {
    this.options.log.info('stop requested: cancelling in-flight operations');
    this.stop.abort();
    return { Error: '' };
  }

  /** Logs out of pools and stops (saving) the embedded simulator. */
  async close(): Promise<void> {
    await this.runtime?.close();
    this.runtime = undefined;
  }
}
