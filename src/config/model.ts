/**
 * The configuration model: what a folder of `.tf` / `.tf.json` / `cdk.tf.json` declares, with
 * every expression parsed (see `expr/ast.ts`) and the references each block makes. Built by
 * `loadConfig` (load.ts); evaluated by `ConfigEvaluator` (evaluator.ts). Plain data apart from
 * the parsed expressions, so the planner can hold it and a saved plan can be rebuilt from files.
 */
import type { ResourceSchema } from '../schema/model';
import type { MarkedValue, ValuePath } from '../values/sensitive';
import type { Value } from '../values/value';
import type { Expr } from './expr/ast';
import type { ConfigFile } from './files';
import type { TypeConstraint } from './types';

/** Where something is declared. */
export interface SourceRef {
  readonly filename: string;
  /** 1-based line, when found. */
  readonly line?: number;
}

/** An attribute's expression and where it is written. */
export interface Attribute {
  readonly name: string;
  readonly expr: Expr;
  readonly source: SourceRef;
}

/** A block body split by the schema into attributes, nested blocks and `dynamic` blocks. */
export interface Body {
  readonly attributes: Readonly<Record<string, Attribute>>;
  readonly blocks: Readonly<Record<string, readonly Body[]>>;
  readonly dynamic: readonly DynamicBlock[];
}

/** `dynamic "disk" { for_each = ..., iterator = d, content { ... } }`. */
export interface DynamicBlock {
  /** The nested block type it produces (`disk`). */
  readonly type: string;
  readonly forEach: Attribute;
  /** Name of the iteration variable; defaults to the block type. */
  readonly iterator: string;
  readonly content: Body;
}

export interface Validation {
  readonly condition: Attribute;
  readonly errorMessage: Attribute;
}

export interface Variable {
  readonly name: string;
  readonly type: TypeConstraint;
  /** Absent when the variable is required. */
  readonly default?: Value;
  readonly description?: string;
  readonly sensitive: boolean;
  readonly nullable: boolean;
  readonly validations: readonly Validation[];
  readonly source: SourceRef;
}

export interface Local {
  readonly name: string;
  readonly value: Attribute;
  /** `var.x`, `local.y`, `xcp_vm.web`, `data.xcp_sr.s` (see references.ts). */
  readonly references: readonly string[];
}

export interface Output {
  readonly name: string;
  readonly value: Attribute;
  readonly sensitive: boolean;
  readonly description?: string;
  /** Block addresses from `depends_on`. */
  readonly dependsOn: readonly string[];
  readonly references: readonly string[];
  readonly source: SourceRef;
  /** `precondition` blocks, checked before the value is recorded. */
  readonly preconditions?: readonly Condition[];
}

export interface ProviderConfig {
  /** `xcp`. */
  readonly type: string;
  /** `""` for the default configuration. */
  readonly alias: string;
  /** `xcp` or `xcp.<alias>`, as written in a resource's `provider` argument. */
  readonly key: string;
  readonly body: Body;
  readonly schema?: ResourceSchema;
  readonly references: readonly string[];
  readonly source: SourceRef;
}

/**
 * A `precondition` or `postcondition` block (of a resource's `lifecycle`, a data source's
 * `lifecycle`, or an output). A condition that evaluates to false fails with `errorMessage`.
 */
export interface Condition {
  readonly condition: Attribute;
  readonly errorMessage: Attribute;
  /** Where the `precondition { ... }` / `postcondition { ... }` block starts. */
  readonly source: SourceRef;
}

export interface Lifecycle {
  readonly createBeforeDestroy: boolean;
  readonly preventDestroy: boolean;
  /** Attribute paths, or "all". */
  readonly ignoreChanges: readonly ValuePath[] | 'all';
  /** Addresses (`xcp_vm.web`, `xcp_vm.web[0]`, `xcp_vm.web.name_label`) whose change replaces this resource. */
  readonly replaceTriggeredBy: readonly string[];
  /** Checked before the instance is planned (again before apply when unknown at plan time). */
  readonly preconditions?: readonly Condition[];
  /** Checked with `self` once the instance's values are known (plan time, else after apply). */
  readonly postconditions?: readonly Condition[];
}

export type ResourceMode = 'managed' | 'data';

/** A resource or data block before count/for_each expansion. */
export interface ResourceBlock {
  /** `xcp_vm.web` or `data.xcp_sr.local`. */
  readonly address: string;
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  readonly count?: Attribute;
  readonly forEach?: Attribute;
  /** Block addresses from `depends_on` (resources and data sources). */
  readonly dependsOn: readonly string[];
  /** `xcp` or `xcp.<alias>`. */
  readonly providerConfig: string;
  readonly lifecycle: Lifecycle;
  readonly body: Body;
  /** Absent for types xcpform has no schema for (other providers). */
  readonly schema?: ResourceSchema;
  /** Every reference in the block's expressions: `var.x`, `local.y`, `xcp_network.lan`, `data.xcp_sr.s`. */
  readonly references: readonly string[];
  readonly source: SourceRef;
  /** The module instance declaring the block; absent in the root module. Such a block's
   * `address` is the full one (`module.app["a"].xcp_vm.web`); its expressions and
   * `references` are relative to the module (`xcp_vm.db`, `var.name`). */
  readonly module?: ModuleInstance;
}

/** A `module "NAME" { source = ... }` block. */
export interface ModuleCall {
  readonly name: string;
  /** The `source` as written. */
  readonly source: string;
  readonly version?: string;
  readonly count?: Attribute;
  readonly forEach?: Attribute;
  /** Addresses from `depends_on` (resources, data sources, `module.NAME`). */
  readonly dependsOn: readonly string[];
  /** Provider configuration inside the module (`xcp`, `xcp.alias`) → the caller's (`xcp.cloud`). */
  readonly providers: Readonly<Record<string, string>>;
  /** Input variable values by name. */
  readonly inputs: Readonly<Record<string, Attribute>>;
  /** References of `count`, `for_each` and the inputs. */
  readonly references: readonly string[];
  readonly sourceRef: SourceRef;
}

/** One instance of a module call (one per count index / for_each key), in the tree of modules. */
export interface ModuleInstance {
  /** `module.app["a"]`, `module.app["a"].module.db`. */
  readonly path: string;
  /** Call names joined by dots (`app.db`): the key of `.terraform/modules/modules.json`. */
  readonly key: string;
  /** The called module's own configuration (addresses relative to it). */
  readonly config: Config;
  readonly call: ModuleCall;
  /** The count index / for_each key of this instance (kind `single` without either). */
  readonly instanceKey: { readonly kind: 'single' } | { readonly kind: 'count'; readonly index: number } | { readonly kind: 'each'; readonly key: string; readonly value: MarkedValue };
  /** Absent for a call in the root module. */
  readonly parent?: ModuleInstance;
  /** The root module's configuration. */
  readonly rootConfig: Config;
  /** Instances of the calls inside this module, in call-name then key order. */
  readonly children: ModuleInstance[];
}

/**
 * A module call whose `count` / `for_each` reads data sources: expanded when planning, once
 * those are read (see `modules/deferred.ts`), as Terraform expands it during its plan walk.
 */
export interface DeferredModuleCall {
  readonly call: ModuleCall;
  /** The calling module instance (absent: the root module). */
  readonly parent?: ModuleInstance;
  /** Where its instances go: the parent's `children`, or the root's list of instances. */
  readonly into: ModuleInstance[];
}

/** `moved { from = ADDR  to = ADDR }`: addresses as written (`xcp_vm.a`, `xcp_vm.a[0]`, `xcp_vm.a["k"]`). */
export interface MovedStatement {
  readonly from: string;
  readonly to: string;
  readonly source: SourceRef;
}

/** `import { to = ADDR  id = "<pool>/<uuid>"  for_each = ... }`. */
export interface ImportStatement {
  /** The target address expression (may use `each.key` / `each.value` with `for_each`). */
  readonly to: Attribute;
  readonly id: Attribute;
  readonly forEach?: Attribute;
  readonly references: readonly string[];
  readonly source: SourceRef;
}

/** `removed { from = ADDR  lifecycle { destroy = BOOL } }`. */
export interface RemovedStatement {
  /** A resource address without instance key. */
  readonly from: string;
  /** False: the objects leave the state but are not destroyed. */
  readonly destroy: boolean;
  readonly source: SourceRef;
}

export interface RequiredProvider {
  readonly source?: string;
  readonly version?: string;
}

export interface TerraformSettings {
  readonly requiredVersion?: string;
  readonly requiredProviders: Readonly<Record<string, RequiredProvider>>;
  readonly backend?: { readonly type: string; readonly config: Readonly<Record<string, Value>> };
}

export interface Config {
  /** The folder as given. */
  readonly dir: string;
  /** The working folder (`path.cwd`, base of relative `file()` paths). */
  readonly cwd: string;
  readonly files: readonly ConfigFile[];
  readonly variables: ReadonlyMap<string, Variable>;
  readonly locals: ReadonlyMap<string, Local>;
  readonly outputs: ReadonlyMap<string, Output>;
  /** By key: `xcp`, `xcp.cloud`. */
  readonly providers: ReadonlyMap<string, ProviderConfig>;
  /** Managed resources and data sources by address, in file then declaration order. */
  readonly resources: ReadonlyMap<string, ResourceBlock>;
  /** `moved`, `import` and `removed` blocks, in file then declaration order. */
  readonly moved: readonly MovedStatement[];
  readonly imports: readonly ImportStatement[];
  readonly removed: readonly RemovedStatement[];
  readonly terraform: TerraformSettings;
  /** `module` blocks of this module by name. */
  readonly moduleCalls: ReadonlyMap<string, ModuleCall>;
  /** The called modules' configurations by call name (loaded with this one). */
  readonly children: ReadonlyMap<string, Config>;
  /** Where the module's files are, relative to the working folder (`.` for the root): `path.module`. */
  readonly modulePath: string;
  /** Root module only: every module instance (parents before children), and the top-level ones. */
  readonly modules?: { readonly all: readonly ModuleInstance[]; readonly roots: readonly ModuleInstance[]; readonly deferred?: readonly DeferredModuleCall[] };
  /** Values of the input variables after -var, -var-file, TF_VAR_*, tfvars and defaults;
   * sensitive variables are marked. */
  readonly variableValues: ReadonlyMap<string, MarkedValue>;
}
