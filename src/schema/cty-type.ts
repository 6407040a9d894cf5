/**
 * Types in cty terms, encoded exactly as Terraform's type JSON (`"string"`,
 * `["list","string"]`, `["object",{"a":"number"}]`), so the model and the wire agree.
 */
export type CtyPrimitive = 'string' | 'number' | 'bool' | 'dynamic';

export type CtyType =
  | CtyPrimitive
  | readonly ['list', CtyType]
  | readonly ['set', CtyType]
  | readonly ['map', CtyType]
  | readonly ['object', Readonly<Record<string, CtyType>>];

export const t = {
  string: 'string' as const,
  number: 'number' as const,
  bool: 'bool' as const,
  dynamic: 'dynamic' as const,
  list: (e: CtyType): CtyType => ['list', e] as const,
  set: (e: CtyType): CtyType => ['set', e] as const,
  map: (e: CtyType): CtyType => ['map', e] as const,
  object: (attrs: Record<string, CtyType>): CtyType => ['object', attrs] as const,
};

export function isPrimitive(type: CtyType): type is CtyPrimitive {
  return typeof type === 'string';
}

/** Human name used in diagnostics: "number", "list of string", "map of object". */
export function describeType(type: CtyType): string {
  if (isPrimitive(type)) return type === 'dynamic' ? 'any value' : type;
  const [kind, inner] = type;
  if (kind === 'object') return 'object';
  return `${kind} of ${describeType(inner as CtyType)}`;
}

/** Does a plain JSON value conform to the type? Terraform's safe conversions are allowed
 * (numbers and bools convert to strings, numeric strings to numbers, "true"/"false" to bools). */
export function conforms(type: CtyType, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (isPrimitive(type)) {
    switch (type) {
      case 'dynamic':
        return true;
      case 'string':
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
      case 'number':
        return typeof value === 'number' || (typeof value === 'string' && isNumericString(value));
      case 'bool':
        return typeof value === 'boolean' || value === 'true' || value === 'false';
    }
  }
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') {
    return Array.isArray(value) && value.every((v) => conforms(inner as CtyType, v));
  }
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const obj = value as Record<string, unknown>;
  if (kind === 'map') return Object.values(obj).every((v) => conforms(inner as CtyType, v));
  const attrs = inner as Record<string, CtyType>;
  return Object.keys(obj).every((k) => k in attrs && conforms(attrs[k], obj[k]));
}

export function isNumericString(s: string): boolean {
  return /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(s);
}
