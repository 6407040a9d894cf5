/**
 * Calls to the copy without HTTP: the simulator's dispatcher answers in-process, and both the
 * arguments and the answer go through JSON text as on the wire (so the copy never shares an
 * object with the caller, and values arrive in exactly the form the JSON-RPC transport gives).
 * The copy is still served over HTTP for what is not an RPC (disk uploads and downloads).
 */
import { dispatch } from '../simulator/dispatch/dispatcher';
import type { Pool, World } from '../simulator/world';
import { XapiError, type Transport, type XapiEncodable, type XapiValue } from '../xenapi';
import { encodeJson } from '../xenapi/wire/jsonrpc';

export function inProcessTransport(world: World, pool: Pool, url: string): Transport {
  // Every call is addressed to the master, as the client's calls to the pool URL are.
  const host = pool.master;
  return {
    url,
    protocol: 'jsonrpc',
    async call(method: string, params: readonly XapiEncodable[]): Promise<XapiValue> {
      const args = JSON.parse(encodeJson([...params])) as XapiValue[];
      // A turn of the event loop each way, as a socket gives: work the copy finishes in the
      // background (an Async call's task) gets to run before the next call, in the same order
      // as over HTTP.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const outcome = await dispatch(world, { method, params: args, transport: 'json', pool, host });
      if (!outcome.ok) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const [code = 'INTERNAL_ERROR', ...rest] = outcome.error;
        throw new XapiError(code, rest);
      }
      const value = JSON.parse(encodeJson(outcome.value)) as XapiValue;
      await new Promise<void>((resolve) => setImmediate(resolve));
      return value;
    },
    close: () => undefined,
  };
}
