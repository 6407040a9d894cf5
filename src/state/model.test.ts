import { emptyState, findInstance, formatAddress, listAddresses, parseAddress, providerAddress, removeInstance, setInstance, setOutput, InstanceAddress } from './model';

describe('addresses', () => {
  it.each([
    ['xcp_vm.web', { mode: 'managed', type: 'xcp_vm', name: 'web' }],
    ['xcp_vm.web[3]', { mode: 'managed', type: 'xcp_vm', name: 'web', key: 3 }],
    ['xcp_vm.web["a.b\\"c"]', { mode: 'managed', type: 'xcp_vm', name: 'web', key: 'a.b"c' }],
    ['data.xcp_pool.p', { mode: 'data', type: 'xcp_pool', name: 'p' }],
    ['module.m["x"].module.n[0].xcp_sr.s', { module: 'module.m["x"].module.n[0]', mode: 'managed', type: 'xcp_sr', name: 's' }],
  ] as Array<[string, InstanceAddress]>)('%s', (text, addr) => {
    expect(parseAddress(text)).toEqual(addr);
    expect(formatAddress(addr)).toBe(text);
  });

  it.each(['', 'xcp_vm', 'xcp_vm.web[', 'xcp_vm.web[x]', '1a.b', 'module.m'])('rejects %j', (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });

  it('spells provider addresses like Terraform', () => {
    expect(providerAddress()).toBe('provider["registry.terraform.io/xcpform/xcp"]');
    expect(providerAddress('cloud')).toBe('provider["registry.terraform.io/xcpform/xcp"].cloud');
    expect(providerAddress(undefined, 'module.m')).toBe('module.m.provider["registry.terraform.io/xcpform/xcp"]');
  });
});

describe('pure state helpers', () => {
  const obj = (name: string) => ({ schemaVersion: 0, attributes: { name_label: name }, sensitiveAttributes: [], dependencies: [] });
  const web0 = parseAddress('xcp_vm.web[0]')!;
  const web1 = parseAddress('xcp_vm.web[1]')!;

  it('sets, replaces, deposes and removes objects without touching the input', () => {
    const s0 = emptyState();
    expect(s0.lineage).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const s1 = setInstance(s0, web0, obj('a'), providerAddress());
    const s2 = setInstance(s1, web1, obj('b'), providerAddress());
    const s3 = setInstance(s2, web0, { ...obj('a-old'), deposed: '0badcafe' }, providerAddress());
    const s4 = setInstance(s3, web0, obj('a2'), providerAddress());
    expect(s0.resources).toEqual([]);
    expect(s4.resources).toHaveLength(1);
    expect(s4.resources[0].instances.map((i) => [i.indexKey, i.deposed, i.attributes.name_label])).toEqual([
      [0, undefined, 'a2'],
      [1, undefined, 'b'],
      [0, '0badcafe', 'a-old'],
    ]);
    expect(findInstance(s4, web0)?.attributes.name_label).toBe('a2');
    expect(listAddresses(s4)).toEqual(['xcp_vm.web[0]', 'xcp_vm.web[1]']);
    const s5 = removeInstance(removeInstance(s4, web0, '0badcafe'), web1);
    expect(listAddresses(s5)).toEqual(['xcp_vm.web[0]']);
    expect(removeInstance(s5, web1)).toBe(s5);
    expect(removeInstance(s5, web0).resources).toEqual([]);
    expect(s2.resources[0].instances).toHaveLength(2); // untouched
  });

  it('sets and removes outputs', () => {
    const s = setOutput(emptyState(), 'ip', { value: '10.0.0.1', type: 'string' });
    expect(s.outputs.ip.value).toBe('10.0.0.1');
    expect(setOutput(s, 'ip', undefined).outputs).toEqual({});
  });
});
