import { error } from '../diagnostics';
import { change, kitchenSink, newVm, plan, scenarios } from '../../test/helpers/plan-fixtures';
import { planMarker, renderPlanMarkdown } from './plan-markdown';

describe('renderPlanMarkdown', () => {
  test('starts with the hidden marker, optionally with an id that cannot close the comment', () => {
    expect(renderPlanMarkdown(scenarios.update()).startsWith('<!-- xcpform-plan -->\n## xcpform plan\n')).toBe(true);
    expect(planMarker('dir=infra/prod')).toBe('<!-- xcpform-plan dir=infra/prod -->');
    expect(planMarker('x --> y')).toBe('<!-- xcpform-plan x - y -->');
  });

  test('destroys and replacements are called out before anything else', () => {
    const md = renderPlanMarkdown(kitchenSink());
    const caution = md.indexOf('> [!CAUTION]');
    expect(caution).toBeGreaterThan(md.indexOf('| Action | Resources |'));
    expect(caution).toBeLessThan(md.indexOf('### Changes'));
    expect(md).toContain('> - `xcp_vm.web[2]` will be destroyed (because index [2] is out of range for count)');
    expect(md).toContain('> - `xcp_vm.db` must be replaced (forces replacement: `template`, `cloud_init.user_data`)');
    // Resource details: destroys first, creates last.
    expect(md.indexOf('<code>xcp_vm.old</code>')).toBeLessThan(md.indexOf('<code>xcp_sr.nfs</code>'));
  });

  test('diff blocks carry markers in column 0 and ~ as !', () => {
    const md = renderPlanMarkdown(scenarios.update());
    expect(md).toContain('```diff\n  # xcp_vm.app will be updated in-place\n');
    expect(md).toContain('\n!   resource "xcp_vm" "app" {\n');
    expect(md).toContain('\n!       vcpus                  = 2 -> 3\n');
    expect(md).toContain('\n+           "blue",\n');
  });

  test('YAML list items inside a heredoc are not turned into diff markers', () => {
    const md = renderPlanMarkdown(scenarios.create());
    expect(md).toContain('\n                  - nginx\n');
    expect(md).not.toMatch(/^- +nginx/m);
  });

  test('a value holding a code fence gets a longer fence', () => {
    const p = plan({ changes: [change({ address: 'xcp_vm.f', action: 'create', after: newVm('f', { name_description: 'see ```code```' }) })] });
    const md = renderPlanMarkdown(p);
    expect(md).toContain('````diff\n');
    expect(md).toContain('see ```code```');
  });

  test('errors come right after the summary; halt-class updates are warned about', () => {
    const p = plan({ ...scenarios.halt(), errored: true, diagnostics: [error('plan.no-vpn-link', 'Missing VPN link', { address: 'xcp_vm.web', path: ['nic', 0, 'network'], detail: 'Add an xcp_vpn_link.' })] });
    const md = renderPlanMarkdown(p);
    expect(md).toContain('## :x: xcpform plan');
    expect(md).toContain('### :x: Errors (1)\n\n- **Missing VPN link** (`xcp_vm.web.nic[0].network`)\n  Add an xcp_vpn_link.');
    expect(md.indexOf('### :x: Errors')).toBeLessThan(md.indexOf('> [!WARNING]'));
    expect(md).toContain('> **1 to shut down cleanly, update and start again:**\n> - `xcp_vm.app` (`memory`, `vcpus_max`)');
  });

  test('no changes, outputs only, drift collapsed', () => {
    expect(renderPlanMarkdown(scenarios['no-changes']())).toContain('**No changes.** Your infrastructure matches the configuration.');
    expect(renderPlanMarkdown(scenarios.outputs())).toContain('<details><summary>Changes to Outputs (4)</summary>');
    expect(renderPlanMarkdown(scenarios.drift())).toContain('<details><summary>:information_source: Objects have changed outside of xcpform (2)</summary>');
  });

  test('a small ceiling drops details, graph and drift, and says so', () => {
    const md = renderPlanMarkdown(scenarios.drift(), { maxChars: 3000 });
    expect(md.length).toBeLessThanOrEqual(3000);
    expect(md).toContain('**Plan: 1 to add, 1 to change, 0 to destroy.**');
    expect(md).toMatch(/left out\. Run `xcpform show PLANFILE` for the full plan\.\n$/);
    expect(md).toContain('the drift section');
  });

  test('the graph is optional', () => {
    expect(renderPlanMarkdown(scenarios.update())).toContain('```mermaid\nflowchart LR\n');
    expect(renderPlanMarkdown(scenarios.update(), { graph: false })).not.toContain('mermaid');
  });
});
