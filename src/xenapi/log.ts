/**
 * The client's log port. Entries are plain data with the call's arguments already redacted,
 * so a logger may print or store them as they are.
 */

/** What happened. */
export type XapiLogEvent = 'call' | 'retry' | 'relogin' | 'redirect' | 'login' | 'logout' | 'task' | 'events';

/** One log entry; `args` are redacted (`<session>`, `<redacted>`). */
export interface XapiLogEntry {
  readonly level: 'debug' | 'info' | 'warn';
  readonly event: XapiLogEvent;
  readonly message: string;
  readonly url?: string;
  readonly method?: string;
  readonly args?: readonly unknown[];
  /** Attempt number of a retry (2 = first retry). */
  readonly attempt?: number;
  readonly delayMs?: number;
}

/** Receives log entries; must not throw. */
export type XapiLogger = (entry: XapiLogEntry) => void;
