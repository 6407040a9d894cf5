/**
 * The gRPC server of the plugin process: the tfplugin6 Provider service plus go-plugin's side
 * services (GRPCController/Shutdown, GRPCStdio, grpc.health.v1) on a unix socket, with mutual
 * TLS trusting only the client certificate Terraform passed in PLUGIN_CLIENT_CERT.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadProtos } from './protos';
import type { Logger } from './log';

/** A handler of one unary RPC: request message in, response message out. */
export type UnaryHandler = (request: any) => Promise<Record<string, unknown>>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ServerTls {
  readonly certPem: string;
  readonly keyPem: string;
  /** PEM of the only client certificate to accept. */
  readonly clientCertPem: string;
}

export interface PluginServerOptions {
  readonly socketPath: string;
  /** Without TLS the server is plaintext (TF_DISABLE_PLUGIN_TLS, or --debug). */
  readonly tls?: ServerTls;
  /** tfplugin6 RPC name → handler; methods not listed answer UNIMPLEMENTED. */
  readonly rpcs: Readonly<Record<string, UnaryHandler>>;
  readonly log: Logger;
  /** Called after Shutdown was answered. */
  onShutdown(): void;
}

export interface PluginServer {
  /** Stops serving, ends open streams, removes the socket. */
  close(): Promise<void>;
}

/** Terraform sends and accepts messages up to 256 MiB; grpc-js receives 4 MiB by default. */
const MAX_MESSAGE = 256 * 1024 * 1024;

export async function startPluginServer(options: PluginServerOptions): Promise<PluginServer> {
  const protos = loadProtos();
  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_MESSAGE, 'grpc.max_send_message_length': MAX_MESSAGE });
  const streams = new Set<grpc.ServerWritableStream<unknown, unknown>>();

  const provider: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(options.rpcs)) provider[name] = unary(name, handler, options.log);
  server.addService(protos.provider, provider);

  server.addService(protos.controller, {
    Shutdown: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      options.log.debug('shutdown requested by the host');
      callback(null, {});
      setImmediate(() => options.onShutdown());
    },
  });
  server.addService(protos.stdio, {
    // Nothing is forwarded (Terraform logs any data received as "unexpected"); the stream
    // stays open so that the host does not see an error, and ends at shutdown.
    StreamStdio: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      streams.add(call);
      call.on('cancelled', () => streams.delete(call));
    },
  });
  server.addService(protos.health, {
    Check: (call: grpc.ServerUnaryCall<{ service: string }, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const known = call.request.service === '' || call.request.service === 'plugin';
      callback(null, { status: known ? 'SERVING' : 'SERVICE_UNKNOWN' });
    },
  });

  const creds = options.tls
    ? grpc.ServerCredentials.createSsl(Buffer.from(options.tls.clientCertPem), [
      { private_key: Buffer.from(options.tls.keyPem), cert_chain: Buffer.from(options.tls.certPem) },
    ], true)
    : grpc.ServerCredentials.createInsecure();
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(`unix:${options.socketPath}`, creds, (err) => (err ? reject(err) : resolve()));
  });

  let closed = false;
  return {
    async close() {
      if (closed) return;
      closed = true;
      for (const s of streams) s.end();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { server.forceShutdown(); resolve(); }, 500);
        server.tryShutdown(() => { clearTimeout(timer); resolve(); });
      });
      rmSync(dirname(options.socketPath), { recursive: true, force: true });
    },
  };
}

/**
 * Wraps a handler: a thrown exception is a bug, but it is still answered with an error
 * diagnostic (every tfplugin6 response has `diagnostics`) rather than a gRPC failure, which
 * Terraform would report as an opaque "Plugin error".
 */
function unary(name: string, handler: UnaryHandler, log: Logger): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    const started = Date.now();
    log.trace('rpc start', { rpc: name });
    handler(call.request).then(
      (response) => {
        log.trace('rpc done', { rpc: name, ms: Date.now() - started });
        callback(null, response);
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        log.error('internal error', { rpc: name, error: message });
        if (name === 'StopProvider') return callback(null, { Error: message });
        callback(null, {
          diagnostics: [{
            severity: 'ERROR',
            summary: 'Internal error in terraform-provider-xcp',
            detail: `${name} failed: ${message}. This is a bug in xcpform; please report it with the provider log (TF_LOG_PROVIDER=debug).`,
          }],
        });
      },
    );
  };
}
