/**
 * The prepared dictionary cache: one uncompressed file holding kuromoji's IPADIC
 * dictionary trimmed to its used length, with the token-info map as two flat arrays instead
 * of a JavaScript object. Layout (little-endian):
 *
 *   "KDICT\0\0\x01"   8 bytes: magic and format version
 *   uint32            length of the JSON header
 *   JSON header       { source, sections: [{ name, type, offset, length }] }, padded to 8 bytes
 *   sections          each starting at a multiple of 8, so typed arrays can view them in place
 */

export const CACHE_MAGIC = Buffer.from('KDICT\u0000\u0000\u0001', 'latin1');

export type SectionType = 'Int32' | 'Int16' | 'Uint8' | 'Uint32';

export interface SectionHeader {
  readonly name: string;
  readonly type: SectionType;
  readonly offset: number;
  /** Length in elements. */
  readonly length: number;
}

export interface CacheHeader {
  /** What the cache was built from, to tell a stale cache: kuromoji's version and the source files' sizes. */
  readonly source: { readonly kuromoji: string; readonly files: Readonly<Record<string, number>> };
  readonly sections: readonly SectionHeader[];
  /** The longest feature string, terminator included: how much one lazy read needs. */
  readonly maxFeatureBytes: number;
}

export const SECTION_NAMES = [
  'base',
  'check',
  'tidLeft',
  'tidRight',
  'tidCost',
  'tidFeatureOffset',
  'targetOffsets',
  'targetIds',
  'connectionCosts',
  'unk',
  'unkPos',
  'unkMap',
  'unkChar',
  'unkCompat',
  'unkInvoke',
  // Last, because it is read lazily: the feature strings are 36 MB, and a message needs a few dozen of them.
  'features',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export type TypedArrayOf<T extends SectionType> = T extends 'Int32'
  ? Int32Array
  : T extends 'Int16'
    ? Int16Array
    : T extends 'Uint32'
      ? Uint32Array
      : Uint8Array;

export const BYTES_PER_ELEMENT: Record<SectionType, number> = { Int32: 4, Int16: 2, Uint8: 1, Uint32: 4 };

export function alignTo8(value: number): number {
  return (value + 7) & ~7;
}
