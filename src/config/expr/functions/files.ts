/**
 * Filesystem functions. Relative paths resolve against the working folder (Terraform's
 * `BaseDir: "."`), `~` expands to the home folder. `fileset` globs like doublestar v1 (`*`, `?`,
 * `[...]`, `{a,b}`, `**`) over regular files; `templatefile` renders a file as a template
 * with only the given variables in scope.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, posix, resolve } from 'node:path';
import { EvalError, toStr } from '../value-ops';
import { strictUtf8 } from './encoding';
import { FunctionContext, fn, FunctionTable } from './registry';

function expand(p: string): string {
  return p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : p;
}

function fullPath(p: string, ctx: FunctionContext): string {
  const e = expand(p);
  return isAbsolute(e) ? e : join(ctx.baseDir, e);
}

/** The bytes of a file, or Terraform's error for a missing or unreadable one. */
export function readBytes(p: string, ctx: FunctionContext, name: string): Buffer {
  const full = fullPath(p, ctx);
  try {
    return readFileSync(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EvalError('Invalid function argument', `Invalid value for "path" parameter: no file exists at "${p}"; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource.`);
    if (code === 'EISDIR') throw new EvalError('Invalid function argument', `Invalid value for "path" parameter: "${p}" is a directory, not a file (in ${name}).`);
    throw new EvalError('Invalid function argument', `Invalid value for "path" parameter: failed to read file "${p}": ${(err as Error).message}.`);
  }
}

export function readText(p: string, ctx: FunctionContext, name: string): string {
  return strictUtf8(readBytes(p, ctx, name), `Call to function "${name}" failed: contents of "${p}" are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`);
}

/** A doublestar (v1) glob as a regular expression over slash-separated relative paths. */
export function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      re += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new EvalError('Invalid function argument', `Invalid value for "pattern" parameter: syntax error in pattern.`);
      const body = pattern.slice(i + 1, end);
      re += `[${body.startsWith('!') || body.startsWith('^') ? '^' + body.slice(1) : body}]`;
      i = end;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i + 1);
      if (end < 0) throw new EvalError('Invalid function argument', `Invalid value for "pattern" parameter: syntax error in pattern.`);
      re += `(?:${pattern.slice(i + 1, end).split(',').map((alt) => globRegExp(alt).source.slice(1, -1)).join('|')})`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

function walk(dir: string, rel: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    const full = join(dir, e.name);
    let st;
    try { st = statSync(full); } catch { continue; }
    if (st.isDirectory()) walk(full, r, out);
    else if (st.isFile()) out.push(r);
  }
}

function hashFile(algo: string, enc: 'hex' | 'base64', name: string) {
  return fn(1, 1, ([p], ctx) => createHash(algo).update(readBytes(toStr(p, 'path'), ctx, name)).digest(enc));
}

export const fileFunctions: FunctionTable = {
  file: fn(1, 1, ([p], ctx) => readText(toStr(p, 'path'), ctx, 'file')),
  fileexists: fn(1, 1, ([p], ctx) => {
    const path = toStr(p, 'path');
    try {
      const st = statSync(fullPath(path, ctx));
      if (st.isDirectory()) throw new EvalError('Error in function call', `Call to function "fileexists" failed: "${path}" is a directory, not a file.`);
      return true;
    } catch (err) {
      if (err instanceof EvalError) throw err;
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
      throw new EvalError('Error in function call', `Call to function "fileexists" failed: failed to stat "${path}".`);
    }
  }),
  filebase64: fn(1, 1, ([p], ctx) => readBytes(toStr(p, 'path'), ctx, 'filebase64').toString('base64')),
  filemd5: hashFile('md5', 'hex', 'filemd5'),
  filesha1: hashFile('sha1', 'hex', 'filesha1'),
  filesha256: hashFile('sha256', 'hex', 'filesha256'),
  filesha512: hashFile('sha512', 'hex', 'filesha512'),
  filebase64sha256: hashFile('sha256', 'base64', 'filebase64sha256'),
  filebase64sha512: hashFile('sha512', 'base64', 'filebase64sha512'),
  fileset: fn(2, 2, ([p, pat], ctx) => {
    const root = fullPath(toStr(p, 'path'), ctx);
    const re = globRegExp(toStr(pat, 'pattern'));
    const files: string[] = [];
    walk(root, '', files);
    return files.filter((f) => re.test(f)).sort();
  }),
  abspath: fn(1, 1, ([p], ctx) => resolve(ctx.baseDir, toStr(p, 'path')).split('\\').join('/')),
  basename: fn(1, 1, ([p]) => {
    const s = toStr(p, 'path').replace(/\/+$/, (m, at: number) => (at === 0 ? '/' : ''));
    return s === '' ? '.' : s === '/' ? '/' : s.slice(s.lastIndexOf('/') + 1);
  }),
  dirname: fn(1, 1, ([p]) => { const s = toStr(p, 'path'); return goClean(s.slice(0, s.lastIndexOf('/') + 1)); }),
  pathexpand: fn(1, 1, ([p]) => expand(toStr(p, 'path'))),
};

/** Go's path.Clean for slash paths. */
function goClean(p: string): string {
  if (p === '') return '.';
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}
