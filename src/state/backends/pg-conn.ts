/**
 * Connection strings of the pg backend: the two forms libpq (and so Terraform's pg backend)
 * accepts, turned into `pg` client settings, and a redacted form for every message.
 *
 * - URL: `postgres://user:password@host:5432/db?sslmode=disable` (also `postgresql://`).
 * - Key/value: `host=... port=... user=... password=... dbname=... sslmode=...`, values
 *   optionally single-quoted with `\'` and `\\` escapes.
 *
 * The password must never reach a log or an error: {@link redactConnStr} replaces it (and any
 * `password=` query parameter) with `****`.
 */
import type { ClientConfig } from 'pg';

/** `application_name` of every xcpform session, so `pg_stat_activity` shows who holds a lock. */
export const PG_APPLICATION_NAME = 'xcpform';

/** The connection string with its password replaced by `****` (both forms). */
export function redactConnStr(connStr: string): string {
  if (/^postgres(ql)?:\/\//i.test(connStr.trim())) {
    return connStr
      .replace(/^(\s*postgres(?:ql)?:\/\/[^:@/?#]*:)[^@/?#]*@/i, '$1****@')
      .replace(/([?&]password=)[^&#]*/gi, '$1****');
  }
  return connStr.replace(/(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S*)/gi, '$1****');
}

/** Parses a key/value connection string into its pairs; throws with a redacted message. */
export function parseKeyValueConnStr(connStr: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s']*)\s*/y;
  let pos = 0;
  while (pos < connStr.length) {
    re.lastIndex = pos;
    const m = re.exec(connStr);
    if (!m) throw new Error(`malformed connection string near "${redactConnStr(connStr.slice(pos)).slice(0, 20)}"`);
    const raw = m[2];
    out[m[1].toLowerCase()] = raw.startsWith("'") ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    pos = re.lastIndex;
  }
  return out;
}

/**
 * `pg` client settings for a connection string. URLs go to `pg` as they are (its parser
 * understands `sslmode` and the other libpq parameters); key/value strings are mapped here.
 */
export function clientConfig(connStr: string): ClientConfig {
  const base: ClientConfig = { application_name: PG_APPLICATION_NAME };
  if (/^postgres(ql)?:\/\//i.test(connStr.trim())) return { ...base, connectionString: connStr.trim() };
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
  if (mode === 'disable' || mode === undefined) cfg.ssl = false;
  else if (mode === 'require' || mode === 'prefer' || mode === 'allow') cfg.ssl = { rejectUnauthorized: false };
  else cfg.ssl = { rejectUnauthorized: true }; // verify-ca, verify-full
  return cfg;
}
