/**
 * Entry point of `terraform-provider-xcp` (bin/terraform-provider-xcp.js). Started by
 * Terraform or OpenTofu through go-plugin: checks the magic cookie, makes a certificate when
 * the host asked for mutual TLS, serves gRPC on a unix socket, prints the handshake line, and
 * runs until the host calls `GRPCController/Shutdown`. SIGINT is ignored (the host sends
 * StopProvider instead); SIGTERM shuts down. With `--debug` it serves plaintext and prints the
 * `TF_REATTACH_PROVIDERS` value to use.
 */
import { VERSION } from '../version';
import { handshakeLine, hasMagicCookie, negotiateVersion, newSocketPath, reattachConfig, RUN_BY_HAND_MESSAGE } from './handshake';
import { levelFromEnv, Logger } from './log';
import { ProviderService } from './provider-service';
import { startPluginServer } from './server';
import { generateLocalhostCertificate, handshakeCertField } from './tls';

/** Runs the plugin; resolves to the process exit code once the host is done with it. */
export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stderr.write(RUN_BY_HAND_MESSAGE);
    return 0;
  }
  if (args.includes('--version')) {
    process.stderr.write(`terraform-provider-xcp ${VERSION} (plugin protocol 6)\n`);
    return 0;
  }
  const debug = args.includes('--debug');
  if (!debug && !hasMagicCookie(env)) {
    process.stderr.write(RUN_BY_HAND_MESSAGE);
    return 1;
  }
  // stdout carries the handshake line and nothing else; stray console output goes to stderr.
  const writeStdout = process.stdout.write.bind(process.stdout);
  console.log = console.error;
  console.info = console.error;
  process.on('SIGINT', () => undefined);

  const log = new Logger(levelFromEnv(env));
  const { offered } = negotiateVersion(env);
  if (!debug && !offered) log.warn('the host did not offer plugin protocol 6; announcing 6 anyway', { offered: env.PLUGIN_PROTOCOL_VERSIONS ?? '' });

  const clientCertPem = !debug ? env.PLUGIN_CLIENT_CERT : undefined;
  const cert = clientCertPem ? await generateLocalhostCertificate() : undefined;
  const socketPath = newSocketPath(env);
  const service = new ProviderService({ log, env, workDir: process.cwd() });

  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => { finish = resolve; });
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await server.close();
      await service.close();
    } catch (err) {
      log.error('error during shutdown', { error: (err as Error).message });
    }
    finish(code);
  };

  const server = await startPluginServer({
    socketPath,
    tls: cert && clientCertPem ? { ...cert, clientCertPem } : undefined,
    rpcs: service.rpcs(),
    log,
    onShutdown: () => void shutdown(0),
  });
  process.on('SIGTERM', () => void shutdown(0));

  if (debug) {
    process.stderr.write(`terraform-provider-xcp serving in debug mode (plaintext) on ${socketPath}.\nIn another shell:\n\n`);
    writeStdout(`export TF_REATTACH_PROVIDERS='${reattachConfig(socketPath, process.pid)}'\n`);
  } else {
    writeStdout(handshakeLine({ network: 'unix', address: socketPath, cert: cert ? handshakeCertField(cert.certPem) : '' }));
  }
  log.info('serving', { socket: socketPath, tls: Boolean(cert), protocol: 6 });

  const code = await finished;
  // Exit promptly even if something (a keep-alive socket) still holds the event loop:
  // the host kills the process 2 s after Shutdown.
  setTimeout(() => process.exit(code), 100).unref();
  return code;
}
