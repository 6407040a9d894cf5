/**
 * The apply-time view of one VM: its pool's client, fresh records and refs. Steps that change
 * the VM call `refresh()` so the next step decides from what XAPI has now, not from the plan.
 */
import { isXapiError, type XapiClient, type XapiRecord } from '../../xenapi';
import { error } from '../../diagnostics';
import type { ApplyContext } from '../resource';
import { ResourceError } from '../resource';
import type { PoolRecords } from '../snapshot';
import { VM_CLASSES } from './read';

/** A VM step's re-reads look for its own writes, not for changes by others (see `poll`). */
const OWN_WRITES = { ownWritesOnly: true } as const;

export class VmHandle {
  private constructor(
    readonly ctx: ApplyContext,
    readonly pool: string,
    readonly client: XapiClient,
    public records: PoolRecords,
    public ref: string,
  ) {}

  /** A handle on the VM `ref` of `pool` (records fetched now). */
  static async open(ctx: ApplyContext, pool: string, ref: string): Promise<VmHandle> {
    const client = await ctx.client(pool);
    const records = await ctx.records(pool, VM_CLASSES, OWN_WRITES);
    return new VmHandle(ctx, pool, client, records, ref);
  }

  /** A handle on the VM with `uuid`; a ResourceError when it no longer exists. */
  static async byUuid(ctx: ApplyContext, pool: string, uuid: string): Promise<VmHandle> {
    const records = await ctx.records(pool, VM_CLASSES, OWN_WRITES);
    const hit = records.byUuid('VM', uuid);
    if (!hit) {
      throw new ResourceError(error('xcp_vm.gone', `VM ${uuid} no longer exists in pool "${pool}"`, {
        detail: 'It was deleted outside xcpform after the plan was made. Run plan again: it will be created anew.',
        address: ctx.address,
      }));
    }
    return new VmHandle(ctx, pool, await ctx.client(pool), records, hit.ref);
  }

  /**
   * A handle on the same VM with records of its own: for a part of a step that runs beside
   * other parts (see `together`), so one part's refresh does not change what another decides from.
   */
  fork(): VmHandle {
    return new VmHandle(this.ctx, this.pool, this.client, this.records, this.ref);
  }

  get vm(): XapiRecord<'VM'> {
    return this.records.get('VM', this.ref)!;
  }

  get uuid(): string {
    return this.vm.uuid;
  }

  /** Records as this step's own writes left them (see `ApplyContext.records`). */
  async refresh(): Promise<void> {
    this.records = await this.ctx.records(this.pool, VM_CLASSES, OWN_WRITES);
  }

  /** Records as they are now, whoever changed them: for a step waiting on the guest. */
  async poll(): Promise<void> {
    this.records = await this.ctx.records(this.pool, VM_CLASSES);
  }

  /** The pool's default SR ref (`pool.default_SR`). */
  defaultSr(): string {
    const [pool] = this.records.all('pool').values();
    return pool?.default_SR ?? 'OpaqueRef:NULL';
  }

  /** `VM.<method>(vm, ...args)`. */
  call(method: string, ...args: Parameters<XapiClient['call']>[1][]): Promise<unknown> {
    return this.client.call(`VM.${method}`, this.ref, ...args);
  }
}

/** Runs `fn`, treating the given XAPI error codes as success (e.g. DEVICE_ALREADY_DETACHED). */
export async function tolerate(codes: readonly string[], fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!(isXapiError(err) && codes.includes(err.code))) throw err;
  }
}
