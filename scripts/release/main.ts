/**
 * `npm run release [-- --out DIR] [--node PATH] [--platform OS_ARCH]`: builds the provider as a
 * single executable and writes a Terraform provider release into DIR (default `release/`):
 *
 *   terraform-provider-xcp_<v>_<os>_<arch>.zip   the executable (mode 755) and proto/*.proto
 *   terraform-provider-xcp_<v>_SHA256SUMS         sha256 of the zip and the manifest
 *   terraform-provider-xcp_<v>_manifest.json      protocol 6.0, for a registry
 *   mirror/registry.terraform.io/xcpform/xcp/      filesystem_mirror (packed) + network mirror JSON
 *   release.json                                   what was built, with the package hashes
 *
 * The platform is the Node binary's: by default this process's own (`--node` takes another
 * official build, `--platform` names its Terraform platform). Needs a current `dist/`
 * (`npm run build`); `npm run release` builds it first.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { hash1, sha256Hex } from './dirhash';
import { executableName, manifestName, packageName, sumsName, terraformPlatform } from './layout';
import { addToMirror } from './mirror';
import { buildSingleExecutable } from './sea';
import { zipFiles, type ZipEntry } from './zip';

/** What a release run produced (also written as release.json). */
export interface ReleaseResult {
  readonly version: string;
  readonly platform: string;
  readonly zip: string;
  readonly zipBytes: number;
  readonly executableBytes: number;
  readonly h1: string;
  readonly zh: string;
  readonly mirror: string;
}

/** The repository root: the nearest folder up from here with xcpform's package.json and proto
 * files (tsc also copies package.json into dist/, which has no proto files). */
export function repositoryRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      if (existsSync(join(dir, 'src', 'tfplugin', 'proto')) && JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'xcpform') return dir;
    } catch { /* keep going up */ }
    if (dirname(dir) === dir) throw new Error(`no xcpform package.json above ${from}`);
  }
}

export async function release(opts: { out: string; nodeBinary?: string; platform?: string }): Promise<ReleaseResult> {
  const root = repositoryRoot();
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
  const platform = opts.platform ?? terraformPlatform(process.platform, process.arch);
  const work = mkdtempSync(join(tmpdir(), 'xcpform-release-'));
  try {
    const exe = await buildSingleExecutable({ root, workDir: work, nodeBinary: opts.nodeBinary ?? process.execPath });
    const protoDir = join(root, 'src', 'tfplugin', 'proto');
    const entries: ZipEntry[] = [
      { name: executableName(version, platform), data: readFileSync(exe), mode: 0o755 },
      ...readdirSync(protoDir).filter((f) => f.endsWith('.proto')).sort().map((f) => ({ name: `proto/${f}`, data: readFileSync(join(protoDir, f)), mode: 0o644 })),
    ];
    mkdirSync(opts.out, { recursive: true });
    const zip = zipFiles(entries);
    const zipPath = join(opts.out, packageName(version, platform));
    writeFileSync(zipPath, zip);
    const manifest = `${JSON.stringify({ version: 1, metadata: { protocol_versions: ['6.0'] } }, null, 2)}\n`;
    writeFileSync(join(opts.out, manifestName(version)), manifest);
    // One line per file in the release folder, as a registry expects; merged across platforms.
    const sums = readdirSync(opts.out).filter((f) => f.endsWith('.zip') || f === manifestName(version)).sort()
      .map((f) => `${sha256Hex(readFileSync(join(opts.out, f)))}  ${f}\n`).join('');
    writeFileSync(join(opts.out, sumsName(version)), sums);
    const h1 = hash1(entries);
    const zh = `zh:${sha256Hex(zip)}`;
    const mirror = addToMirror(join(opts.out, 'mirror'), { version, platform, zipPath, zipName: packageName(version, platform), hashes: [h1, zh] });
    const result: ReleaseResult = { version, platform, zip: zipPath, zipBytes: zip.length, executableBytes: statSync(exe).size, h1, zh, mirror };
    writeFileSync(join(opts.out, 'release.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const out = resolve(option(args, '--out') ?? join(repositoryRoot(), 'release'));
  release({ out, nodeBinary: option(args, '--node'), platform: option(args, '--platform') }).then(
    (r) => process.stdout.write(`terraform-provider-xcp ${r.version} for ${r.platform}: ${r.zip} (${(r.zipBytes / 1e6).toFixed(1)} MB; executable ${(r.executableBytes / 1e6).toFixed(1)} MB)\n${r.h1}\nmirror: ${dirname(dirname(dirname(r.mirror)))}\n`),
    (err) => { process.stderr.write(`release failed: ${(err as Error).message}\n`); process.exitCode = 1; },
  );
}
