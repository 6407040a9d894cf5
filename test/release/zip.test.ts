/**
 * The release zip writer and Terraform's `h1:` hash, without building a release: archives hold
 * file entries only (a folder entry would change the zip's hash so that it no longer matches the
 * unpacked package), keep Unix modes, are byte-for-byte reproducible, and unpack to what went in.
 */
import { inflateRawSync } from 'node:zlib';
import { hash1 } from '../../scripts/release/dirhash';
import { zipFiles } from '../../scripts/release/zip';

/** Reads every entry back through the central directory and the local headers. */
function unzip(zip: Buffer): { name: string; mode: number; data: Buffer }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  const out: { name: string; mode: number; data: Buffer }[] = [];
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLen = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    const local = zip.readUInt32LE(at + 42);
    const size = zip.readUInt32LE(at + 20);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.push({ name, mode: zip.readUInt32LE(at + 38) >>> 16, data: inflateRawSync(zip.subarray(dataAt, dataAt + size)) });
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe('release zip and hash', () => {
  const files = [
    { name: 'terraform-provider-xcp_v1.2.3', data: Buffer.from('#!/bin/sh\necho hi\n'), mode: 0o755 },
    { name: 'proto/a.proto', data: Buffer.from('syntax = "proto3";\n'), mode: 0o644 },
  ];

  test('file entries only, modes kept, contents round-trip, same bytes every time', () => {
    const zip = zipFiles(files);
    expect(unzip(zip)).toEqual(files.map((f) => ({ name: f.name, mode: 0o100000 | f.mode, data: f.data })));
    expect(zipFiles(files).equals(zip)).toBe(true);
    expect(() => zipFiles([{ name: 'proto/', data: Buffer.alloc(0), mode: 0o755 }])).toThrow('zip entry name not allowed: proto/');
  });

  test('h1 hashes names and contents in name order, not modes or entry order', () => {
    const h = hash1(files);
    expect(h).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
    expect(hash1([...files].reverse())).toBe(h);
    expect(hash1(files.map((f) => ({ ...f, mode: 0o600 })))).toBe(h);
    expect(hash1([files[0], { ...files[1], data: Buffer.from('changed') }])).not.toBe(h);
    expect(hash1([files[0], { ...files[1], name: 'proto/b.proto' }])).not.toBe(h);
  });
});
