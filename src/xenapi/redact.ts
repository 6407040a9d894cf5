/**
 * Keeps secrets out of errors and logs. Two layers:
 * 1. `redactArgs` knows where XenAPI calls carry secrets (the session ref, login and pool-join
 *    passwords, secret-looking keys of maps such as `device_config`, values added under such keys)
 *    and replaces them before a call is attached to an error or a log entry.
 * 2. `scrubText` / `scrubStrings` remove the exact secret strings the client holds (password,
 *    session refs) from anything the *server* sent back, in case it echoes them.
 */

/** What replaces a session ref. */
export const SESSION_PLACEHOLDER = '<session>';
/** What replaces any other secret. */
export const SECRET_PLACEHOLDER = '<redacted>';

/** Map keys whose values are secrets (`chappassword`, `cifspassword`, `psk`, `session_id`, ...). */
const SECRET_KEY = /pass(word|wd|phrase)?|secret|token|session_id|private|psk|pre_?shared|credential|api_?key|auth/i;

/** True when a map key names a secret value. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Calls whose first argument is not a session. */
const SESSIONLESS = /^(session\.(login_with_password|slave_local_login_with_password|slave_local_login|login_with_password_and_originator)|system\.)/;

/** Positional secrets per method, indexes counted on the full wire argument list. */
const SECRET_POSITIONS: Readonly<Record<string, readonly number[]>> = {
  'session.login_with_password': [1],
  'session.slave_local_login_with_password': [1],
  'session.change_password': [1, 2],
  'pool.join': [3],
  'pool.join_force': [3],
  'secret.set_value': [2],
};

/**
 * Returns a copy of a call's arguments safe to show: the session ref (first argument of every
 * call but login and `system.*`) becomes `<session>`, known secret positions and map entries
 * under secret-looking keys become `<redacted>`, and for `add_to_<map>(self, key, value)` the
 * value is redacted when the key looks secret. Handles `Async.` prefixes.
 */
export function redactArgs(method: string, args: readonly unknown[]): unknown[] {
  const bare = method.startsWith('Async.') ? method.slice(6) : method;
  const out = args.map((a) => redactValue(a));
  if (!SESSIONLESS.test(bare) && out.length > 0 && typeof args[0] === 'string') {
    out[0] = SESSION_PLACEHOLDER;
  }
  for (const i of SECRET_POSITIONS[bare] ?? []) if (i < out.length) out[i] = SECRET_PLACEHOLDER;
  const op = bare.slice(bare.indexOf('.') + 1);
  const keyAt = out.length - 2; // add_to_<map>(session, self, key, value)
  if (/^add_to_/.test(op) && keyAt >= 1 && typeof args[keyAt] === 'string' && isSecretKey(args[keyAt] as string)) {
    out[keyAt + 1] = SECRET_PLACEHOLDER;
  }
  // A setter of a secret-looking field (`set_wlb_password`, `set_repository_proxy_password`).
  if (/^set_/.test(op) && isSecretKey(op) && out.length >= 2) out[out.length - 1] = SECRET_PLACEHOLDER;
  return out;
}

/**
 * The strings `redactArgs` hides in a call (passwords, session ref, secret map values), so
 * that anything the server echoes back can be scrubbed of them too.
 */
export function secretsOf(method: string, args: readonly unknown[]): string[] {
  const found: string[] = [];
  const walk = (original: unknown, shown: unknown, depth: number): void => {
    if (depth > 32) return;
    if (typeof original === 'string') {
      if (shown === SECRET_PLACEHOLDER || shown === SESSION_PLACEHOLDER) found.push(original);
    } else if (original !== null && typeof original === 'object' && shown !== null && typeof shown === 'object') {
      for (const [k, v] of Object.entries(original)) walk(v, (shown as Record<string, unknown>)[k], depth + 1);
    }
  };
  walk(args, redactArgs(method, args), 0);
  return found;
}

/**
 * Session ids embedded in URLs (`.../services/SM?session_id=OpaqueRef:...`, as in the map
 * `host.migrate_receive` returns) belong to sessions the client does not own, so they are not in
 * its secret list; they are recognised by their shape instead.
 */
const URL_SESSION = /([?&;]session_id=)[^&\s"',)}]+/gi;

export function scrubUrlSessions(text: string): string {
  return text.replace(URL_SESSION, `$1${SECRET_PLACEHOLDER}`);
}

/** Deep copy of a value with entries under secret-looking keys replaced. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 32) return '<too deep>';
  if (typeof value === 'string') return scrubUrlSessions(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = isSecretKey(k) ? SECRET_PLACEHOLDER : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * Replaces every occurrence of each secret in `text`. Secrets shorter than 4 characters are
 * skipped: scrubbing them would mangle ordinary text, and positional redaction already covers
 * the arguments that carry them.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = scrubUrlSessions(text);
  for (const s of secrets) {
    if (s.length >= 4 && out.includes(s)) out = out.split(s).join(SECRET_PLACEHOLDER);
  }
  return out;
}

/** `scrubText` over each string of a list (error params). */
export function scrubStrings(values: readonly string[], secrets: readonly string[]): string[] {
  return values.map((v) => scrubText(v, secrets));
}

/** Removes user info (`user:password@`) from a URL for display. */
export function displayUrl(url: string | URL): string {
  try {
    const u = new URL(String(url));
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '<invalid url>';
  }
}
