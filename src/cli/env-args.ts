/**
 * Terraform's environment for the CLI: `TF_CLI_ARGS` and `TF_CLI_ARGS_<command>` add flags
 * after the command name (before the user's own arguments), and `TF_LOG` / `TF_LOG_PATH` turn
 * on a log of what the CLI does. Log lines never carry argument values (they may be secrets).
 */
import { appendFileSync } from 'node:fs';

/** Splits a flag string as a POSIX shell would (single and double quotes, backslash escapes). */
export function shellWords(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length && /["\\$`]/.test(text[i + 1])) cur += text[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") { quote = ch; has = true; }
    else if (ch === '\\' && i + 1 < text.length) { cur += text[++i]; has = true; }
    else if (/\s/.test(ch)) { if (has || cur) out.push(cur); cur = ''; has = false; }
    else cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}

/** The arguments with `TF_CLI_ARGS` and `TF_CLI_ARGS_<command>` inserted after the command name. */
export function withEnvArgs(args: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const at = args.findIndex((a) => !a.startsWith('-'));
  if (at < 0) return [...args];
  const command = args[at];
  const extra = [...shellWords(env.TF_CLI_ARGS ?? ''), ...shellWords(env[`TF_CLI_ARGS_${command.replace(/-/g, '_')}`] ?? '')];
  return [...args.slice(0, at + 1), ...extra, ...args.slice(at + 1)];
}

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LEVELS)[number];

/** A logger following `TF_LOG` (TRACE…ERROR; any other non-empty value means TRACE, as in Terraform). */
export class CliLog {
  private readonly min: number;
  constructor(private readonly env: Readonly<Record<string, string | undefined>>, private readonly stderr: (t: string) => void) {
    const v = (env.TF_LOG ?? '').trim().toUpperCase();
    this.min = !v || v === 'OFF' ? Infinity : LEVELS.includes(v as LogLevel) ? LEVELS.indexOf(v as LogLevel) : 0;
  }

  get enabled(): boolean {
    return this.min !== Infinity;
  }

  log(level: LogLevel, message: string): void {
    if (LEVELS.indexOf(level) < this.min) return;
    const line = `${new Date().toISOString()} [${level}]${' '.repeat(6 - level.length)}${message}\n`;
    const path = this.env.TF_LOG_PATH;
    if (path) {
      try { appendFileSync(path, line); return; } catch { /* fall back to stderr */ }
    }
    this.stderr(line);
  }
}

/** The command line for the log: flags by name, values dropped (a -var value may be a secret). */
export function describeArgs(args: readonly string[]): string {
  const command = args.findIndex((a) => !a.startsWith('-'));
  return args.map((a, i) => (i === command ? a : a.startsWith('-') ? a.replace(/=.*$/, '=…') : '…')).join(' ');
}
