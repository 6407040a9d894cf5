/**
 * The differential harness: evaluates a corpus of HCL expressions with the real `terraform
 * console` and with xcpform, and compares the results as `jsonencode` text (which shows every
 * digit of a number and every character of a string). Each expression `E` becomes the local
 * `try(jsonencode(E), "!error")` in one generated configuration, so one console process answers
 * the whole corpus and an error in one expression does not hide the others; both tools read the
 * same file from the same folder (with the same fixture files beside it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../src/config/load';
import { ConfigScope } from '../../src/config/scope';
import { deepUnmark } from '../../src/values/sensitive';
import { isObjectValue, isUnknown } from '../../src/values/value';

export const ERROR = '!error';
/** What an expression gives when its result is not known (e.g. a bare null passed to format). */
export const UNKNOWN_RESULT = '!unknown';

/** Reads a Go `strconv.Quote` string, as the console prints it. */
export function goUnquote(quoted: string): string {
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
  return quoted.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) =>
    e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : simple[e] ?? e);
}

/** Files every corpus folder holds, for the filesystem functions. */
export const FIXTURES: Record<string, string> = {
  'hello.txt': 'Hello, world!\n',
  'greeting.tftpl': 'Hello, ${name}!%{ for i in items }\n- ${i}%{ endfor }\n',
  'number.tftpl': '${n * 2}',
  'data.csv': 'a,b\n1,2\n"x,y",z\n',
  'sub/inner.txt': 'inner',
  'sub/deep/other.md': '# other',
};

/** Locals the corpus may reference (`templatestring` takes only a reference). */
export const LOCALS: Record<string, string> = {
  tpl: '"Hello, $${name}!%%{ if loud }!!%%{ endif }"',
  num: '"$${n + 1}"',
};

/** An RSA key and a message encrypted with it (PKCS #1 v1.5), made fresh for each run. */
function rsaFixtures(): Record<string, string> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const cipher = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from('secret message é', 'utf8'));
  return { 'rsa.pem': privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), 'rsa.b64': cipher.toString('base64') };
}

/** A folder holding the fixtures and a `main.tf` with one local per expression. */
export function corpusFolder(exprs: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'xcp-lang-'));
  for (const [name, text] of Object.entries({ ...FIXTURES, ...rsaFixtures() })) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  // A heredoc's closing marker must end its line, so multi-line entries close on the next one.
  const lines = exprs.map((e, i) => `    e${i} = try(jsonencode(${e}${e.includes('\n') ? '\n' : ''}), "${ERROR}")`);
  const extra = Object.entries(LOCALS).map(([k, v]) => `  ${k} = ${v}\n`).join('');
  writeFileSync(join(dir, 'main.tf'), `locals {\n${extra}  r = {\n${lines.join('\n')}\n  }\n}\n`);
  return dir;
}

/** Results by index, from the real terraform. Throws when terraform cannot answer at all. */
export function terraformResults(dir: string, count: number): string[] {
  const res = spawnSync('terraform', ['console'], {
    cwd: dir,
    input: 'local.r\n',
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: join(dir, 'none.tfrc') },
  });
  if (res.error) throw new Error(`The real terraform binary must be on the PATH for the differential test: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`terraform console failed (exit ${res.status}): ${res.stderr}`);
  const found = new Map<string, string>();
  for (const m of res.stdout.matchAll(/^ {2}"(e\d+)" = (.*)$/gm)) found.set(m[1], m[2] === '(known after apply)' ? UNKNOWN_RESULT : goUnquote(m[2]));
  return Array.from({ length: count }, (_, i) => found.get(`e${i}`) ?? `!missing from: ${res.stdout.slice(0, 200)}`);
}

/** Results by index, from xcpform's configuration loader and evaluator. */
export async function xcpformResults(dir: string, count: number): Promise<string[]> {
  const { config, diagnostics } = await loadConfig(dir, { cwd: dir, schemaCheck: false });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`xcpform could not load the corpus: ${errors.map((d) => `${d.summary} ${d.detail ?? ''}`).join('; ')}`);
  const r = deepUnmark(new ConfigScope(config, () => undefined).local('r'));
  if (!isObjectValue(r)) throw new Error('local.r is not an object');
  return Array.from({ length: count }, (_, i) => { const v = r[`e${i}`]; return isUnknown(v) ? UNKNOWN_RESULT : String(v); });
}
