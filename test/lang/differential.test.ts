/**
 * Differential test: every expression of the corpus evaluated by the real `terraform console`
 * (1.11.4, on the PATH) and by xcpform must give the same `jsonencode` text (or both fail).
 */
import { loadCorpus } from './corpus';
import { DELIBERATE } from './deliberate';
import { corpusFolder, terraformResults, xcpformResults } from './differential';

jest.setTimeout(300_000);

describe('the Terraform language, differentially against terraform console', () => {
  const corpus = loadCorpus();

  it('has at least 500 expressions', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
  });

  it('agrees with terraform on every expression not listed as deliberate', async () => {
    const dir = corpusFolder(corpus.map((c) => c.expr));
    const theirs = terraformResults(dir, corpus.length);
    const ours = await xcpformResults(dir, corpus.length);
    const differences: string[] = [];
    const stale: string[] = [];
    let agree = 0;
    corpus.forEach((c, i) => {
      const same = theirs[i] === ours[i];
      if (same) agree++;
      const listed = Object.prototype.hasOwnProperty.call(DELIBERATE, c.expr);
      if (!same && !listed) differences.push(`${c.file}:${c.line}: ${c.expr}\n    terraform: ${theirs[i]}\n    xcpform:   ${ours[i]}`);
      if (same && listed) stale.push(`${c.file}:${c.line}: ${c.expr} agrees now; remove it from deliberate.ts`);
    });
    // The agreement count is part of the test's output on purpose.
    console.log(`differential: ${agree}/${corpus.length} expressions agree with terraform console (${Object.keys(DELIBERATE).length} deliberate differences)`);
    expect([...differences, ...stale]).toEqual([]);
  });
});
