/**
 * A test client that launches `bin/terraform-provider-xcp.js` exactly as Terraform's go-plugin
 * client does: environment (magic cookie, protocol versions, port range, a fresh P-521 client
 * certificate), stdin piped, handshake line parsed from stdout, gRPC over mutual TLS on the unix
 * socket with the server certificate from the handshake as the only root.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadProtos } from '../../src/tfplugin/protos';
import { certPemFromHandshake, CertificatePair, generateLocalhostCertificate } from '../../src/tfplugin/tls';
import { MAGIC_COOKIE_VALUE } from '../../src/tfplugin/handshake';

export const ROOT = join(__dirname, '..', '..');
export const PROVIDER_BIN = join(ROOT, 'bin', 'terraform-provider-xcp.js');

export interface Handshake {
  readonly core: string;
  readonly app: string;
  readonly network: string;
  readonly address: string;
  readonly protocol: string;
  readonly cert: string;
  readonly line: string;
}

export interface LaunchOptions {
  /** Working folder of the provider (where `.xcpform/` goes); a fresh temp folder by default. */
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  /** Omit the client certificate (as with TF_DISABLE_PLUGIN_TLS). */
  readonly plaintext?: boolean;
}

/** The environment go-plugin gives a plugin, plus the caller's. */
export function pluginEnv(clientCertPem: string | undefined, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '6,5',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    ...extra,
  };
  if (clientCertPem) env.PLUGIN_CLIENT_CERT = clientCertPem;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/** Resolves with the first stdout line, or rejects when the process exits first or at the deadline. */
export function firstLine(child: ChildProcess, deadlineMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`no handshake line within ${deadlineMs} ms`)), deadlineMs);
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(buf.slice(0, nl));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`plugin exited (${code}) before the handshake`)); });
  });
}

export function parseHandshake(line: string): Handshake {
  const [core, app, network, address, protocol, cert] = line.split('|');
  return { core, app, network, address, protocol, cert: cert ?? '', line };
}

type Call = (method: string, request: object) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A running provider process and gRPC clients connected to it. */
export class PluginProcess {
  readonly stderrLines: string[] = [];
  readonly stdoutAfterHandshake: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly clients: grpc.Client[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly handshake: Handshake,
    readonly clientCert: CertificatePair | undefined,
    readonly cwd: string,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null) resolve({ code: child.exitCode, signal: null });
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    child.stdout!.on('data', (d: Buffer) => this.stdoutAfterHandshake.push(d.toString('utf8')));
  }

  static async launch(options: LaunchOptions = {}): Promise<PluginProcess> {
    const clientCert = options.plaintext ? undefined : await generateLocalhostCertificate({ curve: 'P-521', commonName: 'localhost' });
    const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'xcp-tf-'));
    const child = spawn(process.execPath, [PROVIDER_BIN], {
      cwd,
      env: pluginEnv(clientCert?.certPem, options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    let partial = '';
    child.stderr!.on('data', (d: Buffer) => {
      partial += d.toString('utf8');
      const lines = partial.split('\n');
      partial = lines.pop()!;
      stderr.push(...lines);
    });
    const line = await firstLine(child);
    const proc = new PluginProcess(child, parseHandshake(line), clientCert, cwd);
    (proc as { stderrLines: string[] }).stderrLines = stderr;
    return proc;
  }

  /** Channel credentials as Terraform builds them; `cert` overrides the client certificate. */
  credentials(cert: CertificatePair | null | undefined = this.clientCert): grpc.ChannelCredentials {
    if (!this.handshake.cert) return grpc.credentials.createInsecure();
    const root = Buffer.from(certPemFromHandshake(this.handshake.cert));
    return cert ? grpc.credentials.createSsl(root, Buffer.from(cert.keyPem), Buffer.from(cert.certPem)) : grpc.credentials.createSsl(root);
  }

  /** A client of one service (`Provider`, `GRPCController`, `GRPCStdio`, `Health`). */
  client(service: keyof ReturnType<typeof loadProtos>['clients'], cert?: CertificatePair | null): grpc.Client {
    const Ctor = loadProtos().clients[service];
    const c = new Ctor(`unix:${this.handshake.address}`, this.credentials(cert), {
      'grpc.ssl_target_name_override': 'localhost',
      'grpc.default_authority': 'localhost',
      'grpc.max_receive_message_length': 256 * 1024 * 1024,
    });
    this.clients.push(c);
    return c;
  }

  /** A promise-returning unary caller for one service. */
  caller(service: 'Provider' | 'GRPCController' | 'Health' = 'Provider', cert?: CertificatePair | null): Call {
    const c = this.client(service, cert) as unknown as Record<string, (req: object, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: unknown) => void) => void>;
    return (method, request) => new Promise((resolve, reject) => {
      const fn = c[method];
      if (typeof fn !== 'function') return reject(new Error(`no method ${method}`));
      fn.call(c, request, { deadline: Date.now() + 60_000 }, (err, res) => (err ? reject(err) : resolve(res)));
    });
  }

  /** The tfplugin6 Provider service. */
  get provider(): Call {
    return (this.providerCall ??= this.caller('Provider'));
  }
  private providerCall: Call | undefined;

  /** Asks the process to exit the way Terraform does (GRPCController/Shutdown) and waits. */
  async shutdown(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null) {
      await this.caller('GRPCController')('Shutdown', {}).catch(() => undefined);
    }
    const res = await this.exited;
    this.close();
    return res;
  }

  /** Closes client channels and kills the process if it is still running. */
  close(): void {
    for (const c of this.clients) c.close();
    this.clients.length = 0;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
