/**
 * The state file as a list of byte chunks, encoded incrementally.
 *
 * The state manager persists the whole state after every change of an apply, and a state of
 * 1,000 VMs is megabytes: building that text as one string per write (then its UTF-8 copy for
 * the file, then comparing it with the previous text) made each write cost CPU in proportion to
 * the whole state, and an apply of N objects cost N². Here every instance's text is encoded once
 * per instance object (instances are replaced, never changed in place) into a Buffer, and a
 * write is the list of those Buffers between a few small ones (the top of the document, each
 * resource's head and tail): the backend writes the list as it is (one `writev`), and two
 * encodings are compared chunk by chunk, by identity first, so both cost per change, not per
 * state. The bytes are exactly {@link encodeStateV4}'s (a property test holds them equal).
 */
import { randomBytes } from 'crypto';
import { stringifyExact } from '../values/json-text';
import { goEscape, instanceDocument, resourceDocument, sortedInstances, sortedResources, stateDocument } from './file-v4-encode';
import { InstanceState, ResourceState, State } from './model';

/** An encoded state: its bytes in order. Chunk {@link SERIAL_CHUNK} is the serial's digits. */
export interface EncodedState {
  readonly chunks: readonly Buffer[];
  readonly byteLength: number;
}

/** Index of the serial's chunk in {@link EncodedState.chunks}. */
export const SERIAL_CHUNK = 1;

/** Between two array elements at the depth of resources (4 spaces) and of instances (8). */
const RESOURCE_SEP = ',\n    ';
const INSTANCE_SEP = ',\n        ';

/** A document split around its placeholder (no placeholder: `after` is undefined). */
interface Split {
  readonly before: Buffer;
  readonly after?: Buffer;
}

interface Top {
  readonly key: readonly unknown[];
  readonly head: Buffer;
  readonly middle: Split;
}

/**
 * Encodes states of one run, keeping what it encoded for the next call: instance texts by
 * instance object, each resource's head and tail by its identifying fields, and the top of
 * the document while its inputs are the same objects.
 */
export class StateEncoder {
  /** Placeholders are unique per encoder, so no value in a state can be mistaken for one. */
  private readonly nonce = randomBytes(9).toString('base64url');
  private readonly instances = new WeakMap<InstanceState, Buffer>();
  private readonly heads = new Map<string, Split>();
  private top: Top | undefined;

  /** The state's file bytes as chunks (see {@link EncodedState}). */
  encode(s: State): EncodedState {
    const resources = sortedResources(s.resources);
    const top = this.topOf(s, resources.length > 0);
    const chunks: Buffer[] = [top.head, Buffer.from(String(s.serial)), top.middle.before];
    resources.forEach((r, k) => this.pushResource(chunks, r, k === 0));
    if (top.middle.after) chunks.push(top.middle.after);
    let byteLength = 0;
    for (const c of chunks) byteLength += c.length;
    return { chunks, byteLength };
  }

  private topOf(s: State, hasResources: boolean): Top {
    // The same objects give the same text: a state changed by the model's helpers keeps them.
    const key = [s.terraformVersion, s.lineage, s.outputs, s.checkResults, s.extra, hasResources];
    if (this.top && this.top.key.every((v, k) => v === key[k])) return this.top;
    const serial = this.placeholder('serial');
    const text = goEscape(stringifyExact(stateDocument(s, serial, hasResources ? [this.placeholder('resources')] : []), 2)) + '\n';
    const at = text.indexOf(`"${serial}"`);
    const head = Buffer.from(text.slice(0, at));
    const rest = text.slice(at + serial.length + 2);
    const middle = hasResources ? splitText(rest, `"${this.placeholder('resources')}"`) : { before: Buffer.from(rest) };
    this.top = { key, head, middle };
    return this.top;
  }

  private pushResource(chunks: Buffer[], r: ResourceState, first: boolean): void {
    const split = this.headOf(r);
    chunks.push(first ? split.before.subarray(RESOURCE_SEP.length) : split.before);
    if (!split.after) return;
    sortedInstances(r.instances).forEach((i, k) => chunks.push(k === 0 ? this.instanceOf(i).subarray(INSTANCE_SEP.length) : this.instanceOf(i)));
    chunks.push(split.after);
  }

  /** A resource's text before and after its instances, with the separator from the previous resource in front. */
  private headOf(r: ResourceState): Split {
    const empty = r.instances.length === 0;
    // Fields from a newer Terraform (`extra`) are rare: encode those resources every time.
    const key = r.extra ? undefined : JSON.stringify([r.module ?? '', r.mode, r.type, r.name, r.provider, empty]);
    let split = key === undefined ? undefined : this.heads.get(key);
    if (split) return split;
    const instances = this.placeholder('instances');
    const text = RESOURCE_SEP + indent(goEscape(stringifyExact(resourceDocument(r, empty ? [] : [instances]), 2)), '    ');
    split = empty ? { before: Buffer.from(text) } : splitText(text, `"${instances}"`);
    if (key !== undefined) this.heads.set(key, split);
    return split;
  }

  /** An instance's text at its depth in the file, with the separator from the previous instance in front. */
  private instanceOf(i: InstanceState): Buffer {
    let bytes = this.instances.get(i);
    if (bytes === undefined) {
      bytes = Buffer.from(INSTANCE_SEP + indent(goEscape(stringifyExact(instanceDocument(i), 2)), '        '));
      this.instances.set(i, bytes);
    }
    return bytes;
  }

  private placeholder(what: string): string {
    return `xcpform-${what}-${this.nonce}`;
  }
}

/** Indents every line but the first (the text is placed after the indent of its first line). */
function indent(text: string, by: string): string {
  return text.split('\n').join(`\n${by}`);
}

function splitText(text: string, placeholder: string): Split {
  const at = text.indexOf(placeholder);
  return { before: Buffer.from(text.slice(0, at)), after: Buffer.from(text.slice(at + placeholder.length)) };
}

/** True when two encodings have the same bytes apart from the serial. */
export function sameApartFromSerial(a: EncodedState, b: EncodedState): boolean {
  if (a.chunks.length !== b.chunks.length || a.byteLength - a.chunks[SERIAL_CHUNK].length !== b.byteLength - b.chunks[SERIAL_CHUNK].length) return false;
  for (let k = 0; k < a.chunks.length; k++) {
    if (k === SERIAL_CHUNK) continue;
    const x = a.chunks[k];
    const y = b.chunks[k];
    // Cached chunks are the same memory; a re-encoded equal object is compared byte by byte.
    if (x === y || (x.buffer === y.buffer && x.byteOffset === y.byteOffset && x.length === y.length)) continue;
    if (!x.equals(y)) return false;
  }
  return true;
}

/** The encoding as one string (for backends that store text). */
export function encodedText(e: EncodedState): string {
  return Buffer.concat(e.chunks as Buffer[], e.byteLength).toString('utf8');
}
