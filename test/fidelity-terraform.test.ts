/**
 * The two front doors agree (issue 16, deliverable 3), on a sample of generated configurations:
 * `xcpform plan -out` + `show -json` and real `terraform plan -out` + `show -json` in one folder
 * (one embedded simulator world) have the same actions, known after-values and unknowns; the
 * state xcpform writes plans empty in terraform and the other way round. Disagreements listed
 * in test/fidelity/known-failures.ts (prefixed `front-doors`) are reported; any other fails.
 * `npm run fidelity -- --terraform-sample N` compares more.
 */
import { knownCause } from './fidelity/known-failures';
import { renderAgreement, runAgreement } from './fidelity/front-doors';
import { terraformVersion } from './helpers/tfplugin-terraform';

describe('xcpform and terraform agree on generated configurations', () => {
  test('same plan JSON, and each tool\'s state plans empty in the other: no disagreement outside known-failures.ts', async () => {
    expect(terraformVersion()).toBe('1.11.4');
    const r = await runAgreement({ seed: SAMPLE_SEED, count: 1, dataRefs: false });
    process.stdout.write(`\n${renderAgreement(r)}\n`);
    expect(r.comparisons).toBeGreaterThanOrEqual(1);
    expect(r.crossChecks).toBeGreaterThanOrEqual(2);
    const unknown = r.disagreements.filter((d) => !knownCause(`front-doors ${d.signature}`));
    expect(unknown.map((d) => `seed ${d.seed}, ${d.step}: ${d.signature}\n  ${d.detail.slice(0, 400)}`)).toEqual([]);
  }, 600_000);
});

/**
 * A generated configuration that xcpform applies today (resource attributes read no data source:
 * issue 16 finding 3 stops those at apply), so the cross-state checks run too. The in-process
 * quick test (fidelity.test.ts) covers data sources.
 */
const SAMPLE_SEED = 82;
