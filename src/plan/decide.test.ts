/** The one decision: recorded decisions round-trip, reordered blocks are an update, hooks decide with the world. */
import { WorldSnapshot } from '../resources/snapshot';
import type { ResourceType } from '../resources/resource';
import { blockType, defineResource, opt, req } from '../schema/dsl';
import { t } from '../schema/cty-type';
import type { ObjectValue } from '../values/value';
import { vmSchema } from '../resources/vm/schema';
import { decide, decodeDecision, encodeDecision } from './decide';

const item = blockType('list', 'an item', { key: req(t.string, 'in-place', 'identity'), size: opt(t.number, 'in-place', 'size') });
const schema = defineResource({
  typeName: 'xcp_test_thing', description: 'a thing',
  attributes: { name: req(t.string, 'in-place', 'name'), kind: opt(t.string, 'replace', 'kind') },
  blockTypes: { item },
});
const prior: ObjectValue = { name: 'a', kind: 'x', item: [{ key: 'p', size: 1 }, { key: 'q', size: 2 }] };

describe('decide', () => {
  test('no change is a no-op; a replace-class change is a replacement', () => {
    expect(decide({ schema, address: 'xcp_test_thing.a', prior, config: prior }).action).toBe('no-op');
    const d = decide({ schema, address: 'xcp_test_thing.a', prior, config: { ...prior, kind: 'y' } });
    expect(d.action).toBe('replace');
    expect(d.replacePaths).toEqual([['kind']]);
  });

  test('a hook that matches blocks by identity calls reordered blocks no change, yet the state changes: an update', () => {
    const hook: ResourceType['plan'] = (r) => ({ planned: r.planned, action: 'no-op', changes: [], haltPaths: [] });
    const resource = { plan: hook } as unknown as ResourceType;
    const config = { ...prior, item: [prior.item![1 as never], prior.item![0 as never]] } as ObjectValue;
    const d = decide({ schema, address: 'xcp_test_thing.a', resource, prior, config, world: new WorldSnapshot() });
    expect(d.action).toBe('update');
    expect(d.notes.join(' ')).toMatch(/order of blocks/);
    // Without the world the hook does not run: the schema diff sees changed elements.
    expect(decide({ schema, address: 'xcp_test_thing.a', resource, prior, config }).action).toBe('update');
  });

  test('identity is the schema\'s: elements keyed alike are the same object, so a swap of their other values is a change, not a reorder', () => {
    const keyed = defineResource({ typeName: 'xcp_test_keyed', description: 'k', attributes: { name: req(t.string, 'in-place', 'name') },
      blockTypes: { item: blockType('list', 'an item', { key: opt(t.string, 'in-place', 'identity'), size: opt(t.number, 'in-place', 'size') }, { identity: { key: 'key', slots: 4 } }) } });
    const hook: ResourceType['plan'] = (r) => ({ planned: r.planned, action: 'no-op', changes: [], haltPaths: [] });
    const resource = { plan: hook } as unknown as ResourceType;
    const before: ObjectValue = { name: 'a', item: [{ key: 'p', size: 1 }, { key: 'q', size: 2 }] };
    const reorder = decide({ schema: keyed, address: 'xcp_test_keyed.a', resource, prior: before, config: { name: 'a', item: [{ key: 'q', size: 2 }, { key: 'p', size: 1 }] }, world: new WorldSnapshot() });
    expect([reorder.action, reorder.notes.some((n) => /order of blocks/.test(n))]).toEqual(['update', true]);
    // Same elements by value but the keys moved: not a reorder of the same objects.
    const swapped = decide({ schema: keyed, address: 'xcp_test_keyed.a', resource, prior: before, config: { name: 'a', item: [{ key: 'p', size: 2 }, { key: 'q', size: 1 }] }, world: new WorldSnapshot() });
    expect(swapped.notes.some((n) => /order of blocks/.test(n))).toBe(false);
  });

  test('the VM schema declares disk and NIC identity, which its plan and apply use', () => {
    expect(vmSchema.block.blockTypes?.disk?.identity).toEqual({ key: 'userdevice', slots: 16 });
    expect(vmSchema.block.blockTypes?.nic?.identity).toEqual({ key: 'device', slots: 10 });
  });

  test('a hook that finds the same objects under another spelling is an update that rewrites the state (what Terraform shows)', () => {
    const hook: ResourceType['plan'] = (r) => ({ planned: r.planned, action: 'no-op', changes: [], haltPaths: [] });
    const resource = { plan: hook } as unknown as ResourceType;
    // The state has the object's UUID, the configuration its name: the hook resolves both to one object.
    const byUuid: ObjectValue = { ...prior, item: [{ key: 'p', size: 1 }, { key: '4a7c1f6e-0000-4000-8000-000000000001', size: 2 }] };
    const byName: ObjectValue = { ...prior, item: [{ key: 'p', size: 1 }, { key: 'q', size: 2 }] };
    const d = decide({ schema, address: 'xcp_test_thing.a', resource, prior: byUuid, config: byName, world: new WorldSnapshot() });
    expect(d.action).toBe('update');
    expect(d.notes.join(' ')).toMatch(/names the same objects in another form/);
    expect(decide({ schema, address: 'xcp_test_thing.a', resource, prior: byName, config: byName, world: new WorldSnapshot() }).action).toBe('no-op');
  });

  test('a hook\'s own classification stands (an in-place change the schema calls a replacement)', () => {
    const hook: ResourceType['plan'] = (r) => ({ planned: r.planned, action: 'update', changes: [{ path: ['kind'], update: 'in-place' }], haltPaths: [] });
    const resource = { plan: hook } as unknown as ResourceType;
    const d = decide({ schema, address: 'xcp_test_thing.a', resource, prior, config: { ...prior, kind: 'y' }, world: new WorldSnapshot() });
    expect(d.action).toBe('update');
    expect(d.replacePaths).toEqual([]);
  });

  test('the recorded decision round-trips through the planned private bytes; other bytes carry none', () => {
    expect(decodeDecision(encodeDecision({ action: 'migrate', haltPaths: [['vcpus_max']] }))).toEqual({ action: 'migrate', haltPaths: [['vcpus_max']] });
    expect(decodeDecision(Buffer.from('{"xcpform":1}'))).toBeUndefined();
    expect(decodeDecision(Buffer.from('not json'))).toBeUndefined();
    expect(decodeDecision(Buffer.from('{"xcpform":2,"action":"explode","halt":[]}'))).toBeUndefined();
    expect(decodeDecision(undefined)).toBeUndefined();
  });
});
