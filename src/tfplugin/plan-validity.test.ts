import type { BlockSchema } from '../schema/model';
import { UNKNOWN } from '../values/value';
import { compatibilityErrors, planValidityErrors } from './plan-validity';

const block: BlockSchema = {
  description: 'test',
  attributes: {
    name: { type: 'string', description: 'n', required: true, update: 'in-place' },
    note: { type: 'string', description: 'n', optional: true, default: '', update: 'in-place' },
    host: { type: 'string', description: 'n', optional: true, computed: true, update: 'migrate' },
    uuid: { type: 'string', description: 'n', computed: true },
    tags: { type: ['set', 'string'], description: 'n', optional: true, update: 'in-place' },
    comment: { type: 'string', description: 'n', optional: true, update: 'in-place' },
  },
  blockTypes: { disk: { nesting: 'list', block: { description: 'd', attributes: { size: { type: 'number', description: 's', required: true, update: 'in-place' } } } } },
};
const cfg = { name: 'a', note: null, host: null, uuid: null, tags: ['x', 'y'], comment: null, disk: [{ size: 1 }] };

describe('the plan oracle rejects what Terraform rejects', () => {
  it.each([
    ['a valid create', null, { ...cfg, uuid: UNKNOWN, host: UNKNOWN, tags: ['y', 'x'] }, []],
    ['the default of an unset attribute with a default (Optional+Computed for Terraform)', null, { ...cfg, note: '', uuid: UNKNOWN }, []],
    ['a value planned for an unset attribute without a default', null, { ...cfg, comment: '' }, ['comment: planned value "" for a non-computed attribute']],
    ['a changed configured value', null, { ...cfg, name: 'b' }, ['name: planned value "b" does not match config value "a"']],
    ['a dropped block', null, { ...cfg, disk: [] }, ['disk: block count in plan (0) disagrees with count in config (1)']],
    ['an unknown block element', null, { ...cfg, disk: [UNKNOWN] }, ['disk[0]: element representing nested block must not be unknown itself']],
    ['an extra attribute', null, { ...cfg, extra: 1 }, ['extra: not in the schema']],
  ])('%s', (_n, prior, planned, errors) => {
    expect(planValidityErrors(block, prior, cfg, planned as never)).toEqual(errors);
  });

  it('lets computed values keep the prior or become unknown, and accepts the prior for an equivalent config', () => {
    const prior = { ...cfg, uuid: 'u', host: 'h1', name: 'A' };
    expect(planValidityErrors(block, prior, { ...cfg, name: 'a' }, { ...prior })).toEqual([]);
    expect(planValidityErrors(block, prior, cfg, { ...cfg, uuid: UNKNOWN, host: UNKNOWN })).toEqual([]);
  });

  it('checks apply results against the plan', () => {
    const planned = { ...cfg, uuid: UNKNOWN, host: 'h1' };
    expect(compatibilityErrors(block, planned, { ...cfg, uuid: 'u', host: 'h1' })).toEqual([]);
    expect(compatibilityErrors(block, planned, { ...cfg, uuid: 'u', host: 'h2' })).toEqual(['host: was "h1", but now "h2"']);
    expect(compatibilityErrors(block, planned, { ...cfg, uuid: UNKNOWN, host: 'h1' })).toEqual(['uuid: still unknown after apply']);
    expect(compatibilityErrors(block, planned, { ...cfg, uuid: 'u', host: 'h1', tags: ['y', 'x'] })).toEqual([]);
    expect(compatibilityErrors(block, null, null)).toEqual([]);
    expect(compatibilityErrors(block, planned, null)).toEqual(['returned null where an object was planned']);
  });
});
