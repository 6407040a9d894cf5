/**
 * A working folder as the CLI sees it: its configuration (evaluated), its provider settings, its
 * state (local file `terraform.tfstate`, locked while in use) and, lazily, the provider runtime
 * (XAPI clients, embedded simulator). Plans and applies run through it.
 */
import { ConfigEvaluator } from '../config/evaluator';
import { loadConfig } from '../config/load';
import type { VariableArg } from '../config/variables';
import { Diagnostic, error, hasErrors } from '../diagnostics';
import { resolveProviderSettings, type ProviderSettings } from '../provider/endpoints';
import { ProviderRuntime } from '../provider/runtime';
import { LockError, StateManager, type LockInfo, type StateBackend } from '../state';
import { initializedBackend } from '../state/backends/backend-record';
import type { Value } from '../values/value';
import { VERSION } from '../version';

export interface WorkspaceOptions {
  /** The working folder (absolute): state and the embedded world live here. */
  readonly dir: string;
  /** Where the configuration is read from (default `dir`; a saved plan's snapshot otherwise). */
  readonly configDir?: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly vars?: readonly VariableArg[];
  /** Take the state lock (default true). */
  readonly lock?: boolean;
  readonly lockTimeoutMs?: number;
  readonly operation: 'OperationTypePlan' | 'OperationTypeApply' | 'OperationTypeInvalid';
  /** Skip loading configuration (state-only commands). */
  readonly noConfig?: boolean;
}

export class Workspace {
  private runtimePromise?: Promise<ProviderRuntime>;

  private constructor(
    readonly options: WorkspaceOptions,
    readonly config: ConfigEvaluator | undefined,
    readonly settings: ProviderSettings,
    readonly backend: StateBackend,
    readonly manager: StateManager,
    private readonly lockInfo: LockInfo | undefined,
  ) {}

  static async open(options: WorkspaceOptions): Promise<{ workspace?: Workspace; diagnostics: Diagnostic[] }> {
    const diagnostics: Diagnostic[] = [];
    let config: ConfigEvaluator | undefined;
    let providerValues = null;
    let backendBlock: { type: string; config: Readonly<Record<string, unknown>> } | undefined;
    if (!options.noConfig) {
      const loaded = await loadConfig(options.configDir ?? options.dir, { cwd: options.cwd, args: options.vars, env: options.env });
      diagnostics.push(...loaded.diagnostics);
      if (hasErrors(diagnostics)) return { diagnostics };
      config = new ConfigEvaluator(loaded.config);
      backendBlock = loaded.config.terraform.backend;
      const p = config.evaluateProviderConfig('xcp', () => undefined);
      diagnostics.push(...p.diagnostics);
      providerValues = p.values;
    }
    const { settings, diagnostics: provDiags } = resolveProviderSettings(providerValues, options.env);
    diagnostics.push(...provDiags);
    if (hasErrors(diagnostics)) return { diagnostics };
    const opened0 = initializedBackend(backendBlock, { cwd: options.dir, env: options.env, version: VERSION });
    diagnostics.push(...opened0.diagnostics);
    const backend = opened0.backend;
    if (!backend) return { diagnostics };
    let lockInfo: LockInfo | undefined;
    if (options.lock !== false) {
      try {
        lockInfo = await backend.lock({ operation: options.operation, timeoutMs: options.lockTimeoutMs ?? 0 });
      } catch (err) {
        if (!(err instanceof LockError)) throw err;
        return { diagnostics: [...diagnostics, error('state.locked', 'Error acquiring the state lock', { detail: err.message })] };
      }
    }
    const opened = await StateManager.open(backend, {});
    if (!opened.manager) {
      if (lockInfo) await backend.unlock(lockInfo.ID).catch(() => undefined);
      return { diagnostics: [...diagnostics, ...opened.diagnostics] };
    }
    return { workspace: new Workspace(options, config, settings, backend, opened.manager, lockInfo), diagnostics };
  }

  /** The provider runtime, opened on first use (starts the embedded simulator when needed). */
  runtime(): Promise<ProviderRuntime> {
    this.runtimePromise ??= ProviderRuntime.open(this.settings, { workDir: this.options.dir });
    return this.runtimePromise;
  }

  /** Prior outputs (values) from state. */
  priorOutputs(): Record<string, Value> {
    return Object.fromEntries(Object.entries(this.manager.state.outputs).map(([k, o]) => [k, o.value as Value]));
  }

  /** Flushes state, releases the lock and stops the runtime. Safe to call twice. */
  async close(): Promise<void> {
    await this.manager.flush().catch(() => undefined);
    if (this.runtimePromise) await (await this.runtimePromise.catch(() => undefined))?.close();
    this.runtimePromise = undefined;
    if (this.lockInfo) await this.backend.unlock(this.lockInfo.ID).catch(() => undefined);
  }
}
