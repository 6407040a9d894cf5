import { vmSchema } from '../resources/vm/schema';
import { vdiSchema } from '../resources/vdi/schema';
import { isUnknown, ObjectValue } from '../values/value';
import { planResourceChange } from './diff';

const baseConfig: ObjectValue = {
  name_label: 'web', template: 'Debian Bookworm 12', vcpus: 2, memory: 2147483648,
  disk: [{ size: 10737418240 }], nic: [{ network: 'lan' }],
};

function created(): ObjectValue {
  // The state after a create: the planned values with computed attributes filled in.
  const { planned } = planResourceChange(vmSchema, null, baseConfig);
  const fill = (v: ObjectValue): ObjectValue => Object.fromEntries(Object.entries(v).map(([k, x]) => [k,
    isUnknown(x) ? (k === 'uuid' || k === 'id' ? 'u-1' : k === 'pool' ? 'dc1' : k.endsWith('uuid') ? 'x' : k === 'host' ? 'h1' : null)
      : Array.isArray(x) ? x.map((e) => (e && typeof e === 'object' && !Array.isArray(e) && !isUnknown(e) ? fill(e as ObjectValue) : e)) : x]));
  return fill(planned);
}

describe('planResourceChange', () => {
  test('create: configured values, defaults, unknown computed attributes', () => {
    const d = planResourceChange(vmSchema, null, baseConfig);
    expect(d.action).toBe('create');
    expect(d.planned.name_label).toBe('web');
    expect(d.planned.power_state).toBe('running');
    expect(d.planned.clone_type).toBe('fast');
    expect(isUnknown(d.planned.uuid)).toBe(true);
    expect(isUnknown(d.planned.ip_address)).toBe(true);
    expect(d.planned.affinity).toBeNull();
    expect((d.planned.disk as ObjectValue[])[0].mode).toBe('RW');
    expect(isUnknown((d.planned.disk as ObjectValue[])[0].vdi_uuid)).toBe(true);
    expect(d.planned.cloud_init).toBeNull();
  });

  const cases: [string, ObjectValue, string, string[]][] = [
    ['no change', {}, 'no-op', []],
    ['name change is in place', { name_label: 'web2' }, 'update', []],
    ['vcpus_max change needs a halt', { vcpus_max: 8 }, 'update', ['vcpus_max']],
    ['template change forces replacement', { template: 'Ubuntu Noble' }, 'replace', []],
    ['pool change migrates', { pool: 'cloud1' }, 'migrate', []],
    ['host change migrates', { host: 'h2' }, 'migrate', []],
    ['disk SR change migrates', { disk: [{ size: 10737418240, sr: 'fast-ssd' }] }, 'migrate', []],
    ['disk growth is in place', { disk: [{ size: 21474836480 }] }, 'update', []],
    ['added disk is in place', { disk: [{ size: 10737418240 }, { size: 1073741824 }] }, 'update', []],
    ['adding cloud-init replaces', { cloud_init: [{ user_data: '#cloud-config' }] }, 'replace', []],
  ];
  test.each(cases)('%s', (_name, change, action, halts) => {
    const prior = created();
    const d = planResourceChange(vmSchema, prior, { ...baseConfig, ...change });
    expect(d.action).toBe(action);
    expect(d.haltPaths.map((p) => p.join('.'))).toEqual(halts);
  });

  test('unset optional+computed attributes keep the prior value; read-only changes are not changes', () => {
    const prior = { ...created(), host: 'h1', ip_address: '10.0.0.5' };
    const d = planResourceChange(vmSchema, prior, baseConfig);
    expect(d.action).toBe('no-op');
    expect(d.planned.host).toBe('h1');
    expect(d.planned.ip_address).toBe('10.0.0.5');
  });

  test('ignore_changes keeps the prior value', () => {
    const prior = created();
    const d = planResourceChange(vmSchema, prior, { ...baseConfig, name_label: 'other', template: 'x' }, { ignoreChanges: [['name_label'], ['template']] });
    expect(d.action).toBe('no-op');
    expect(d.planned.name_label).toBe('web');
    expect(planResourceChange(vmSchema, prior, { ...baseConfig, vcpus: 9 }, { ignoreChanges: 'all' }).action).toBe('no-op');
  });

  test('an unknown configured value is a change, classified by its attribute', () => {
    const prior = created();
    const { planned } = planResourceChange(vmSchema, null, baseConfig);
    const d = planResourceChange(vmSchema, prior, { ...baseConfig, template: planned.uuid });
    expect(d.action).toBe('replace');
    expect(d.replacePaths).toEqual([['template']]);
  });

  test('replacement plans the object as new: computed attributes become unknown again', () => {
    const d = planResourceChange(vmSchema, created(), { ...baseConfig, template: 'Ubuntu Noble' });
    expect(isUnknown(d.planned.uuid)).toBe(true);
  });

  test('forceReplace replaces without a change', () => {
    expect(planResourceChange(vmSchema, created(), baseConfig, { forceReplace: true }).action).toBe('replace');
  });

  test('values convert to the schema type; sets compare without order', () => {
    const vdiCfg: ObjectValue = { name_label: 'd', sr: 'sr1', size: '1073741824', tags: ['a', 'b'] };
    const d = planResourceChange(vdiSchema, null, vdiCfg);
    expect(d.planned.size).toBe(1073741824);
    const prior = { ...d.planned, id: 'v', uuid: 'v', pool: 'dc1', physical_utilisation: 0, is_a_snapshot: false, snapshot_of: '', vbds: [] };
    expect(planResourceChange(vdiSchema, prior, { ...vdiCfg, tags: ['b', 'a'] }).action).toBe('no-op');
    const bad = planResourceChange(vdiSchema, null, { ...vdiCfg, size: 'big' });
    expect(bad.diagnostics.map((x) => x.summary)).toEqual(['attribute "size": must be number']);
  });
});
