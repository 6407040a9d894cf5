/**
 * `xcpform fmt` produces what `terraform fmt` produces: on every example (as written, and with
 * its indentation and alignment removed), and on a file exercising the spacing, alignment,
 * unwrapping and legacy-type rules; idempotent; `-check`, `-recursive` and `-list` behave and
 * exit as Terraform's.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatHcl } from '../../src/config/format/format';
import { ROOT, xcpform } from '../helpers/cli';
import { terraformVersion } from '../helpers/tfplugin-terraform';

function terraformFmt(text: string): string {
  const res = spawnSync('terraform', ['fmt', '-no-color', '-'], { input: text, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (res.status !== 0) throw new Error(res.stderr);
  return res.stdout;
}

function tfFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? tfFiles(join(dir, n)) : n.endsWith('.tf') ? [join(dir, n)] : []));
}

/** The text with indentation and `=` alignment removed (outside heredocs). */
function mangle(text: string): string {
  let heredoc: string | undefined;
  return text.split('\n').map((line) => {
    if (heredoc) { if (line.trim() === heredoc) heredoc = undefined; return line; }
    const m = /<<-?([A-Za-z_]\w*)\s*$/.exec(line);
    if (m) heredoc = m[1];
    return line.trimStart().replace(/^([\w-]+) +=(?!=)/, '$1=').replace(/^([\w-]+)=(?!=) +/, '$1 = ');
  }).join('\n');
}

const MESSY = `variable "a" {
type = "string"
default="x"
}
variable "b" {
  type = list
}
locals {
x = "\${var.a}"
  y    =   "\${var.a}-y"
 longer_name = [ 1,2 , 3 ]
z = {a=1, b = "c"}
w = {}
neg = -1
calc = 1 - -2
cond = var.a == "x" ? 1 : 2
f = upper( "abc" )
g = {for k,v in local.z : k=>v if v != null}
g2 = [for v in local.w: v]
h = local.g[0]
i = var.b[*].id
j = !true
nested = {
a = {
b = 1
}
cc = 2 # trailing
ddd = 3   # another
}
  heredoc = <<EOT
  keep   this
EOT
multi = "\${
  var.a
}"
}
resource "xcp_network" "n" {
name_label = "x" # c1
mtu = 1500       # c2

  tags = ["a",
    "b"]
}
`;

describe('xcpform fmt', () => {
  const examples = tfFiles(join(ROOT, 'examples'));

  test('every example, as written and with indentation and alignment removed, formats as terraform fmt formats it', () => {
    terraformVersion();
    expect(examples.length).toBeGreaterThan(10);
    for (const file of examples) {
      const text = readFileSync(file, 'utf8');
      for (const input of [text, mangle(text)]) {
        const expected = terraformFmt(input);
        expect({ file: relative(ROOT, file), out: formatHcl(input) }).toEqual({ file: relative(ROOT, file), out: expected });
        expect(formatHcl(expected)).toBe(expected); // idempotent
      }
    }
  });

  test('spacing, alignment, comments, unwrapping and legacy types as terraform fmt', () => {
    terraformVersion();
    const expected = terraformFmt(MESSY);
    expect(formatHcl(MESSY)).toBe(expected);
    expect(formatHcl(expected)).toBe(expected);
    expect(expected).toContain('type    = string');
    expect(expected).toContain('x           = var.a');
  });

  test('-check, -recursive and -list: exit codes and listed files as terraform', () => {
    terraformVersion();
    const make = () => {
      const dir = mkdtempSync(join(tmpdir(), 'xcpform-fmt-'));
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'ok.tf'), 'locals {\n  a = 1\n}\n');
      writeFileSync(join(dir, 'bad.tf'), 'locals {\na=1\n}\n');
      writeFileSync(join(dir, 'sub', 'deep.tf'), 'locals {\nb=2\n}\n');
      writeFileSync(join(dir, 'x.tfvars'), 'a=1\nbb = 2\n');
      return dir;
    };
    const tf = (dir: string, args: string[]) => spawnSync('terraform', ['fmt', '-no-color', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    for (const args of [['-check'], ['-check', '-recursive'], [], ['-recursive'], ['-list=false']]) {
      const a = make();
      const b = make();
      const ours = xcpform(['fmt', ...args], { cwd: a });
      const theirs = tf(b, args);
      expect({ args, code: ours.code, out: ours.stdout }).toEqual({ args, code: theirs.status, out: theirs.stdout });
      for (const f of ['ok.tf', 'bad.tf', 'sub/deep.tf', 'x.tfvars']) expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
    }
  });

  test('fmt - formats stdin; an untokenizable file is an error naming it, exit 2', () => {
    const res = spawnSync(process.execPath, [join(ROOT, 'bin', 'xcpform.js'), 'fmt', '-'], { input: 'locals {\na=1\n}\n', encoding: 'utf8' });
    expect(res.stdout).toBe('locals {\n  a = 1\n}\n');
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-fmt-bad-'));
    writeFileSync(join(dir, 'main.tf'), 'locals {\n  a = 1 ^ 2\n}\n');
    const bad = xcpform(['fmt'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('main.tf');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    cpSync(join(ROOT, 'examples', 'modules'), join(dir, 'm'), { recursive: true });
    expect(xcpform(['fmt', '-check', '-recursive', 'm'], { cwd: dir }).code).toBe(0);
  });
});
