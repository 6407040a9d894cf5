/**
 * How a XAPI message is declared: wire name, parameters (after the session) with types and
 * optional defaults, result type, and the implementation. The declared types do the argument
 * unmarshalling and the result encoding for both transports.
 */
import { sleep } from '../clock';
import { Database, newRef } from '../db/database';
import { XapiFailure } from '../errors';
import { FieldType, StoredValue, Transport } from '../model/types';
import { formatDateTime } from '../../xenapi/wire/values';
import { Pool, World } from '../world';

export interface ParamSpec {
  readonly name: string;
  readonly type: FieldType;
  /** Present when the parameter may be omitted (trailing only). */
  readonly default?: StoredValue;
}

export interface MethodSpec {
  /** Wire name, `Class.message`. */
  readonly name: string;
  readonly params: readonly ParamSpec[];
  /** `null` for void. */
  readonly result: FieldType | null;
  /** False for `session.login_with_password` and `system.*`. */
  readonly session: boolean;
  /** Whether `Async.<name>` exists. */
  readonly async: boolean;
  readonly impl: (ctx: CallContext, args: StoredValue[]) => unknown;
}

export type Impl = MethodSpec['impl'];

export function p(name: string, type: FieldType, dflt?: StoredValue): ParamSpec {
  return dflt === undefined ? { name, type } : { name, type, default: dflt };
}

/** Declares a custom message (async-capable, session-checked unless told otherwise). */
export function method(name: string, params: ParamSpec[], result: FieldType | null, impl: Impl, opts: { session?: boolean; async?: boolean } = {}): MethodSpec {
  return { name, params, result, impl, session: opts.session ?? true, async: opts.async ?? true };
}

/** Everything a method implementation may use. */
export class CallContext {
  private taskRef: string | undefined;

  /** @param task the task of an `Async.` call; for other calls `undefined` (an id is made on first use). */
  constructor(
    readonly world: World,
    readonly pool: Pool,
    readonly session: string,
    readonly transport: Transport,
    /** Host ref the request arrived at (the master unless addressed to a member). */
    readonly host: string,
    task: string | undefined,
    readonly isAsync: boolean,
  ) {
    this.taskRef = task;
  }

  /**
   * The task of an `Async.` call, or an internal id used as the key of current_operations: made
   * when first asked for, as most calls (a getter, a setter) never need one.
   */
  get task(): string {
    return (this.taskRef ??= newRef());
  }

  get db(): Database {
    return this.pool.db;
  }

  /** Current time as an xapi datetime string. */
  now(): string {
    return formatDateTime(new Date(this.world.clock.now()));
  }

  /** Waits on the world clock; raises `TASK_CANCELLED` if the task was cancelled meanwhile. */
  async sleep(ms: number): Promise<void> {
    await sleep(this.world.clock, ms);
    this.checkCancelled();
  }

  checkCancelled(): void {
    if (!this.isAsync) return;
    const t = this.db.get('task', this.task);
    if (t && (t.status === 'cancelling' || t.status === 'cancelled')) throw new XapiFailure('TASK_CANCELLED', [this.task]);
  }

  /** Sets the Async task's progress (0..1). */
  progress(fraction: number): void {
    if (this.isAsync && this.db.get('task', this.task)) this.db.set('task', this.task, 'progress', Math.min(1, Math.max(0, fraction)));
  }

  /** Models moving `bytes` of disk data: sleeps per GiB in steps, reporting progress. */
  async transfer(bytes: number): Promise<void> {
    const total = (bytes / 2 ** 30) * this.world.settings.latencyMsPerGiB;
    if (!(total > 0)) return;
    const steps = Math.min(10, Math.max(1, Math.ceil(total / 100)));
    for (let i = 1; i <= steps; i++) {
      await this.sleep(total / steps);
      this.progress(i / steps);
    }
  }
}
