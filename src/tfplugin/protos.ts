/**
 * Loads the project's `.proto` files (`proto/` beside this file) with @grpc/proto-loader.
 * tsc does not copy `.proto` files to `dist/`, so when running compiled code the files are
 * read from the source tree, which ships alongside `dist/` in the package.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** The folder holding `tfplugin6.proto`, `plugin.proto` and `health.proto`. */
export function protoDir(): string {
  const candidates = [
    join(__dirname, 'proto'), // ts-jest / ts-node: src/tfplugin
    join(__dirname, '..', '..', '..', 'src', 'tfplugin', 'proto'), // dist/src/tfplugin
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'tfplugin6.proto')));
  if (!found) throw new Error(`terraform-provider-xcp: proto files not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** proto-loader options shared by the server and the test client: snake_case names as in the
 * proto, int64 as JS numbers, bytes as Buffers, enums as names, oneofs named. */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
};

export interface PluginProtos {
  readonly provider: grpc.ServiceDefinition;
  readonly controller: grpc.ServiceDefinition;
  readonly stdio: grpc.ServiceDefinition;
  readonly health: grpc.ServiceDefinition;
  /** Client constructors, for tests and tools. */
  readonly clients: {
    readonly Provider: grpc.ServiceClientConstructor;
    readonly GRPCController: grpc.ServiceClientConstructor;
    readonly GRPCStdio: grpc.ServiceClientConstructor;
    readonly Health: grpc.ServiceClientConstructor;
  };
}

let cached: PluginProtos | undefined;

/** Loads (once) and returns the service definitions. */
export function loadProtos(): PluginProtos {
  if (cached) return cached;
  const dir = protoDir();
  const pkg = (file: string) => grpc.loadPackageDefinition(protoLoader.loadSync(join(dir, file), { ...LOADER_OPTIONS, includeDirs: [dir] }));
  const tf = pkg('tfplugin6.proto') as unknown as { tfplugin6: { Provider: grpc.ServiceClientConstructor } };
  const plugin = pkg('plugin.proto') as unknown as { plugin: { GRPCController: grpc.ServiceClientConstructor; GRPCStdio: grpc.ServiceClientConstructor } };
  const health = pkg('health.proto') as unknown as { grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } } };
  const clients = {
    Provider: tf.tfplugin6.Provider,
    GRPCController: plugin.plugin.GRPCController,
    GRPCStdio: plugin.plugin.GRPCStdio,
    Health: health.grpc.health.v1.Health,
  };
  cached = {
    provider: clients.Provider.service,
    controller: clients.GRPCController.service,
    stdio: clients.GRPCStdio.service,
    health: clients.Health.service,
    clients,
  };
  return cached;
}
