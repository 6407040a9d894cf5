/**
 * The go-plugin handshake (reference tfplugin.md sections 1.2 and 1.3): the magic cookie that
 * tells a plugin it was started by Terraform, protocol version negotiation, and the single line
 * printed on stdout that tells Terraform where and how to connect.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
/** go-plugin's CoreProtocolVersion. */
export const CORE_PROTOCOL_VERSION = 1;
/** The only application protocol served: tfplugin6. */
export const APP_PROTOCOL_VERSION = 6;

/** True when the process was started by a go-plugin host (Terraform or OpenTofu). */
export function hasMagicCookie(env: NodeJS.ProcessEnv): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/** What a person running the binary by hand reads. */
export const RUN_BY_HAND_MESSAGE = [
  'terraform-provider-xcp is a Terraform/OpenTofu provider plugin: terraform or tofu starts it, you do not.',
  '',
  'To use it, either declare the provider in your configuration:',
  '  terraform { required_providers { xcp = { source = "xcpform/xcp" } } }',
  'or, for a local build, point a CLI configuration file (TF_CLI_CONFIG_FILE) at this folder:',
  '  provider_installation {',
  '    dev_overrides { "registry.terraform.io/xcpform/xcp" = "<folder holding terraform-provider-xcp>" }',
  '    direct {}',
  '  }',
  'To debug it, run `terraform-provider-xcp --debug` and export the TF_REATTACH_PROVIDERS line it prints.',
  '',
].join('\n');

/**
 * The app protocol version to announce. Terraform offers `5,6` (in either order); only 6 is
 * served, and when 6 is not offered it is still announced so that the host reports the mismatch
 * in its own words.
 */
export function negotiateVersion(env: NodeJS.ProcessEnv): { version: number; offered: boolean } {
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? '').split(',').map((s) => s.trim());
  return { version: APP_PROTOCOL_VERSION, offered: offered.includes(String(APP_PROTOCOL_VERSION)) };
}

/** A fresh, short socket path (sun_path is ~107 bytes), in PLUGIN_UNIX_SOCKET_DIR or $TMPDIR. */
export function newSocketPath(env: NodeJS.ProcessEnv): string {
  const base = env.PLUGIN_UNIX_SOCKET_DIR || tmpdir();
  return join(mkdtempSync(join(base, 'plugin')), 'p.sock');
}

export interface HandshakeFields {
  readonly network: 'unix' | 'tcp';
  readonly address: string;
  /** `handshakeCertField` of the server certificate, or '' when serving without TLS. */
  readonly cert: string;
}

/** `1|6|unix|/tmp/plugin123/p.sock|grpc|MIIB...` followed by a newline. */
export function handshakeLine(fields: HandshakeFields): string {
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|${fields.network}|${fields.address}|grpc|${fields.cert}\n`;
}

/** The `TF_REATTACH_PROVIDERS` value for a provider served in debug mode. */
export function reattachConfig(socketPath: string, pid: number): string {
  return JSON.stringify({
    'registry.terraform.io/xcpform/xcp': {
      Protocol: 'grpc',
      ProtocolVersion: APP_PROTOCOL_VERSION,
      Pid: pid,
      Test: true,
      Addr: { Network: 'unix', String: socketPath },
    },
  });
}
