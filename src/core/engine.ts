import { loadBotData, type BotData } from '../data/load-bot-data';
import { loadConfig } from '../data/load-config';
import type { BotConfig, Label } from '../data/schemas';
import { analyze, type AnalyzedText, buildCompoundTable, type CompoundTable } from './analyze';
import {
  compileConcepts,
  type ConceptMatcher,
  type ConceptTags,
  CONTINUES,
  DISMISSAL,
  RESET,
  type SentenceConcepts,
  tagConcepts,
} from './concepts';
import { type Decision, decide, OUT_OF_SCOPE } from './decide';
import { type IntentModel, matchIntents } from './match';
import { readScamSituation } from './scam-signal';
import { normalize } from './normalize';
import { readKatakanaSentence, readRomaji } from './romaji';
import { readTermRemembering, readTermWith, type TermReader } from './term-readings';
import { readTermReadings } from '../dictionary/term-readings-file';
import { withoutIncidentalAcknowledgement } from './acknowledgement';
import { LruCache } from './lru-cache';
import { getTokenizer, type Tokenizer } from '../dictionary/tokenizer';
import { featuresOf } from './features';
import { createSecondOpinion, type SecondOpinion, type SecondOpinionVote } from './second-opinion';
import { readSecondOpinionModel } from '../data/second-opinion-file';

/**
 * The answering engine: normalize → tokenize → canonicalize → tag concepts → match → decide.
 * It knows no channel; everything it returns is plain data.
 */

export interface Classification {
  readonly label: Label;
  /** The second opinion's vote (statistics over the labelled phrasings), worked out when first asked; undefined without a model. */
  readonly secondOpinion: () => SecondOpinionVote | undefined;
  /** q1..q11, smalltalk.<kind>, or fallback. */
  readonly intentId: string;
  readonly score: number;
  readonly confidence: number;
  readonly decision: Decision;
  readonly analysis: AnalyzedText;
  readonly tags: ConceptTags;
}

export interface Engine {
  readonly data: BotData;
  readonly config: BotConfig;
  /** The shared tokenizer, for other parts that read Japanese (the personal-data masker). */
  readonly tokenizer: Tokenizer;
  /** The statistical second opinion, when a fresh model was built. */
  readonly secondOpinion: SecondOpinion | undefined;
  /**
   * `remember`: the caller knows the text holds no personal data (the masker found none, so it
   * is exactly what the conversation log keeps); its classification may then be remembered and
   * reused for the same text.
   */
  classify(text: string, options?: { readonly remember?: boolean }): Classification;
}

export interface EngineOptions {
  readonly data?: BotData;
  readonly config?: BotConfig;
  readonly tokenizer?: Tokenizer;
  /**
   * Classifications remembered, by exact text (0: none): classifying is a pure function of the
   * text. Only texts the caller says hold no personal data are remembered.
   */
  readonly classificationCacheSize?: number;
  /** The statistical second opinion; by default the model `npm run build` trained, if it is fresh (null: none). */
  readonly secondOpinion?: SecondOpinion | null;
}

/** Enough for the phrasings that recur in a spike; about 10 KB each. */
export const DEFAULT_CLASSIFICATION_CACHE_SIZE = 2000;

export function buildIntentModels(data: BotData): IntentModel[] {
  return [
    ...data.faq.map((intent): IntentModel => ({ id: intent.id, label: intent.id, rules: intent.rules })),
    ...Object.entries(data.smalltalk.kinds).map(([kind, { rules }]): IntentModel => ({
      id: `smalltalk.${kind}`,
      label: 'smalltalk',
      rules,
    })),
    { id: OUT_OF_SCOPE, label: 'fallback', rules: data.fallback.rules },
  ];
}

export function compileMatcher(data: BotData, readTerm: TermReader): ConceptMatcher {
  return compileConcepts(
    [
      ...data.concepts,
      { concept: DISMISSAL, terms: data.dismissals.map((text) => ({ text, byReading: false })) },
      { concept: RESET, terms: data.resets.map((text) => ({ text, byReading: false })) },
      { concept: CONTINUES, family: CONTINUES, terms: data.continuations.map((text) => ({ text, byReading: false })) },
    ],
    readTerm,
  );
}

/**
 * The message's questions, for telling two apart: its sentences, but a sentence that refers back
 * (「こういう場合、どこに相談すれば？」) belongs to the one before it.
 */
function questionsOf(tags: ConceptTags): SentenceConcepts[] {
  const questions: Array<{ kept: Set<string>; all: Set<string> }> = [];
  for (const sentence of tags.sentences ?? []) {
    const previous = questions.at(-1);
    if (previous && sentence.all.has(CONTINUES)) {
      for (const concept of sentence.kept) previous.kept.add(concept);
      for (const concept of sentence.all) previous.all.add(concept);
    } else questions.push({ kept: new Set(sentence.kept), all: new Set(sentence.all) });
  }
  return questions;
}

function loadSecondOpinion(): SecondOpinion | undefined {
  const model = readSecondOpinionModel();
  return model ? createSecondOpinion(model) : undefined;
}

export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const data = options.data ?? loadBotData();
  const config = options.config ?? loadConfig();
  const tokenizer = options.tokenizer ?? (await getTokenizer());
  const compounds: CompoundTable = buildCompoundTable(data.compounds);
  const matcher = compileMatcher(data, readTermRemembering(readTermReadings(), readTermWith(tokenizer)));
  const models = buildIntentModels(data);
  const secondOpinion = options.secondOpinion === undefined ? loadSecondOpinion() : (options.secondOpinion ?? undefined);
  const safetyEntry = data.faq.find((intent) => intent.scam_signal);
  const scamSignal = safetyEntry?.scam_signal;
  const decisionSettings = { ...config.matching, ...(safetyEntry ? { safetyIntent: safetyEntry.id } : {}) };

  const remembered = new LruCache<string, Classification>(options.classificationCacheSize ?? DEFAULT_CLASSIFICATION_CACHE_SIZE);

  function classify(text: string, { remember = false } = {}): Classification {
    if (!remember) return classifyAfresh(text);
    const known = remembered.get(text);
    if (known) return known;
    const classification = classifyAfresh(text);
    remembered.set(text, classification);
    return classification;
  }

  function classifyAfresh(text: string): Classification {
    const analysis = analyze(readKatakanaSentence(readRomaji(normalize(text))), tokenizer, compounds);
    const tags = tagConcepts(analysis, matcher);
    const ranking = withoutIncidentalAcknowledgement(matchIntents(models, tags), analysis.normalized.text, tags.kept);
    let vote: SecondOpinionVote | undefined | null = null;
    const secondOpinionVote = () => {
      if (vote === null) vote = secondOpinion?.vote(featuresOf(analysis, tags));
      return vote;
    };
    const bySentence = () => questionsOf(tags).map(({ kept, all }) => matchIntents(models, { hits: [], dismissed: [], kept, all }));
    const decision = decide(ranking, readScamSituation(scamSignal, tags), decisionSettings, {
      secondOpinion: secondOpinionVote,
      bySentence,
    });
    return {
      label: decision.label,
      intentId: decision.intentId,
      score: decision.score,
      confidence: decision.confidence,
      decision,
      analysis,
      tags,
      secondOpinion: secondOpinionVote,
    };
  }

  return { data, config, tokenizer, secondOpinion, classify };
}
