import type { Engine } from '../core/engine';
import { featuresOf } from '../core/features';
import { trainSecondOpinion } from '../core/second-opinion';
import type { SecondOpinionModel } from '../data/second-opinion-file';
import type { BotData } from '../data/load-bot-data';
import type { Label } from '../data/schemas';
import { labelledSetFiles, trainingFingerprint } from '../data/second-opinion-file';
import { readEvalFile } from './dataset';

/**
 * Trains the second opinion (src/core/second-opinion.ts) at build time, on every labelled
 * phrasing the project holds but the blind sets', through the engine's own analysis.
 */

/** Every labelled phrasing the project holds but the blind sets': the labelled sets and the data files' own examples. */
export function trainingPhrasings(data: BotData, files = labelledSetFiles()): Array<{ text: string; label: Label }> {
  const phrasings: Array<{ text: string; label: Label }> = [];
  for (const file of files) for (const item of readEvalFile(file)) phrasings.push({ text: item.text, label: item.accept[0]! });
  for (const intent of data.faq) for (const text of intent.examples) phrasings.push({ text, label: intent.id });
  for (const kind of Object.values(data.smalltalk.kinds)) for (const text of kind.examples) phrasings.push({ text, label: 'smalltalk' });
  for (const text of data.fallback.examples) phrasings.push({ text, label: 'fallback' });
  return phrasings;
}

export function trainOnProjectPhrasings(engine: Engine, files = labelledSetFiles()): SecondOpinionModel {
  const phrasings = trainingPhrasings(engine.data, files).map(({ text, label }) => {
    const { analysis, tags } = engine.classify(text);
    return { text, label, features: featuresOf(analysis, tags) };
  });
  return trainSecondOpinion(phrasings, trainingFingerprint(files));
}
