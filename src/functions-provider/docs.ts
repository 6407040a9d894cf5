/**
 * Reference pages for the provider-defined functions, in the registry layout
 * (`docs/functions/<name>.md`), written by `npm run docs` beside the resource pages.
 */
import { FUNCTION_PREFIX, type ProviderFunction } from './model';

const TYPE_NAMES = { string: 'String', number: 'Number', bool: 'Boolean' } as const;

/** Example argument text for a parameter, per function. */
const EXAMPLES: Record<string, string> = {
  size: '"20GiB"',
  format_size: '21474836480',
  cidr_contains: '"10.0.0.0/24", "10.0.0.7"',
  cidr_overlap: '"10.0.0.0/16", "10.1.0.0/24"',
};

/** The page for one function. */
export function functionPage(f: ProviderFunction, result: string): string {
  const signature = `${f.name}(${f.parameters.map((p) => `${p.name} ${p.type}`).join(', ')}) ${f.returns}`;
  return [
    '---',
    `page_title: "${f.name} function - terraform-provider-xcp"`,
    'subcategory: ""',
    'description: |-',
    `  ${f.summary}`,
    '---',
    '',
    `# function: ${f.name}`,
    '',
    f.description,
    '',
    'Terraform ≥ 1.8 and xcpform call it by the same name. Terraform needs the provider in the',
    "module's `required_providers` (`xcp = { source = \"xcpform/xcp\" }`) and uses that local name in",
    '`provider::<local name>::'.concat(f.name, '`; xcpform knows the name `xcp` only. No provider configuration is needed.'),
    '',
    '## Example Usage',
    '',
    '```terraform',
    `output "example" {`,
    `  value = ${FUNCTION_PREFIX}${f.name}(${EXAMPLES[f.name] ?? ''}) # ${result}`,
    '}',
    '```',
    '',
    '## Signature',
    '',
    '```text',
    signature,
    '```',
    '',
    '## Arguments',
    '',
    ...f.parameters.map((p, i) => `${i + 1}. \`${p.name}\` (${TYPE_NAMES[p.type]}) ${p.description}`),
    '',
    `Returns: ${TYPE_NAMES[f.returns]}.`,
    '',
  ].join('\n');
}

/** The example's result as Terraform prints it. */
export function exampleResult(f: ProviderFunction): string {
  const args = JSON.parse(`[${EXAMPLES[f.name] ?? ''}]`) as (string | number)[];
  const r = f.impl(args);
  return typeof r === 'string' ? JSON.stringify(r) : String(r);
}
