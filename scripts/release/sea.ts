/**
 * Builds `terraform-provider-xcp` as a Node.js single executable application: esbuild bundles
 * the compiled provider (`dist/src/tfplugin/main.js`) and its dependencies into one CommonJS
 * file (a SEA's embedded script can `require()` built-in modules only), Node writes the
 * preparation blob from it, and postject injects the blob into a copy of a Node binary. The
 * result runs without Node.js on the user's machine. The `.proto` files the gRPC server loads
 * are not embedded: they ship beside the executable (`proto/`), where the provider looks first.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fuse postject flips so Node looks for the blob (fixed by Node for every version). */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export interface SeaOptions {
  /** Repository root holding the compiled `dist/`. */
  readonly root: string;
  /** Scratch folder for the bundle, the blob and the executable. */
  readonly workDir: string;
  /** The Node binary to copy: it decides the target OS/arch (default: this process's). */
  readonly nodeBinary: string;
}

/** Returns the path of the finished executable inside `workDir`. */
export async function buildSingleExecutable(opts: SeaOptions): Promise<string> {
  const node = readFileSync(opts.nodeBinary);
  if (!node.includes(SEA_FUSE)) {
    throw new Error(`${opts.nodeBinary} cannot host a single executable application (no SEA fuse; a distribution build that links libnode?). Pass --node with an official Node.js >= 20 binary.`);
  }
  const entry = join(opts.workDir, 'sea-entry.js');
  // The same start-up as bin/terraform-provider-xcp.js, minus the path to dist/.
  writeFileSync(entry, [
    "'use strict';",
    `require(${JSON.stringify(join(opts.root, 'dist', 'src', 'tfplugin', 'main.js'))}).run(process.argv, process.env).then(`,
    "  (code) => { if (typeof code === 'number') process.exitCode = code; },",
    "  (err) => { process.stderr.write(`terraform-provider-xcp: internal error: ${err && err.message ? err.message : err}\\n`); process.exitCode = 2; },",
    ');',
    '',
  ].join('\n'));
  const bundle = join(opts.workDir, 'provider.bundle.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  await esbuild.build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', legalComments: 'none', logLevel: 'error' });

  const blob = join(opts.workDir, 'provider.blob');
  const config = join(opts.workDir, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false }));
  const made = spawnSync(opts.nodeBinary, ['--experimental-sea-config', config], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`node --experimental-sea-config failed: ${made.stderr}`);

  const exe = join(opts.workDir, 'terraform-provider-xcp');
  copyFileSync(opts.nodeBinary, exe);
  chmodSync(exe, 0o755);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { inject } = require('postject') as { inject(file: string, resource: string, data: Buffer, o: { sentinelFuse: string }): Promise<void> };
  // postject reports "Can't find string offset" on ELF files; harmless, so keep it off the output.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE });
  } finally {
    console.warn = warn;
  }
  return exe;
}
