/**
 * Names and folders of a provider release as Terraform expects them: the package
 * `terraform-provider-xcp_<version>_<os>_<arch>.zip` holding `terraform-provider-xcp_v<version>`,
 * the checksum file, the registry manifest, and a mirror folder
 * `registry.terraform.io/xcpform/xcp/` that serves both as a `filesystem_mirror` (packed layout)
 * and, with its `index.json` and `<version>.json`, as a `network_mirror` over HTTPS.
 */
import { join } from 'node:path';

export const PROVIDER_TYPE = 'xcp';
export const NAMESPACE = 'xcpform';
export const REGISTRY_HOST = 'registry.terraform.io';
export const PROJECT = `terraform-provider-${PROVIDER_TYPE}`;

/** Terraform's platform name (`linux_amd64`) for a Node platform/arch pair. */
export function terraformPlatform(platform: string, arch: string): string {
  const os = ({ linux: 'linux', darwin: 'darwin', win32: 'windows', freebsd: 'freebsd' } as Record<string, string>)[platform];
  const cpu = ({ x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' } as Record<string, string>)[arch];
  if (!os || !cpu) throw new Error(`no Terraform platform name for ${platform}/${arch}`);
  return `${os}_${cpu}`;
}

export const packageName = (version: string, platform: string): string => `${PROJECT}_${version}_${platform}.zip`;
export const executableName = (version: string, platform: string): string => `${PROJECT}_v${version}${platform.startsWith('windows_') ? '.exe' : ''}`;
export const sumsName = (version: string): string => `${PROJECT}_${version}_SHA256SUMS`;
export const manifestName = (version: string): string => `${PROJECT}_${version}_manifest.json`;
/** The provider's folder inside a mirror root. */
export const mirrorProviderDir = (mirrorRoot: string): string => join(mirrorRoot, REGISTRY_HOST, NAMESPACE, PROVIDER_TYPE);
