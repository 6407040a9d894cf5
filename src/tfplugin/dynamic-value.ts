/**
 * DynamicValue messages ↔ Values, and the diagnostics a malformed one produces. Terraform
 * sends msgpack; `json` is accepted when msgpack is empty. Responses are always msgpack.
 */
import { Value } from '../values/value';
import { CodecError } from './codec/errors';
import { decodeJson } from './codec/json';
import { decodeMsgpack, encodeMsgpack } from './codec/msgpack';
import type { WireType } from './codec/types';
import { ProtoDiagnostic, toProtoDiagnostic } from './diagnostics';
import { error } from '../diagnostics';

/** The DynamicValue message as proto-loader delivers it. */
export interface DynamicValueMsg {
  readonly msgpack?: Buffer | Uint8Array;
  readonly json?: Buffer | Uint8Array;
}

export type Decoded = { ok: true; value: Value } | { ok: false; diagnostic: ProtoDiagnostic };

/**
 * Decodes a DynamicValue of `type`. An absent message (or both fields empty) is null, as
 * Terraform sends for a null prior state. `what` names the field in a diagnostic.
 */
export function decodeDynamic(msg: DynamicValueMsg | null | undefined, type: WireType, what: string): Decoded {
  const mp = msg?.msgpack;
  const js = msg?.json;
  try {
    if (mp && mp.length) return { ok: true, value: decodeMsgpack(type, mp) };
    if (js && js.length) return { ok: true, value: decodeJson(type, js) };
    return { ok: true, value: null };
  } catch (err) {
    if (!(err instanceof CodecError)) throw err;
    return {
      ok: false,
      diagnostic: toProtoDiagnostic(error('tfplugin.malformed-value', `Malformed ${what}`, {
        detail: `terraform-provider-xcp could not decode the ${what} it received: ${err.message}. The client and the provider disagree on the schema; run with TF_LOG_PROVIDER=debug and report it.`,
      })),
    };
  }
}

/** Encodes a value of `type` as a msgpack DynamicValue. */
export function encodeDynamic(type: WireType, value: Value): { msgpack: Buffer } {
  return { msgpack: Buffer.from(encodeMsgpack(type, value)) };
}
