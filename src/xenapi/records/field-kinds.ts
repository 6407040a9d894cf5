/**
 * The vocabulary of datamodel field types that drives both the TypeScript record types and the
 * decoder. A class is described once, as a `FieldTable` (field name → kind), and its record type
 * is derived from the table, so the type and the decoding can never disagree.
 *
 * Decisions (see also `decode.ts`):
 * - `int` (XAPI int64) decodes to `number`. Every int64 xcpform reads (bytes, counts, ids) stays
 *   far below 2^53, and JSON-RPC replies are parsed by `JSON.parse` into numbers anyway, so a
 *   `bigint` would only pretend to a precision the JSON-RPC path cannot deliver.
 * - `datetime` decodes to an ISO 8601 UTC string without milliseconds (`2025-03-19T04:16:24Z`):
 *   records are compared, stored in state and rendered in plans, and a string is stable data
 *   where a `Date` is a mutable object.
 */

declare const refBrand: unique symbol;

/**
 * An opaque XAPI reference (`OpaqueRef:<uuid>`) to an object of class `C`. Refs are per pool and
 * per server lifetime: never persist one as an identity (use `uuid`), never compare refs of
 * different pools. The brand only exists at compile time.
 */
export type Ref<C extends string> = string & { readonly [refBrand]: C };

/** The null reference xapi uses for "no object" (`OpaqueRef:NULL`). */
export const NULL_REF = 'OpaqueRef:NULL';

/** The null reference typed for class `C`, e.g. `nullRef<'VDI'>()` for an empty CD drive. */
export function nullRef<C extends string>(): Ref<C> {
  return NULL_REF as Ref<C>;
}

/**
 * True when `value` is a non-null reference. Accepts `OpaqueRef:` and the `Ref:` prefix some
 * xapi versions use for pseudo-objects; `""` and `OpaqueRef:NULL` are "no object".
 */
export function isRef(value: unknown): value is Ref<string> {
  return (
    typeof value === 'string' &&
    value !== NULL_REF &&
    (value.startsWith('OpaqueRef:') || value.startsWith('Ref:'))
  );
}

/** Casts a string the caller knows to be a ref of class `C` (e.g. read from a trusted reply). */
export function asRef<C extends string>(value: string): Ref<C> {
  return value as Ref<C>;
}

/**
 * One field's datamodel type. `ref:<Class>` / `refs:<Class>` are (sets of) refs,
 * `enum:a|b|c` / `enums:a|b|c` a (set of) enumeration value(s), `map` a string→string map,
 * `intmap` / `floatmap` maps with int / float values, `strings` / `ints` sets, `any` a value the
 * client passes through untouched.
 */
export type FieldKind =
  | 'string'
  | 'int'
  | 'float'
  | 'bool'
  | 'datetime'
  | 'strings'
  | 'ints'
  | 'map'
  | 'intmap'
  | 'floatmap'
  | 'any'
  | `ref:${string}`
  | `refs:${string}`
  | `enum:${string}`
  | `enums:${string}`;

/** A class description: every field name mapped to its kind. */
export type FieldTable = Readonly<Record<string, FieldKind>>;

type SplitEnum<S extends string> = S extends `${infer A}|${infer B}` ? A | SplitEnum<B> : S;

/** The TypeScript type a decoded field of kind `K` has. */
export type FieldType<K extends FieldKind> = K extends 'string'
  ? string
  : K extends 'int' | 'float'
    ? number
    : K extends 'bool'
      ? boolean
      : K extends 'datetime'
        ? string
        : K extends 'strings'
          ? string[]
          : K extends 'ints'
            ? number[]
            : K extends 'map'
              ? Record<string, string>
              : K extends 'intmap' | 'floatmap'
                ? Record<string, number>
                : K extends `ref:${infer C}`
                  ? Ref<C>
                  : K extends `refs:${infer C}`
                    ? Ref<C>[]
                    : K extends `enum:${infer E}`
                      ? SplitEnum<E>
                      : K extends `enums:${infer E}`
                        ? SplitEnum<E>[]
                        : unknown;

/**
 * The record type of a class described by table `T`. Every field is present because xapi's
 * `get_record`, `get_all_records` and event snapshots return every field of the class; fields a
 * newer xapi adds are kept at run time but not typed.
 */
export type RecordOf<T extends FieldTable> = { readonly [F in keyof T]: FieldType<T[F]> };
