import Ajv from 'ajv';
import { change, kitchenSink, obj, plan, scenarios, TIMESTAMP, uuid, vm } from '../../test/helpers/plan-fixtures';
import { UNKNOWN } from '../values/value';
import { planJson, renderPlanJson } from './plan-json';
import { PLAN_JSON_SCHEMA } from './plan-json-schema';

const ts = { timestamp: TIMESTAMP };
const rc = (doc: ReturnType<typeof planJson>, address: string) => doc.resource_changes!.find((r) => r.address === address)!;

describe('planJson', () => {
  test('actions follow Terraform: migrate is an update, replacements are pairs', () => {
    const doc = planJson(kitchenSink(), ts);
    expect(rc(doc, 'xcp_vm.web').change.actions).toEqual(['update']);
    expect(doc.xcpform.resources['xcp_vm.web'].action).toBe('migrate');
    expect(rc(doc, 'xcp_vm.db').change.actions).toEqual(['delete', 'create']);
    expect(rc(doc, 'xcp_vm.old').change.actions).toEqual(['delete']);
    expect(rc(doc, 'data.xcp_vm.peer').change.actions).toEqual(['read']);
    const cbd = planJson(scenarios['replace-cbd'](), ts);
    expect(rc(cbd, 'xcp_network.lan').change.actions).toEqual(['create', 'delete']);
    expect(rc(cbd, 'xcp_network.lan').change.replace_paths).toEqual([['managed']]);
    expect(rc(cbd, 'xcp_network.lan').action_reason).toBe('replace_because_cannot_update');
  });

  test('unknowns: absent from after, true in after_unknown, null in lists', () => {
    const p = plan({ changes: [change({ address: 'xcp_network.n', action: 'create', after: obj('xcp_network', { name_label: 'n', id: UNKNOWN, pifs: ['a', UNKNOWN] }) })] });
    const c = rc(planJson(p, ts), 'xcp_network.n').change;
    expect(c.after).not.toHaveProperty('id');
    expect((c.after as Record<string, unknown>).pifs).toEqual(['a', null]);
    expect(c.after_unknown).toEqual({ id: true, pifs: [false, true], tags: [], purpose: [], other_config: {} });
    expect(c.before).toBeNull();
    expect(c.before_sensitive).toBe(false);
  });

  test('sensitive leaves are null everywhere, marked true in the sensitive trees', () => {
    const doc = planJson(scenarios.sensitive(), ts);
    const sr = rc(doc, 'xcp_sr.nfs').change;
    expect((sr.after as Record<string, unknown>).device_config_secrets).toBeNull();
    expect((sr.after_sensitive as Record<string, unknown>).device_config_secrets).toBe(true);
    const link = rc(doc, 'xcp_vpn_link.burst').change;
    expect((link.before as Record<string, unknown>).psk).toBeNull();
    expect((link.after as Record<string, unknown>).psk).toBeNull();
    expect(doc.variables!.nfs_password.value).toBeNull();
    expect(doc.variables!.region.value).toBe('eu-west');
    const out = (doc.output_changes as Record<string, { after: unknown; after_sensitive: unknown }>).nfs_password;
    expect(out.after).toBeNull();
    expect(out.after_sensitive).toBe(true);
  });

  test('index, provider_name and address fields', () => {
    const doc = planJson(scenarios['count-for-each'](), ts);
    expect(rc(doc, 'xcp_vm.web[1]')).toMatchObject({ mode: 'managed', type: 'xcp_vm', name: 'web', index: 1, provider_name: 'registry.terraform.io/xcpform/xcp' });
    expect(rc(doc, 'xcp_vm.svc["a"]').index).toBe('a');
    expect(rc(doc, 'xcp_vm.web[0]').change.actions).toEqual(['no-op']);
    expect(doc.configuration.root_module.resources).toEqual([
      expect.objectContaining({ address: 'xcp_vm.svc', provider_config_key: 'xcp' }),
      expect.objectContaining({ address: 'xcp_vm.web' }),
    ]);
  });

  test('planned_values leave deletes out; prior_state holds the before values', () => {
    const doc = planJson(scenarios.delete(), ts);
    expect(doc.planned_values.root_module).toEqual({});
    expect(doc.prior_state.values!.root_module.resources!.map((r) => r.address)).toEqual(['data.xcp_sr.gone', 'xcp_vm.old', 'xcp_vm.svc["b"]', 'xcp_vm.web[2]']);
    expect(doc.configuration.root_module.resources!.map((r) => (r as { address: string }).address)).toEqual(['data.xcp_sr.gone', 'xcp_vm.svc', 'xcp_vm.web']);
  });

  test('drift goes to resource_drift, with the drifted attributes as relevant_attributes', () => {
    const doc = planJson(scenarios.drift(), ts);
    expect(doc.resource_drift!.map((d) => [d.address, d.change.actions])).toEqual([['xcp_vm.gone', ['delete']], ['xcp_vm.web', ['update']]]);
    expect(doc.relevant_attributes).toEqual([
      { resource: 'xcp_vm.gone', attribute: [] },
      { resource: 'xcp_vm.web', attribute: ['memory_dynamic_max'] },
      { resource: 'xcp_vm.web', attribute: ['tags'] },
    ]);
  });

  test('applyable, complete, errored', () => {
    expect(planJson(scenarios['no-changes'](), ts)).toMatchObject({ applyable: false, complete: true, errored: false });
    expect(planJson(scenarios.update(), ts)).toMatchObject({ applyable: true, complete: true });
    expect(planJson(plan({ ...scenarios.update(), targets: ['xcp_vm.app'] }), ts)).toMatchObject({ applyable: true, complete: false });
    expect(planJson(plan({ ...scenarios.update(), errored: true }), ts)).toMatchObject({ applyable: false, complete: false, errored: true });
    expect(planJson(scenarios['refresh-only-drift'](), ts).applyable).toBe(true);
    expect(planJson(scenarios.outputs(), ts).applyable).toBe(true);
  });

  test('xcpform extras: migration, bytes, cost, halt paths, lineage', () => {
    const doc = planJson(scenarios.migrate(), ts);
    expect(doc.xcpform.resources['xcp_vm.web'].migration).toEqual({ from_pool: 'dc1', to_pool: 'cloud1', bytes: 20 * 1024 ** 3, via: 'xcp_vpn_link.burst' });
    expect(doc.xcpform.bytes_to_move).toBe(20 * 1024 ** 3);
    expect(doc.xcpform.cost).toEqual({ currency: 'USD', before: 81, after: 101, delta: 20 });
    expect(doc.xcpform.summary).toEqual({ add: 0, change: 0, migrate: 2, destroy: 0 });
    expect(planJson(scenarios.halt(), ts).xcpform.resources['xcp_vm.app'].halt_paths).toEqual([['memory'], ['vcpus_max']]);
    expect(doc.xcpform.prior_state).toEqual({ lineage: '3c1f6a52-9c0b-4e5e-8d5e-2f0f4a1b9d10', serial: 7 });
  });

  test('the schema rejects what the format forbids', () => {
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(PLAN_JSON_SCHEMA);
    const good = JSON.parse(renderPlanJson(scenarios.update(), ts));
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, format_version: '1.1' })).toBe(false);
    const badActions = JSON.parse(JSON.stringify(good));
    badActions.resource_changes[0].change.actions = ['migrate'];
    expect(validate(badActions)).toBe(false);
    const { applyable: _drop, ...missing } = good;
    expect(validate(missing)).toBe(false);
  });

  test('compact by default, one line plus newline', () => {
    const text = renderPlanJson(plan({ changes: [change({ address: 'xcp_vm.a', action: 'no-op', before: vm(1, 'a'), after: vm(1, 'a') })] }), ts);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toContain(uuid(1));
  });
});
