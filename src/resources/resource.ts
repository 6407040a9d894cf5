/**
 * The resource contract: one interface per resource type, called by both the CLI engine and the
 * tfplugin6 server. Values crossing it are the state attributes of the schema (an `ObjectValue`
 * with every attribute present, null when unset); XAPI records stay inside the resource.
 *
 * Identity: a managed object is identified by its `uuid` (also its `id`) and its `pool`. Refs
 * are per pool and per server lifetime, so they are never stored.
 */
import type { Diagnostic } from '../diagnostics';
import type { RateCard } from '../provider/endpoints';
import type { ResourceSchema, UpdateClass } from '../schema/model';
import type { ObjectValue } from '../values/value';
import type { XapiClass, XapiClient } from '../xenapi';
import type { CapacityLedger } from './capacity';
import type { PoolRecords, WorldSnapshot } from './snapshot';

/** What an apply step can report while it runs (progress lines, migrations' bytes moved). */
export type ProgressEvent =
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'bytes'; readonly done: number; readonly total: number };

/** Everything an apply-time call may use. Built by the executor (or the tfplugin server). */
export interface ApplyContext {
  /** Resource address, for messages (`xcp_vm.web[0]`). */
  readonly address: string;
  /**
   * Lineage of the state being applied, when the caller has one (the CLI engine does; the
   * Terraform provider cannot see Terraform's). A create writes it as `xcpform:lineage` next
   * to `xcpform:address`, and adoption skips objects recorded with another lineage.
   */
  readonly lineage?: string;
  /** An authenticated client for a configured pool; throws a user-facing error for an unknown pool. */
  client(pool: string): Promise<XapiClient>;
  /**
   * Fresh records of a pool, for lookups (templates, SRs, networks by name): what the changes
   * this step depends on and its own writes did is in them. Reading again without writing in
   * between is taken for waiting on someone else (a guest, a host) and catches everything up,
   * unless `opts.ownWritesOnly` says the step only re-reads to see its own writes;
   * `opts.asOfNow` catches everything up (what other steps did too).
   */
  records(pool: string, classes: readonly XapiClass[], opts?: { readonly ownWritesOnly?: boolean; readonly asOfNow?: boolean }): Promise<PoolRecords>;
  /** Names of the configured pools, first is the default. */
  readonly pools: readonly string[];
  readonly signal?: AbortSignal;
  progress(event: ProgressEvent): void;
}

export interface ReadRequest {
  /** The prior state of the object (at least `id`, `uuid` and `pool`). */
  readonly prior: ObjectValue;
  /** Bulk-read records of every pool, holding at least the classes in `ResourceType.classes`. */
  readonly world: WorldSnapshot;
}

export interface ReadResponse {
  /** The refreshed state, or null when the object is gone (deleted out of band): not an error. */
  readonly state: ObjectValue | null;
  readonly diagnostics?: readonly Diagnostic[];
}

export interface PlanRequest {
  /** Prior state, or null for a create. */
  readonly prior: ObjectValue | null;
  /** Planned new state from the schema-driven diff: configured values, defaults, prior computed values, Unknown where not yet known. */
  readonly planned: ObjectValue;
  /** The configuration as written (null where unset). */
  readonly config: ObjectValue;
  readonly world: WorldSnapshot;
  /**
   * The plan's memory ledger, shared by every instance of the plan, when the caller models
   * capacity (the xcpform planner passes its placement model). A VM that starts, grows or moves
   * takes memory from it, so the VMs placed after it do not count on that memory.
   */
  readonly capacity?: CapacityLedger;
  /**
   * True when the plan destroys the object with this UUID in `pool` (a VM whose resource left
   * the configuration) before this change runs, when the caller knows it. A replaced SR whose
   * disks all belong to such VMs is no error.
   */
  readonly leaving?: (pool: string, uuid: string) => boolean;
}

export interface PlanResponse {
  /** The planned state, possibly refined (e.g. a computed attribute the resource can predict). */
  readonly planned: ObjectValue;
  /** Extra attribute paths that force replacement beyond the schema's update classes (e.g. a disk shrink when allowed). */
  readonly requiresReplace?: readonly (readonly (string | number)[])[];
  /** Words for the plan: "VM will be shut down and started again", "moves 20 GiB". */
  readonly notes?: readonly string[];
  /** Bytes a migration will move (storage motion, cross-pool). */
  readonly bytesToMove?: number;
  readonly diagnostics?: readonly Diagnostic[];
  /**
   * The resource's own decision, when it can classify changes better than the schema diff
   * (a VM matches disks by userdevice, so reordered disks are no change; a host change on a
   * halted VM is in place). When given, it replaces the schema diff's action.
   */
  readonly action?: 'create' | 'update' | 'migrate' | 'replace' | 'no-op';
  readonly changes?: readonly { readonly path: readonly (string | number)[]; readonly update: UpdateClass }[];
  readonly haltPaths?: readonly (readonly (string | number)[])[];
}

export interface CreateRequest {
  readonly planned: ObjectValue;
  readonly config: ObjectValue;
  readonly ctx: ApplyContext;
}

export interface UpdateRequest {
  readonly prior: ObjectValue;
  readonly planned: ObjectValue;
  readonly config: ObjectValue;
  readonly ctx: ApplyContext;
}

export interface DeleteRequest {
  readonly prior: ObjectValue;
  readonly ctx: ApplyContext;
}

export interface ImportRequest {
  /** The id the user gave (`<pool>/<uuid>` or a bare uuid in the default pool). */
  readonly id: string;
  readonly world: WorldSnapshot;
  readonly defaultPool: string;
}

/** The new state after a create, update or migrate. */
export interface ApplyResponse {
  readonly state: ObjectValue;
  readonly diagnostics?: readonly Diagnostic[];
}

/**
 * What the engine needs to know about a resource type beyond CRUD, declared by the type instead
 * of tested by name in engine code: chargeback, placement, cross-pool routing, durations.
 */
export interface ResourceCapabilities {
  /** Cost per hour from the rate card, before the pool multiplier (730 hours make a month). */
  hourlyCost?(attrs: ObjectValue, card: RateCard): number;
  /** Instances take host memory: the planner places them (placement blocks, capacity report). */
  readonly placed?: boolean;
  /** Its NICs may attach to networks of another pool, reached over a pool link. */
  readonly routesNics?: boolean;
  /** A network that NICs attach to: its pool decides whether a NIC needs a pool link. */
  readonly network?: boolean;
  /** Joins a network of one pool to a network of another (`pool`/`network`, `remote_pool`/`remote_network`). */
  readonly poolLink?: boolean;
  /** Estimated seconds of a create and of a delete, for critical-path-first scheduling. */
  readonly seconds?: { readonly create: number; readonly delete: number };
}

/**
 * A resource type. `read` is pure over the bulk records; everything that acts is async and
 * talks to XAPI through `ctx`. Errors a user can cause are thrown as `ResourceError` (a
 * diagnostic in an exception, so the executor reports it with the address); anything else is a bug.
 */
export interface ResourceType {
  readonly schema: ResourceSchema;
  /** XAPI classes `read` needs in the snapshot, so the refresher fetches each once per pool. */
  readonly classes: readonly XapiClass[];
  read(req: ReadRequest): ReadResponse;
  /** Optional plan-time refinement; the default keeps the schema-driven plan. */
  plan?(req: PlanRequest): PlanResponse;
  create(req: CreateRequest): Promise<ApplyResponse>;
  update(req: UpdateRequest): Promise<ApplyResponse>;
  delete(req: DeleteRequest): Promise<void>;
  /** Changes whose update class is `migrate` (live migration, storage motion). */
  migrate?(req: UpdateRequest): Promise<ApplyResponse>;
  import?(req: ImportRequest): ReadResponse;
  readonly capabilities?: ResourceCapabilities;
}

export interface DataReadRequest {
  readonly config: ObjectValue;
  readonly world: WorldSnapshot;
  readonly defaultPool: string;
}

export interface DataSourceType {
  readonly schema: ResourceSchema;
  readonly classes: readonly XapiClass[];
  /** Finds exactly one object; none or several is an error diagnostic listing candidates. */
  read(req: DataReadRequest): ReadResponse;
}

/** A user-facing failure inside a resource (bad reference, capacity, XAPI refusal explained). */
export class ResourceError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.summary);
    this.name = 'ResourceError';
  }
}

/**
 * A create that failed after its object came to exist (a VM whose start XAPI refused): `state`
 * is the object as it now is. The caller records it tainted, as Terraform does, so the next plan
 * replaces it instead of a second object being made beside it; `failure` is what went wrong.
 */
export class CreatedButFailed extends Error {
  constructor(readonly failure: unknown, readonly state: ObjectValue) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.name = 'CreatedButFailed';
  }
}
