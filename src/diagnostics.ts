/**
 * Diagnostics: how xcpform tells users about problems in what they gave it (configuration,
 * state, plan files, XAPI replies, flags). Exceptions are for bugs; anything a user can cause
 * becomes a Diagnostic with a stable code, a summary, a detail saying who must act, and where.
 */
export type Severity = 'error' | 'warning';

export interface SourcePos {
  readonly filename: string;
  /** 1-based line, when known. */
  readonly line?: number;
}

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable identifier, e.g. `config.unknown-attribute`. */
  readonly code: string;
  readonly summary: string;
  readonly detail?: string;
  /** Resource address, e.g. `xcp_vm.web` or `xcp_vm.web[0]`. */
  readonly address?: string;
  /** Attribute path inside the resource, e.g. ["disk", 0, "size"]. */
  readonly path?: readonly (string | number)[];
  readonly source?: SourcePos;
}

export function error(code: string, summary: string, extra: Partial<Omit<Diagnostic, 'severity' | 'code' | 'summary'>> = {}): Diagnostic {
  return { severity: 'error', code, summary, ...extra };
}

export function warning(code: string, summary: string, extra: Partial<Omit<Diagnostic, 'severity' | 'code' | 'summary'>> = {}): Diagnostic {
  return { severity: 'warning', code, summary, ...extra };
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** `disk[0].size` from ["disk", 0, "size"]. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}
