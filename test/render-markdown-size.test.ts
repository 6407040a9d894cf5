/** The pull-request Markdown stays under GitHub's comment limit however large the plan. */
import { renderPlanMarkdown, GITHUB_COMMENT_LIMIT } from '../src/render/plan-markdown';
import { summaryLine } from '../src/render/format';
import { bigPlan } from './helpers/plan-fixtures';

describe('Markdown of a 5,000-resource plan', () => {
  const plan = bigPlan(5000);
  const started = process.hrtime.bigint();
  const md = renderPlanMarkdown(plan);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  test('is under 65,536 characters (and under the default 65,000 ceiling)', () => {
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md.length).toBeLessThanOrEqual(65_000);
    // Also in UTF-8 bytes, for hosts that count bytes (Atlantis measures Go string length).
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThan(GITHUB_COMMENT_LIMIT);
  });

  test('keeps the summary intact', () => {
    expect(md.startsWith('<!-- xcpform-plan -->\n## xcpform plan\n')).toBe(true);
    expect(md).toContain(`**${summaryLine(plan.changes)}**`);
    expect(md).toContain('**Plan: 2000 to add, 1000 to change, 2000 to destroy, 1000 to migrate.**');
    for (const row of ['Create | 1000 |', 'Update in-place | 1000 |', 'Migrate (live, no rebuild) | 1000 |', 'Replace | 1000 |', 'Destroy | 1000 |']) expect(md).toContain(row);
    expect(md).toContain('**Monthly cost** | **+$20,000.00 ($160,000.00 → $180,000.00)**');
    expect(md).toContain('> [!CAUTION]');
    expect(md).toContain('> - … and 1950 more (see the changes below)');
  });

  test('says what was cut, and keeps whole resource blocks only', () => {
    expect(md).toMatch(/> \[!NOTE\]\n> This comment was shortened to stay under GitHub's 65,536-character limit: the diffs of \d+ of 5000 resources/);
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    const fences = md.match(/^```/gm) ?? [];
    expect(fences.length % 2).toBe(0);
  });

  test('renders in well under a few seconds', () => {
    process.stdout.write(`5,000-resource Markdown: ${md.length} characters in ${ms.toFixed(0)} ms\n`);
    expect(ms).toBeLessThan(5000);
  });
});

test('a tiny ceiling still yields a bounded comment with its summary first', () => {
  const md = renderPlanMarkdown(bigPlan(50), { maxChars: 4000 });
  expect(md.length).toBeLessThanOrEqual(4000);
  expect(md).toContain('**Plan: 20 to add, 10 to change, 20 to destroy, 10 to migrate.**');
});
