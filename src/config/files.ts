/**
 * Reads a configuration folder: every `*.tf.json` (including CDKTF's `cdk.tf.json`) and `*.tf`
 * (HCL, converted by @cdktf/hcl2json into the JSON syntax) directly in the folder, in name
 * order. A file that cannot be read or parsed becomes a diagnostic naming it (and the line,
 * when the parser says), never an exception.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { Diagnostic, error } from '../diagnostics';
import { firstInvalidUtf8, lineAtByte, lineBeyondNesting, MAX_NESTING, nestsDeeperThan } from './input-limits';

export type ConfigFormat = 'hcl' | 'json';

export interface ConfigFile {
  /** Path as the user should see it (relative to the working folder when inside it). */
  readonly path: string;
  readonly format: ConfigFormat;
  readonly text: string;
  /** The document in Terraform's JSON configuration syntax, `//` comments removed. */
  readonly body: Record<string, unknown>;
}

export interface LoadedFiles {
  readonly files: ConfigFile[];
  readonly diagnostics: Diagnostic[];
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export async function loadConfigFiles(dir: string, cwd = process.cwd()): Promise<LoadedFiles> {
  const diagnostics: Diagnostic[] = [];
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) {
      return { files: [], diagnostics: [error('config.not-a-folder', `${displayPath(dir, cwd)} is not a folder`, { detail: 'Give the folder that holds the *.tf or *.tf.json files.' })] };
    }
    names = readdirSync(dir).filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json')).sort();
  } catch (err) {
    return { files: [], diagnostics: [error('config.unreadable-folder', `cannot read the folder ${displayPath(dir, cwd)}`, { detail: (err as Error).message })] };
  }
  if (names.length === 0) {
    diagnostics.push(error('config.no-files', `no configuration files in ${displayPath(dir, cwd)}`, {
      detail: 'xcpform reads *.tf and *.tf.json files (and CDKTF\'s cdk.tf.json) from the folder. Run "cdktf synth" or point xcpform at the stack folder.',
    }));
  }
  const files: ConfigFile[] = [];
  for (const name of names) {
    const full = join(dir, name);
    const path = displayPath(full, cwd);
    let bytes: Buffer;
    try {
      bytes = readFileSync(full);
    } catch (err) {
      diagnostics.push(error('config.unreadable-file', `cannot read ${path}`, { detail: (err as Error).message, source: { filename: path } }));
      continue;
    }
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      const line = lineAtByte(bytes, bad);
      diagnostics.push(error('config.invalid-utf8', `${path}: invalid character encoding`, {
        detail: `Byte ${bad + 1} (line ${line}) is not UTF-8. Configuration files must be UTF-8 encoded: save the file as UTF-8 in your editor.`,
        source: { filename: path, line },
      }));
      continue;
    }
    const text = bytes.toString('utf8');
    const parsed = name.endsWith('.tf.json') ? parseJsonConfig(path, text) : await parseHclConfig(path, text);
    if ('diagnostic' in parsed) diagnostics.push(parsed.diagnostic);
    else files.push({ path, format: name.endsWith('.tf.json') ? 'json' : 'hcl', text, body: parsed.body });
  }
  return { files, diagnostics };
}

type Parsed = { body: Record<string, unknown> } | { diagnostic: Diagnostic };

/** A document nested deeper than every later (recursive) stage can walk: checked before any walk. */
function tooDeep(path: string, text: string): Parsed {
  const line = lineBeyondNesting(text, MAX_NESTING);
  return { diagnostic: error('config.too-deep', `${path}: values nested more than ${MAX_NESTING} levels deep`, {
    detail: `xcpform reads objects, lists and blocks nested at most ${MAX_NESTING} levels deep${line ? `; line ${line} goes deeper` : ''}. Flatten the value.`,
    source: { filename: path, line },
  }) };
}

export function parseJsonConfig(path: string, text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    return { diagnostic: error('config.invalid-json', `${path}: invalid JSON`, { detail: msg, source: { filename: path, line } }) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { diagnostic: error('config.invalid-json', `${path}: the top level must be a JSON object`, { source: { filename: path, line: 1 } }) };
  }
  if (nestsDeeperThan(value, MAX_NESTING)) return tooDeep(path, text);
  return { body: stripComments(value) as Record<string, unknown> };
}

async function parseHclConfig(path: string, text: string): Promise<Parsed> {
  // The HCL parser itself recurses: a too-deep file is refused before it runs.
  if (lineBeyondNesting(text, MAX_NESTING) !== undefined) return tooDeep(path, text);
  try {
    const body = await parseHcl(path, text);
    if (nestsDeeperThan(body, MAX_NESTING)) return tooDeep(path, text);
    return { body: stripComments(body) as Record<string, unknown> };
  } catch (err) {
    const msg = String((err as Error).message ?? err).trim();
    const m = /:(\d+),(\d+)/.exec(msg);
    return { diagnostic: error('config.invalid-hcl', `${path}: invalid HCL`, { detail: msg, source: { filename: path, line: m ? Number(m[1]) : undefined } }) };
  }
}

/** Terraform's JSON syntax treats a property named "//" as a comment at every level. */
export function stripComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripComments);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== '//') out[k] = stripComments(v);
    return out;
  }
  return value;
}
