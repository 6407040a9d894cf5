/**
 * Counts what the rehearsal's apply asks of the copy: calls per pool and per apply vertex
 * (a change, or the destroy half of a replacement), and the last XenAPI error each vertex got,
 * which is what the rehearsal reports for a change that failed.
 */
import { destroyVertexId } from '../dag';
import { isXapiError, type CallOptions, type XapiClient, type XapiEncodable, type XapiValue } from '../xenapi';

export interface XapiErrorSeen {
  readonly code: string;
  readonly params: readonly string[];
  readonly method?: string;
}

export class CallRecorder {
  /** Calls per pool. */
  readonly perPool = new Map<string, number>();
  /**
   * Round trips per apply vertex, by pool: the durations of the estimate. A call made while
   * another of the same vertex is on its way rides on that one's round trip (a VM create sends
   * its independent writes together): only calls made while none is in flight count.
   */
  readonly perVertex = new Map<string, Map<string, number>>();
  /** Calls in flight per vertex. */
  private readonly inFlight = new Map<string, number>();
  /** Last XenAPI error of each vertex (cleared when the vertex starts). */
  readonly lastError = new Map<string, XapiErrorSeen>();
  /** The vertex each address is running now (a replacement runs its two vertices one after the other). */
  private readonly running = new Map<string, string>();

  /** The executor started `address` (`destroy` for the destroy half). */
  started(address: string, destroy: boolean): void {
    const vertex = destroy ? destroyVertexId(address) : address;
    this.running.set(address, vertex);
    this.lastError.delete(vertex);
  }

  vertexOf(address: string): string {
    return this.running.get(address) ?? address;
  }

  /**
   * One call to `pool` on behalf of `address` ('' for none) begins; the function returned ends
   * it. A round trip of the vertex when none of its calls was in flight.
   */
  begin(pool: string, address: string): () => void {
    this.perPool.set(pool, (this.perPool.get(pool) ?? 0) + 1);
    if (!address) return () => undefined;
    const vertex = this.vertexOf(address);
    const busy = this.inFlight.get(vertex) ?? 0;
    this.inFlight.set(vertex, busy + 1);
    if (busy === 0) {
      let byPool = this.perVertex.get(vertex);
      if (!byPool) { byPool = new Map(); this.perVertex.set(vertex, byPool); }
      byPool.set(pool, (byPool.get(pool) ?? 0) + 1);
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight.set(vertex, (this.inFlight.get(vertex) ?? 1) - 1);
    };
  }

  /**
   * The client as `address` sees it: every `invoke` (which `call`, the typed reads and the
   * task polling go through) is counted, and a XenAPI error thrown by a call or by the task of
   * an async call is remembered for the vertex. Everything else is the shared client itself,
   * so its session and connections are shared.
   */
  clientFor(client: XapiClient, pool: string, address: string): XapiClient {
    const remember = (err: unknown, method: unknown): void => {
      if (address && isXapiError(err)) this.lastError.set(this.vertexOf(address), { code: err.code, params: err.params.map(String), ...(typeof method === 'string' ? { method } : {}) });
    };
    // Made once per client handed out: the proxy's trap runs on every property read.
    // Its parameters spelled out: a rest array per call adds up over a rehearsal's thousands.
    const invoke = async (method: string, args: readonly XapiEncodable[], options?: CallOptions): Promise<XapiValue> => {
      const end = this.begin(pool, address);
      try { return await client.invoke(method, args, options); } catch (err) { remember(err, method); throw err; } finally { end(); }
    };
    const wrapped = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>();
    const proxy: XapiClient = new Proxy(client, {
      get: (target, prop, receiver) => {
        if (prop === 'invoke') return invoke;
        const value = Reflect.get(target, prop, receiver) as unknown;
        if ((prop === 'invokeAsync' || prop === 'callAsync') && typeof value === 'function') {
          // Run with the proxy as `this`, so the calls it makes are counted; a failed task's error is the change's.
          let fn = wrapped.get(prop);
          if (!fn) {
            fn = async (...args: unknown[]) => {
              try { return await (value as (...a: unknown[]) => Promise<unknown>).apply(proxy, args); } catch (err) { remember(err, args[0]); throw err; }
            };
            wrapped.set(prop, fn);
          }
          return fn;
        }
        return value;
      },
    });
    return proxy;
  }
}
