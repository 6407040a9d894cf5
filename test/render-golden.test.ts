/**
 * Golden files of the three plan outputs for the named scenarios in test/helpers/plan-fixtures.
 * Refresh with `UPDATE_GOLDEN=1 npx jest test/render-golden`; UUIDs, OpaqueRefs and times are
 * normalized so unrelated fixture changes do not churn the files.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { renderPlanText } from '../src/render/plan-text';
import { renderPlanJson } from '../src/render/plan-json';
import { renderPlanMarkdown } from '../src/render/plan-markdown';
import { PLAN_JSON_SCHEMA } from '../src/render/plan-json-schema';
import { kitchenSink, scenarios, SECRETS, TIMESTAMP } from './helpers/plan-fixtures';
import type { Plan } from '../src/plan/model';

const GOLDEN = path.join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Stable placeholders, numbered in order of first appearance. */
export function normalize(text: string): string {
  const ids = new Map<string, string>();
  const stable = (kind: string) => (m: string) => {
    if (!ids.has(m)) ids.set(m, `<${kind}-${[...ids.values()].filter((v) => v.startsWith(`<${kind}-`)).length + 1}>`);
    return ids.get(m)!;
  };
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, stable('uuid'))
    .replace(/OpaqueRef:[0-9a-f-]+/g, stable('ref'))
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>');
}

function golden(file: string, actual: string): void {
  const p = path.join(GOLDEN, file);
  const text = normalize(actual);
  if (UPDATE || !fs.existsSync(p)) {
    if (!UPDATE && process.env.CI) throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1`);
    fs.writeFileSync(p, text);
    return;
  }
  expect(text).toBe(fs.readFileSync(p, 'utf8'));
}

const all: [string, () => Plan][] = [...Object.entries(scenarios), ['kitchen-sink', kitchenSink]];
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(PLAN_JSON_SCHEMA);

describe.each(all)('scenario %s', (name, build) => {
  const p = build();
  const text = renderPlanText(p, { width: 80 });
  const json = renderPlanJson(p, { timestamp: TIMESTAMP, indent: 2 });
  const md = renderPlanMarkdown(p, { title: 'xcpform plan for `examples/cloudburst`' });

  test('text matches its golden file', () => golden(`${name}.txt`, text));
  test('JSON matches its golden file', () => golden(`${name}.json`, json));
  test('Markdown matches its golden file', () => golden(`${name}.md`, md));

  test('JSON validates against the plan JSON schema', () => {
    const ok = validate(JSON.parse(json));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('no secret appears in any output', () => {
    for (const out of [text, json, md, renderPlanText(p, { color: true }), renderPlanMarkdown(p)]) {
      for (const s of SECRETS) expect(out).not.toContain(s);
    }
  });

  test('rendering is deterministic', () => {
    expect(renderPlanText(build(), { width: 80 })).toBe(text);
    expect(renderPlanJson(build(), { timestamp: TIMESTAMP, indent: 2 })).toBe(json);
  });
});

test('the golden folder has no stale files', () => {
  const expected = new Set(all.flatMap(([n]) => [`${n}.txt`, `${n}.json`, `${n}.md`]));
  const stale = fs.readdirSync(GOLDEN).filter((f) => !expected.has(f));
  expect(stale).toEqual([]);
});
