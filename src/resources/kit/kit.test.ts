/** Unit tests of the pure helpers shared by the infra resources. */
import { PoolRecords, WorldSnapshot } from '../snapshot';
import type { Ref } from '../../xenapi';
import { parseImportId, locateImport } from './import-id';
import { managedKeys, ownedEntries, userOtherConfig } from './owned-keys';
import { formOf, formsOf, lookup } from './refs';
import { scrub } from './xapi-ops';

function srs(): PoolRecords {
  const r = new PoolRecords('dc1');
  const rec = (uuid: string, name_label: string) => ({ uuid, name_label } as never);
  r.setClass('SR', new Map([
    ['OpaqueRef:a' as Ref<'SR'>, rec('u-a', 'fast')],
    ['OpaqueRef:b' as Ref<'SR'>, rec('u-b', 'local')],
    ['OpaqueRef:c' as Ref<'SR'>, rec('u-c', 'local')],
  ]));
  return r;
}

describe('refs', () => {
  it.each([
    ['a unique name is kept', 'OpaqueRef:a', 'fast', 'fast'],
    ['a UUID is kept', 'OpaqueRef:a', 'u-a', 'u-a'],
    ['an ambiguous name becomes the UUID', 'OpaqueRef:b', 'local', 'u-b'],
    ['a name of another object becomes the UUID', 'OpaqueRef:b', 'fast', 'u-b'],
    ['no prior gives the UUID', 'OpaqueRef:c', null, 'u-c'],
    ['a null ref gives null', 'OpaqueRef:NULL', 'fast', null],
  ])('formOf: %s', (_name, ref, prior, want) => {
    expect(formOf(srs(), 'SR', ref, prior)).toBe(want);
  });

  it('lookup prefers the UUID and lists every object of a name', () => {
    expect(lookup(srs(), 'SR', 'u-b')).toEqual(['OpaqueRef:b']);
    expect(lookup(srs(), 'SR', 'local').sort()).toEqual(['OpaqueRef:b', 'OpaqueRef:c']);
    expect(formsOf(srs(), 'SR', ['OpaqueRef:a', 'OpaqueRef:c'], ['fast'])).toEqual(['fast', 'u-c']);
  });
});

describe('owned keys', () => {
  it('reports only managed user keys, never xcpform:* nor other tools\' keys', () => {
    const oc = { ...ownedEntries('xcp_network.a', ['team']), team: 'infra', 'XenCenter.x': 'y', automatic: 'true' };
    expect(managedKeys(oc)).toEqual(['team']);
    expect(userOtherConfig(oc, undefined, ['automatic'])).toEqual({ team: 'infra' });
    expect(userOtherConfig(oc, { zone: 'a' })).toEqual({ team: 'infra' });
    expect(userOtherConfig({ 'XenCenter.x': 'y' }, undefined)).toEqual({});
  });

  it('one convention for writing (xcpform:managed); the older xcpform:keys list is still read', () => {
    expect(Object.keys(ownedEntries('xcp_vm.a', ['b', 'a']))).toEqual(['xcpform:address', 'xcpform:managed']);
    const legacy = { 'xcpform:address': 'xcp_vm.a', 'xcpform:keys': '["team"]', team: 'web', install: 'x' };
    expect(managedKeys(legacy)).toEqual(['team']);
    expect(userOtherConfig(legacy)).toEqual({ team: 'web' });
    expect(managedKeys({ 'xcpform:managed': '["a"]', 'xcpform:keys': '["b"]' })).toEqual(['a', 'b']);
    expect(managedKeys({ 'xcpform:keys': 'not json' })).toEqual([]);
  });
});

describe('import ids', () => {
  it.each([
    ['pool/uuid', 'dc1/u-1', { pool: 'dc1', uuid: 'u-1' }],
    ['bare uuid', 'u-1', { pool: 'cloud1', uuid: 'u-1' }],
  ])('%s', (_n, id, want) => expect(parseImportId(id, 'cloud1')).toEqual(want));

  it('finds a bare UUID in another pool and explains a miss', () => {
    const world = new WorldSnapshot();
    world.pool('dc1').setClass('SR', srs().all('SR'));
    world.pool('cloud1').setClass('SR', new Map());
    expect('records' in locateImport('xcp_sr', 'u-a', world, 'cloud1', 'SR')).toBe(true);
    const miss = locateImport('xcp_sr', 'cloud1/u-a', world, 'cloud1', 'SR');
    expect('diagnostics' in miss && miss.diagnostics?.[0].code).toBe('import.not-found');
  });
});

it('scrub hides every secret occurrence', () => {
  expect(scrub('password=hunter22 and hunter22', ['hunter22'])).toBe('password=(sensitive value) and (sensitive value)');
});
