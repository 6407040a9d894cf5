/**
 * The ends of `Async.*` tasks as a pool's catch-ups report them (see LiveWorld.taskOutcome).
 * Once an apply step starts an async call on a pool, every later catch-up of that pool also
 * asks for the `task` class, from a token of its own: a catch-up that was already on its way
 * when the task ended (and did not ask for tasks) moves the records' tokens past the task's
 * events, so the next one asking for tasks starts from the task class's older token instead
 * and misses none of them. A task seen ended is kept, with the tick at which the catch-up that
 * saw it started, until its waiter takes it (or its `del` event comes); other clients' tasks are
 * kept a short while too, at most {@link MAX_ENDED} of them.
 */
import type { EventBatch, TaskRecord } from '../xenapi';

/** How many ended tasks are kept for waiters that have not asked yet. */
export const MAX_ENDED = 4096;

/** A task's end as a catch-up saw it. */
export interface TaskEnd {
  readonly record: TaskRecord;
  /** The tick the catch-up that saw it started at: records as fresh show its effects. */
  readonly seenAt: number;
}

export class TaskWatch {
  private readonly ended = new Map<string, TaskEnd>();

  /**
   * @param token the `event.from` token task events are reported after
   * @param since the tick of the catch-up (or read) the token came from
   */
  constructor(public token: string, public since: number) {}

  /** Takes in a catch-up's batch (it asked for tasks), which started at tick `started`. */
  seen(batch: Omit<EventBatch, 'reset'>, started: number): void {
    for (const e of batch.events) {
      if (e.class !== 'task') continue;
      const rec = e.snapshot as TaskRecord | undefined;
      if (e.operation === 'del' || !rec) this.ended.delete(e.ref);
      else if (rec.status !== 'pending') this.ended.set(e.ref, { record: rec, seenAt: started });
    }
    for (const ref of this.ended.keys()) {
      if (this.ended.size <= MAX_ENDED) break;
      this.ended.delete(ref);
    }
    this.token = batch.token;
    this.since = started;
  }

  /** The end of `task` if a catch-up saw it, removed from the watch. */
  take(task: string): TaskEnd | undefined {
    const end = this.ended.get(task);
    this.ended.delete(task);
    return end;
  }

  /** After a full read from `token`: task events before it are gone, and so are the ends kept. */
  restart(token: string, since: number): void {
    this.token = token;
    this.since = since;
    this.ended.clear();
  }
}
