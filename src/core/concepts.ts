import type { ConceptDefinition } from '../data/schemas';
import { DataConsistencyError } from '../errors';
import type { AnalyzedText } from './analyze';
import { PorterStemmer } from './english-stemmer';
import { hiraganaToKatakana, isKanaOnly, isKatakanaOnly, readingKey, unvoice } from './kana';
import { normalize } from './normalize';
import { TermIndex } from './term-index';
import type { TermReader } from './term-readings';

/**
 * Concept tagging: finds the dictionary's words in an analysed message and reports which
 * concepts (leak, call_event, card …) it mentions, with the evidence for each.
 *
 * Every term is looked for in the representation that suits its script:
 * - English terms (ASCII) as sequences of Porter stems ("leaked" meets "leak");
 * - kana terms in the reading key, so 「ほけんしょう」 meets 「保険証」 and 「さぎ」 meets 「サギ」;
 * - kanji terms in the surface text, and also by their reading when it is long enough to be
 *   distinctive (three kana or more), which absorbs same-reading typos such as 「保健証」 and
 *   「協会剣保」 and the hiragana that kuromoji splits badly.
 * Within each representation and each concept family the longest match wins (電話番号 is a
 * phone number, not a call); concepts of different families all see their words.
 */

export type MatchedVia = 'surface' | 'reading' | 'english';

export interface ConceptHit {
  readonly concept: string;
  /** The dictionary term that matched, as written in the dictionary. */
  readonly term: string;
  readonly via: MatchedVia;
  readonly firstToken: number;
  readonly lastToken: number;
}

export interface ConceptTags {
  readonly hits: readonly ConceptHit[];
  /** Hits that a dismissal (「〜の話じゃなくて」) set aside. */
  readonly dismissed: readonly ConceptHit[];
  /** Concepts present after dismissals. */
  readonly kept: ReadonlySet<string>;
  /** Concepts present anywhere in the message, dismissed or not. */
  readonly all: ReadonlySet<string>;
  /** The same, sentence by sentence (sentences end at 。！？ and line breaks); absent when the message is one sentence. */
  readonly sentences?: readonly SentenceConcepts[];
}

export interface SentenceConcepts {
  readonly kept: ReadonlySet<string>;
  readonly all: ReadonlySet<string>;
}

interface SurfaceTerm {
  readonly text: string;
  readonly concept: string;
  readonly family: string;
  readonly term: string;
}
interface ReadingTerm {
  /** The folded key (kana.ts readingKey), or the plain katakana for short words. */
  readonly text: string;
  readonly form: 'key' | 'raw';
  readonly concept: string;
  readonly family: string;
  readonly term: string;
  /** For the voicing-blind index: the key with its voicing marks. */
  readonly voiced?: string;
}
interface EnglishTerm {
  readonly stems: readonly string[];
  readonly concept: string;
  readonly family: string;
  readonly term: string;
}

export interface ConceptMatcher {
  readonly surfaceTerms: TermIndex<SurfaceTerm>;
  readonly keyTerms: TermIndex<ReadingTerm>;
  readonly rawTerms: TermIndex<ReadingTerm>;
  /** Key terms without voicing marks, tried only inside hiragana and unknown words. */
  readonly unvoicedTerms: TermIndex<ReadingTerm>;
  /** English terms by their first stem. */
  readonly englishTerms: ReadonlyMap<string, readonly EnglishTerm[]>;
  /** Families whose words are seen even inside a longer word of another family (ConceptDefinition.overlay). */
  readonly overlayFamilies: ReadonlySet<string>;
}

/**
 * The family of concepts that name what a message is about (leak, card, investigation …) and
 * of every concept that names no family: their words compete, the longest match winning, as a
 * word inside a longer word means nothing of its own.
 */
export const TOPIC_FAMILY = 'topic';

/** Reserved concept names for dismissal markers; never used by rules. */
export const DISMISSAL = '__dismissal';
/** A marker that takes back everything before it, across sentences (「無理なら」). */
export const RESET = '__reset';
/** Words that tie a sentence to the one before it (「こういう場合」). */
export const CONTINUES = '__continues';

/**
 * A folded reading key shorter than this collides too easily (カード folds to カド, found in
 * 「かどうか」; どうも folds to ドモ, found in 「私ども」), so short words are matched by their
 * plain katakana instead, and kanji words are not matched by a short reading at all.
 */
const MIN_FOLDED_KEY = 3;
/** Voicing is ignored only for keys this long: shorter ones would meet too many other words. */
const MIN_UNVOICED_KEY = 3;
const MIN_RAW_READING = 2;
const ASCII_TERM = /^[\x20-\x7e]+$/;

const SHORT_FOLDED_KEY = 4;

/**
 * True when the reading's last sound vanishes in the folded key: 「答えていい」 folds to コタエテ,
 * the key of 「答えて」, and 「置いてっ」 to オイテ, so they would match every 「答えて」 and 「置いて」.
 * Such a term is matched by its letters. (A final ー only stretches the word: 「こーるせんたー」.)
 */
function endFoldsAway(reading: string): boolean {
  const katakana = hiraganaToKatakana(reading);
  const key = readingKey(katakana);
  // Only a short key is a risk: what is left of a long one (ツカエナクナ) is still a word of its own.
  return key.length <= SHORT_FOLDED_KEY && !katakana.endsWith('ー') && key === readingKey(katakana.slice(0, -1));
}

/** Compiles the dictionaries' terms; throws DataConsistencyError listing every unusable term. */
export function compileConcepts(definitions: readonly ConceptDefinition[], readTerm: TermReader): ConceptMatcher {
  const problems: string[] = [];
  const surfaceTerms: SurfaceTerm[] = [];
  const readingTerms: ReadingTerm[] = [];
  const englishTerms: EnglishTerm[] = [];
  for (const { concept, family = TOPIC_FAMILY, terms } of definitions) {
    for (const { text: term, byReading } of terms) {
      const text = normalize(term).text;
      if (ASCII_TERM.test(text)) {
        // Split as analyze() splits English: runs of letters and digits (company's → company s).
        const stems = text
          .split(/[^a-z0-9]+/)
          .filter(Boolean)
          .map((word) => PorterStemmer.stem(word));
        englishTerms.push({ stems, concept, family, term });
      } else if (!byReading) {
        // Letters only: dismissal markers, and words whose reading is too common.
        surfaceTerms.push({ text: text.replace(/\s+/g, ''), concept, family, term });
      } else if (isKanaOnly(text) && endFoldsAway(text)) {
        surfaceTerms.push({ text: text.replace(/\s+/g, ''), concept, family, term });
      } else if (isKanaOnly(text)) {
        const key = readingKey(text);
        if (key.length >= MIN_FOLDED_KEY) readingTerms.push({ text: key, form: 'key', concept, family, term });
        else if (text.length >= MIN_RAW_READING) readingTerms.push({ text: hiraganaToKatakana(text), form: 'raw', concept, family, term });
        else
          problems.push(
            `the term "${term}" of concept "${concept}" is a single kana, which would match almost anywhere: write a longer form`,
          );
      } else {
        surfaceTerms.push({ text: text.replace(/\s+/g, ''), concept, family, term });
        const reading = readTerm(text);
        if (reading !== undefined && !endFoldsAway(reading)) {
          const key = readingKey(reading);
          // Short kanji words are not matched by sound at all: homophones abound (扶養 and 不要 both read フヨウ).
          if (key.length >= MIN_FOLDED_KEY) readingTerms.push({ text: key, form: 'key', concept, family, term });
        }
      }
    }
  }
  if (problems.length > 0) throw new DataConsistencyError(problems);
  return {
    surfaceTerms: new TermIndex(surfaceTerms),
    keyTerms: new TermIndex(readingTerms.filter((term) => term.form === 'key')),
    unvoicedTerms: new TermIndex(
      readingTerms
        .filter((term) => term.form === 'key' && term.text.length >= MIN_UNVOICED_KEY)
        .map((term) => ({ ...term, text: unvoice(term.text), voiced: term.text })),
    ),
    rawTerms: new TermIndex(readingTerms.filter((term) => term.form === 'raw')),
    englishTerms: groupBy(englishTerms, (term) => term.stems[0] ?? ''),
    overlayFamilies: new Set(definitions.filter((definition) => definition.overlay).map((definition) => definition.family ?? TOPIC_FAMILY)),
  };
}

/**
 * keepLongest over the candidates of ordinary families; the candidates of overlay families compete
 * only within their own family, beside whatever else is kept.
 */
function keepLongestWithOverlays(
  candidates: Candidate[],
  overlays: ReadonlySet<string>,
  ...rest: DropFirst<Parameters<typeof keepLongest>>
): Candidate[] {
  if (overlays.size === 0) return keepLongest(candidates, ...rest);
  const ordinary = candidates.filter((candidate) => !overlays.has(candidate.family));
  const overlaid = candidates.filter((candidate) => overlays.has(candidate.family));
  return [
    ...keepLongest(ordinary, ...rest),
    ...[...groupBy(overlaid, (candidate) => candidate.family).values()].flatMap((family) => keepLongestOf(family)),
  ];
}

type DropFirst<T extends readonly unknown[]> = T extends readonly [unknown, ...infer Rest] ? Rest : never;

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly concept: string;
  readonly family: string;
  readonly term: string;
  /** Matched only with voicing marks ignored: a guess, which an exact match of the same span beats. */
  readonly unvoiced?: boolean;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Which word-matches count. Longest match first across all concepts (keepLongestOf), so a word
 * inside a longer word means nothing of its own: 電話 in 電話番号 is no call, 情報 in
 * 情報セキュリティ no personal data, 検証 in the reading of 「ほけんしょう」 no investigation.
 * But a longer term that is a phrase does not hide the words it is built of where they stand as
 * words of their own, set off by grammar (`standsAlone`): 「番号を教えて」 is a request for a
 * contact number, and also something asked for (教えて). Such a word is kept unless a longer
 * match of its own family (concepts that share a `family`) covers it too.
 */
function keepLongest(
  candidates: Candidate[],
  standsAlone: (inner: Candidate, outer: Candidate) => boolean,
  sharesWord: (a: Candidate, b: Candidate) => boolean = () => false,
): Candidate[] {
  if (candidates.length <= 1) return candidates;
  const exact = candidates.filter((candidate) => !candidate.unvoiced);
  let kept = keepLongestOf(exact);
  if (kept.length < exact.length) {
    const accepted = new Set(kept);
    // A candidate set aside for a longer word of another family comes back where it may stand
    // beside it; a shorter word of its own family that took its place then gives way to it.
    const freed = exact.filter(
      (candidate) =>
        !accepted.has(candidate) &&
        kept.some((other) => overlaps(candidate, other) && other.family !== candidate.family) &&
        kept.every(
          (other) =>
            !overlaps(candidate, other) ||
            keepsBoth(candidate, other, standsAlone, sharesWord) ||
            (other.family === candidate.family && contains(candidate, other)),
        ),
    );
    const returning = [...groupBy(freed, (candidate) => candidate.family).values()].flatMap((family) => keepLongestOf(family));
    kept = kept.filter((other) => !returning.some((candidate) => candidate.family === other.family && contains(candidate, other)));
    kept.push(...returning);
  }
  if (exact.length === candidates.length) return kept;
  // A match found only with voicing marks ignored is a guess: any exact match over its words wins.
  const guesses = keepLongestOf([...kept, ...candidates.filter((candidate) => candidate.unvoiced)]).filter(
    (candidate) => candidate.unvoiced,
  );
  return [...kept, ...guesses];
}

/**
 * Whether a candidate that overlaps an accepted one is kept beside it: a word of another family
 * set off by grammar inside a phrase of the topic (教えて in 「番号を教えて」), or two words of the
 * situation that share characters without either holding the other (「手続きして」 and 「してって」
 * in 「手続きしてって」), or a situation phrase that begins with the word a topic phrase ends with
 * (「けんぽのひと」 and 「ひときた」 share ひと). A situation word inside a longer situation word is
 * part of it (書いて in 「と書いてある」).
 */
function keepsBoth(
  candidate: Candidate,
  other: Candidate,
  standsAlone: (inner: Candidate, outer: Candidate) => boolean,
  sharesWord: (a: Candidate, b: Candidate) => boolean,
): boolean {
  if (other.family === candidate.family) return false;
  const crossing = !contains(other, candidate) && !contains(candidate, other);
  if (other.family === TOPIC_FAMILY)
    return (
      (contains(other, candidate) && standsAlone(candidate, other)) ||
      (crossing && candidate.family !== TOPIC_FAMILY && sharesWord(candidate, other))
    );
  return candidate.family !== TOPIC_FAMILY && crossing;
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

function contains(outer: Candidate, inner: Candidate): boolean {
  return outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start;
}

/**
 * Longest match first; a candidate that overlaps an accepted one is dropped, unless it
 * covers exactly the same span (a term listed under two concepts counts for both). Over the
 * same span an exact reading beats one found only without voicing marks: 「ほけんしょう」 is
 * 保険証, not also 保健所 (ホケンジョ).
 */
function keepLongestOf(candidates: Candidate[]): Candidate[] {
  if (candidates.length <= 1) return candidates;
  candidates.sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || Number(a.unvoiced ?? false) - Number(b.unvoiced ?? false),
  );
  const length = candidates.reduce((longest, candidate) => Math.max(longest, candidate.end), 0);
  const taken = new Uint8Array(length);
  const acceptedSpans = new Map<number, { concepts: Set<string>; exact: boolean }>();
  const accepted: Candidate[] = [];
  for (const candidate of candidates) {
    const span = candidate.start * 65536 + candidate.end;
    const sameSpan = acceptedSpans.get(span);
    if (sameSpan) {
      if (!sameSpan.concepts.has(candidate.concept) && !(sameSpan.exact && candidate.unvoiced)) {
        sameSpan.concepts.add(candidate.concept);
        accepted.push(candidate);
      }
      continue;
    }
    let free = true;
    for (let position = candidate.start; position < candidate.end; position++) {
      if (taken[position]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, candidate.start, candidate.end);
    acceptedSpans.set(span, { concepts: new Set([candidate.concept]), exact: !candidate.unvoiced });
    accepted.push(candidate);
  }
  return accepted;
}

/** Index of the token whose [start, end) range holds the position (binary search). */
function tokenAt(starts: readonly number[], position: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Shorter reading matches that cut across known words are too often chance (なんで in
 * 「なんですか」, read な|ん|です|か). A short match is trusted only inside an unknown word, or
 * as the beginning of one hiragana word (きた in 「ってきたんです」, which kuromoji reads as きたん).
 */
const MIN_MISALIGNED_READING = 4;

function fitsSoftStretch(tokens: AnalyzedText['tokens'], first: number, last: number, length: number, startsOnBoundary: boolean): boolean {
  const covered = tokens.slice(first, last + 1);
  if (!covered.every((token) => token.soft)) return false;
  if (length >= MIN_MISALIGNED_READING) return true;
  if (cutsIntoKatakana(covered, startsOnBoundary)) return false;
  if (covered.some((token) => token.unknown)) return true;
  return first === last && startsOnBoundary;
}

/**
 * A katakana word begins where it is written (people write loanwords, slang and stressed words
 * in katakana): a short match that begins before it or inside it is chance (ダマシ in
 * 「まだマシか」), one that begins with it is not (コピれ in 「コピれる」).
 */
function cutsIntoKatakana(covered: AnalyzedText['tokens'], startsOnBoundary: boolean): boolean {
  return covered.some((token, index) => isKatakanaOnly(token.surface_form) && (index > 0 || !startsOnBoundary));
}

const VOICED_IN_DIALECT = new Set([...'カキクケコタチツテト']);

/** True when `typed` differs from `term` only by voicing marks left out, or added to か and た. */
function voicingSlipOnly(typed: string, term: string): boolean {
  if (typed.length !== term.length) return false;
  for (let index = 0; index < typed.length; index++) {
    const written = typed[index]!;
    const meant = term[index]!;
    if (written === meant || written === unvoice(meant)) continue;
    if (VOICED_IN_DIALECT.has(meant) && unvoice(written) === meant) continue;
    return false;
  }
  return true;
}

const PARTICLE_POS = new Set(['助詞', '助動詞', '記号']);
/** English words that join a phrase's parts as particles do (「asked for my number」). */
const ENGLISH_FUNCTION_WORDS = new Set([
  'to',
  'for',
  'me',
  'my',
  'the',
  'a',
  'an',
  'of',
  'about',
  'from',
  'your',
  'our',
  'it',
  'is',
  'was',
  'that',
  'by',
  'on',
  'in',
  'and',
]);

/**
 * For matches on a scale where token i spans [starts[i], ends[i]): `inner` stands alone in
 * `outer` when it begins and ends on token boundaries and a particle, auxiliary or symbol
 * separates it from the rest of `outer` on each side where `outer` goes on.
 */
function standsAloneBy(tokens: AnalyzedText['tokens'], starts: readonly number[], ends: readonly number[]) {
  return (inner: Candidate, outer: Candidate): boolean => {
    const first = tokenAt(starts, inner.start);
    const last = tokenAt(starts, inner.end - 1);
    if (starts[first] !== inner.start || ends[last] !== inner.end) return false;
    if (outer.start < inner.start && (first === 0 || !PARTICLE_POS.has(tokens[first - 1]!.pos))) return false;
    if (inner.end < outer.end && (last + 1 >= tokens.length || !PARTICLE_POS.has(tokens[last + 1]!.pos))) return false;
    return true;
  };
}

/** For matches on a scale where token i spans [starts[i], ends[i]): two crossing matches share whole tokens only. */
function sharesWordBy(starts: readonly number[], ends: readonly number[]) {
  return (a: Candidate, b: Candidate): boolean => {
    const from = Math.max(a.start, b.start);
    const to = Math.min(a.end, b.end);
    return to > from && starts[tokenAt(starts, from)] === from && ends[tokenAt(starts, to - 1)] === to;
  };
}

/** Particles, auxiliaries and single kana: the grammar between words. */
function isGrammar(token: AnalyzedText['tokens'][number]): boolean {
  return token.pos === '助詞' || token.pos === '助動詞' || token.surface_form.length === 1;
}

export function findConcepts(text: AnalyzedText, matcher: ConceptMatcher): ConceptHit[] {
  const { tokens } = text;
  if (tokens.length === 0) return [];
  const hits: ConceptHit[] = [];

  const surfaceStarts = tokens.map((token) => token.surfaceStart);
  const surfaceCandidates: Candidate[] = [];
  matcher.surfaceTerms.forEachMatch(text.surface, (term, start) =>
    surfaceCandidates.push({ start, end: start + term.text.length, concept: term.concept, family: term.family, term: term.term }),
  );
  const surfaceEnds = tokens.map((token) => token.surfaceEnd);
  for (const candidate of keepLongestWithOverlays(
    surfaceCandidates,
    matcher.overlayFamilies,
    standsAloneBy(tokens, surfaceStarts, surfaceEnds),
    sharesWordBy(surfaceStarts, surfaceEnds),
  )) {
    hits.push({
      concept: candidate.concept,
      term: candidate.term,
      via: 'surface',
      firstToken: tokenAt(surfaceStarts, candidate.start),
      lastToken: tokenAt(surfaceStarts, candidate.end - 1),
    });
  }

  // A reading match must begin and end on token boundaries, unless it lies wholly in "soft"
  // tokens (unknown words and hiragana), where kuromoji's split cannot be trusted:
  // 「ほけんしょうが…」 comes out as ほけ|ん|しょうが…, so the word boundary is inside a token.
  // Across kanji it trusts the split: 「はっきり言うて」 reads ハッキリユウテ, but holds no 理由 (リユウ).
  // Among short known hiragana words it trusts it too: 「なんですか」 (な|ん|です|か) holds no なんで.
  // Candidates from both reading strings compete by token span, so a long folded match
  // still beats a short raw one over the same words.
  const keyStarts = tokens.map((token) => token.keyStart);
  const rawStarts = tokens.map((token) => token.rawStart);
  const readingCandidates: Candidate[] = [];
  const findReadings = (raw: boolean) => (term: ReadingTerm, start: number) => {
    const starts = raw ? rawStarts : keyStarts;
    const end = start + term.text.length;
    const firstIndex = tokenAt(starts, start);
    const lastIndex = tokenAt(starts, end - 1);
    const first = tokens[firstIndex]!;
    const last = tokens[lastIndex]!;
    const startsOnBoundary = (raw ? first.rawStart : first.keyStart) === start;
    const endsOnBoundary = (raw ? last.rawEnd : last.keyEnd) === end;
    if ((startsOnBoundary && endsOnBoundary) || fitsSoftStretch(tokens, firstIndex, lastIndex, term.text.length, startsOnBoundary)) {
      // Positions on one scale, the folded key's, so raw and folded matches compete fairly.
      const from = raw ? text.rawToKey[start]! : start;
      const to = raw ? text.rawToKey[end]! : end;
      readingCandidates.push({ start: from, end: Math.max(to, from + 1), concept: term.concept, family: term.family, term: term.term });
    }
  };
  matcher.keyTerms.forEachMatch(text.readingKey, findReadings(false));
  matcher.rawTerms.forEachMatch(text.readingRaw, findReadings(true));
  // Without voicing marks, and only where every word covered is hiragana or unknown: the
  // exact matches above already cover everything else. Also when the message has no voiced
  // kana at all: 「しゅうしょ」 is 住所 typed without them.
  matcher.unvoicedTerms.forEachMatch(text.readingKeyUnvoiced, (term, start) => {
    const end = start + term.text.length;
    const first = tokenAt(keyStarts, start);
    const last = tokenAt(keyStarts, end - 1);
    const covered = tokens.slice(first, last + 1);
    if (!covered.every((token) => token.soft)) return;
    // Grammar alone holds no word, voiced or not.
    if (covered.every(isGrammar)) return;
    // People leave voicing marks out (きそう for ぎぞう); they add them only as 東北 speech
    // voices か and た (しかぐ for 資格, ほげん for 保険): ジャ in 「なんじゃったん」 is no シャ of 遮断.
    if (!voicingSlipOnly(text.readingKey.slice(start, end), term.voiced ?? term.text)) return;
    // Among known hiragana words a short match is chance (断定 ダンテ in 「たんですか」).
    if (
      term.text.length < MIN_MISALIGNED_READING &&
      (!covered.some((token) => token.unknown) || cutsIntoKatakana(covered, tokens[first]!.keyStart === start))
    )
      return;
    readingCandidates.push({ start, end, concept: term.concept, family: term.family, term: term.term, unvoiced: true });
  });
  const keyEnds = tokens.map((token) => token.keyEnd);
  for (const candidate of keepLongestWithOverlays(
    readingCandidates,
    matcher.overlayFamilies,
    standsAloneBy(tokens, keyStarts, keyEnds),
    sharesWordBy(keyStarts, keyEnds),
  )) {
    hits.push({
      concept: candidate.concept,
      term: candidate.term,
      via: 'reading',
      firstToken: tokenAt(keyStarts, candidate.start),
      lastToken: tokenAt(keyStarts, candidate.end - 1),
    });
  }

  const englishCandidates: Candidate[] = [];
  const stems = text.english.map((word) => word.stem);
  for (let start = 0; start < stems.length; start++) {
    for (const term of matcher.englishTerms.get(stems[start]!) ?? []) {
      if (start + term.stems.length <= stems.length && term.stems.every((stem, offset) => stems[start + offset] === stem)) {
        englishCandidates.push({ start, end: start + term.stems.length, concept: term.concept, family: term.family, term: term.term });
      }
    }
  }
  const words = text.english.map((word) => word.word);
  const englishStandsAlone = (inner: Candidate, outer: Candidate) =>
    (outer.start === inner.start || ENGLISH_FUNCTION_WORDS.has(words[inner.start - 1]!)) &&
    (outer.end === inner.end || ENGLISH_FUNCTION_WORDS.has(words[inner.end]!));
  for (const candidate of keepLongestWithOverlays(englishCandidates, matcher.overlayFamilies, englishStandsAlone)) {
    hits.push({
      concept: candidate.concept,
      term: candidate.term,
      via: 'english',
      firstToken: text.english[candidate.start]!.tokenIndex,
      lastToken: text.english[candidate.end - 1]!.tokenIndex,
    });
  }
  return hits;
}

/** Six or more words, mostly kanji, with spaces between and nothing that makes a sentence of them: no verb, particle or auxiliary. */
const KEYWORDS_AT_LEAST = 6;
const SENTENCE_POS = new Set(['動詞', '助詞', '助動詞', '形容詞', '副詞', '連体詞', '接続詞', '感動詞']);
export function isKeywordList(text: AnalyzedText): boolean {
  if (!/\s/u.test(text.normalized.text)) return false;
  let words = 0;
  for (const token of text.tokens) {
    if (SENTENCE_POS.has(token.pos) || token.ascii) return false;
    if (token.pos !== '記号') words += 1;
  }
  const chunks = text.normalized.text.split(/\s+/u);
  // Japanese typed in spaced katakana (「ケンポ ノ ヒト キタ」) is a sentence kuromoji cannot parse, not a list.
  const written = chunks.filter((chunk) => /[\u3400-\u9fff]/u.test(chunk)).length;
  return words >= KEYWORDS_AT_LEAST && chunks.length >= KEYWORDS_AT_LEAST && written >= chunks.length * 0.8;
}

/**
 * People set topics aside: 「流出の話はもういい。今後どう防ぐのかだけ教えて」,
 * 「〜こういう話じゃなくて、扶養の手続きを知りたい」. A dismissal marker sets aside the concepts
 * before it, back to the start of its sentence or the previous marker.
 */
export function tagConcepts(text: AnalyzedText, matcher: ConceptMatcher): ConceptTags {
  const found = findConcepts(text, matcher);
  // A list of keywords asks nothing and reports nothing (「電話 詐欺 流出 保険証 偽造 資格」): set aside whole.
  if (isKeywordList(text)) {
    const hits = found.filter((hit) => hit.concept !== DISMISSAL && hit.concept !== RESET);
    return { hits: [], dismissed: hits, kept: new Set(), all: new Set() };
  }
  const markers = found.filter((hit) => hit.concept === DISMISSAL || hit.concept === RESET).sort((a, b) => a.firstToken - b.firstToken);
  const hits = found.filter((hit) => hit.concept !== DISMISSAL && hit.concept !== RESET);
  const dismissedRanges: Array<[number, number]> = [];
  let previousMarkerEnd = -1;
  for (const marker of markers) {
    const sentenceStart = marker.concept === RESET ? -1 : Math.max(-1, ...text.sentenceEnds.filter((end) => end < marker.firstToken));
    dismissedRanges.push([Math.max(sentenceStart, marker.concept === RESET ? -1 : previousMarkerEnd) + 1, marker.firstToken - 1]);
    previousMarkerEnd = marker.lastToken;
  }
  const isDismissed = (hit: ConceptHit) => dismissedRanges.some(([from, to]) => hit.firstToken >= from && hit.lastToken <= to);
  const dismissed = hits.filter(isDismissed);
  const keptHits = hits.filter((hit) => !isDismissed(hit));
  return {
    hits: keptHits,
    dismissed,
    kept: new Set(keptHits.map((hit) => hit.concept)),
    all: new Set(hits.map((hit) => hit.concept)),
    sentences: conceptsBySentence(text.sentenceEnds, hits, isDismissed),
  };
}

function conceptsBySentence(
  sentenceEnds: readonly number[],
  hits: readonly ConceptHit[],
  isDismissed: (hit: ConceptHit) => boolean,
): SentenceConcepts[] | undefined {
  if (sentenceEnds.length === 0) return undefined;
  const sentences = Array.from({ length: sentenceEnds.length + 1 }, () => ({ kept: new Set<string>(), all: new Set<string>() }));
  for (const hit of hits) {
    let sentence = 0;
    while (sentence < sentenceEnds.length && sentenceEnds[sentence]! < hit.firstToken) sentence += 1;
    sentences[sentence]!.all.add(hit.concept);
    if (!isDismissed(hit)) sentences[sentence]!.kept.add(hit.concept);
  }
  const spoken = sentences.filter((sentence) => sentence.all.size > 0);
  return spoken.length > 1 ? spoken : undefined;
}
