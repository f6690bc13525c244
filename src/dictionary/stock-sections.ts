import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { SectionName } from './cache-format';

/**
 * Reads kuromoji's stock dictionary files (gzipped, padded to powers of two) and turns them
 * into the compact sections: every buffer trimmed to its used length, the token-info records
 * split into one array per field, and the token-info map flattened.
 */

export const STOCK_FILES = [
  'base.dat.gz',
  'check.dat.gz',
  'tid.dat.gz',
  'tid_pos.dat.gz',
  'tid_map.dat.gz',
  'cc.dat.gz',
  'unk.dat.gz',
  'unk_pos.dat.gz',
  'unk_map.dat.gz',
  'unk_char.dat.gz',
  'unk_compat.dat.gz',
  'unk_invoke.dat.gz',
] as const;

/** A token-info record in tid.dat: left id, right id, word cost (int16 each), feature offset (int32). */
const TOKEN_INFO_RECORD_BYTES = 10;

export type Sections = Record<SectionName, Int32Array | Int16Array | Uint8Array | Uint32Array>;

function gunzip(dictionaryPath: string, file: string): Uint8Array {
  const unpacked = zlib.gunzipSync(fs.readFileSync(path.join(dictionaryPath, file)));
  return new Uint8Array(unpacked.buffer, unpacked.byteOffset, unpacked.byteLength);
}

function int32View(bytes: Uint8Array): Int32Array {
  const copy = new Uint8Array(bytes); // a fresh, aligned buffer
  return new Int32Array(copy.buffer, 0, copy.byteLength >> 2);
}

/** The length of a null-terminated string starting at offset, including the terminator. */
function stringEnd(bytes: Uint8Array, offset: number): number {
  let end = offset;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return end + 1;
}

/** Reads kuromoji's serialized target map: count, then (key, n, n × value) until the buffer ends. */
function readTargetMap(bytes: Uint8Array): Map<number, number[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const map = new Map<number, number[]>();
  let position = 4;
  while (position + 8 <= bytes.length) {
    const key = view.getInt32(position, true);
    const count = view.getInt32(position + 4, true);
    position += 8;
    if (count === 0) continue; // zero padding after the data
    const values = map.get(key) ?? [];
    for (let index = 0; index < count; index++, position += 4) values.push(view.getInt32(position, true));
    map.set(key, values);
  }
  return map;
}

function trimTrie(base: Int32Array, check: Int32Array): [Int32Array, Int32Array] {
  // The same cut as doublearray's shrink(): after the last used node, keep one unused node.
  let last = check.length - 1;
  while (last >= 0 && check[last]! < 0) last--;
  return [base.slice(0, last + 2), check.slice(0, last + 2)];
}

export function readStockSections(dictionaryPath: string): Sections {
  const [base, check] = trimTrie(int32View(gunzip(dictionaryPath, 'base.dat.gz')), int32View(gunzip(dictionaryPath, 'check.dat.gz')));

  const tid = gunzip(dictionaryPath, 'tid.dat.gz');
  const tidView = new DataView(tid.buffer, tid.byteOffset, tid.byteLength);
  const features = gunzip(dictionaryPath, 'tid_pos.dat.gz');
  const targetMap = readTargetMap(gunzip(dictionaryPath, 'tid_map.dat.gz'));

  let maxKey = 0;
  let valueCount = 0;
  let maxTokenInfoId = 0;
  for (const [key, values] of targetMap) {
    maxKey = Math.max(maxKey, key);
    valueCount += values.length;
    for (const value of values) maxTokenInfoId = Math.max(maxTokenInfoId, value);
  }
  const targetOffsets = new Int32Array(maxKey + 2);
  const targetIds = new Int32Array(valueCount);
  let cursor = 0;
  for (let key = 0; key <= maxKey; key++) {
    targetOffsets[key] = cursor;
    for (const value of targetMap.get(key) ?? []) targetIds[cursor++] = value;
  }
  targetOffsets[maxKey + 1] = cursor;

  const records = maxTokenInfoId / TOKEN_INFO_RECORD_BYTES + 1;
  const tidLeft = new Int16Array(records);
  const tidRight = new Int16Array(records);
  const tidCost = new Int16Array(records);
  const tidFeatureOffset = new Int32Array(records);
  let featuresEnd = 0;
  for (let record = 0; record < records; record++) {
    const at = record * TOKEN_INFO_RECORD_BYTES;
    tidLeft[record] = tidView.getInt16(at, true);
    tidRight[record] = tidView.getInt16(at + 2, true);
    tidCost[record] = tidView.getInt16(at + 4, true);
    const featureOffset = tidView.getInt32(at + 6, true);
    tidFeatureOffset[record] = featureOffset;
    featuresEnd = Math.max(featuresEnd, stringEnd(features, featureOffset));
  }

  const connectionBytes = gunzip(dictionaryPath, 'cc.dat.gz');
  const connectionCosts = new Int16Array(new Uint8Array(connectionBytes).buffer);

  // The unknown-word dictionary is small once trimmed; kuromoji's own classes read it.
  const unkMapBytes = gunzip(dictionaryPath, 'unk_map.dat.gz');
  const unkMap = readTargetMap(unkMapBytes);
  let unkMapEnd = 4;
  let maxUnkId = 0;
  for (const values of unkMap.values()) {
    unkMapEnd += 8 + 4 * values.length;
    for (const value of values) maxUnkId = Math.max(maxUnkId, value);
  }
  const unk = gunzip(dictionaryPath, 'unk.dat.gz');
  const unkView = new DataView(unk.buffer, unk.byteOffset, unk.byteLength);
  const unkPos = gunzip(dictionaryPath, 'unk_pos.dat.gz');
  let unkPosEnd = 0;
  for (let at = 0; at <= maxUnkId; at += TOKEN_INFO_RECORD_BYTES) {
    unkPosEnd = Math.max(unkPosEnd, stringEnd(unkPos, unkView.getInt32(at + 6, true)));
  }
  const unkInvoke = gunzip(dictionaryPath, 'unk_invoke.dat.gz');
  const unkCompat = gunzip(dictionaryPath, 'unk_compat.dat.gz');

  return {
    base,
    check,
    tidLeft,
    tidRight,
    tidCost,
    tidFeatureOffset,
    targetOffsets,
    targetIds,
    features: features.slice(0, featuresEnd),
    connectionCosts,
    unk: unk.slice(0, maxUnkId + TOKEN_INFO_RECORD_BYTES),
    unkPos: unkPos.slice(0, unkPosEnd),
    unkMap: unkMapBytes.slice(0, unkMapEnd),
    unkChar: gunzip(dictionaryPath, 'unk_char.dat.gz').slice(),
    unkCompat: new Uint32Array(new Uint8Array(unkCompat).buffer),
    unkInvoke: unkInvoke.slice(0, trimInvokeDefinitions(unkInvoke)),
  };
}

/**
 * unk_invoke.dat holds the character classes (invoke byte, grouping byte, int32 max length,
 * name\0) followed by zero padding, which kuromoji would read as nameless classes that no
 * character ever maps to. Keep the named classes only.
 */
function trimInvokeDefinitions(bytes: Uint8Array): number {
  const FIXED_BYTES = 1 + 1 + 4;
  let position = 0;
  while (position + FIXED_BYTES < bytes.length && bytes[position + FIXED_BYTES] !== 0) {
    position = stringEnd(bytes, position + FIXED_BYTES);
  }
  return position;
}

export function stockFileSizes(dictionaryPath: string): Record<string, number> {
  return Object.fromEntries(STOCK_FILES.map((file) => [file, fs.statSync(path.join(dictionaryPath, file)).size]));
}
