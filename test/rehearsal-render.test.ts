/**
 * The rehearsal section in every plan format: text (CLI), `xcpform.rehearsal` in the plan JSON
 * (valid against the published schema), the Markdown comment and the HTML report. Each names
 * the failed change with its XenAPI error, the change not tried, the estimate and the one line
 * of what a rehearsal cannot know; a plan without a rehearsal has no section.
 */
import Ajv from 'ajv';
import { REHEARSAL_LIMITS, type Rehearsal } from '../src/rehearsal/model';
import { renderPlanJson } from '../src/render/plan-json';
import { PLAN_JSON_SCHEMA } from '../src/render/plan-json-schema';
import { renderPlanMarkdown } from '../src/render/plan-markdown';
import { renderPlanText } from '../src/render/plan-text';
import { renderPlanHtml } from '../src/report/plan-html';
import { change, newVm, plan } from './helpers/plan-fixtures';

const REHEARSAL: Rehearsal = {
  ok: false,
  changes: 2,
  failures: [{ address: 'xcp_vm.web', verb: 'create', message: 'VM "web" cannot start: HOST_NOT_ENOUGH_FREE_MEMORY', xapiError: { code: 'HOST_NOT_ENOUGH_FREE_MEMORY', params: ['2155872256', '1853882368'], method: 'Async.VM.start' } }],
  skipped: ['xcp_vm.app'],
  pools: [{ pool: 'dc1', calls: 41, roundTripMs: 3.5 }],
  estimatedSeconds: 0.42,
  estimateMethod: 'the apply\'s scheduler replayed',
  parallelism: 10,
  elapsedMs: 120,
};

const planned = (rehearsal?: Rehearsal) => plan({
  changes: [change({ address: 'xcp_vm.web', action: 'create', after: newVm('web') }), change({ address: 'xcp_vm.app', action: 'create', after: newVm('app'), dependsOn: ['xcp_vm.web'] })],
  ...(rehearsal ? { rehearsal } : {}),
});

describe('rehearsal section', () => {
  test('text', () => {
    const text = renderPlanText(planned(REHEARSAL), { width: 200 });
    expect(text).toContain('Rehearsal failed: 1 of 2 changes failed on a copy of the pools');
    expect(text).toContain('  - xcp_vm.web: create failed with HOST_NOT_ENOUGH_FREE_MEMORY [2155872256, 1853882368] (Async.VM.start): VM "web" cannot start');
    expect(text).toContain('Not tried (a change they depend on failed): xcp_vm.app');
    expect(text).toContain('Estimated apply time: 0.42 s at parallelism 10 (dc1: 41 calls, round trip 3.5 ms)');
    expect(text).toContain(REHEARSAL_LIMITS);
    expect(renderPlanText({ ...planned(REHEARSAL), rehearsal: { ...REHEARSAL, ok: true, failures: [], skipped: [] } }, { width: 200 })).toContain('Rehearsal: every change went through on a copy of the pools (2 changes).');
    expect(renderPlanText(planned(), { width: 200 })).not.toContain('Rehearsal');
  });

  test('JSON: xcpform.rehearsal, valid against the schema', () => {
    const doc = JSON.parse(renderPlanJson(planned(REHEARSAL), { timestamp: '2026-01-01T12:00:00Z' })) as { xcpform: { rehearsal?: Record<string, unknown> } };
    expect(doc.xcpform.rehearsal).toEqual({
      ok: false,
      changes: 2,
      failures: [{ address: 'xcp_vm.web', verb: 'create', message: 'VM "web" cannot start: HOST_NOT_ENOUGH_FREE_MEMORY', xapi_error: { code: 'HOST_NOT_ENOUGH_FREE_MEMORY', params: ['2155872256', '1853882368'], method: 'Async.VM.start' } }],
      skipped: ['xcp_vm.app'],
      pools: [{ pool: 'dc1', calls: 41, round_trip_ms: 3.5 }],
      estimated_seconds: 0.42,
      estimate_method: 'the apply\'s scheduler replayed',
      parallelism: 10,
      elapsed_ms: 120,
      limits: REHEARSAL_LIMITS,
    });
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(PLAN_JSON_SCHEMA);
    expect(validate(doc)).toBe(true);
    expect(validate({ ...doc, xcpform: { ...doc.xcpform, rehearsal: { ...doc.xcpform.rehearsal, ok: 'no' } } })).toBe(false);
    const none = JSON.parse(renderPlanJson(planned(), { timestamp: '2026-01-01T12:00:00Z' })) as { xcpform: object };
    expect(none.xcpform).not.toHaveProperty('rehearsal');
  });

  test('Markdown', () => {
    const md = renderPlanMarkdown(planned(REHEARSAL));
    expect(md).toContain('### :x: Rehearsal on a copy of the pools');
    expect(md).toContain('- `xcp_vm.web` create failed with HOST_NOT_ENOUGH_FREE_MEMORY');
    expect(md).toContain(REHEARSAL_LIMITS);
    expect(renderPlanMarkdown(planned())).not.toContain('Rehearsal');
  });

  test('HTML report', async () => {
    const html = await renderPlanHtml(planned(REHEARSAL));
    expect(html).toContain('<section class="rehearsal rehearsal-failed"');
    expect(html).toContain('<tr data-address="xcp_vm.web"><td><code>xcp_vm.web</code></td><td>create</td><td><code>HOST_NOT_ENOUGH_FREE_MEMORY [2155872256, 1853882368] (Async.VM.start)</code></td>');
    expect(html).toContain('<code>xcp_vm.app</code>');
    expect(html).toContain(REHEARSAL_LIMITS);
    expect(await renderPlanHtml(planned())).not.toContain('class="rehearsal');
  });
});
