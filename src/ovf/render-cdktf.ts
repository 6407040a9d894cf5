/**
 * Renders an {@link ImportSpec} as a CDKTF TypeScript stack using the `xcpform/cdktf` bindings,
 * in the style of examples/basic/cdktf/main.ts. Attribute names become the bindings' camelCase;
 * map keys stay as they are.
 */
import type { ImportSpec, SpecValue } from './import-spec';
import { commentSafe, escapeTemplate } from './render-escape';

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const pascal = (s: string): string => camel(`_${s}`).replace(/^_/, '');
const ident = (kind: string, name: string): string => camel(`${kind}_${name}`);
const BINDING: Record<string, [string, string]> = { xcp_appliance: ['appliance', 'Appliance'], xcp_vm: ['vm', 'Vm'] };

/**
 * A resource argument as TypeScript. CDKTF copies strings into cdk.tf.json as they are, where
 * Terraform reads them as templates: package text is escaped (`$${`, `%%{`) so that it stays text.
 * JSON.stringify then makes a valid TypeScript string literal of anything (quotes, newlines,
 * backticks, non-ASCII).
 */
function ts(v: SpecValue, indent: string, literal = false): string {
  if (typeof v === 'string') return JSON.stringify(literal ? v : escapeTemplate(v));
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.length ? `[\n${v.map((x) => `${indent}  ${ts(x, `${indent}  `)},\n`).join('')}${indent}]` : '[]';
  const o = v as Exclude<SpecValue, string | number | boolean | readonly SpecValue[]>;
  switch (o.kind) {
    case 'block': return obj(Object.entries(o.attrs).map(([k, x]) => [camel(k), x]), indent);
    case 'map': return obj(Object.entries(o.entries).map(([k, x]) => [JSON.stringify(escapeTemplate(k)), x]), indent);
    case 'var': return `${ident('var', o.name)}.stringValue`;
    case 'attr': return `${ident(o.type.replace(/^xcp_/, ''), o.name)}.${camel(o.attr)}`;
    case 'template': {
      const lit = (s: string): string => s.replace(/[`\\]|\$\{/g, (m) => `\\${m}`);
      return `\`${lit(o.prefix)}\${${ident(o.ref.type.replace(/^xcp_/, ''), o.ref.name)}.${camel(o.ref.attr)}}${lit(o.suffix)}\``;
    }
  }
}

/** An object literal; `literal` for a variable's arguments, which Terraform does not read as templates. */
function obj(entries: [string, SpecValue][], indent: string, literal = false): string {
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, x]) => `${indent}  ${/^[A-Za-z_$][\w$]*$/.test(k) || k.startsWith('"') ? k : JSON.stringify(k)}: ${ts(x, `${indent}  `, literal)},\n`).join('')}${indent}}`;
}

/** The `main.ts` source of a stack named after the appliance. */
export function renderCdktf(spec: ImportSpec): string {
  const cls = `${pascal(spec.name)}Stack`;
  // The provider construct is required by CDKTF's synth validation; empty, it is the provider's
  // default configuration (as the .tf.json output, which has no provider block).
  const modules = [...new Set([...spec.resources.map((r) => BINDING[r.type][0]), 'provider'])].sort();
  const lines: string[] = [
    '/**',
    ` * ${commentSafe(spec.name)}: imported from an OVF package by "xcpform ovf import". The appliance imports the`,
    ' * disks and creates the VMs in start order; the xcp_vm resources then adopt them. Synthesize with:',
    ' *   npx ts-node main.ts      (writes cdktf.out)',
    ' */',
    `import { App, TerraformStack${spec.variables.length ? ', TerraformVariable' : ''} } from 'cdktf';`,
    "import { Construct } from 'constructs';",
    `import { ${modules.join(', ')} } from 'xcpform/cdktf';`,
    '',
    `export class ${cls} extends TerraformStack {`,
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
    "    new provider.XcpProvider(this, 'xcp', {});",
  ];
  for (const v of spec.variables) {
    const body = obj([
      ['type', 'string'],
      ['description', v.description],
      ...(v.default !== undefined ? [['default', v.default] as [string, SpecValue]] : []),
      ...(v.sensitive ? [['sensitive', true] as [string, SpecValue]] : []),
    ], '    ', true);
    lines.push(`    const ${ident('var', v.name)} = new TerraformVariable(this, ${JSON.stringify(v.name)}, ${body});`);
  }
  for (const r of spec.resources) {
    const [mod, klass] = BINDING[r.type];
    const body = ts({ kind: 'block', attrs: r.attrs }, '    ');
    const used = spec.resources.some((o) => JSON.stringify(o.attrs).includes(`"name":"${r.name}","attr"`));
    lines.push(`    ${used ? `const ${ident(mod, r.name)} = ` : ''}new ${mod}.${klass}(this, ${JSON.stringify(r.name)}, ${body});`);
  }
  lines.push('  }', '}', '', '/** Synthesizes the stack; returns the path of the written cdk.tf.json. */', 'export function synth(outdir: string): string {',
    '  const app = new App({ outdir });', `  new ${cls}(app, ${JSON.stringify(spec.name)});`, '  app.synth();', `  return \`\${outdir}/stacks/${spec.name}/cdk.tf.json\`;`, '}', '',
    'if (require.main === module) {', '  process.stdout.write(`${synth(`${__dirname}/cdktf.out`)}\\n`);', '}', '');
  return lines.join('\n');
}
