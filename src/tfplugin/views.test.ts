import { resourceSchema } from '../provider/schemas';
import type { BlockSchema } from '../schema/model';
import type { ObjectValue } from '../values/value';
import { keepConfigured, preferReference, withDefaults, withoutDefaults } from './views';

const schema = resourceSchema('xcp_network')!;

function nulls(block: BlockSchema): ObjectValue {
  return Object.fromEntries(Object.keys(block.attributes).map((n) => [n, null]));
}

describe('the Terraform view holds defaults, as the engine view does', () => {
  const config = { ...nulls(schema.block), name_label: 'lan' };
  const read = { ...withDefaults(schema.block, config), uuid: 'u', id: 'u', pool: 'dc1', bridge: 'xapi1', pifs: [], vifs: [] };

  it('plans the default of an unset attribute and the configured value of a set one', () => {
    const planned = keepConfigured(schema.block, { ...read, name_description: '' }, { ...config, mtu: 9000 });
    expect(planned).toMatchObject({ name_label: 'lan', mtu: 9000, managed: true, name_description: '', tags: [] });
  });

  it('a refresh of a state written with null defaults reads the defaults (no one-time update)', () => {
    const legacy = { ...read, mtu: null, managed: null, tags: null };
    expect(preferReference(schema.block, read, legacy)).toEqual(read);
  });

  it('keeps the reference representation where a value means the same', () => {
    const reference = { ...read, tags: ['b', 'a'] };
    expect(preferReference(schema.block, { ...read, tags: ['a', 'b'] }, reference).tags).toEqual(['b', 'a']);
  });

  it('an imported object keeps its defaults', () => {
    expect(withoutDefaults(schema.block, read)).toEqual(read);
  });
});
