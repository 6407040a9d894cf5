/**
 * Fuzzing in `npm test`: every parser of input xcpform does not control (configuration and
 * variable files with the evaluator, the state, saved plans, OVF descriptors and OVA archives,
 * the XML-RPC and JSON-RPC decoders of client and simulator, terraform-provider-xcp's
 * DynamicValue decoders) ends every input in a value or a diagnostic naming the file or path:
 * no uncaught exception, no hang, and time at most linear in the input (two sizes, 16× apart).
 * Seeded and bounded to stay under a minute; `npm run fuzz` runs many more cases.
 */
import fc from 'fast-check';
import { fuzz, linearity } from './driver';
import { removeScratch, TARGETS } from './targets';

/** Cases per target in npm test: many where a case costs microseconds, fewer where it loads a folder. */
const RUNS: Record<string, number> = {
  'config .tf.json (loader + evaluator)': 300,
  'config .tf (loader + evaluator)': 200,
  'variable files (.tfvars, .tfvars.json)': 150,
  'state reader (v4)': 3000,
  'saved-plan reader': 1000,
  'OVF descriptor': 2000,
  'OVA package (tar, descriptor, manifest)': 400,
  'XML-RPC decoders (client response, simulator request)': 3000,
  'JSON-RPC decoders (client response, simulator request)': 3000,
  'tfplugin DynamicValue (msgpack, JSON)': 3000,
};
const SEED = 1818;
const HANG_MS = 3000;

afterAll(() => removeScratch());

describe.each(TARGETS.map((t) => [t.name, t] as const))('%s', (name, target) => {
  test(`${RUNS[name]} cases: a value or a named diagnostic, never a crash or a hang`, async () => {
    const r = await fuzz(target, RUNS[name], SEED, HANG_MS);
    expect(r.crash).toBeUndefined();
    expect(r.hang).toBeUndefined();
    expect(r.cases).toBe(RUNS[name]);
    expect(r.diagnostics).toBeGreaterThan(0);
  }, 120_000);

  test('time at two sizes 16x apart stays within a generous ratio (bound 100; linear ~16, quadratic 256)', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 1, maxLength: 12 }), async (chunk) => {
      await linearity(target, chunk, 100);
    }), { numRuns: 2, seed: SEED });
  }, 120_000);
});
