/**
 * Renders diagnostics as Terraform does: a bold severity line, the location, the detail; and
 * the `validate -json` document. Returns strings; the caller writes them.
 */
import { Diagnostic } from '../diagnostics';

export interface TextOptions {
  readonly color: boolean;
}

export function renderDiagnostic(d: Diagnostic, opts: TextOptions): string {
  const label = d.severity === 'error' ? 'Error' : 'Warning';
  const head = opts.color ? `\x1b[1;${d.severity === 'error' ? 31 : 33}m${label}:\x1b[0m \x1b[1m${d.summary}\x1b[0m` : `${label}: ${d.summary}`;
  const lines = [head];
  if (d.source) lines.push(`  on ${d.source.filename}${d.source.line ? ` line ${d.source.line}` : ''}`);
  if (d.detail) lines.push('', ...d.detail.split('\n').map((l) => `  ${l}`));
  return `${lines.join('\n')}\n`;
}

export function renderDiagnostics(diags: readonly Diagnostic[], opts: TextOptions): string {
  return diags.map((d) => `\n${renderDiagnostic(d, opts)}`).join('');
}

/** Terraform's `validate -json` document (format_version 1.0). */
export function validateJson(diags: readonly Diagnostic[]): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  return `${JSON.stringify({
    format_version: '1.0',
    valid: errors === 0,
    error_count: errors,
    warning_count: diags.length - errors,
    diagnostics: diags.map((d) => ({
      severity: d.severity,
      summary: d.summary,
      ...(d.detail ? { detail: d.detail } : {}),
      ...(d.address ? { address: d.address } : {}),
      ...(d.source ? { range: { filename: d.source.filename, start: { line: d.source.line ?? 1, column: 1, byte: 0 }, end: { line: d.source.line ?? 1, column: 1, byte: 0 } } } : {}),
    })),
  }, null, 2)}\n`;
}
