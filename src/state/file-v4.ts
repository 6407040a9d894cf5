/**
 * Terraform's state file format, version 4 (`terraform.tfstate`), both ways.
 *
 * Decoding never throws and never drops data silently: every problem is a diagnostic naming
 * the file and the JSON path (`resources[2].instances[0].schema_version`); fields this version
 * does not model are kept in `extra` and written back. Encoding (byte for byte what Terraform
 * 1.11 writes) is in `file-v4-encode.ts`; the incremental encoder the state manager writes with
 * is in `file-v4-chunks.ts`.
 */
import { parseExact } from '../values/json-text';
import { Diagnostic, error, formatPath, warning } from '../diagnostics';
import { IndexKey, InstanceState, OutputState, PathStep, ResourceState, State } from './model';

export { encodeStateV4 } from './file-v4-encode';

/** What {@link decodeStateV4} returns: a state only when there is no error. */
export interface DecodeResult {
  readonly state?: State;
  readonly diagnostics: readonly Diagnostic[];
}

type Path = (string | number)[];
type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Parses the text of a state file. `filename` only labels diagnostics. */
export function decodeStateV4(text: string, filename: string): DecodeResult {
  const diags: Diagnostic[] = [];
  const at = (path: Path, summary: string, detail?: string, sev: 'error' | 'warning' = 'error'): void => {
    const where = path.length ? ` at ${formatPath(path)}` : '';
    const d = { path, source: { filename }, detail: `${summary}${where} in ${filename}.${detail ? ` ${detail}` : ''}` };
    diags.push(sev === 'error' ? error('state.invalid', 'Invalid state file', d) : warning('state.unknown-field', 'Unrecognized state file field', d));
  };
  if (text.trim() === '') {
    diags.push(error('state.empty', 'Empty state file', { source: { filename }, detail: `${filename} is empty. Restore it from ${filename}.backup or remove it to start a new state.` }));
    return { diagnostics: diags };
  }
  let root: unknown;
  try {
    root = parseExact(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const offset = pos ? Number(pos[1]) : text.length;
    const line = text.slice(0, offset).split('\n').length;
    diags.push(error('state.syntax', 'State file is not valid JSON', { source: { filename, line }, detail: `${filename} line ${line}: ${msg}.` }));
    return { diagnostics: diags };
  }
  if (!isObj(root)) {
    at([], 'The top level must be a JSON object');
    return { diagnostics: diags };
  }
  if (root.version !== 4) {
    const detail = typeof root.version === 'number' && root.version < 4 ? 'Upgrade it by running Terraform 1.x once on this state.' : 'xcpform reads state format version 4.';
    at(['version'], `Unsupported state format version ${JSON.stringify(root.version)}`, detail);
    return { diagnostics: diags };
  }
  const str = (o: Obj, k: string, path: Path, required = true): string | undefined => {
    const v = o[k];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || (required && v === '')) at([...path, k], v === undefined ? `Missing "${k}"` : `"${k}" must be a non-empty string`);
    return typeof v === 'string' ? v : undefined;
  };
  const uint = (o: Obj, k: string, path: Path, dflt?: number): number => {
    const v = o[k];
    if (v === undefined && dflt !== undefined) return dflt;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) at([...path, k], v === undefined ? `Missing "${k}"` : `"${k}" must be a non-negative integer`);
    return typeof v === 'number' ? v : 0;
  };
  const extras = (o: Obj, known: readonly string[], path: Path): Obj | undefined => {
    const extra: Obj = {};
    for (const k of Object.keys(o)) {
      if (known.includes(k)) continue;
      extra[k] = o[k];
      at([...path, k], `Unrecognized field "${k}"`, 'It is kept as is and written back unchanged.', 'warning');
    }
    return Object.keys(extra).length ? extra : undefined;
  };

  const terraformVersion = str(root, 'terraform_version', []) ?? '';
  const serial = uint(root, 'serial', []);
  const lineage = str(root, 'lineage', []) ?? '';
  const outputs: Record<string, OutputState> = {};
  if (root.outputs !== undefined && !isObj(root.outputs)) at(['outputs'], '"outputs" must be an object');
  else
    for (const [name, o] of Object.entries((root.outputs as Obj | undefined) ?? {})) {
      if (!isObj(o) || !('value' in o) || !('type' in o)) at(['outputs', name], 'An output must be an object with "value" and "type"');
      else if (o.sensitive !== undefined && typeof o.sensitive !== 'boolean') at(['outputs', name, 'sensitive'], '"sensitive" must be a boolean');
      else outputs[name] = { value: o.value, type: o.type, ...(o.sensitive ? { sensitive: true } : {}) };
    }
  const resources: ResourceState[] = [];
  const seen = new Set<string>();
  if (root.resources !== undefined && !Array.isArray(root.resources)) at(['resources'], '"resources" must be an array');
  else
    ((root.resources as unknown[] | undefined) ?? []).forEach((r, ri) => {
      const rp: Path = ['resources', ri];
      if (!isObj(r)) return at(rp, 'A resource must be an object');
      const mode = r.mode;
      if (mode !== 'managed' && mode !== 'data') at([...rp, 'mode'], '"mode" must be "managed" or "data"');
      const module = str(r, 'module', rp, false);
      if (module !== undefined && !/^module\./.test(module)) at([...rp, 'module'], '"module" must be a module address like module.name');
      const type = str(r, 'type', rp) ?? '';
      const name = str(r, 'name', rp) ?? '';
      const provider = str(r, 'provider', rp) ?? '';
      if (provider && !/^(module\..+\.)?provider\["[^"]+"\](\.[A-Za-z_][\w-]*)?$/.test(provider))
        at([...rp, 'provider'], `"provider" must look like provider["registry.terraform.io/xcpform/xcp"] (optionally .alias)`);
      const id = `${module ?? ''}|${String(mode)}|${type}|${name}`;
      if (seen.has(id)) at(rp, `Duplicate resource ${module ? `${module}.` : ''}${mode === 'data' ? 'data.' : ''}${type}.${name}`);
      seen.add(id);
      if (!Array.isArray(r.instances)) return at([...rp, 'instances'], '"instances" must be an array');
      const keys = new Set<string>();
      const instances = r.instances.flatMap((i, ii): InstanceState[] => {
        const inst = decodeInstance(i, [...rp, 'instances', ii], { at, str, uint, extras });
        if (!inst) return [];
        const k = JSON.stringify([inst.indexKey ?? null, inst.deposed ?? null]);
        if (keys.has(k)) at([...rp, 'instances', ii], 'Duplicate instance (same index_key and deposed key)');
        keys.add(k);
        return [inst];
      });
      const extra = extras(r, ['module', 'mode', 'type', 'name', 'provider', 'instances', 'each'], rp);
      resources.push({ ...(module ? { module } : {}), mode: mode === 'data' ? 'data' : 'managed', type, name, provider, instances, ...(extra ? { extra } : {}) });
    });
  const extra = extras(root, ['version', 'terraform_version', 'serial', 'lineage', 'outputs', 'resources', 'check_results'], []);
  if (diags.some((d) => d.severity === 'error')) return { diagnostics: diags };
  const state: State = { terraformVersion, serial, lineage, outputs, resources, checkResults: root.check_results ?? null, ...(extra ? { extra } : {}) };
  return { state, diagnostics: diags };
}

interface Helpers {
  at(path: Path, summary: string, detail?: string): void;
  str(o: Obj, k: string, path: Path, required?: boolean): string | undefined;
  uint(o: Obj, k: string, path: Path, dflt?: number): number;
  extras(o: Obj, known: readonly string[], path: Path): Obj | undefined;
}

const INSTANCE_FIELDS = ['index_key', 'status', 'deposed', 'schema_version', 'attributes', 'sensitive_attributes', 'identity_schema_version', 'identity', 'private', 'dependencies', 'create_before_destroy'];

function decodeInstance(i: unknown, p: Path, h: Helpers): InstanceState | undefined {
  if (!isObj(i)) return void h.at(p, 'An instance must be an object');
  const key = i.index_key;
  if (key !== undefined && typeof key !== 'string' && !(typeof key === 'number' && Number.isSafeInteger(key) && key >= 0))
    h.at([...p, 'index_key'], '"index_key" must be a string or a non-negative integer');
  if (i.status !== undefined && i.status !== 'tainted') h.at([...p, 'status'], '"status" must be "tainted" when present');
  const deposed = h.str(i, 'deposed', p, false);
  if (deposed !== undefined && !/^[0-9a-f]{8}$/.test(deposed)) h.at([...p, 'deposed'], '"deposed" must be 8 lowercase hex digits');
  const schemaVersion = h.uint(i, 'schema_version', p, 0);
  if (i.attributes_flat !== undefined)
    h.at([...p, 'attributes_flat'], 'Legacy flatmap attributes are not supported', 'Run Terraform 1.x (plan and apply) once to upgrade this state.');
  else if (!isObj(i.attributes)) h.at([...p, 'attributes'], i.attributes === undefined ? 'Missing "attributes"' : '"attributes" must be an object');
  const sens = i.sensitive_attributes ?? [];
  if (!Array.isArray(sens) || !sens.every((path) => Array.isArray(path) && path.every(isPathStep)))
    h.at([...p, 'sensitive_attributes'], '"sensitive_attributes" must be a list of attribute paths ({"type":"get_attr","value":...} or {"type":"index","value":{...}} steps)');
  const identitySchemaVersion = i.identity_schema_version === undefined ? undefined : h.uint(i, 'identity_schema_version', p);
  if (i.identity !== undefined && !isObj(i.identity)) h.at([...p, 'identity'], '"identity" must be an object');
  const priv = h.str(i, 'private', p, false);
  if (priv !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(priv)) h.at([...p, 'private'], '"private" must be base64');
  const deps = i.dependencies ?? [];
  if (!Array.isArray(deps) || !deps.every((d) => typeof d === 'string')) h.at([...p, 'dependencies'], '"dependencies" must be a list of addresses');
  const cbd = i.create_before_destroy;
  if (cbd !== undefined && typeof cbd !== 'boolean') h.at([...p, 'create_before_destroy'], '"create_before_destroy" must be a boolean');
  const extra = h.extras(i, [...INSTANCE_FIELDS, 'attributes_flat'], p);
  return {
    ...(key === undefined ? {} : { indexKey: key as IndexKey }),
    ...(deposed ? { deposed } : {}),
    ...(i.status === 'tainted' ? { status: 'tainted' as const } : {}),
    schemaVersion,
    attributes: isObj(i.attributes) ? i.attributes : {},
    sensitiveAttributes: Array.isArray(sens) ? (sens as PathStep[][]) : [],
    ...(identitySchemaVersion === undefined ? {} : { identitySchemaVersion }),
    ...(isObj(i.identity) ? { identity: i.identity } : {}),
    ...(priv ? { private: priv } : {}),
    dependencies: Array.isArray(deps) ? (deps as string[]) : [],
    ...(cbd === true ? { createBeforeDestroy: true } : {}),
    ...(extra ? { extra } : {}),
  };
}

function isPathStep(s: unknown): boolean {
  if (!isObj(s)) return false;
  if (s.type === 'get_attr') return typeof s.value === 'string';
  return s.type === 'index' && isObj(s.value) && (s.value.type === 'string' || s.value.type === 'number') && 'value' in s.value;
}
