import { normalize } from '../core/normalize';
import type { StoredTurn } from '../state/conversation-log';

/**
 * The staff report over a period of the conversation log: volume per label and channel, the
 * questions the bot could not answer (grouped by similarity, so staff see what to add to the
 * dictionaries), low-confidence answers, and feedback per FAQ entry. Pure: turns in, figures out.
 */

export interface Report {
  readonly from: string;
  readonly to: string;
  readonly total: number;
  readonly byLabelAndChannel: ReadonlyArray<{ label: string; channel: string; count: number }>;
  readonly unanswered: ReadonlyArray<{ count: number; example: string; variants: readonly string[] }>;
  readonly lowConfidence: ReadonlyArray<{ at: number; label: string; confidence: number; text: string }>;
  readonly feedback: ReadonlyArray<{ label: string; answers: number; yes: number; no: number }>;
  readonly daily: ReadonlyArray<{ day: string; label: string; count: number }>;
}

export const LOW_CONFIDENCE = 0.5;
const SIMILAR = 0.5;
const FAQ_LABEL = /^q\d+$/;

function bigrams(text: string): Set<string> {
  const compact = normalize(text)
    .text.replace(/\[[^\]]*\]/g, '')
    .replace(/[\s\p{P}\p{S}]/gu, '');
  const grams = new Set<string>();
  for (let index = 0; index < compact.length - 1; index++) grams.add(compact.slice(index, index + 2));
  if (compact.length === 1) grams.add(compact);
  return grams;
}

/** Dice's coefficient over character bigrams: 1 for the same text, 0 for nothing in common. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function groupBySimilarity(texts: readonly string[]): Array<{ count: number; example: string; variants: string[] }> {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  const groups: Array<{ count: number; example: string; variants: string[]; grams: Set<string> }> = [];
  for (const [text, count] of [...counts].sort((a, b) => b[1] - a[1])) {
    const grams = bigrams(text);
    const group = groups.find((candidate) => similarity(candidate.grams, grams) >= SIMILAR);
    if (group) {
      group.count += count;
      group.variants.push(text);
    } else {
      groups.push({ count, example: text, variants: [text], grams });
    }
  }
  return groups.sort((a, b) => b.count - a.count).map(({ count, example, variants }) => ({ count, example, variants }));
}

export function buildReport(turns: readonly StoredTurn[], from: Date, to: Date): Report {
  const byKey = new Map<string, number>();
  const daily = new Map<string, number>();
  const feedback = new Map<string, { answers: number; yes: number; no: number }>();
  for (const turn of turns) {
    byKey.set(`${turn.label}\u0000${turn.channel}`, (byKey.get(`${turn.label}\u0000${turn.channel}`) ?? 0) + 1);
    daily.set(`${turn.day}\u0000${turn.label}`, (daily.get(`${turn.day}\u0000${turn.label}`) ?? 0) + 1);
    if (FAQ_LABEL.test(turn.label)) {
      const entry = feedback.get(turn.label) ?? { answers: 0, yes: 0, no: 0 };
      entry.answers++;
      if (turn.feedback === 'yes') entry.yes++;
      if (turn.feedback === 'no') entry.no++;
      feedback.set(turn.label, entry);
    }
  }
  const labelOrder = (label: string) => (FAQ_LABEL.test(label) ? Number(label.slice(1)) : label === 'smalltalk' ? 100 : 101);
  return {
    from: from.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
    total: turns.length,
    byLabelAndChannel: [...byKey]
      .map(([key, count]) => {
        const [label, channel] = key.split('\u0000') as [string, string];
        return { label, channel, count };
      })
      .sort((a, b) => labelOrder(a.label) - labelOrder(b.label) || a.channel.localeCompare(b.channel)),
    unanswered: groupBySimilarity(
      turns.filter((turn) => turn.label === 'fallback' && turn.route !== 'payload').map((turn) => turn.text),
    ).slice(0, 30),
    lowConfidence: turns
      .filter(
        (turn) => FAQ_LABEL.test(turn.label) && turn.route !== 'payload' && turn.route !== 'safety' && turn.confidence < LOW_CONFIDENCE,
      )
      .map((turn) => ({ at: turn.at, label: turn.label, confidence: turn.confidence, text: turn.text }))
      .slice(0, 100),
    feedback: [...feedback].map(([label, counts]) => ({ label, ...counts })).sort((a, b) => labelOrder(a.label) - labelOrder(b.label)),
    daily: [...daily]
      .map(([key, count]) => {
        const [day, label] = key.split('\u0000') as [string, string];
        return { day, label, count };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || labelOrder(a.label) - labelOrder(b.label)),
  };
}
