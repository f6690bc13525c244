/**
 * The parts of kuromoji 0.1.2 that the compact tokenizer reuses unchanged, so its search,
 * its unknown-word handling and its token objects are kuromoji's own. Typed here because
 * kuromoji ships no types for its internals.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

export interface ViterbiNodeLike {
  name: number;
  cost: number;
  start_pos: number;
  length: number;
  left_id: number;
  right_id: number;
  surface_form: string;
  type: 'KNOWN' | 'UNKNOWN' | 'BOS' | 'EOS';
}

export interface ViterbiLatticeLike {
  append(node: ViterbiNodeLike): void;
  appendEos(): void;
}

export interface CharacterClassLike {
  class_id: number;
  class_name: string;
  is_always_invoke: boolean | number;
  is_grouping: boolean | number;
}

export interface UnknownDictionaryLike {
  dictionary: { getShort(index: number): number };
  target_map: Record<number, number[]>;
  lookup(ch: string): CharacterClassLike;
  getFeatures(id: string | number): string;
  loadUnknownDictionaries(
    unk: Uint8Array,
    unkPos: Uint8Array,
    unkMap: Uint8Array,
    catMap: Uint8Array,
    compatCatMap: Uint32Array,
    invokeDef: Uint8Array,
  ): void;
}

export interface ConnectionCostsLike {
  loadConnectionCosts(buffer: Int16Array): void;
}

export interface ViterbiSearcherLike {
  search(lattice: ViterbiLatticeLike): ViterbiNodeLike[];
}

export interface IpadicFormatterLike {
  formatEntry(wordId: number, position: number, type: string, features: string[]): Record<string, unknown>;
  formatUnknownEntry(wordId: number, position: number, type: string, features: string[], surface: string): Record<string, unknown>;
}

type Constructor<T, A extends unknown[] = []> = new (...args: A) => T;

export const ViterbiNode = require('kuromoji/src/viterbi/ViterbiNode') as Constructor<
  ViterbiNodeLike,
  [number, number, number, number, string, number, number, string]
>;
export const ViterbiLattice = require('kuromoji/src/viterbi/ViterbiLattice') as Constructor<ViterbiLatticeLike>;
export const ViterbiSearcher = require('kuromoji/src/viterbi/ViterbiSearcher') as Constructor<ViterbiSearcherLike, [ConnectionCostsLike]>;
export const ConnectionCosts = require('kuromoji/src/dict/ConnectionCosts') as Constructor<ConnectionCostsLike, [number, number]>;
export const UnknownDictionary = require('kuromoji/src/dict/UnknownDictionary') as Constructor<UnknownDictionaryLike>;
export const IpadicFormatter = require('kuromoji/src/util/IpadicFormatter') as Constructor<IpadicFormatterLike>;
export const SurrogateAwareString = require('kuromoji/src/util/SurrogateAwareString') as Constructor<
  { length: number; slice(index: number): string; charAt(index: number): string; toString(): string },
  [string]
>;
export const KuromojiTokenizer = require('kuromoji/src/Tokenizer') as { splitByPunctuation(input: string): string[] };
