/**
 * Provider logs on stderr in hclog's JSON line format, which go-plugin re-logs under
 * `provider.terraform-provider-xcp` at the line's level (reference tfplugin.md section 1.6).
 * The level comes from `TF_LOG_PROVIDER`, else `TF_LOG` (unset: warnings and errors only).
 * Callers pass messages and plain fields, never values from configuration or state: those may
 * hold secrets (pool passwords, PSKs, device_config secrets).
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel | 'off', number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, off: 5 };

/** The level selected by the environment, as Terraform's own TF_LOG values spell it. */
export function levelFromEnv(env: NodeJS.ProcessEnv): LogLevel | 'off' {
  const raw = (env.TF_LOG_PROVIDER || env.TF_LOG || '').trim().toLowerCase();
  if (raw === '') return 'warn';
  if (raw === 'json') return 'trace';
  if (raw === 'off') return 'off';
  return raw in ORDER ? (raw as LogLevel) : 'trace';
}

/** go-plugin requires exactly six fractional digits (`2006-01-02T15:04:05.000000Z07:00`). */
export function hclogTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '000Z');
}

export type LogFields = Record<string, string | number | boolean | undefined>;

export class Logger {
  constructor(
    private readonly level: LogLevel | 'off',
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
    private readonly now: () => Date = () => new Date(),
  ) {}

  enabled(level: LogLevel): boolean {
    return ORDER[level] >= ORDER[this.level];
  }

  log(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (!this.enabled(level)) return;
    const entry: Record<string, unknown> = { '@level': level, '@message': message, '@module': 'xcp', '@timestamp': hclogTimestamp(this.now()) };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) entry[k] = v;
    this.write(`${JSON.stringify(entry)}\n`);
  }

  trace(message: string, fields?: LogFields): void { this.log('trace', message, fields); }
  debug(message: string, fields?: LogFields): void { this.log('debug', message, fields); }
  info(message: string, fields?: LogFields): void { this.log('info', message, fields); }
  warn(message: string, fields?: LogFields): void { this.log('warn', message, fields); }
  error(message: string, fields?: LogFields): void { this.log('error', message, fields); }
}
