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
import type { Plan, ResourceChange } from '../src/plan/model';
import { renderResourceChange } from '../src/render/text/resource';
import { PLAIN } from '../src/render/text/style';
import type { SchemaLookup } from '../src/render/sensitivity';
import type { ResourceSchema } from '../src/schema/model';
import { ObjectValue, UNKNOWN } from '../src/values/value';
import { change, kitchenSink, scenarios, SECRETS, TIMESTAMP } from './helpers/plan-fixtures';

const GOLDEN = path.join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** One resource of a schema with a replace-forcing attribute of each kind, known and unknown. */
const REPLACE_KINDS = 'replace-kinds.txt';

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

/** A schema with one replace-forcing attribute of each kind (the markers come from replacePaths). */
const KINDS: ResourceSchema = {
  kind: 'resource',
  typeName: 'xcp_kinds',
  version: 0,
  block: {
    description: '',
    attributes: {
      id: { type: 'string', computed: true, description: '' },
      str: { type: 'string', optional: true, update: 'replace', description: '' },
      num: { type: 'number', optional: true, update: 'replace', description: '' },
      list: { type: ['list', 'string'], optional: true, update: 'replace', description: '' },
      set: { type: ['set', 'string'], optional: true, update: 'replace', description: '' },
      map: { type: ['map', 'string'], optional: true, update: 'replace', description: '' },
      obj: { nested: { nesting: 'single', attributes: { a: { type: 'string', optional: true, description: '' } } }, optional: true, update: 'replace', description: '' },
      halted: { type: 'string', optional: true, update: 'halt', description: '' },
    },
    blockTypes: {
      disk: { nesting: 'list', block: { description: '', attributes: { size: { type: 'number', required: true, update: 'replace', description: '' } } } },
      boot: { nesting: 'single', block: { description: '', attributes: { order: { type: 'string', optional: true, update: 'replace', description: '' } } } },
    },
  },
};

const BEFORE: ObjectValue = {
  id: 'k1',
  str: 'a',
  num: 1,
  list: ['x', 'y'],
  set: ['p', 'q'],
  map: { k: 'v', j: 'w' },
  obj: { a: 'old' },
  halted: 'h1',
  disk: [{ size: 10 }],
  boot: [{ order: 'cd' }],
};
const ALL_PATHS = ['str', 'num', 'list', 'set', 'map', 'obj', 'disk', 'boot'].map((k) => [k]);

describe('replace-forcing attributes of every kind', () => {
  const schemas: SchemaLookup = (_mode, type) => (type === 'xcp_kinds' ? KINDS : undefined);
  const render = (c: ResourceChange) => renderResourceChange(c, { style: PLAIN, schemas });
  const known = change({
    address: 'xcp_kinds.known',
    action: 'replace',
    before: BEFORE,
    after: { ...BEFORE, id: UNKNOWN, str: 'b', num: 2, list: ['x', 'z'], set: ['p', 'r'], map: { k: 'v2', j: 'w' }, obj: { a: 'new' }, disk: [{ size: 20 }], boot: [{ order: 'dc' }] },
    replacePaths: [...ALL_PATHS, ['disk', 0, 'size'], ['boot', 'order']],
  });
  const unknown = change({
    address: 'xcp_kinds.unknown',
    action: 'replace',
    before: BEFORE,
    after: { id: UNKNOWN, str: UNKNOWN, num: UNKNOWN, list: UNKNOWN, set: UNKNOWN, map: UNKNOWN, obj: UNKNOWN, halted: UNKNOWN, disk: UNKNOWN, boot: UNKNOWN },
    replacePaths: ALL_PATHS,
    haltPaths: [['halted']],
  });

  test('every marker appears once per changed attribute', () => {
    for (const c of [known, unknown]) {
      for (const line of render(c).split('\n')) {
        expect(line.split('# forces replacement').length).toBeLessThanOrEqual(2);
        expect(line.split('# requires shutdown').length).toBeLessThanOrEqual(2);
        expect(line).not.toMatch(/# forces replacement.* -> /);
      }
    }
    const u = render(unknown);
    expect(u).toMatch(/~ str +\= "a" -> \(known after apply\) # forces replacement\n/);
    expect(u).toMatch(/~ halted +\= "h1" -> \(known after apply\) # requires shutdown\n/);
  });

  test('text matches its golden file', () => golden(REPLACE_KINDS, `${render(known)}\n\n${render(unknown)}\n`));
});

test('the golden folder has no stale files', () => {
  const expected = new Set([...all.flatMap(([n]) => [`${n}.txt`, `${n}.json`, `${n}.md`]), REPLACE_KINDS]);
  const stale = fs.readdirSync(GOLDEN).filter((f) => !expected.has(f));
  expect(stale).toEqual([]);
});
