import type { AttributeSchema, BlockSchema } from './model';
import { computedForTerraform, equivalent, hasDefault, withDefaults } from './defaults';

const mtu: AttributeSchema = { type: 'number', description: 'm', optional: true, default: 1500, update: 'in-place' };
const tags: AttributeSchema = { type: ['set', 'string'], description: 't', optional: true, default: [], update: 'in-place' };
const note: AttributeSchema = { type: 'string', description: 'n', optional: true, update: 'in-place' };
const host: AttributeSchema = { type: 'string', description: 'h', optional: true, computed: true, update: 'migrate' };
const uuid: AttributeSchema = { type: 'string', description: 'u', computed: true };
const block: BlockSchema = {
  description: 'b',
  attributes: { mtu, tags, note, host, uuid },
  blockTypes: { disk: { nesting: 'list', block: { description: 'd', attributes: { mode: { type: 'string', description: 'm', optional: true, default: 'RW', update: 'in-place' } } } } },
};

describe('schema defaults, stored by both front doors', () => {
  it('serves an optional attribute with a default to Terraform as computed, and only those', () => {
    expect([mtu, tags, note, host, uuid].map(computedForTerraform)).toEqual([true, true, false, true, true]);
    expect([mtu, tags, note, host, uuid].map(hasDefault)).toEqual([true, true, false, false, false]);
  });

  it('counts null as the default, null as empty, and sets in any order', () => {
    expect(equivalent(mtu, null, 1500)).toBe(true);
    expect(equivalent(mtu, null, 9000)).toBe(false);
    expect(equivalent(tags, ['b', 'a'], ['a', 'b'])).toBe(true);
    expect(equivalent(tags, null, [])).toBe(true);
    expect(equivalent(tags, null, ['a'])).toBe(false);
    expect(equivalent(note, null, '')).toBe(false);
  });

  it('fills defaults where the value is null, in nested blocks too, and returns the object itself when nothing is missing', () => {
    const filled = withDefaults(block, { mtu: null, tags: null, note: null, host: null, uuid: null, disk: [{ mode: null }] });
    expect(filled).toEqual({ mtu: 1500, tags: [], note: null, host: null, uuid: null, disk: [{ mode: 'RW' }] });
    const full = { mtu: 9000, tags: ['a'], note: null, host: 'h', uuid: 'u', disk: [{ mode: 'RO' }] };
    expect(withDefaults(block, full)).toBe(full);
  });
});
