/**
 * The released provider as Terraform users install it: `npm run release` builds a single
 * executable (no Node.js needed), packs it as Terraform expects, and writes a mirror; real
 * terraform installs it offline from that mirror with a version constraint, records its `h1:`
 * hash in the lock file, agrees with `providers lock`, and plans/applies/destroys against the
 * embedded simulator. The release is built once per compiled provider (test/helpers/release-build.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../../scripts/release/dirhash';
import { builtRelease, type BuiltRelease } from '../helpers/release-build';
import { terraformVersion } from '../helpers/tfplugin-terraform';
import { MirrorWorkspace, serveMirror } from '../helpers/terraform-mirror';

jest.setTimeout(900_000);

/** Central-directory entries of a zip: name and Unix mode. */
function zipEntries(zip: Buffer): { name: string; mode: number }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out: { name: string; mode: number }[] = [];
  for (let i = 0; i < count; i++) {
    const nameLen = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    out.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLen), mode: zip.readUInt32LE(at + 38) >>> 16 });
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

const config = (version: string): string => `terraform {
  required_providers {
    xcp = {
      source  = "xcpform/xcp"
      version = "${version}"
    }
  }
}

provider "xcp" {
  pools = { dc1 = { url = "embedded" } }
}

resource "xcp_network" "lan" {
  name_label = "lan"
  mtu        = 1500
}

output "lan" {
  value = xcp_network.lan.name_label
}
`;

describe('released provider', () => {
  let rel: BuiltRelease;
  beforeAll(() => {
    terraformVersion();
    rel = builtRelease();
  });

  test('the package: the executable (mode 755) and proto files, no folder entries; checksums and mirror JSON agree', () => {
    const zip = readFileSync(rel.zip);
    expect(rel.zip.endsWith(`terraform-provider-xcp_${rel.version}_${rel.platform}.zip`)).toBe(true);
    const entries = zipEntries(zip);
    expect(entries).toEqual([
      { name: `terraform-provider-xcp_v${rel.version}`, mode: 0o100755 },
      { name: 'proto/health.proto', mode: 0o100644 },
      { name: 'proto/plugin.proto', mode: 0o100644 },
      { name: 'proto/tfplugin6.proto', mode: 0o100644 },
    ]);
    const sums = readFileSync(join(rel.dir, `terraform-provider-xcp_${rel.version}_SHA256SUMS`), 'utf8');
    expect(sums).toContain(`${sha256Hex(zip)}  terraform-provider-xcp_${rel.version}_${rel.platform}.zip\n`);
    expect(rel.zh).toBe(`zh:${sha256Hex(zip)}`);
    const manifest = JSON.parse(readFileSync(join(rel.dir, `terraform-provider-xcp_${rel.version}_manifest.json`), 'utf8'));
    expect(manifest).toEqual({ version: 1, metadata: { protocol_versions: ['6.0'] } });
    const provider = join(rel.mirrorRoot, 'registry.terraform.io', 'xcpform', 'xcp');
    expect(JSON.parse(readFileSync(join(provider, 'index.json'), 'utf8'))).toEqual({ versions: { [rel.version]: {} } });
    expect(JSON.parse(readFileSync(join(provider, `${rel.version}.json`), 'utf8'))).toEqual({
      archives: { [rel.platform]: { url: `terraform-provider-xcp_${rel.version}_${rel.platform}.zip`, hashes: [rel.h1, rel.zh] } },
    });
    expect(readFileSync(join(provider, `terraform-provider-xcp_${rel.version}_${rel.platform}.zip`)).equals(zip)).toBe(true);
  });

  test('filesystem mirror: init with a version constraint, h1 in the lock file, providers lock agrees, plan/apply/destroy; the executable needs no Node.js', async () => {
    const ws = new MirrorWorkspace({ filesystem: rel.mirrorRoot });
    ws.write(config('~> 0.1'));
    const init = await ws.expect(['init', '-no-color']);
    expect(init.stdout).toContain(`Installed xcpform/xcp v${rel.version} (unauthenticated)`);
    const lock = ws.lockFile();
    expect(lock).toContain('provider "registry.terraform.io/xcpform/xcp" {');
    expect(lock).toContain(`version     = "${rel.version}"`);
    expect(lock).toContain('constraints = "~> 0.1"');
    expect(lock).toContain(`"${rel.h1}",`);
    expect(lock).not.toContain('zh:');

    const locked = await ws.expect(['providers', 'lock', `-fs-mirror=${rel.mirrorRoot}`, `-platform=${rel.platform}`, '-no-color']);
    expect(locked.stdout).toContain('All checksums for this platform were already tracked in the lock file');
    expect(ws.lockFile()).toBe(lock);

    // What terraform unpacked is the single executable: it runs with no Node.js on the PATH.
    const exe = join(ws.dir, '.terraform', 'providers', 'registry.terraform.io', 'xcpform', 'xcp', rel.version, rel.platform, `terraform-provider-xcp_v${rel.version}`);
    expect(statSync(exe).mode & 0o111).toBe(0o111);
    const version = spawnSync(exe, ['--version'], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
    expect(version.stderr).toBe(`terraform-provider-xcp ${rel.version} (plugin protocol 6)\n`);

    const plan = await ws.expect(['plan', '-no-color']);
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(plan.stderr).not.toContain('development overrides');
    const apply = await ws.expect(['apply', '-auto-approve', '-no-color']);
    expect(apply.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    expect(apply.stdout).toContain('lan = "lan"');
    await ws.expect(['plan', '-detailed-exitcode', '-no-color'], 0);
    const destroy = await ws.expect(['destroy', '-auto-approve', '-no-color']);
    expect(destroy.stdout).toContain('Destroy complete! Resources: 1 destroyed.');
  });

  test('a version constraint the mirror cannot meet fails init with terraform\'s own message', async () => {
    const ws = new MirrorWorkspace({ filesystem: rel.mirrorRoot });
    ws.write(config('>= 99.0.0'));
    const init = await ws.expect(['init', '-no-color'], 1);
    expect(init.stderr).toContain('no available releases match the given constraints >= 99.0.0');
    expect(existsSync(join(ws.dir, '.terraform.lock.hcl'))).toBe(false);
  });

  test('network mirror over HTTPS: index.json and the version JSON are read, the checksum is verified, the same h1 is locked', async () => {
    const server = await serveMirror(rel.mirrorRoot);
    try {
      const ws = new MirrorWorkspace({ network: server.url, caFile: server.caFile });
      ws.write(config('~> 0.1'));
      const init = await ws.expect(['init', '-no-color']);
      expect(init.stdout).toContain(`Installed xcpform/xcp v${rel.version} (verified checksum)`);
      expect(ws.lockFile()).toContain(`"${rel.h1}",`);
      expect(server.requests).toEqual(expect.arrayContaining([
        'GET /registry.terraform.io/xcpform/xcp/index.json',
        `GET /registry.terraform.io/xcpform/xcp/${rel.version}.json`,
        `GET /registry.terraform.io/xcpform/xcp/terraform-provider-xcp_${rel.version}_${rel.platform}.zip`,
      ]));
      const plan = await ws.expect(['plan', '-no-color']);
      expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    } finally {
      await server.close();
    }
  });
});
