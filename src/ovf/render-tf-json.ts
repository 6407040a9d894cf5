/** Renders an {@link ImportSpec} as a `.tf.json` document (Terraform JSON syntax). */
import type { ImportSpec, SpecValue } from './import-spec';
import { escapeTemplate } from './render-escape';

/**
 * Resource arguments: strings and map keys come from the package, and Terraform's JSON syntax
 * reads both as templates, so they are escaped; only the references xcpform itself writes are live.
 */
function json(v: SpecValue): unknown {
  if (typeof v === 'string') return escapeTemplate(v);
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(json);
  const o = v as Exclude<SpecValue, string | number | boolean | readonly SpecValue[]>;
  switch (o.kind) {
    case 'block': return Object.fromEntries(Object.entries(o.attrs).map(([k, x]) => [k, json(x)]));
    case 'map': return Object.fromEntries(Object.entries(o.entries).map(([k, x]) => [escapeTemplate(k), json(x)]));
    case 'var': return `\${var.${o.name}}`;
    case 'attr': return `\${${o.type}.${o.name}.${o.attr}}`;
    case 'template': return `${escapeTemplate(o.prefix)}\${${o.ref.type}.${o.ref.name}.${o.ref.attr}}${escapeTemplate(o.suffix)}`;
  }
}

/** The document, pretty-printed with a trailing newline. */
export function renderTfJson(spec: ImportSpec): string {
  const doc: Record<string, unknown> = {};
  // A variable's description and default are literal values in the JSON syntax (not templates).
  if (spec.variables.length) {
    doc.variable = Object.fromEntries(spec.variables.map((v) => [v.name, {
      type: 'string',
      description: v.description,
      ...(v.default !== undefined ? { default: v.default } : {}),
      ...(v.sensitive ? { sensitive: true } : {}),
    }]));
  }
  const resource: Record<string, Record<string, unknown>> = {};
  for (const r of spec.resources) (resource[r.type] ??= {})[r.name] = json({ kind: 'block', attrs: r.attrs });
  doc.resource = resource;
  return `${JSON.stringify(doc, null, 2)}\n`;
}
