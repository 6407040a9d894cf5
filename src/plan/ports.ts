/**
 * What the planner needs from its neighbours, as narrow ports: the evaluated configuration
 * (`ConfigPort`) and the prior state (`PriorResource`). Adapters in `src/engine/` connect the
 * real config loader and state file to them, so the planner stays a pure function.
 */
import type { Diagnostic } from '../diagnostics';
import type { ObjectValue, Value } from '../values/value';
import type { AttrPath } from './paths';

export interface Lifecycle {
  readonly createBeforeDestroy: boolean;
  readonly preventDestroy: boolean;
  readonly ignoreChanges: readonly AttrPath[] | 'all';
  /** Addresses (resource or resource attribute) whose change replaces this resource. */
  readonly replaceTriggeredBy: readonly string[];
}

/** A resource or data block of the configuration, before count/for_each expansion. */
export interface BlockInfo {
  /** `xcp_vm.web` or `data.xcp_sr.local`. */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Other block addresses this block refers to or depends_on (ordering edges). */
  readonly references: readonly string[];
  /** `xcp` or `xcp.<alias>`. */
  readonly providerConfig: string;
  readonly lifecycle: Lifecycle;
  /** Where the block is declared, for diagnostics. */
  readonly source?: { readonly filename: string; readonly line?: number };
}

/** One expanded instance's configuration. */
export interface InstanceConfig {
  /** `xcp_vm.web`, `xcp_vm.web[0]`, `xcp_vm.web["a"]`. */
  readonly address: string;
  readonly index?: number | string;
  /** Configured values (null where unset, Unknown where not yet known). */
  readonly values: ObjectValue;
  /** Paths holding values derived from sensitive variables. */
  readonly sensitivePaths: readonly AttrPath[];
}

/** Values of already-planned blocks: an object, a list (count) or a map (for_each). */
export type Scope = (blockAddress: string) => Value | undefined;

export interface ConfigPort {
  readonly blocks: readonly BlockInfo[];
  /** Evaluates one block's instances given the values of the blocks it references. */
  evaluateBlock(address: string, scope: Scope, options?: { readonly preconditions?: boolean }): { instances: InstanceConfig[]; diagnostics: Diagnostic[] };
  /** Evaluates the outputs once every block is planned. */
  evaluateOutputs(scope: Scope): { outputs: { name: string; value: Value; sensitive: boolean }[]; diagnostics: Diagnostic[] };
  readonly variables: Readonly<Record<string, { readonly value: Value; readonly sensitive: boolean }>>;
  /** Preconditions of one instance, checked again just before its change is applied. */
  checkPreconditions?(blockAddress: string, instanceAddress: string, scope: Scope): { diagnostics: Diagnostic[]; deferred: boolean };
  /** Postconditions of one instance with `self` = its values; unknown ones are `deferred` (checked after apply). */
  checkPostconditions?(blockAddress: string, instanceAddress: string, self: Value, scope: Scope): { diagnostics: Diagnostic[]; deferred: boolean };
  /** `moved`, `import` and `removed` statements (see statements.ts). */
  readonly statements?: StatementsPort;
  /** The default pool of an aliased provider configuration (`xcp.cloud`); undefined: the workspace's. */
  defaultPoolOf?(providerConfig: string): string | undefined;
}

/** Where a statement is written, for diagnostics. */
export interface StatementSource { readonly filename: string; readonly line?: number }

/** The configuration's `moved`, `import` and `removed` blocks, as the planner resolves them. */
export interface StatementsPort {
  readonly moved: readonly { readonly from: string; readonly to: string; readonly source: StatementSource }[];
  readonly removed: readonly { readonly from: string; readonly destroy: boolean; readonly source: StatementSource }[];
  /** How a declared block expands (`none`, `count`, `for_each`); undefined when not declared. */
  readonly expansionOf?: (blockAddress: string) => 'none' | 'count' | 'for_each' | undefined;
  /** Import targets with `for_each` expanded and `id` evaluated. */
  evaluateImports(scope: Scope): { imports: { readonly to: string; readonly id: string; readonly source: StatementSource }[]; diagnostics: Diagnostic[] };
}

/** A resource instance recorded in the prior state. */
export interface PriorResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly providerConfig: string;
  readonly attributes: ObjectValue;
  readonly dependencies: readonly string[];
  readonly tainted?: boolean;
}
