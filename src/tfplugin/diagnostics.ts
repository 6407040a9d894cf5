/**
 * xcpform diagnostics as tfplugin6 `Diagnostic` messages. A path in xcpform is a list of
 * strings and numbers; on the wire each step must say whether it is an attribute name, a map
 * key or a list index, which only the type can tell, so paths are converted against it.
 * Terraform cannot point inside a set, so a path stops at the set.
 */
import type { Diagnostic } from '../diagnostics';
import type { WireType } from './codec/types';

export type ProtoStep = { attribute_name: string } | { element_key_string: string } | { element_key_int: number };

export interface ProtoDiagnostic {
  severity: 'ERROR' | 'WARNING';
  summary: string;
  detail: string;
  attribute?: { steps: ProtoStep[] };
}

/** Converts an xcpform path into attribute path steps, guided by the type of the root object. */
export function toAttributeSteps(type: WireType | undefined, path: readonly (string | number)[]): ProtoStep[] {
  const steps: ProtoStep[] = [];
  let t: WireType | undefined = type;
  for (const seg of path) {
    if (t === undefined || typeof t === 'string') {
      // Untyped (dynamic or unknown schema): attribute names for strings, indexes for numbers.
      steps.push(typeof seg === 'number' ? { element_key_int: seg } : { attribute_name: seg });
      continue;
    }
    switch (t[0]) {
      case 'object':
        if (typeof seg !== 'string') return steps;
        steps.push({ attribute_name: seg });
        t = (t[1] as Record<string, WireType>)[seg];
        break;
      case 'map':
        steps.push({ element_key_string: String(seg) });
        t = t[1];
        break;
      case 'list':
      case 'tuple':
        if (typeof seg !== 'number') return steps;
        steps.push({ element_key_int: seg });
        t = t[0] === 'list' ? t[1] : t[1][seg];
        break;
      case 'set':
        return steps;
    }
  }
  return steps;
}

/** One xcpform diagnostic as a protocol message; `type` is the type of the object the path is in. */
export function toProtoDiagnostic(d: Diagnostic, type?: WireType): ProtoDiagnostic {
  const out: ProtoDiagnostic = {
    severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: d.summary,
    detail: d.detail ?? '',
  };
  if (d.path && d.path.length) out.attribute = { steps: toAttributeSteps(type, d.path) };
  return out;
}

export function toProtoDiagnostics(diags: readonly Diagnostic[] | undefined, type?: WireType): ProtoDiagnostic[] {
  return (diags ?? []).map((d) => toProtoDiagnostic(d, type));
}
