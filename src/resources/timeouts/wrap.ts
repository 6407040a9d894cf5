/**
 * Honours a resource's `timeouts` block around its create, update, migrate and delete, for the
 * xcpform executor and terraform-provider-xcp alike (both call the resource type). An operation
 * runs with an abort signal that fires at its deadline: the signal reaches every XAPI call the
 * operation makes, including through `ctx.client()`, so a running `Async.*` task is cancelled
 * (`task.cancel`) and a waiting call returns. The operation then fails with `resource.timeout`
 * naming the resource and the timeout. If it completes anyway before the cancellation lands,
 * its result stands (the object exists), with a warning.
 *
 * The block is configuration, not an XAPI fact: `read` carries it over from the prior state, a
 * change of it alone changes only the state, and a plan hook that does not know it still plans
 * that change.
 */
import { error, warning } from '../../diagnostics';
import { valuesEqual, type ObjectValue, type Value } from '../../values/value';
import type { XapiClient } from '../../xenapi';
import { ResourceError, type ApplyContext, type ApplyResponse, type PlanResponse, type ResourceType } from '../resource';
import { parseDuration } from './duration';
import type { TimedOperation } from './schema';

/** How long an overdue operation may still take to settle once cancelled, before the timeout is reported. */
const SETTLE_MS = 30_000;

function timeoutOf(attrs: ObjectValue | null | undefined, op: TimedOperation): { text: string; ms: number } | undefined {
  const block = attrs?.timeouts;
  if (!block || typeof block !== 'object' || Array.isArray(block)) return undefined;
  const text = (block as ObjectValue)[op];
  if (typeof text !== 'string') return undefined;
  const ms = parseDuration(text);
  return ms === undefined ? undefined : { text, ms };
}

/** A client whose calls all carry `signal` (unless the caller gives its own). */
function signalled(client: XapiClient, signal: AbortSignal): XapiClient {
  return new Proxy(client, {
    get(target, prop) {
      switch (prop) {
        case 'call': return (method: string, ...args: never[]) => target.invoke(method, args, { signal });
        case 'callAsync': return (method: string, ...args: never[]) => target.invokeAsync(method, args, { signal });
        case 'invoke': return (method: string, args: never[], o: { signal?: AbortSignal } = {}) => target.invoke(method, args, { ...o, signal: o.signal ?? signal });
        case 'invokeAsync': return (method: string, args: never[], o: { signal?: AbortSignal } = {}) => target.invokeAsync(method, args, { ...o, signal: o.signal ?? signal });
        default: {
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}

/** The context of one bounded operation: its signal aborts at the deadline or with the caller's. */
function boundedContext(ctx: ApplyContext, ctl: AbortController): ApplyContext {
  return { ...ctx, signal: ctl.signal, client: async (pool) => signalled(await ctx.client(pool), ctl.signal) };
}

/** Runs `run` under the timeout `op` of `attrs`, if it sets one. */
async function bounded(op: TimedOperation, attrs: ObjectValue | null, ctx: ApplyContext, run: (ctx: ApplyContext) => Promise<ApplyResponse | void>): Promise<ApplyResponse | void> {
  const limit = timeoutOf(attrs, op);
  if (!limit) return run(ctx);
  const ctl = new AbortController();
  const outer = (): void => ctl.abort(ctx.signal?.reason);
  if (ctx.signal?.aborted) outer();
  else ctx.signal?.addEventListener('abort', outer, { once: true });
  const settled = run(boundedContext(ctx, ctl)).then((value) => ({ value }), (err: unknown) => ({ err }));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), limit.ms); });
  try {
    const first = await Promise.race([settled, deadline]);
    if (first !== 'late') {
      if ('err' in first) throw first.err;
      return first.value;
    }
    ctx.progress({ kind: 'message', text: `${op} is over its timeout of ${limit.text}: cancelling` });
    ctl.abort(new Error(`timeouts.${op} (${limit.text}) reached`));
    let grace: NodeJS.Timeout | undefined;
    const after = await Promise.race([settled, new Promise<'gone'>((resolve) => { grace = setTimeout(() => resolve('gone'), SETTLE_MS); })]);
    clearTimeout(grace);
    if (after !== 'gone' && 'value' in after && after.value) {
      const late = warning('resource.timeout-late', `${ctx.address}: ${op} finished after its timeout of ${limit.text}`, {
        address: ctx.address, path: ['timeouts', op],
        detail: `The ${op} completed before its cancellation reached XAPI, so its result is kept. Raise timeouts.${op} if it regularly needs longer.`,
      });
      return { ...after.value, diagnostics: [...(after.value.diagnostics ?? []), late] };
    }
    throw new ResourceError(error('resource.timeout', `${ctx.address}: ${op} did not finish within ${limit.text} (timeouts.${op})`, {
      address: ctx.address, path: ['timeouts', op],
      detail: `The ${op} of ${ctx.address} was stopped after ${limit.text}, the timeout its timeouts block sets, and the XenAPI task running then was cancelled. `
        + `What was done before stays: run plan to see it. Raise timeouts.${op} if the operation needs longer.`,
    }));
  } finally {
    clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', outer);
  }
}

function withBlock(state: ObjectValue, block: Value | undefined): ObjectValue {
  return { ...state, timeouts: block ?? null };
}

/** Whether the two states differ in nothing but `timeouts`. */
function onlyTimeouts(prior: ObjectValue, planned: ObjectValue): boolean {
  const keys = new Set([...Object.keys(prior), ...Object.keys(planned)]);
  keys.delete('timeouts');
  return [...keys].every((k) => valuesEqual(prior[k] ?? null, planned[k] ?? null));
}

/** `rt` with its `timeouts` block honoured (the block must be in its schema). */
export function withTimeouts<T extends ResourceType>(rt: T): T {
  const plan = rt.plan;
  return {
    ...rt,
    read: (req) => {
      const res = rt.read(req);
      return res.state ? { ...res, state: withBlock(res.state, req.prior.timeouts) } : res;
    },
    plan: (req) => {
      const res: PlanResponse = plan ? plan.call(rt, req) : { planned: req.planned };
      const changed = req.prior && !valuesEqual(req.prior.timeouts ?? null, req.planned.timeouts ?? null);
      const planned = withBlock(res.planned, req.planned.timeouts);
      // A hook that classifies changes itself does not know the block: its change is in place.
      if (changed && res.action === 'no-op') return { ...res, planned, action: 'update', changes: [...(res.changes ?? []), { path: ['timeouts'], update: 'in-place' }] };
      return { ...res, planned };
    },
    create: async (req) => {
      const res = (await bounded('create', req.planned, req.ctx, (ctx) => rt.create({ ...req, ctx }))) as ApplyResponse;
      return { ...res, state: withBlock(res.state, req.planned.timeouts) };
    },
    update: async (req) => {
      if (onlyTimeouts(req.prior, req.planned)) return { state: withBlock(req.prior, req.planned.timeouts) };
      const res = (await bounded('update', req.planned, req.ctx, (ctx) => rt.update({ ...req, ctx }))) as ApplyResponse;
      return { ...res, state: withBlock(res.state, req.planned.timeouts) };
    },
    ...(rt.migrate ? {
      migrate: async (req: Parameters<NonNullable<ResourceType['migrate']>>[0]) => {
        const res = (await bounded('update', req.planned, req.ctx, (ctx) => rt.migrate!({ ...req, ctx }))) as ApplyResponse;
        return { ...res, state: withBlock(res.state, req.planned.timeouts) };
      },
    } : {}),
    delete: async (req) => { await bounded('delete', req.prior, req.ctx, (ctx) => rt.delete({ ...req, ctx })); },
    import: rt.import ? (req) => {
      const res = rt.import!(req);
      return res.state ? { ...res, state: withBlock(res.state, null) } : res;
    } : undefined,
  };
}
