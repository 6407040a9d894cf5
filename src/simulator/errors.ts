/**
 * A XenAPI failure raised inside the simulator: becomes `{Status: "Failure", ErrorDescription:
 * [code, ...params]}` on the wire. Anything else thrown by a method is a simulator bug and is
 * reported as `INTERNAL_ERROR` (the message never includes call arguments, so no secrets).
 */
export class XapiFailure extends Error {
  readonly params: string[];
  constructor(
    readonly code: string,
    params: readonly (string | number | boolean)[] = [],
  ) {
    super(`${code}(${params.map(String).join(', ')})`);
    this.name = 'XapiFailure';
    this.params = params.map(String);
  }

  /** `[code, ...params]` as sent on the wire. */
  get description(): string[] {
    return [this.code, ...this.params];
  }
}

/** Shorthand for throwing a failure from an expression. */
export function fail(code: string, ...params: (string | number | boolean)[]): never {
  throw new XapiFailure(code, params);
}

/** Thrown to make the HTTP layer drop the connection without a reply (fault injection). */
export class DropConnection extends Error {
  constructor() {
    super('connection dropped by fault injection');
    this.name = 'DropConnection';
  }
}
