/**
 * Calls to the copy without HTTP: the simulator's dispatcher answers in-process. Arguments and
 * answers are deep-copied in the form JSON-RPC gives them (`wire-copy.ts`), so the copy never
 * shares an object with the caller and values arrive exactly as over the wire, without writing
 * and parsing JSON text. The copy is still served over HTTP for what is not an RPC (disk
 * uploads and downloads).
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
      const outcome = await dispatch(world, { method, params: args, transport: 'json', pool, host });
      if (!outcome.ok) {
        await turn();
        const [code = 'INTERNAL_ERROR', ...rest] = outcome.error;
        throw new XapiError(code, rest);
      }
      const value = wireCopy(outcome.value);
      await turn();
      return value;
    },
    close: () => undefined,
  };
}
