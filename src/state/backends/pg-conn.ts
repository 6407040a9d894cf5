/**
 * Connection strings of the pg backend: the two forms libpq (and so Terraform's pg backend)
 * accepts, turned into `pg` client settings, and a redacted form for every message.
 *
 * - URL: `postgres://user:password@host:5432/db?sslmode=disable` (also `postgresql://`).
 * - Key/value: `host=... port=... user=... password=... dbname=... sslmode=...`, values
 *   optionally single-quoted with `\'` and `\\` escapes.
 *
 * The password must never reach a log or an error: {@link redactConnStr} replaces it (and any
 * `password=` query parameter) with `****`. Without `sslmode` the connection uses TLS
 * (`require`), as libpq and Terraform's pg backend do.
 */
import type { ClientConfig } from 'pg';

/** `application_name` of every xcpform session, so `pg_stat_activity` shows who holds a lock. */
export const PG_APPLICATION_NAME = 'xcpform';

const isUrl = (connStr: string): boolean => /^postgres(ql)?:\/\//i.test(connStr.trim());

/**
 * The connection string with its password replaced by `****` (both forms). A string that is
 * neither a URL nor key/value pairs is not shown at all: where its password is cannot be known
 * (`postgres//u:secret@db` is a URL with a typo, not a key/value string).
 */
export function redactConnStr(connStr: string): string {
  if (isUrl(connStr)) {
    return connStr
      .replace(/^(\s*postgres(?:ql)?:\/\/[^:@/?#]*:)[^@/?#]*@/i, '$1****@')
      .replace(/([?&]password=)[^&#]*/gi, '$1****');
  }
  try {
    parseKeyValueConnStr(connStr);
  } catch {
    return '<malformed connection string>';
  }
  return connStr.replace(/(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S*)/gi, '$1****');
}

/**
 * Parses a key/value connection string into its pairs. The error says where parsing stopped
 * but shows no part of the string: any part may be (or contain) the password.
 */
export function parseKeyValueConnStr(connStr: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s']*)\s*/y;
  let pos = 0;
  while (pos < connStr.length) {
    re.lastIndex = pos;
    const m = re.exec(connStr);
    if (!m) {
      const hint = /^\s*postgres/i.test(connStr) ? ' (a URL must start with postgres:// or postgresql://)' : '';
      throw new Error(`malformed connection string at character ${pos + 1}: expected key=value pairs or a postgres:// URL${hint}`);
    }
    const raw = m[2];
    out[m[1].toLowerCase()] = raw.startsWith("'") ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    pos = re.lastIndex;
  }
  return out;
}

/**
 * TLS when the connection string does not say: `sslmode=require` (encrypted, certificate not
 * verified), the default of libpq and of Terraform's pg backend. The state holds every secret of
 * the configuration, so it never crosses the network in clear unless `sslmode=disable` is given.
 */
const DEFAULT_SSL = { rejectUnauthorized: false } as const;

/**
 * `pg` client settings for a connection string. URLs go to `pg` as they are (its parser
 * understands `sslmode` and the other libpq parameters); key/value strings are mapped here.
 */
export function clientConfig(connStr: string): ClientConfig {
  const base: ClientConfig = { application_name: PG_APPLICATION_NAME };
  if (isUrl(connStr)) {
    // `pg` reads sslmode (and the other libpq parameters) from the URL; only the default is ours.
    const query = connStr.trim().split('?')[1] ?? '';
    const saysTls = /(^|&)(sslmode|ssl)=/i.test(query);
    return { ...base, connectionString: connStr.trim(), ...(saysTls ? {} : { ssl: { ...DEFAULT_SSL } }) };
  }
  const kv = parseKeyValueConnStr(connStr);
  const cfg: ClientConfig = { ...base };
  if (kv.host) cfg.host = kv.host;
  if (kv.hostaddr && !kv.host) cfg.host = kv.hostaddr;
  if (kv.port) cfg.port = Number(kv.port);
  if (kv.user) cfg.user = kv.user;
  if (kv.password !== undefined) cfg.password = kv.password;
  if (kv.dbname) cfg.database = kv.dbname;
  if (kv.connect_timeout) cfg.connectionTimeoutMillis = Number(kv.connect_timeout) * 1000;
  const mode = kv.sslmode;
  if (mode === 'disable') cfg.ssl = false;
  else if (mode === undefined || mode === 'require' || mode === 'prefer' || mode === 'allow') cfg.ssl = { ...DEFAULT_SSL };
  else cfg.ssl = { rejectUnauthorized: true }; // verify-ca, verify-full
  return cfg;
}
