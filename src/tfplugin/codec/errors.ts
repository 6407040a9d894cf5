/** The error every codec raises for input that does not fit its type, with the attribute path. */
export type PathStep = string | number;

export class CodecError extends Error {
  constructor(readonly reason: string, readonly path: readonly PathStep[] = []) {
    super(path.length ? `${reason} (at ${formatSteps(path)})` : reason);
    this.name = 'CodecError';
  }
}

function formatSteps(path: readonly PathStep[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
