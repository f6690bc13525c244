import type { KuromojiToken, Tokenizer } from './tokens';
import { IpadicFormatter, KuromojiTokenizer, UnknownDictionary, type UnknownDictionaryLike } from './kuromoji-internals';
import { Lattice, NodeType } from './lattice';
import type { FeatureSource } from './cache-file';
import type { DictionaryData } from './prepared-dictionary';

/**
 * A tokenizer over the compact dictionary that gives the same tokens as kuromoji 0.1.2.
 *
 * It reuses kuromoji's unknown-word classes and token formatter. What it replaces: how the
 * lattice finds dictionary words (kuromoji builds a new suffix string and its UTF-8 bytes at
 * every position, quadratic in the sentence length; this walks the double-array trie from
 * each position only as far as a word can go and reads the token-info map from flat arrays),
 * the lattice itself (flat reused arrays instead of an object per node, see lattice.ts), and
 * feature strings, decoded once per word and kept instead of on every occurrence.
 */

const TERMINAL_CODE = 0;
/** Decoded feature strings kept at most; past it the cache starts over (a few MB at most). */
const FEATURE_CACHE_LIMIT = 50_000;
const TOKEN_INFO_RECORD_BYTES = 10;

export class CompactTokenizer implements Tokenizer {
  private readonly base: Int32Array;
  private readonly check: Int32Array;
  private readonly tidLeft: Int16Array;
  private readonly tidRight: Int16Array;
  private readonly tidCost: Int16Array;
  private readonly tidFeatureOffset: Int32Array;
  private readonly targetOffsets: Int32Array;
  private readonly targetIds: Int32Array;
  private readonly features: FeatureSource;
  private readonly unknown: UnknownDictionaryLike;
  private readonly lattice: Lattice;
  private readonly path: number[] = [];
  private readonly formatter = new IpadicFormatter();
  private readonly featureCache = new Map<number, string[]>();
  private readonly unknownFeatureCache = new Map<number, string[]>();
  // Scratch space for commonPrefixSearch, reused to spare the garbage collector.
  private readonly wordEnds: number[] = [];
  private readonly wordValues: number[] = [];
  private readonly utf8 = new Uint8Array(4);

  constructor({ sections, features }: Pick<DictionaryData, 'sections' | 'features'>) {
    this.base = sections.base as Int32Array;
    this.check = sections.check as Int32Array;
    this.tidLeft = sections.tidLeft as Int16Array;
    this.tidRight = sections.tidRight as Int16Array;
    this.tidCost = sections.tidCost as Int16Array;
    this.tidFeatureOffset = sections.tidFeatureOffset as Int32Array;
    this.targetOffsets = sections.targetOffsets as Int32Array;
    this.targetIds = sections.targetIds as Int32Array;
    this.features = features;
    this.lattice = new Lattice(sections.connectionCosts as Int16Array);
    this.unknown = new UnknownDictionary();
    this.unknown.loadUnknownDictionaries(
      sections.unk as Uint8Array,
      sections.unkPos as Uint8Array,
      sections.unkMap as Uint8Array,
      sections.unkChar as Uint8Array,
      sections.unkCompat as Uint32Array,
      sections.unkInvoke as Uint8Array,
    );
  }

  tokenize(text: string): KuromojiToken[] {
    const tokens: KuromojiToken[] = [];
    for (const sentence of KuromojiTokenizer.splitByPunctuation(text)) this.tokenizeSentence(sentence, tokens);
    return tokens;
  }

  private tokenizeSentence(sentence: string, tokens: KuromojiToken[]): void {
    const lattice = this.lattice;
    this.buildLattice(sentence);
    // kuromoji's quirk, kept: positions continue from the last token's word_position.
    const lastPosition = tokens.length > 0 ? tokens[tokens.length - 1]!.word_position : 0;
    for (const node of lattice.search(this.path)) {
      const name = lattice.name[node]!;
      const position = lastPosition + lattice.startPosition[node]!;
      const type = lattice.type[node];
      const token =
        type === NodeType.KNOWN
          ? this.formatter.formatEntry(name, position, 'KNOWN', this.knownFeatures(name))
          : type === NodeType.UNKNOWN
            ? this.formatter.formatUnknownEntry(
                name,
                position,
                'UNKNOWN',
                this.unknownFeatures(name),
                sentence.slice(lattice.unitStart[node], lattice.unitEnd[node]),
              )
            : this.formatter.formatEntry(name, position, type === NodeType.BOS ? 'BOS' : 'EOS', []);
      tokens.push(token as unknown as KuromojiToken);
    }
  }

  /** The same lattice as kuromoji's ViterbiBuilder.build, node for node and in the same order. */
  private buildLattice(sentence: string): void {
    const lattice = this.lattice;
    lattice.reset();
    let position = 0;
    for (let unit = 0; unit < sentence.length; position++) {
      const codePoint = sentence.codePointAt(unit)!;
      const found = this.commonPrefixSearch(sentence, unit);
      for (let word = 0; word < found; word++) {
        const end = this.wordEnds[word]!;
        const trieValue = this.wordValues[word]!;
        const from = this.targetOffsets[trieValue] ?? 0;
        const to = this.targetOffsets[trieValue + 1] ?? from;
        for (let index = from; index < to; index++) {
          const tokenInfoId = this.targetIds[index]!;
          const record = tokenInfoId / TOKEN_INFO_RECORD_BYTES;
          lattice.append(
            tokenInfoId,
            this.tidCost[record]!,
            position + 1,
            end - unit,
            NodeType.KNOWN,
            this.tidLeft[record]!,
            this.tidRight[record]!,
            unit,
            end,
          );
        }
      }
      this.appendUnknownWords(sentence, unit, position, found > 0);
      unit += codePoint > 0xffff ? 2 : 1;
    }
    lattice.appendEos();
  }

  /** kuromoji's unknown-word step, including its quirk about what a word's length counts. */
  private appendUnknownWords(sentence: string, unit: number, position: number, foundWords: boolean): void {
    const headLength = sentence.codePointAt(unit)! > 0xffff ? 2 : 1;
    const headClass = this.unknown.lookup(sentence.slice(unit, unit + headLength));
    if (foundWords && !headClass.is_always_invoke) return;
    let end = unit + headLength;
    if (headClass.is_grouping) {
      while (end < sentence.length) {
        const nextLength = sentence.codePointAt(end)! > 0xffff ? 2 : 1;
        if (this.unknown.lookup(sentence.slice(end, end + nextLength)).class_name !== headClass.class_name) break;
        end += nextLength;
      }
    }
    // kuromoji keeps a key of one character as a SurrogateAwareString, whose length counts
    // code points (1); a longer key is a plain string, whose length counts UTF-16 units.
    const length = end === unit + headLength ? 1 : end - unit;
    const dictionary = this.unknown.dictionary;
    for (const unknownId of this.unknown.target_map[headClass.class_id] ?? []) {
      const id = Number(unknownId);
      this.lattice.append(
        id,
        dictionary.getShort(id + 4),
        position + 1,
        length,
        NodeType.UNKNOWN,
        dictionary.getShort(id),
        dictionary.getShort(id + 2),
        unit,
        end,
      );
    }
  }

  /**
   * The dictionary words that start at `start` (a UTF-16 offset), shortest first, found by
   * walking the double-array trie over the UTF-8 bytes of the text from there. Returns how
   * many were found; their end offsets and trie values are in wordEnds and wordValues.
   */
  private commonPrefixSearch(text: string, start: number): number {
    let found = 0;
    let parent = 0;
    let unit = start;
    while (unit < text.length) {
      const codePoint = text.codePointAt(unit)!;
      const byteCount = encodeUtf8(codePoint, this.utf8);
      for (let byte = 0; byte < byteCount; byte++) {
        const child = this.traverse(parent, this.utf8[byte]!);
        if (child < 0) return found;
        parent = child;
      }
      unit += codePoint > 0xffff ? 2 : 1;
      const terminal = this.traverse(parent, TERMINAL_CODE);
      if (terminal >= 0) {
        const value = this.base[terminal]!;
        if (value <= 0) {
          this.wordEnds[found] = unit;
          this.wordValues[found] = -value - 1;
          found++;
        }
      }
    }
    return found;
  }

  private traverse(parent: number, code: number): number {
    const child = this.base[parent]! + code;
    return child >= 0 && child < this.check.length && this.check[child] === parent ? child : -1;
  }

  private knownFeatures(tokenInfoId: number): string[] {
    let features = this.featureCache.get(tokenInfoId);
    if (!features) {
      features = this.features.read(this.tidFeatureOffset[tokenInfoId / TOKEN_INFO_RECORD_BYTES]!).split(',');
      if (this.featureCache.size >= FEATURE_CACHE_LIMIT) this.featureCache.clear();
      this.featureCache.set(tokenInfoId, features);
    }
    return features;
  }

  private unknownFeatures(unknownId: number): string[] {
    let features = this.unknownFeatureCache.get(unknownId);
    if (!features) {
      features = (this.unknown.getFeatures(String(unknownId)) ?? '').split(',');
      this.unknownFeatureCache.set(unknownId, features);
    }
    return features;
  }
}

/** Writes the UTF-8 bytes of a code point; returns how many. */
function encodeUtf8(codePoint: number, out: Uint8Array): number {
  if (codePoint < 0x80) {
    out[0] = codePoint;
    return 1;
  }
  if (codePoint < 0x800) {
    out[0] = (codePoint >>> 6) | 0xc0;
    out[1] = (codePoint & 0x3f) | 0x80;
    return 2;
  }
  if (codePoint < 0x10000) {
    out[0] = (codePoint >>> 12) | 0xe0;
    out[1] = ((codePoint >> 6) & 0x3f) | 0x80;
    out[2] = (codePoint & 0x3f) | 0x80;
    return 3;
  }
  out[0] = (codePoint >>> 18) | 0xf0;
  out[1] = ((codePoint >> 12) & 0x3f) | 0x80;
  out[2] = ((codePoint >> 6) & 0x3f) | 0x80;
  out[3] = (codePoint & 0x3f) | 0x80;
  return 4;
}
