import { warning } from '../diagnostics';
import { change, newVm, plan, scenarios, vm, with_ } from '../../test/helpers/plan-fixtures';
import { renderPlanText } from './plan-text';

describe('renderPlanText', () => {
  test('the legend lists only present actions, migrate right after update', () => {
    const text = renderPlanText(plan({
      changes: [
        change({ address: 'xcp_vm.a', action: 'delete', before: vm(1, 'a') }),
        change({ address: 'xcp_vm.b', action: 'migrate', before: vm(2, 'b'), after: with_(vm(2, 'b'), { host: 'h2' }), migratePaths: [['host']] }),
        change({ address: 'xcp_vm.c', action: 'update', before: vm(3, 'c'), after: with_(vm(3, 'c'), { vcpus: 4 }) }),
      ],
    }));
    expect(text).toContain('symbols:\n  ~ update in-place\n ~> migrate (live, no rebuild)\n  - destroy\n\nxcpform will perform the following actions:\n');
    expect(text).not.toContain('+ create');
  });

  test('the summary line is Terraform\'s without migrations and appends them when present', () => {
    expect(renderPlanText(scenarios.create())).toContain('\nPlan: 2 to add, 0 to change, 0 to destroy.\n');
    expect(renderPlanText(scenarios.replace())).toContain('\nPlan: 4 to add, 0 to change, 4 to destroy.\n');
    expect(renderPlanText(scenarios.migrate())).toContain('\nPlan: 0 to add, 0 to change, 0 to destroy, 2 to migrate.\nMonthly cost: +$20.00 ($81.00 → $101.00)\n');
  });

  test('with productName "Terraform" the prose is Terraform\'s, byte for byte', () => {
    const text = renderPlanText(scenarios['no-changes'](), { productName: 'Terraform', width: 0 });
    expect(text).toBe('\nNo changes. Your infrastructure matches the configuration.\n\nTerraform has compared your real infrastructure against your configuration and found no differences, so no changes are needed.\n');
    const create = renderPlanText(scenarios.create(), { productName: 'Terraform', width: 0 });
    expect(create.startsWith('\nTerraform used the selected providers to generate the following execution plan. Resource actions are indicated with the following symbols:\n  + create\n\nTerraform will perform the following actions:\n\n  # xcp_network.lan will be created\n  + resource "xcp_network" "lan" {\n')).toBe(true);
  });

  test('count indexes sort numerically; no-op changes and deleted data sources are not shown', () => {
    const text = renderPlanText(scenarios['count-for-each']());
    expect(text.indexOf('# xcp_vm.web[1] will')).toBeLessThan(text.indexOf('# xcp_vm.web[10] will'));
    expect(text).not.toContain('xcp_vm.web[0]');
    expect(renderPlanText(scenarios.delete())).not.toContain('data.xcp_sr.gone');
  });

  test('an errored plan says so, with and without changes', () => {
    const withChanges = renderPlanText(plan({ ...scenarios.create(), errored: true }));
    expect(withChanges).toContain('\nxcpform planned the following actions, but then encountered a problem:\n');
    expect(renderPlanText(plan({ errored: true }))).toBe('\nPlanning failed. xcpform encountered an error while generating this plan.\n\n');
  });

  test('diagnostics follow the plan unless turned off', () => {
    const p = plan({ ...scenarios.update(), diagnostics: [warning('plan.targeted', 'Resource targeting is in effect', { detail: 'Some changes may be left out.' })] });
    expect(renderPlanText(p)).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy\.\n\nWarning: Resource targeting is in effect\n\n  Some changes may be left out\.\n$/);
    expect(renderPlanText(p, { diagnostics: false })).not.toContain('Warning:');
  });

  test('colour: migrate is magenta, bold summary, nothing when off', () => {
    const coloured = renderPlanText(scenarios.migrate(), { color: true });
    expect(coloured).toContain(' \x1b[35m~>\x1b[0m migrate (live, no rebuild)');
    expect(coloured).toContain('\x1b[1mPlan:\x1b[0m 0 to add');
    expect(renderPlanText(scenarios.migrate())).not.toContain('\x1b');
  });

  test('drift comes first, closed by a rule as wide as the terminal', () => {
    const text = renderPlanText(scenarios.drift(), { width: 40 });
    expect(text.startsWith('\nNote: Objects have changed outside of xcpform\n\n')).toBe(true);
    expect(text).toContain(`\n${'─'.repeat(39)}\n`);
    expect(text.indexOf('has been deleted')).toBeLessThan(text.indexOf('will be created'));
  });

  test('halt-class updates and notes get their comment lines', () => {
    expect(renderPlanText(scenarios.halt())).toContain('  # xcp_vm.app will be updated in-place\n  # (xcp_vm.app will be shut down cleanly, updated and started again)\n');
    expect(renderPlanText(scenarios.halt())).toContain('~ vcpus_max              = 2 -> 4 # requires shutdown');
    expect(renderPlanText(scenarios.update())).toContain('  # (Takes effect at the next boot)\n');
  });

  test('replace-cbd and read', () => {
    expect(renderPlanText(scenarios['replace-cbd']())).toContain('+/- create replacement and then destroy\n');
    const unknowns = renderPlanText(scenarios.unknowns());
    expect(unknowns).toContain('  # data.xcp_vm.peer will be read during apply\n  # (config refers to values not yet known)\n <= data "xcp_vm" "peer" {\n');
  });

  test('resources without a schema still render, from their values', () => {
    const text = renderPlanText(plan({ changes: [change({ address: 'xcp_vm.x', action: 'create', after: newVm('x') })] }), { schemas: () => undefined });
    expect(text).toContain('+ resource "xcp_vm" "x" {');
    expect(text).toMatch(/\+ disk +  = \[\n/);
  });
});
