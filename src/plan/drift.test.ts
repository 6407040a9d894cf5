import { resourceSchema } from '../provider/schemas';
import { withDefaults } from '../schema/defaults';
import type { BlockSchema } from '../schema/model';
import type { ObjectValue } from '../values/value';
import { detectDrift } from './drift';
import type { PriorResource } from './ports';

const schema = resourceSchema('xcp_vm')!;

function nulls(block: BlockSchema): ObjectValue {
  const out: ObjectValue = {};
  for (const name of Object.keys(block.attributes)) out[name] = null;
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) out[name] = bt.nesting === 'single' ? null : [];
  return out;
}

const prior = (attributes: ObjectValue): PriorResource => ({
  address: 'xcp_vm.web', mode: 'managed', type: 'xcp_vm', name: 'web', providerConfig: 'xcp', attributes, dependencies: [],
});

describe('drift: changes made outside, and only those', () => {
  const base: ObjectValue = { ...nulls(schema.block), name_label: 'web', uuid: 'v1', tags: ['b', 'a'], nic: [{ ...nulls(schema.block.blockTypes!.nic.block), network: 'n1', device: '0' }] };
  const refreshed = withDefaults(schema.block, { ...base, tags: ['a', 'b'], domid: 7 });

  it('a prior with null where the default is now read (a state written by Terraform) is no drift', () => {
    expect(detectDrift([prior(base)], new Map([['xcp_vm.web', refreshed]]), new Map())).toEqual([]);
  });

  it('a changed configurable attribute, also inside a nested block, is drift', () => {
    const renamed = { ...refreshed, name_label: 'renamed' };
    expect(detectDrift([prior(base)], new Map([['xcp_vm.web', renamed]]), new Map()).map((c) => c.action)).toEqual(['update']);
    const locked = { ...refreshed, nic: [{ ...(refreshed.nic as ObjectValue[])[0], locking_mode: 'locked' }] };
    expect(detectDrift([prior(base)], new Map([['xcp_vm.web', locked]]), new Map())).toHaveLength(1);
    const gone = detectDrift([prior(base)], new Map([['xcp_vm.web', null]]), new Map());
    expect(gone.map((c) => c.action)).toEqual(['delete']);
  });
});
