/**
 * Property: whatever the values around it, a value under a sensitive path never appears in the
 * text, JSON or Markdown of a plan; and rendering never throws.
 */
import fc from 'fast-check';
import type { Action } from '../plan/model';
import type { Value } from '../values/value';
import { change, plan } from '../../test/helpers/plan-fixtures';
import { renderPlanText } from './plan-text';
import { renderPlanJson } from './plan-json';
import { renderPlanMarkdown } from './plan-markdown';

const secret = fc.hexaString({ minLength: 8, maxLength: 16 }).map((h) => `SECRET-${h}`);
const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Value>;
const secretValue = (s: string) => fc.constantFrom<Value>(s, [s, 'x'], { k: s }, `multi\n${s}\nline`);
const actions: Action[] = ['create', 'update', 'migrate', 'replace', 'replace-cbd', 'delete', 'read'];

test('secrets under sensitive paths never leak, whatever the surrounding values', () => {
  fc.assert(
    fc.property(secret.chain((s) => fc.tuple(fc.constant(s), secretValue(s))), fc.constantFrom(...actions), fc.dictionary(fc.constantFrom('a', 'b', 'tags', 'id'), json), json, ([s, sv], action, other, otherAfter) => {
      const before = action === 'create' || action === 'read' ? null : { ...other, password: sv, nested: { key: sv, plain: 'p' }, wrapper: 'text' };
      const after = action === 'delete' ? null : { ...other, b: otherAfter, password: sv, nested: { key: `${s}-new`, plain: 'q' }, wrapper: { inner: s, list: [s] } };
      const c = { ...change({ address: 'xcp_thing.t', action, before, after }), beforeSensitive: [['password'], ['nested', 'key']], afterSensitive: [['password'], ['nested', 'key'], ['wrapper', 'inner'], ['wrapper', 'list', 0]] };
      const p = plan({ changes: [c], drift: action === 'update' ? [c] : [], outputs: [{ name: 'o', action: 'create', before: null, after: s, sensitive: true }] });
      const opts = { schemas: () => undefined };
      for (const out of [renderPlanText(p, opts), renderPlanJson(p, { timestamp: '2026-01-01T00:00:00Z', ...opts }), renderPlanMarkdown(p, opts)]) {
        expect(out).not.toContain(s);
      }
    }),
    { numRuns: 200 },
  );
});
