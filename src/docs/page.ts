/**
 * One registry-style documentation page from a schema: front matter, description, example,
 * argument reference grouped as Required / Optional / Read-Only with nested block sections,
 * and import syntax.
 */
import { describeType } from '../schema/cty-type';
import { UPDATE_CLASS_SENTENCE } from '../schema/describe';
import type { AttributeSchema, BlockSchema, ResourceSchema, UpdateClass } from '../schema/model';
import { describeValidator } from '../schema/validators';

/** Short label of an update class as the docs show it. */
export const UPDATE_LABEL: Record<UpdateClass, string> = {
  'in-place': 'updates in place',
  halt: 'updates with a halt (shutdown, change, start)',
  migrate: 'changes by live migration',
  replace: 'forces replacement',
};

function typeLabel(attr: AttributeSchema): string {
  if (attr.nested) return `Attributes ${attr.nested.nesting === 'single' ? '' : `${attr.nested.nesting === 'map' ? 'Map' : attr.nested.nesting === 'set' ? 'Set' : 'List'} `}`.trim();
  const d = describeType(attr.type!);
  return d.replace(/^(\w)/, (c) => c.toUpperCase()).replace(/ of (\w)/g, (_m, c: string) => ` of ${c.toUpperCase()}`);
}

function attrLine(name: string, attr: AttributeSchema, anchor: string): string {
  const flags: string[] = [typeLabel(attr)];
  if (attr.sensitive) flags.push('Sensitive');
  if (attr.deprecated) flags.push('Deprecated');
  const parts = [attr.description.trim()];
  const allowed = (attr.validators ?? []).map(describeValidator);
  if (allowed.length) parts.push(`Allowed: ${allowed.join('; ')}.`);
  if (attr.default !== undefined) parts.push(`Defaults to \`${JSON.stringify(attr.default)}\`.`);
  if (attr.update) parts.push(`*Update: ${UPDATE_LABEL[attr.update]}.*`);
  if (attr.note) parts.push(`${attr.note.trim().replace(/([^.])$/, '$1.')}`);
  const link = attr.nested ? ` (see [below for nested schema](#nestedatt--${anchor}))` : '';
  return `- \`${name}\` (${flags.join(', ')}) ${parts.join(' ')}${link}`;
}

function section(block: BlockSchema, prefix: string, nestedOut: string[]): string {
  const groups: Record<'Required' | 'Optional' | 'Read-Only', string[]> = { Required: [], Optional: [], 'Read-Only': [] };
  const sorted = Object.entries(block.attributes).sort(([a], [b]) => a.localeCompare(b));
  for (const [name, attr] of sorted) {
    const anchor = prefix ? `${prefix}--${name}` : name;
    const group = attr.required ? 'Required' : attr.optional ? 'Optional' : 'Read-Only';
    groups[group].push(attrLine(name, attr, anchor));
    if (attr.nested) {
      nestedOut.push(`<a id="nestedatt--${anchor}"></a>\n### Nested Schema for \`${anchor.replace(/--/g, '.')}\`\n\n${section({ description: '', attributes: attr.nested.attributes }, anchor, nestedOut)}`);
    }
  }
  for (const [name, bt] of Object.entries(block.blockTypes ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const anchor = prefix ? `${prefix}--${name}` : name;
    const limits = bt.nesting === 'single' || bt.maxItems === 1 ? 'Block, at most one' : `Block ${bt.nesting === 'set' ? 'Set' : 'List'}${bt.minItems ? `, min ${bt.minItems}` : ''}${bt.maxItems ? `, max ${bt.maxItems}` : ''}`;
    const required = (bt.minItems ?? 0) > 0;
    (required ? groups.Required : groups.Optional).push(`- \`${name}\` (${limits}) ${bt.block.description.trim()} (see [below for nested schema](#nestedblock--${anchor}))`);
    nestedOut.push(`<a id="nestedblock--${anchor}"></a>\n### Nested Schema for \`${anchor.replace(/--/g, '.')}\`\n\n${section(bt.block, anchor, nestedOut)}`);
  }
  return (Object.entries(groups) as [string, string[]][])
    .filter(([, lines]) => lines.length)
    .map(([title, lines]) => `${prefix ? `${title}:` : `### ${title}`}\n\n${lines.join('\n')}\n`)
    .join('\n');
}

/** The schema part of a page: top-level groups then nested sections. */
export function schemaSection(schema: ResourceSchema): string {
  const nested: string[] = [];
  const top = section(schema.block, '', nested);
  return `## Schema\n\n${top}${nested.length ? `\n${nested.join('\n')}` : ''}`;
}

export interface PageInput {
  readonly schema: ResourceSchema;
  readonly example: string;
  /** Path of the example under the repository, shown under the code block. */
  readonly examplePath: string;
  readonly importExample?: string;
}

function frontMatter(title: string, description: string): string {
  return `---\npage_title: "${title}"\nsubcategory: ""\ndescription: |-\n  ${description.trim().replace(/\n/g, '\n  ')}\n---\n`;
}

export function resourcePage(input: PageInput): string {
  const { schema } = input;
  const kind = schema.kind === 'data' ? 'Data Source' : 'Resource';
  const updates = schema.kind === 'resource' ? `\n## How changes are applied\n\nEvery argument has an update class, decided at plan time:\n\n${(Object.keys(UPDATE_CLASS_SENTENCE) as UpdateClass[]).map((u) => `- *${UPDATE_LABEL[u]}*: ${UPDATE_CLASS_SENTENCE[u]}`).join('\n')}\n` : '';
  const imp = schema.kind === 'resource' && schema.importId
    ? `\n## Import\n\nImport an existing object with its pool and UUID (\`${schema.importId}\`):\n\n\`\`\`shell\n${input.importExample ?? `xcpform import ${schema.typeName}.example ${schema.importId}`}\n\`\`\`\n`
    : '';
  return `${frontMatter(`${schema.typeName} ${kind} - terraform-provider-xcp`, schema.block.description)}
# ${schema.typeName} (${kind})

${schema.block.description.trim()}

## Example Usage

\`\`\`terraform
${input.example.trimEnd()}
\`\`\`

Source: \`${input.examplePath}\`
${updates}
${schemaSection(schema)}${imp}`;
}

export function providerPage(schema: ResourceSchema, example: string, examplePath: string, resources: readonly ResourceSchema[], dataSources: readonly ResourceSchema[]): string {
  const link = (s: ResourceSchema, dir: string) => `- [\`${s.typeName}\`](${dir}/${s.typeName.replace(/^xcp_/, '')}.md): ${s.block.description.split('. ')[0].replace(/\.$/, '')}.`;
  return `${frontMatter('Provider: xcp', schema.block.description)}
# xcp Provider

${schema.block.description.trim()}

## Example Usage

\`\`\`terraform
${example.trimEnd()}
\`\`\`

Source: \`${examplePath}\`

## Pools and authentication

Each entry of \`pools\` is one XenAPI endpoint: the pool coordinator's URL and an account. A pool
whose \`url\` is \`embedded\` (the default) is served by xcpform's embedded XAPI simulator, persisted
under \`.xcpform/\` in the working folder. Credentials can come from the environment:
\`XCP_<POOL>_USERNAME\` and \`XCP_<POOL>_PASSWORD\` (pool name upper-cased, \`-\` as \`_\`). Passwords
are sensitive: they never appear in plans, logs or error messages.

## TLS

Certificates are verified by default. For a pool with a private CA give \`ca_file\`; only when
you accept the risk, \`insecure_tls = true\` disables verification for that pool.

## Rate card

\`rate_card\` prices vCPUs, memory, storage and VPN links per hour; plans show the monthly cost
delta (730 hours a month) and \`pool_multipliers\` price the cloud pool differently.

${schemaSection(schema)}
## Resources

${resources.map((s) => link(s, 'resources')).join('\n')}

## Data Sources

${dataSources.map((s) => link(s, 'data-sources')).join('\n')}
`;
}
