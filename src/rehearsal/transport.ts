/**
 * Calls to the copy without HTTP: the simulator's dispatcher answers in-process. Arguments are
 * deep-copied in the form JSON-RPC gives them (`wire-copy.ts`); answers come from the
 * dispatcher's `inproc` transport, which builds them in that form as fresh values (records are
 * not handed over as the database holds them). So the copy never shares an object with the
 * caller and values arrive exactly as over the wire, without writing and parsing JSON text. The
 * copy is still served over HTTP for what is not an RPC (disk uploads and downloads).
 */
import { dispatch } from '../simulator/dispatch/dispatcher';
import type { Pool, World } from '../simulator/world';
import { XapiError, type Transport, type XapiEncodable, type XapiValue } from '../xenapi';
import { wireCopy } from './wire-copy';

/** One turn of the event loop, as a socket gives between a request and its reply. */
const turn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

export function inProcessTransport(world: World, pool: Pool, url: string): Transport {
  // Every call is addressed to the master, as the client's calls to the pool URL are.
  const host = pool.master;
  return {
    url,
    protocol: 'jsonrpc',
    async call(method: string, params: readonly XapiEncodable[]): Promise<XapiValue> {
      const args = wireCopy(params) as XapiValue[];
      // A turn of the event loop each way, as a socket gives: work the copy finishes in the
      // background (an Async call's task) gets to run before the next call, in the same order
      // as over HTTP.
      await turn();
      const outcome = await dispatch(world, { method, params: args, transport: 'inproc', pool, host });
      if (!outcome.ok) {
        await turn();
        const [code = 'INTERNAL_ERROR', ...rest] = outcome.error;
        throw new XapiError(code, rest);
      }
      // Fresh already (see above), but for system.listMethods, whose list is the method's own.
      const value = outcome.bare ? wireCopy(outcome.value) : (outcome.value as XapiValue);
      await turn();
      return value;
    },
    close: () => undefined,
  };
}
