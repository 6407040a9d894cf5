/**
 * Real `terraform` installing terraform-provider-xcp the way users do: from a mirror of the
 * release (`filesystem_mirror` folder or `network_mirror` over HTTPS), through a CLI
 * configuration file, offline (every other provider address would go to the registry, and none
 * is used). Commands run asynchronously so a mirror served by this process can answer.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { generateLocalhostCertificate } from '../../src/tfplugin/tls';

export interface TfResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where terraform gets the provider from. */
export type MirrorSource = { readonly filesystem: string } | { readonly network: string; readonly caFile: string };

/** The CLI configuration text for a mirror (only xcpform's providers come from it). */
export function cliConfig(source: MirrorSource): string {
  const method = 'filesystem' in source
    ? `  filesystem_mirror {\n    path    = ${JSON.stringify(source.filesystem)}\n    include = ["registry.terraform.io/xcpform/*"]\n  }`
    : `  network_mirror {\n    url     = ${JSON.stringify(source.network)}\n    include = ["registry.terraform.io/xcpform/*"]\n  }`;
  return `provider_installation {\n${method}\n  direct {\n    exclude = ["registry.terraform.io/xcpform/*"]\n  }\n}\n`;
}

/** Environment for terraform (and tools that run it) using `source`. */
export function mirrorEnv(root: string, source: MirrorSource): NodeJS.ProcessEnv {
  const file = join(root, 'cli.tfrc');
  writeFileSync(file, cliConfig(source));
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: file, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', NO_COLOR: '1' };
  if ('network' in source) env.SSL_CERT_FILE = source.caFile;
  delete env.TF_LOG;
  delete env.TF_PLUGIN_CACHE_DIR;
  return env;
}

/** Runs a command to completion without blocking the event loop. */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<TfResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
  });
}

/** A terraform working folder with its own CLI configuration. */
export class MirrorWorkspace {
  readonly root = mkdtempSync(join(tmpdir(), 'xcp-tfmirror-'));
  readonly dir = join(this.root, 'work');
  readonly env: NodeJS.ProcessEnv;

  constructor(source: MirrorSource) {
    mkdirSync(this.dir);
    this.env = mirrorEnv(this.root, source);
  }

  write(mainTf: string): void {
    writeFileSync(join(this.dir, 'main.tf'), mainTf);
  }

  lockFile(): string {
    return readFileSync(join(this.dir, '.terraform.lock.hcl'), 'utf8');
  }

  /** Runs terraform and fails with its output when the exit code is not `code`. */
  async expect(args: string[], code = 0): Promise<TfResult> {
    const res = await run('terraform', args, this.dir, this.env);
    if (res.code !== code) throw new Error(`terraform ${args.join(' ')} exited ${res.code} (expected ${code}):\n${res.stdout}\n${res.stderr}`);
    return res;
  }
}

/** A network mirror: the folder served over HTTPS on 127.0.0.1 with a fresh certificate. */
export interface MirrorServer {
  /** Base URL ending in `/`. */
  readonly url: string;
  /** PEM file of the server's certificate, for `SSL_CERT_FILE`. */
  readonly caFile: string;
  /** Request lines seen (`GET /path`). */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function serveMirror(root: string): Promise<MirrorServer> {
  const cert = await generateLocalhostCertificate();
  const caFile = join(mkdtempSync(join(tmpdir(), 'xcp-mirror-ca-')), 'ca.pem');
  writeFileSync(caFile, cert.certPem);
  const requests: string[] = [];
  const server: Server = createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const path = normalize(join(root, decodeURIComponent((req.url ?? '/').split('?')[0])));
    if (!path.startsWith(root + sep)) { res.writeHead(404).end(); return; }
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch {
      res.writeHead(404).end();
      return;
    }
    const type = path.endsWith('.json') ? 'application/json' : 'application/zip';
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}/`,
    caFile,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
