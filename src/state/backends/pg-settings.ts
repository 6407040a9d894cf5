/**
 * Terraform's pg backend settings, read the way Terraform reads them: the backend block's
 * attributes, overridden by `-backend-config KEY=VALUE`, falling back to environment
 * variables (`PG_CONN_STR`, `PG_SCHEMA_NAME`, `PG_SKIP_SCHEMA_CREATION`,
 * `PG_SKIP_TABLE_CREATION`, `PG_SKIP_INDEX_CREATION`). Problems are diagnostics; the
 * connection string appears in none of them.
 */
import { Diagnostic, error } from '../../diagnostics';
import type { PgBackendOptions } from './pg';

const STRINGS = { conn_str: 'PG_CONN_STR', schema_name: 'PG_SCHEMA_NAME' } as const;
const BOOLS = {
  skip_schema_creation: 'PG_SKIP_SCHEMA_CREATION',
  skip_table_creation: 'PG_SKIP_TABLE_CREATION',
  skip_index_creation: 'PG_SKIP_INDEX_CREATION',
} as const;

/** Result of {@link pgOptionsFromSettings}: options unless there are errors. */
export interface PgSettingsResult {
  readonly options?: Omit<PgBackendOptions, 'workspace'>;
  readonly diagnostics: Diagnostic[];
}

/**
 * Options for a `PgBackend` from a `backend "pg"` block's attributes (`block`, plain JSON as
 * decoded from `.tf` / `.tf.json`), `-backend-config` overrides and the environment.
 */
export function pgOptionsFromSettings(
  block: Readonly<Record<string, unknown>>,
  overrides: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): PgSettingsResult {
  const diagnostics: Diagnostic[] = [];
  const merged: Record<string, unknown> = { ...block, ...overrides };
  for (const key of Object.keys(merged)) {
    if (!(key in STRINGS) && !(key in BOOLS)) {
      diagnostics.push(error('backend.unsupported-argument', 'Unsupported argument', {
        detail: `An argument named "${key}" is not expected in a "pg" backend; the arguments are conn_str, schema_name, skip_schema_creation, skip_table_creation and skip_index_creation.`,
        path: ['terraform', 'backend', 'pg', key],
      }));
    }
  }
  const str = (key: keyof typeof STRINGS): string | undefined => {
    const v = merged[key];
    if (v === undefined || v === null) return env[STRINGS[key]] || undefined;
    if (typeof v !== 'string') {
      diagnostics.push(error('backend.invalid-argument', `Invalid value for "${key}"`, { detail: `"${key}" must be a string.`, path: ['terraform', 'backend', 'pg', key] }));
      return undefined;
    }
    if (v.includes('${')) {
      diagnostics.push(error('backend.variables-not-allowed', 'Variables not allowed', {
        detail: `The backend setting "${key}" cannot refer to variables or other values: backends are configured before anything is evaluated. Use -backend-config or the ${STRINGS[key]} environment variable instead.`,
        path: ['terraform', 'backend', 'pg', key],
      }));
      return undefined;
    }
    return v;
  };
  const bool = (key: keyof typeof BOOLS): boolean => {
    const v = merged[key] ?? env[BOOLS[key]];
    if (v === undefined || v === null || v === '') return false;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|1|false|0)$/i.test(v)) return /^(true|1)$/i.test(v);
    diagnostics.push(error('backend.invalid-argument', `Invalid value for "${key}"`, { detail: `"${key}" must be true or false.`, path: ['terraform', 'backend', 'pg', key] }));
    return false;
  };
  const connStr = str('conn_str');
  const schemaName = str('schema_name');
  const skip = { skipSchemaCreation: bool('skip_schema_creation'), skipTableCreation: bool('skip_table_creation'), skipIndexCreation: bool('skip_index_creation') };
  if (!connStr && !diagnostics.some((d) => d.path?.[3] === 'conn_str')) {
    diagnostics.push(error('backend.missing-conn-str', 'No PostgreSQL connection string', {
      detail: 'The "pg" backend needs conn_str: set it in the backend block, pass -backend-config "conn_str=postgres://..." to init, or set the PG_CONN_STR environment variable.',
    }));
  }
  if (diagnostics.length || !connStr) return { diagnostics };
  return { options: { connStr, ...(schemaName ? { schemaName } : {}), ...skip }, diagnostics };
}
