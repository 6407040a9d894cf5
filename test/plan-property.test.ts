import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigEvaluator } from '../src/config/evaluator';
import { loadConfig } from '../src/config/load';
import { makePlan } from '../src/plan/planner';
import { resourceSchema } from '../src/provider/schemas';
import { WorldSnapshot } from '../src/resources/snapshot';
import type { CtyType } from '../src/schema/cty-type';
import type { BlockSchema } from '../src/schema/model';

/** Values of a cty type, including some the schema's validators will reject (diagnostics, not throws). */
function arbOf(type: CtyType): fc.Arbitrary<unknown> {
  if (type === 'string') return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('dc1', 'cloud1', 'RW', 'running', '${var.name}'));
  if (type === 'number') return fc.oneof(fc.integer({ min: -5, max: 1 << 30 }), fc.constant(1500));
  if (type === 'bool') return fc.boolean();
  if (type === 'dynamic') return fc.anything();
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') return fc.array(arbOf(inner as CtyType), { maxLength: 3 });
  if (kind === 'map') return fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '//' && !k.includes('${')), arbOf(inner as CtyType), { maxKeys: 3 });
  const attrs = inner as Record<string, CtyType>;
  return fc.record(Object.fromEntries(Object.entries(attrs).map(([k, t]) => [k, arbOf(t)])));
}

function bodyOf(block: BlockSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (!(attr.required || attr.optional) || !attr.type) continue;
    fields[name] = arbOf(attr.type);
  }
  if (depth === 0) for (const [name, bt] of Object.entries(block.blockTypes ?? {})) fields[name] = fc.array(bodyOf(bt.block, 1), { maxLength: 2 });
  const required = Object.entries(block.attributes).filter(([, a]) => a.required).map(([n]) => n);
  return fc.record(fields, { requiredKeys: required.filter((r) => r in fields) });
}

describe('the planner never throws on configurations the schema accepts (or rejects)', () => {
  test('random xcp_network, xcp_vdi and xcp_vm blocks plan to a plan with diagnostics, never an exception', async () => {
    const types = ['xcp_network', 'xcp_vdi', 'xcp_vm'];
    const arb = fc.tuple(...types.map((t) => bodyOf(resourceSchema(t)!.block)));
    await fc.assert(fc.asyncProperty(arb, async (bodies) => {
      const dir = mkdtempSync(join(tmpdir(), 'xcpform-prop-'));
      const resource: Record<string, unknown> = {};
      types.forEach((t, i) => { resource[t] = { r: bodies[i] }; });
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ variable: { name: { default: 'x' } }, resource }));
      const { config, diagnostics } = await loadConfig(dir, { cwd: dir });
      expect(Array.isArray(diagnostics)).toBe(true);
      const evaluator = new ConfigEvaluator(config);
      const plan = makePlan({
        config: evaluator, prior: { lineage: '', serial: 0, resources: [], outputs: {} }, world: new WorldSnapshot(),
        pools: ['dc1', 'cloud1'], defaultPool: 'dc1', mode: 'normal',
      });
      expect(plan.changes.every((c) => typeof c.address === 'string')).toBe(true);
    }), { numRuns: 40 });
  }, 120_000);
});
