/**
 * `# forces replacement` appears once, after `(known after apply)`, as Terraform prints it: the
 * text renderer against real terraform 1.11 on the same changes (a `terraform_data` plan whose
 * `triggers_replace` values become unknown, read back from `terraform show -json`). Every other
 * attribute kind is covered by the `replace-kinds` golden (render-golden.test.ts).
 */
import type { ResourceChange } from '../src/plan/model';
import { renderResourceChange } from '../src/render/text/resource';
import { PLAIN } from '../src/render/text/style';
import type { SchemaLookup } from '../src/render/sensitivity';
import type { ResourceSchema } from '../src/schema/model';
import { ObjectValue, UNKNOWN, Value } from '../src/values/value';
import { change } from './helpers/plan-fixtures';
import { terraformVersion, TerraformWorkspace } from './helpers/tfplugin-terraform';

/** Terraform's `after` with `after_unknown` folded in as Unknown values. */
function withUnknowns(after: unknown, unknown: unknown): Value {
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(after)) return after.map((x, i) => withUnknowns(x, Array.isArray(unknown) ? unknown[i] : false));
  if (after !== null && typeof after === 'object') {
    const u = (unknown ?? {}) as Record<string, unknown>;
    const keys = new Set([...Object.keys(after), ...Object.keys(u)]);
    return Object.fromEntries([...keys].map((k) => [k, withUnknowns((after as Record<string, unknown>)[k] ?? null, u[k])]));
  }
  return (after ?? null) as Value;
}

const TERRAFORM_DATA: ResourceSchema = {
  kind: 'resource',
  typeName: 'terraform_data',
  version: 0,
  block: {
    description: '',
    attributes: {
      id: { type: 'string', computed: true, description: '' },
      input: { type: 'dynamic', optional: true, description: '' },
      output: { type: 'dynamic', computed: true, description: '' },
      triggers_replace: { type: 'dynamic', optional: true, description: '' },
    },
  },
};

describe('replace-forcing values next to real terraform', () => {
  const tf = new TerraformWorkspace();
  let text = '';
  let changes: ResourceChange[] = [];

  beforeAll(() => {
    terraformVersion();
    tf.write([
      'variable "v" { default = "one" }',
      'resource "terraform_data" "src" {',
      '  input = { s = "fixed-${var.v}", l = ["a", "b", var.v], m = { k = "a", j = var.v } }',
      '}',
      'resource "terraform_data" "s" { triggers_replace = terraform_data.src.output.s }',
      'resource "terraform_data" "l" { triggers_replace = terraform_data.src.output.l }',
      'resource "terraform_data" "m" { triggers_replace = terraform_data.src.output.m }',
      '',
    ].join('\n'));
    tf.expect(['init', '-no-color']);
    tf.expect(['apply', '-auto-approve', '-no-color']);
    text = tf.expect(['plan', '-no-color', '-var', 'v=two', '-out', 'tfplan']).stdout;
    const json = JSON.parse(tf.expect(['show', '-json', 'tfplan']).stdout);
    changes = json.resource_changes.map((rc: { address: string; change: { actions: string[]; before: unknown; after: unknown; after_unknown: unknown; replace_paths?: (string | number)[][] }; action_reason?: string }) => change({
      address: rc.address,
      action: rc.change.actions.join(',') === 'delete,create' ? 'replace' : 'update',
      ...(rc.action_reason ? { actionReason: rc.action_reason as 'replace_because_cannot_update' } : {}),
      before: rc.change.before as ObjectValue,
      after: withUnknowns(rc.change.after, rc.change.after_unknown) as ObjectValue,
      replacePaths: rc.change.replace_paths ?? [],
    }));
  }, 120_000);

  const schemas: SchemaLookup = (_mode, type) => (type === 'terraform_data' ? TERRAFORM_DATA : undefined);

  // (terraform_data.src is left out: its known `input` change goes through Terraform's JSON
  // differ for dynamic values, which xcpform's typed schemas do not use.)
  test.each(['terraform_data.s', 'terraform_data.l', 'terraform_data.m'])('%s reads as terraform prints it', (address) => {
    const lines = text.split('\n');
    const start = lines.indexOf(`  # ${address} must be replaced`);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = lines.indexOf('    }', start);
    const expected = lines.slice(start, end + 1).join('\n');
    expect(expected).toMatch(/ -> \(known after apply\) # forces replacement$/m);
    expect(expected.match(/# forces replacement/g)).toHaveLength(1);
    const c = changes.find((x) => x.address === address)!;
    expect(renderResourceChange(c, { style: PLAIN, schemas })).toBe(expected);
  });

  // Terraform draws a computed collection going unknown with its old elements removed, then
  // `-> (known after apply)`: not one line. (A VM update that shows allowed_operations that way
  // is a plan marking it unknown, not a renderer choice.)
  test('a collection going unknown reads as terraform prints it (terraform_data.src output)', () => {
    const attr = (t: string) => {
      const lines = t.split('\n');
      const start = lines.findIndex((l) => l.startsWith('      ~ output = {'));
      return lines.slice(start, lines.indexOf('        } -> (known after apply)', start) + 1).join('\n');
    };
    const expected = attr(text);
    expect(expected.split('\n')).toHaveLength(12);
    const c = changes.find((x) => x.address === 'terraform_data.src')!;
    expect(attr(renderResourceChange(c, { style: PLAIN, schemas }))).toBe(expected);
  });

});
