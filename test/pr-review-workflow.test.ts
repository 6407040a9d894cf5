/**
 * The pull-request workflow in examples/pr-review is valid YAML with the expected triggers,
 * jobs and steps: plan → Markdown → one sticky comment → artifacts on pull requests; apply of
 * the saved plan on push to main, one at a time, with PG_CONN_STR from secrets. The inline
 * github-script programs must at least parse as JavaScript.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  steps: Step[];
}

const file = path.join(__dirname, '..', 'examples', 'pr-review', '.github', 'workflows', 'xcpform.yml');
const wf = parse(readFileSync(file, 'utf8'), { prettyErrors: true }) as {
  on: Record<string, { branches?: string[] }>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
};
const runs = (job: Job): string => job.steps.map((s) => s.run ?? '').join('\n');
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => unknown;

describe('examples/pr-review workflow', () => {
  test('triggers on pull requests to main and on pushes to main; PG_CONN_STR comes from secrets', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(wf.on.pull_request.branches).toEqual(['main']);
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.env.PG_CONN_STR).toBe('${{ secrets.PG_CONN_STR }}');
    expect(Object.keys(wf.jobs).sort()).toEqual(['apply', 'plan']);
  });

  test('plan job: saved plan, Markdown, HTML, artifact, one sticky comment', () => {
    const plan = wf.jobs.plan;
    expect(plan.if).toContain("github.event_name == 'pull_request'");
    expect(plan.permissions).toMatchObject({ 'pull-requests': 'write' });
    const r = runs(plan);
    expect(r).toContain('npx xcpform init');
    expect(r).toContain('npx xcpform plan -out plan.xcp');
    expect(r).toContain('npx xcpform show -markdown plan.xcp > plan.md');
    expect(r).toContain('npx xcpform show -html plan.xcp -o plan.html');
    const order = ['xcpform init', 'xcpform plan', 'show -markdown', 'show -html'].map((s) => r.indexOf(s));
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const upload = plan.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload).toBeDefined();
    expect(String(upload.with!.name)).toBe('xcpform-plan-${{ github.event.pull_request.number }}');
    for (const f of ['plan.xcp', 'plan.md', 'plan.html']) expect(String(upload.with!.path)).toContain(f);

    const comment = plan.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!;
    const script = String(comment.with!.script);
    expect(comment.if).toBe('always()');
    expect(script).toContain("'<!-- xcpform-plan -->'");
    expect(script).toContain('updateComment');
    expect(script).toContain('createComment');
    expect(() => new AsyncFunction('github', 'context', 'core', 'require', script)).not.toThrow();
  });

  test('apply job: on push, serialised, applies the downloaded saved plan (re-plans only without one)', () => {
    const apply = wf.jobs.apply;
    expect(apply.if).toContain("github.event_name == 'push'");
    expect(apply.concurrency).toEqual({ group: 'xcpform-apply', 'cancel-in-progress': false });
    expect(apply.permissions).toMatchObject({ actions: 'read' });
    const find = apply.steps.find((s) => s.id === 'saved')!;
    expect(() => new AsyncFunction('github', 'context', 'core', 'require', String(find.with!.script))).not.toThrow();
    const download = apply.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toMatchObject({ name: '${{ steps.saved.outputs.artifact }}', 'run-id': '${{ steps.saved.outputs.run-id }}' });
    const replan = apply.steps.find((s) => s.name?.startsWith('Re-plan'))!;
    expect(replan.if).toBe("steps.tree.outputs.same != 'true'");
    const names = apply.steps.map((s) => s.name ?? s.uses);
    expect(names.indexOf('Apply')).toBeGreaterThan(names.indexOf('Download the saved plan'));
    expect(apply.steps.find((s) => s.name === 'Apply')!.run).toBe('npx xcpform apply -input=false -lock-timeout=10m plan.xcp');
  });
});
