/**
 * A destroy plan removes the outputs, as Terraform's does (`Changes to Outputs:` with
 * `- name = "value" -> null`), in every format: text, JSON (`output_changes` with actions
 * ["delete"]), Markdown and HTML; a sensitive output stays `(sensitive value)`. Through the CLI
 * on `examples/basic` with two more outputs, on the embedded simulator.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, xcpform } from './helpers/cli';

const SECRET = 's3cr3t-mtu-1500';

describe('destroy plan of examples/basic with outputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xcpform-destroy-outputs-'));
  let lan = '';
  let text = '';

  beforeAll(() => {
    copyFileSync(join(ROOT, 'examples', 'basic', 'main.tf'), join(dir, 'main.tf'));
    writeFileSync(join(dir, 'main.tf'), `${readFileSync(join(dir, 'main.tf'), 'utf8')}
output "lan" { value = xcp_network.lan.uuid }
output "secret" {
  value     = "s3cr3t-mtu-\${xcp_network.lan.mtu}"
  sensitive = true
}
`);
    const apply = xcpform(['apply', '-auto-approve'], { cwd: dir });
    if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    lan = state.outputs.lan.value;
    expect(state.outputs.secret).toEqual(expect.objectContaining({ value: SECRET, sensitive: true }));
    const plan = xcpform(['plan', '-destroy', '-out', 'd.xcp'], { cwd: dir });
    if (plan.code !== 0) throw new Error(plan.stdout + plan.stderr);
    text = plan.stdout;
  }, 60_000);

  test('text: each stored output is removed; the sensitive one stays hidden', () => {
    const section = text.slice(text.indexOf('Changes to Outputs:'));
    expect(section).toContain(`  - lan    = "${lan}" -> null\n`);
    expect(section).toContain('  - secret = (sensitive value) -> null\n');
    // web_ip is null in the state (nothing Terraform would store): nothing to remove.
    expect(section).not.toContain('web_ip');
    expect(text).not.toContain(SECRET);
  });

  test('JSON: output_changes with actions ["delete"], the sensitive value withheld', () => {
    const res = xcpform(['show', '-json', 'd.xcp'], { cwd: dir });
    expect(res.code).toBe(0);
    const j = JSON.parse(res.stdout);
    expect(j.output_changes).toEqual({
      lan: { actions: ['delete'], before: lan, after: null, after_unknown: false, before_sensitive: false, after_sensitive: false },
      secret: { actions: ['delete'], before: null, after: null, after_unknown: false, before_sensitive: true, after_sensitive: true },
    });
    expect(res.stdout).not.toContain(SECRET);
  });

  test('Markdown: a Changes to Outputs block with both removals', () => {
    const res = xcpform(['show', '-markdown', 'd.xcp'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('<summary>Changes to Outputs (2)</summary>');
    expect(res.stdout).toMatch(new RegExp(`^-\\s+lan\\s+= "${lan}" -> null$`, 'm'));
    expect(res.stdout).toMatch(/^-\s+secret = \(sensitive value\) -> null$/m);
    expect(res.stdout).not.toContain(SECRET);
  });

  test('HTML: a Changes to Outputs section with both removals', () => {
    const res = xcpform(['show', '-html', 'd.xcp', '-o', 'd.html'], { cwd: dir });
    expect(res.code).toBe(0);
    const html = readFileSync(join(dir, 'd.html'), 'utf8');
    expect(html).toContain('<h2 id="outputs-h">Changes to Outputs (2)</h2>');
    expect(html).toContain(`<span class="output action-delete" data-output="lan" data-action="delete">  - lan    = &quot;${lan}&quot; -&gt; null</span>`);
    expect(html).toContain('<span class="output action-delete" data-output="secret" data-action="delete">  - secret = (sensitive value) -&gt; null</span>');
    expect(html).not.toContain(SECRET);
  });

  test('a normal plan that drops the sensitive output removes it hidden too', () => {
    const tf = readFileSync(join(dir, 'main.tf'), 'utf8');
    writeFileSync(join(dir, 'main.tf'), tf.slice(0, tf.indexOf('output "secret"')));
    const res = xcpform(['plan'], { cwd: dir });
    writeFileSync(join(dir, 'main.tf'), tf);
    expect(res.stdout).toContain('  - secret = (sensitive value) -> null\n');
    expect(res.stdout).not.toContain(SECRET);
  });
});
