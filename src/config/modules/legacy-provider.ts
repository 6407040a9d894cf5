/**
 * A `provider` block inside a called module (Terraform's "legacy module" form). Terraform still
 * accepts it for a call without count / for_each / depends_on; xcpform takes provider
 * configurations from the root module only (one provider runtime per workspace), so it refuses
 * the block and writes out what to put in the root module instead: the same block with an
 * alias, and the `providers` argument that passes it to the call.
 */
import { Diagnostic, error } from '../../diagnostics';
import { ConfigFile } from '../files';
import { ProviderConfig } from '../model';

/** The diagnostic for the provider block `p` found in the module called as `key` (call names joined by dots). */
export function legacyProviderBlock(p: ProviderConfig, key: string, files: readonly ConfigFile[]): Diagnostic {
  const path = key.split('.').map((n) => `module.${n}`).join('.');
  const alias = key.replace(/[^A-Za-z0-9_-]/g, '_') + (p.alias ? `_${p.alias}` : '');
  const inner = p.alias ? `${p.type}.${p.alias}` : p.type;
  const block = blockText(p, files, alias);
  const nested = key.includes('.');
  const calls = key.split('.');
  const lines = [
    `The module at ${path} contains its own provider configuration ${inner} (a "legacy module"). Terraform accepts this, but xcpform reads provider configurations from the root module only, so the module's author or its caller must move it:`,
    '',
    `1. In the root module, declare it with an alias:`,
    '',
    indent(block),
    '',
    nested
      ? `2. Pass it down every call on the way, e.g. providers = { ${p.type}.${alias} = ${p.type}.${alias} } in module "${calls[0]}", whose required_providers declare configuration_aliases = [${p.type}.${alias}], and providers = { ${inner} = ${p.type}.${alias} } in the call of module "${calls[calls.length - 1]}".`
      : `2. In the module "${key}" block, pass it: providers = { ${inner} = ${p.type}.${alias} }`,
    '',
    `3. Delete the provider block from the module${p.alias ? `, and declare configuration_aliases = [${inner}] in its required_providers` : ''}. Arguments that used the module's variables take the root module's values instead.`,
  ];
  return error('config.module-provider-block', `${path}: provider configuration inside a module`, { detail: lines.join('\n'), source: p.source });
}

/** The block's own text with `alias` set (HCL files), or a skeleton naming its arguments. */
function blockText(p: ProviderConfig, files: readonly ConfigFile[], alias: string): string {
  const file = files.find((f) => f.path === p.source.filename);
  const from = p.source.line ? p.source.line - 1 : -1;
  if (file && file.format === 'hcl' && from >= 0) {
    const all = file.text.split(/\r?\n/);
    let depth = 0;
    const out: string[] = [];
    for (let i = from; i < all.length; i++) {
      const line = all[i];
      out.push(line);
      for (const ch of line.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/#.*$|\/\/.*$/, '')) {
        if (ch === '{') depth++;
        else if (ch === '}') depth--;
      }
      if (depth <= 0 && line.includes('{')) break;
      if (depth <= 0 && i > from) break;
    }
    if (depth === 0 && out.length === 1) {
      const one = /^(\s*[^{]*\{)(.*)\}\s*$/.exec(out[0]);
      if (one) return [one[1].trimEnd(), `  alias = "${alias}"`, ...(one[2].trim() && !/^alias\s*=/.test(one[2].trim()) ? [`  ${one[2].trim()}`] : []), '}'].join('\n');
    }
    if (depth === 0 && out.length > 1) {
      const body = out.filter((l, i) => i === 0 || !/^\s*alias\s*=/.test(l));
      if (body.length === 1) return `provider "${p.type}" {\n  alias = "${alias}"\n}`;
      return [body[0], `  alias = "${alias}"`, ...body.slice(1)].join('\n');
    }
  }
  const args = Object.keys(p.body.attributes).filter((a) => a !== 'alias');
  return [`provider "${p.type}" {`, `  alias = "${alias}"`, ...args.map((a) => `  ${a} = ...`), '}'].join('\n');
}

const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');
