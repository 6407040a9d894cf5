/**
 * PlanResourceChange's decision against Terraform's own rules (plan-validity.ts as the oracle),
 * for every resource schema: generated configurations, with and without a prior state.
 */
import fc from 'fast-check';
import { RESOURCE_SCHEMAS, resourceSchema } from '../provider/schemas';
import type { AttributeSchema, BlockSchema, ResourceSchema } from '../schema/model';
import type { CtyType } from '../schema/cty-type';
import { isUnknown, ObjectValue, UNKNOWN, Value } from '../values/value';
import { finalState, known } from './apply-change';
import { Logger } from './log';
import { planChange } from './plan-change';
import { compatibilityErrors, planValidityErrors } from './plan-validity';
import { withDefaults } from './views';

function typeValue(type: CtyType | undefined, depth = 0): fc.Arbitrary<Value> {
  if (type === undefined) return fc.constant(null);
  if (typeof type === 'string') {
    if (type === 'number') return fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constant(2 ** 40));
    if (type === 'bool') return fc.boolean();
    return fc.constantFrom('a', 'b', 'web', 'dc1', 'cloud1');
  }
  if (type[0] === 'object') {
    const rec: Record<string, fc.Arbitrary<Value>> = {};
    for (const [k, t] of Object.entries(type[1])) rec[k] = fc.option(typeValue(t, depth + 1), { nil: null });
    return fc.record(rec) as fc.Arbitrary<Value>;
  }
  const inner = typeValue(type[1] as CtyType, depth + 1);
  if (type[0] === 'map') return fc.dictionary(fc.constantFrom('k1', 'k2', 'k3'), inner, { maxKeys: 2 });
  return fc.array(inner, { maxLength: depth > 1 ? 1 : 2 }).map((xs) => (type[0] === 'set' ? dedupe(xs) : xs));
}

const dedupe = (xs: Value[]) => xs.filter((x, i) => xs.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i);

function attrValue(attr: AttributeSchema): fc.Arbitrary<Value> {
  if (attr.nested) return fc.constant(null);
  const v = typeValue(attr.type);
  return fc.oneof(v, fc.constant(UNKNOWN as Value));
}

/** A configuration the schema accepts (as Terraform would send it): every attribute present. */
function configArb(block: BlockSchema, depth = 0): fc.Arbitrary<ObjectValue> {
  const rec: Record<string, fc.Arbitrary<Value>> = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (!attr.required && !attr.optional) rec[name] = fc.constant(null);
    else if (attr.required) rec[name] = attrValue(attr);
    else rec[name] = fc.option(attrValue(attr), { nil: null, freq: 2 });
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const el = configArb(bt.block, depth + 1) as fc.Arbitrary<Value>;
    const min = bt.minItems ?? 0;
    const max = Math.min(bt.maxItems ?? 2, depth > 0 ? 1 : 2);
    rec[name] = bt.nesting === 'single' ? (min ? el : fc.option(el, { nil: null })) : fc.array(el, { minLength: min, maxLength: Math.max(min, max) });
  }
  return fc.record(rec) as fc.Arbitrary<ObjectValue>;
}

/** A prior state: a wholly known object of the schema's shape. */
function stateArb(block: BlockSchema, depth = 0): fc.Arbitrary<ObjectValue> {
  const rec: Record<string, fc.Arbitrary<Value>> = {};
  for (const [name, attr] of Object.entries(block.attributes)) rec[name] = attr.nested ? fc.constant(null) : fc.option(typeValue(attr.type), { nil: null });
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) {
    const el = stateArb(bt.block, depth + 1) as fc.Arbitrary<Value>;
    rec[name] = bt.nesting === 'single' ? fc.option(el, { nil: null }) : fc.array(el, { maxLength: depth > 0 ? 1 : 2 });
  }
  return fc.record(rec) as fc.Arbitrary<ObjectValue>;
}

const quiet = new Logger('off');

async function plan(schema: ResourceSchema, prior: ObjectValue | null, config: ObjectValue) {
  return planChange({ schema, prior, config, defaultPool: 'dc1' });
}

describe('planChange follows Terraform\'s plan rules', () => {
  it.each(RESOURCE_SCHEMAS.map((s) => [s.typeName, s] as const))('%s: creates and updates plan validly', async (_name, schema) => {
    await fc.assert(
      fc.asyncProperty(configArb(schema.block), fc.option(stateArb(schema.block), { nil: null }), async (config, prior) => {
        const out = await plan(schema, prior, config);
        expect(planValidityErrors(schema.block, prior, config, out.planned)).toEqual([]);
        if (!prior) expect(out.requiresReplace).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('plans computed attributes unknown on create, configured ones as written, unset defaults as the default', async () => {
    const schema = resourceSchema('xcp_network')!;
    const config = { ...nulls(schema.block), name_label: 'lan', mtu: 9000 };
    const out = await plan(schema, null, config);
    expect(out.action).toBe('create');
    expect(out.planned).toMatchObject({ name_label: 'lan', mtu: 9000, name_description: '', managed: true, tags: [], pool: 'dc1' });
    for (const k of ['id', 'uuid', 'bridge', 'pifs', 'vifs']) expect(isUnknown(out.planned[k])).toBe(true);
  });

  it('plans no change when the configuration matches the state, keeping computed values known', async () => {
    const schema = resourceSchema('xcp_network')!;
    const config = { ...nulls(schema.block), name_label: 'lan' };
    const prior = { ...withDefaults(schema.block, config), id: 'u1', uuid: 'u1', pool: 'dc1', bridge: 'xapi1', pifs: [], vifs: [] };
    const out = await plan(schema, prior, config);
    expect(out.action).toBe('no-op');
    expect(out.planned).toEqual(prior);
    const renamed = await plan(schema, prior, { ...config, name_label: 'lan2' });
    expect(renamed.action).toBe('update');
    expect(renamed.planned).toEqual({ ...prior, name_label: 'lan2' });
    expect(renamed.requiresReplace).toEqual([]);
  });

  it('asks for replacement on a replace-class change and plans fresh unknowns', async () => {
    const schema = resourceSchema('xcp_network')!;
    const config = { ...nulls(schema.block), name_label: 'lan', managed: false };
    const prior = { ...config, managed: true, id: 'u1', uuid: 'u1', pool: 'dc1', bridge: 'xapi1', pifs: [], vifs: [] };
    const out = await plan(schema, prior, config);
    expect(out.requiresReplace).toEqual([['managed']]);
    expect(isUnknown(out.planned.uuid)).toBe(true);
    expect(planValidityErrors(schema.block, prior, config, out.planned)).toEqual([]);
  });

  it('plans a pool change of a VM as an update (migration) with the landing host unknown', async () => {
    const schema = resourceSchema('xcp_vm')!;
    const config = { ...nulls(schema.block), name_label: 'web', template: 'debian', pool: 'cloud1', disk: [], nic: [] };
    const prior = { ...known(nulls(schema.block)) as ObjectValue, name_label: 'web', template: 'debian', pool: 'dc1', host: 'h1', uuid: 'v1', id: 'v1', memory: 2 ** 31, disk: [], nic: [] };
    const out = await plan(schema, prior, config);
    expect(out.action).toBe('migrate');
    expect(out.requiresReplace).toEqual([]);
    expect(isUnknown(out.planned.host)).toBe(true);
    expect(out.planned.memory).toBe(2 ** 31);
    expect(planValidityErrors(schema.block, prior, config, out.planned)).toEqual([]);
  });
});

describe('apply results in the Terraform view', () => {
  it('keeps the planned defaults and known computed values', () => {
    const schema = resourceSchema('xcp_network')!;
    const planned = { ...withDefaults(schema.block, nulls(schema.block)), name_label: 'lan', id: 'u1', uuid: 'u1', pool: 'dc1', bridge: 'xapi1', pifs: [], vifs: UNKNOWN };
    const engine = { ...planned, name_description: null, tags: null, bridge: 'xapi9', vifs: ['x'] };
    const state = finalState(schema.block, engine as ObjectValue, planned as ObjectValue, quiet);
    expect(state).toEqual({ ...planned, vifs: ['x'] });
    expect(compatibilityErrors(schema.block, planned as ObjectValue, state)).toEqual([]);
  });
});

function nulls(block: BlockSchema): ObjectValue {
  const out: ObjectValue = {};
  for (const name of Object.keys(block.attributes)) out[name] = null;
  for (const [name, bt] of Object.entries(block.blockTypes ?? {})) out[name] = bt.nesting === 'single' ? null : [];
  return out;
}
