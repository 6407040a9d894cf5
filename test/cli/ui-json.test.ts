/**
 * `plan -json` and `apply -json` write Terraform's machine-readable UI messages: the same
 * message types, resources (module addresses included), actions, summaries and outputs as
 * terraform writes for the same folder (timestamps, durations and ids aside).
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, xcpform } from '../helpers/cli';
import { TerraformWorkspace, terraformVersion } from '../helpers/tfplugin-terraform';

type Msg = Record<string, unknown> & { type: string; '@message': string; '@level': string; '@module': string };

const parse = (stdout: string): Msg[] => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Msg);

/** The comparable content: no version line, no diagnostics (terraform warns about dev_overrides), no times. */
function essence(msgs: Msg[]): unknown[] {
  const out = msgs.filter((m) => m.type !== 'version' && m.type !== 'diagnostic').map((m) => {
    const { '@timestamp': _t, ...rest } = m;
    if (m.type === 'apply_complete') {
      const hook = m.hook as Record<string, unknown>;
      return { type: m.type, resource: hook.resource, action: hook.action };
    }
    return rest;
  });
  // Parallel applies finish in any order; plans list changes in a fixed order per tool.
  return out.map((x) => JSON.stringify(x)).sort();
}

describe('machine-readable UI (-json)', () => {
  test('plan -json and apply -json on examples/modules match terraform\'s messages', () => {
    terraformVersion();
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-uijson-'));
    cpSync(join(ROOT, 'examples', 'modules'), dir, { recursive: true });
    const ws = new TerraformWorkspace();
    cpSync(join(ROOT, 'examples', 'modules'), ws.dir, { recursive: true });
    ws.expect(['get', '-no-color']);

    const ours = parse(xcpform(['plan', '-json'], { cwd: dir }).stdout);
    const theirs = parse(ws.expect(['plan', '-json']).stdout);
    for (const m of ours) expect(m['@module']).toBe('terraform.ui');
    expect(ours[0].type).toBe('version');
    expect(ours[0].ui).toBe('1.2');
    expect(essence(ours)).toEqual(essence(theirs));
    const vm = ours.find((m) => m.type === 'planned_change' && (m.change as { resource: { addr: string } }).resource.addr === 'module.tier["web"].xcp_vm.this[1]')!;
    expect((vm.change as { resource: unknown }).resource).toEqual({ addr: 'module.tier["web"].xcp_vm.this[1]', module: 'module.tier["web"]', resource: 'xcp_vm.this[1]', implied_provider: 'xcp', resource_type: 'xcp_vm', resource_name: 'this', resource_key: 1 });

    const applied = xcpform(['apply', '-json', '-auto-approve'], { cwd: dir });
    expect(applied.code).toBe(0);
    const a = parse(applied.stdout);
    const b = parse(ws.expect(['apply', '-json', '-auto-approve']).stdout);
    expect(essence(a)).toEqual(essence(b));
    expect(a.filter((m) => m.type === 'apply_complete')).toHaveLength(5);
    expect(a.find((m) => m.type === 'change_summary' && (m.changes as { operation: string }).operation === 'apply')!['@message']).toBe('Apply complete! Resources: 5 added, 0 changed, 0 destroyed.');
  });

  test('apply -json without -auto-approve or a plan file is refused with a JSON diagnostic; errors are JSON too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcpform-uijson-'));
    cpSync(join(ROOT, 'examples', 'modules'), dir, { recursive: true });
    const res = xcpform(['apply', '-json'], { cwd: dir });
    expect(res.code).toBe(1);
    const msgs = parse(res.stdout);
    expect(msgs.map((m) => m.type)).toEqual(['version', 'diagnostic']);
    expect((msgs[1].diagnostic as { summary: string }).summary).toBe('Plan file or auto-approve required');
    const bad = xcpform(['plan', '-json', '-var', 'nope=1'], { cwd: dir });
    expect(bad.code).toBe(1);
    const diag = parse(bad.stdout).find((m) => m.type === 'diagnostic')!;
    expect(diag['@level']).toBe('error');
    expect(bad.stderr).toBe('');
  });
});
