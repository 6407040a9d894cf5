/**
 * `xcpform ovf import`: reads a package and writes the configuration for it into a folder, as
 * `<appliance>.tf.json` or a CDKTF `main.ts`. Existing files are not overwritten unless asked.
 */
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { error, hasErrors, type Diagnostic } from '../diagnostics';
import { buildImportSpec, type ImportSpec } from './import-spec';
import type { OvfDeployment } from './model';
import { readOvfPackage } from './package-reader';
import { renderCdktf } from './render-cdktf';
import { renderTfJson } from './render-tf-json';

export type ImportFormat = 'tf.json' | 'cdktf';

export interface ImportConfigOptions {
  readonly outDir: string;
  readonly format: ImportFormat;
  /** Names of the target pool's networks (package networks of the same name map to them). */
  readonly poolNetworks?: ReadonlySet<string>;
  readonly pool?: string;
  readonly force?: boolean;
  /** DeploymentOptionSection configuration (default: the package's default). */
  readonly deployment?: string;
  /** Read the descriptor alone; the VMs get blank disks (see {@link ImportSpecOptions.noDisks}). */
  readonly noDisks?: boolean;
}

export interface ImportConfigResult {
  readonly written?: string;
  readonly spec?: ImportSpec;
  /** The package's deployment options and the chosen one, when it has a DeploymentOptionSection. */
  readonly deployment?: OvfDeployment;
  readonly diagnostics: Diagnostic[];
}

/** Reads `packagePath` and writes its configuration; nothing is written when the package is broken. */
export async function writeImportConfig(packagePath: string, opts: ImportConfigOptions): Promise<ImportConfigResult> {
  const source = resolve(packagePath);
  const read = await readOvfPackage(source, { deployment: opts.deployment, noDisks: opts.noDisks });
  if (!read.package) return { diagnostics: read.diagnostics };
  const { spec, diagnostics } = buildImportSpec(read.package.envelope, { source, poolNetworks: opts.poolNetworks ?? new Set(), pool: opts.pool, noDisks: opts.noDisks });
  const all = [...read.diagnostics, ...diagnostics];
  if (hasErrors(all)) return { diagnostics: all };
  const file = join(opts.outDir, opts.format === 'cdktf' ? 'main.ts' : `${spec.name}.tf.json`);
  const text = opts.format === 'cdktf' ? renderCdktf(spec) : renderTfJson(spec);
  try {
    await fs.mkdir(opts.outDir, { recursive: true });
    await fs.writeFile(file, text, { flag: opts.force ? 'w' : 'wx' });
  } catch (err) {
    const exists = (err as NodeJS.ErrnoException).code === 'EEXIST';
    all.push(error('ovf.output-exists', exists ? `${file} already exists` : `cannot write ${file}`, {
      detail: exists ? 'Choose another folder with -o, or pass --force to overwrite it.' : `${(err as Error).message}.`,
    }));
    return { diagnostics: all };
  }
  return { written: file, spec, diagnostics: all, ...(read.package.envelope.deployment ? { deployment: read.package.envelope.deployment } : {}) };
}
