import type { DataRead, Plan, ResourceChange } from '../plan/model';
import { emptyState, parseAddress, providerAddress, setInstance, type State } from '../state';
import type { ObjectValue } from '../values/value';
import { withRefreshedPrior } from './prior-state';

const PROVIDER = providerAddress();

function state(entries: [string, ObjectValue, { deposed?: string; status?: 'tainted' }?][]): State {
  let s = emptyState('lineage');
  for (const [address, attributes, extra] of entries) {
    s = setInstance(s, parseAddress(address)!, { schemaVersion: 0, attributes, sensitiveAttributes: [], dependencies: ['xcp_network.lan'], ...extra }, PROVIDER);
  }
  return s;
}

function change(address: string, action: ResourceChange['action'], before: ObjectValue | null): ResourceChange {
  const a = parseAddress(address)!;
  return {
    address, mode: a.mode, type: a.type, name: a.name, ...(a.key !== undefined ? { index: a.key } : {}), providerConfig: 'xcp', action, before,
    after: action === 'delete' ? null : before ?? {}, beforeSensitive: [], afterSensitive: [], replacePaths: [], migratePaths: [], haltPaths: [],
    notes: [], dependsOn: [], schemaVersion: 0, patch: [],
  };
}

const read = (address: string, values: ObjectValue): DataRead => {
  const a = parseAddress(address)!;
  return { address, type: a.type, name: a.name, ...(a.key !== undefined ? { index: a.key } : {}), providerConfig: 'xcp', schemaVersion: 0, values };
};

function plan(p: Partial<Plan>): Plan {
  return { formatVersion: 1, xcpformVersion: 'test', mode: 'normal', prior: { lineage: 'lineage', serial: 1 }, variables: {}, changes: [], drift: [], outputs: [], diagnostics: [], targets: [], errored: false, ...p };
}

const attrs = (s: State, address: string): unknown => {
  const a = parseAddress(address)!;
  return s.resources.find((r) => r.mode === a.mode && r.type === a.type && r.name === a.name)?.instances.find((i) => i.indexKey === a.key && i.deposed === undefined)?.attributes;
};

describe('the refreshed prior state apply starts from', () => {
  test('refreshed objects of no-op and other changes replace the recorded ones; other fields are kept', () => {
    const s = state([['xcp_vm.web', { ip: null }, { status: 'tainted' }], ['xcp_vm.db', { ip: '10.0.0.2' }], ['xcp_network.lan', { mtu: 1500 }]]);
    const next = withRefreshedPrior(s, plan({ changes: [change('xcp_vm.web', 'no-op', { ip: '10.0.0.1' }), change('xcp_network.lan', 'update', { mtu: 1500 }), change('xcp_vm.db', 'no-op', { ip: '10.0.0.2' })] }));
    expect(attrs(next, 'xcp_vm.web')).toEqual({ ip: '10.0.0.1' });
    const web = next.resources.find((r) => r.name === 'web')!.instances[0];
    expect(web.status).toBe('tainted');
    expect(web.dependencies).toEqual(['xcp_network.lan']);
    // Untouched resources keep their identity (no copy per instance).
    expect(next.resources.find((r) => r.name === 'db')).toBe(s.resources.find((r) => r.name === 'db'));
  });

  test('nothing refreshed differently: the same state object', () => {
    const s = state([['xcp_vm.web', { ip: 'x' }], ['data.xcp_pool.p', { uuid: 'p' }]]);
    expect(withRefreshedPrior(s, plan({ changes: [change('xcp_vm.web', 'no-op', { ip: 'x' })], dataReads: [read('data.xcp_pool.p', { uuid: 'p' })] }))).toBe(s);
  });

  test('objects deleted outside xcpform leave the state; deposed objects stay', () => {
    const s = state([['xcp_vm.web[0]', { a: 1 }], ['xcp_vm.web[1]', { a: 2 }], ['xcp_vm.web[1]', { a: 0 }, { deposed: '0000abcd' }], ['xcp_sr.s', { a: 3 }]]);
    const next = withRefreshedPrior(s, plan({ changes: [change('xcp_vm.web[1]', 'create', null)], drift: [change('xcp_vm.web[1]', 'delete', { a: 2 }), change('xcp_sr.s', 'delete', { a: 3 })] }));
    expect(attrs(next, 'xcp_vm.web[0]')).toEqual({ a: 1 });
    expect(attrs(next, 'xcp_vm.web[1]')).toBeUndefined();
    expect(next.resources.find((r) => r.name === 'web')!.instances.map((i) => i.deposed)).toEqual([undefined, '0000abcd']);
    expect(next.resources.some((r) => r.type === 'xcp_sr')).toBe(false);
  });

  test('data resources become the ones read while planning: updated, added, and the others dropped', () => {
    const s = state([['data.xcp_host.h[0]', { n: 'old' }], ['data.xcp_host.h[1]', { n: 'gone' }], ['data.xcp_vm.later', { n: 'stale' }]]);
    const next = withRefreshedPrior(s, plan({ dataReads: [read('data.xcp_host.h[0]', { n: 'new' }), read('data.xcp_sr.local["a"]', { n: 'sr' })] }));
    expect(attrs(next, 'data.xcp_host.h[0]')).toEqual({ n: 'new' });
    expect(attrs(next, 'data.xcp_host.h[1]')).toBeUndefined();
    expect(attrs(next, 'data.xcp_vm.later')).toBeUndefined();
    expect(attrs(next, 'data.xcp_sr.local["a"]')).toEqual({ n: 'sr' });
    const sr = next.resources.find((r) => r.type === 'xcp_sr')!;
    expect(sr).toMatchObject({ mode: 'data', provider: PROVIDER });
    expect(sr.instances[0]).toMatchObject({ indexKey: 'a', dependencies: [], sensitiveAttributes: [] });
  });

  test('a destroy drops every data resource; a -target plan drops none and refreshes only what it targets', () => {
    const s = state([['data.xcp_pool.p', { uuid: 'p' }], ['xcp_vm.a', { v: 1 }], ['xcp_vm.b', { v: 1 }]]);
    expect(withRefreshedPrior(s, plan({ mode: 'destroy', changes: [change('xcp_vm.a', 'delete', { v: 1 })] })).resources.map((r) => r.mode)).toEqual(['managed', 'managed']);
    const targeted = withRefreshedPrior(s, plan({ targets: ['xcp_vm.a'], changes: [change('xcp_vm.a', 'update', { v: 2 })], drift: [change('xcp_vm.b', 'delete', { v: 1 })] }));
    expect(attrs(targeted, 'data.xcp_pool.p')).toEqual({ uuid: 'p' });
    expect(attrs(targeted, 'xcp_vm.a')).toEqual({ v: 2 });
    expect(attrs(targeted, 'xcp_vm.b')).toEqual({ v: 1 });
  });
});
