import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import type { SecondOpinionModel } from '../data/second-opinion-file';
import type { Label } from '../data/schemas';

/**
 * A second opinion from statistics, for where the rules find nothing and for ranking the
 * questions the bot offers when it is unsure (「もしかして」). Trained at build time on every
 * labelled phrasing the project holds but the blind set (src/evaluation/train-second-opinion.ts),
 * never at start-up. The rules stay first; it never gives the scam warning, which stays a rule.
 *
 * Two votes over the message's features (features.ts): natural's naive Bayes classifier, and
 * the nearest labelled phrasings by cosine similarity over idf-weighted features, which also
 * show staff why (the REPL's :trace).
 */

export interface LabelShare {
  readonly label: Label;
  /** 0..1; the shares of one vote add up to 1. */
  readonly share: number;
}

export interface NearestExample {
  readonly text: string;
  readonly label: Label;
  readonly similarity: number;
}

export interface SecondOpinionVote {
  /** Best first: the Bayes and nearest-phrasing votes averaged. */
  readonly ranking: readonly LabelShare[];
  readonly nearest: readonly NearestExample[];
}

export interface SecondOpinion {
  readonly model: SecondOpinionModel;
  vote(features: readonly string[]): SecondOpinionVote;
}

interface ApparatusBayes {
  getClassifications(observation: Record<number, number>): Array<{ label: string; value: number }>;
}

/** How many nearest phrasings vote, and how many the trace shows. */
const NEIGHBOURS = 7;
const SHOWN_NEIGHBOURS = 3;

export interface TrainingPhrasing {
  readonly text: string;
  readonly label: Label;
  readonly features: readonly string[];
}

export function trainSecondOpinion(phrasings: readonly TrainingPhrasing[], fingerprint: string): SecondOpinionModel {
  const bayes = new BayesClassifier();
  for (const phrasing of phrasings) if (phrasing.features.length > 0) bayes.addDocument([...phrasing.features], phrasing.label);
  bayes.train();
  const features = Object.keys(bayes.features);
  const index = new Map(features.map((feature, position) => [feature, position]));
  // natural keeps every document it was given; the model needs only the counts.
  const { docs: _docs, ...counts } = JSON.parse(JSON.stringify(bayes)) as { docs: unknown };
  return {
    version: 1,
    fingerprint,
    features,
    bayes: counts,
    examples: phrasings.map(({ text, label, features: own }) => ({
      text,
      label,
      features: own.map((feature) => index.get(feature)!).filter((position) => position !== undefined),
    })),
  };
}

export function createSecondOpinion(model: SecondOpinionModel): SecondOpinion {
  const bayes = (BayesClassifier.restore({ ...(model.bayes as object), docs: [] }) as unknown as { classifier: ApparatusBayes }).classifier;
  const index = new Map(model.features.map((feature, position) => [feature, position]));
  // Inverse document frequency, and for each feature the phrasings that have it.
  const documentFrequency = new Array<number>(model.features.length).fill(0);
  const holders: number[][] = model.features.map(() => []);
  model.examples.forEach((example, position) => {
    for (const feature of example.features) {
      documentFrequency[feature]! += 1;
      holders[feature]!.push(position);
    }
  });
  const idf = documentFrequency.map((count) => Math.log((1 + model.examples.length) / (1 + count)) + 1);
  const norms = model.examples.map((example) => Math.sqrt(example.features.reduce((sum, feature) => sum + idf[feature]! ** 2, 0)));

  // Reused between calls: the dot product with each phrasing, and which ones were touched.
  const dots = new Float64Array(model.examples.length);
  const touched: number[] = [];

  function nearest(observed: readonly number[]): NearestExample[] {
    let squared = 0;
    for (const feature of observed) {
      const weight = idf[feature]! ** 2;
      squared += weight;
      for (const holder of holders[feature]!) {
        if (dots[holder] === 0) touched.push(holder);
        dots[holder]! += weight;
      }
    }
    const norm = Math.sqrt(squared);
    // The few best, kept in order as they come: no sort of every phrasing touched.
    const best: Array<{ position: number; similarity: number }> = [];
    for (const position of touched) {
      const similarity = dots[position]! / (norm * norms[position]! || 1);
      dots[position] = 0;
      if (best.length === NEIGHBOURS && similarity <= best[NEIGHBOURS - 1]!.similarity) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.similarity < similarity) at -= 1;
      best.splice(at, 0, { position, similarity });
      if (best.length > NEIGHBOURS) best.pop();
    }
    touched.length = 0;
    return best.map(({ position, similarity }) => ({
      text: model.examples[position]!.text,
      label: model.examples[position]!.label,
      similarity: Math.round(similarity * 100) / 100,
    }));
  }

  function vote(features: readonly string[]): SecondOpinionVote {
    const observed = [
      ...new Set(features.map((feature) => index.get(feature)).filter((position): position is number => position !== undefined)),
    ];
    if (observed.length === 0) return { ranking: [], nearest: [] };
    const shares = new Map<Label, number>();
    const bayesVotes = bayes.getClassifications(Object.fromEntries(observed.map((feature, position) => [position, feature])));
    const bayesTotal = bayesVotes.reduce((sum, { value }) => sum + value, 0);
    if (bayesTotal > 0) for (const { label, value } of bayesVotes) shares.set(label as Label, value / bayesTotal / 2);
    const neighbours = nearest(observed);
    const neighbourTotal = neighbours.reduce((sum, { similarity }) => sum + similarity, 0);
    if (neighbourTotal > 0)
      for (const { label, similarity } of neighbours) shares.set(label, (shares.get(label) ?? 0) + similarity / neighbourTotal / 2);
    const ranking = [...shares]
      .map(([label, share]) => ({ label, share: Math.round(share * 1000) / 1000 }))
      .sort((a, b) => b.share - a.share);
    return { ranking, nearest: neighbours.slice(0, SHOWN_NEIGHBOURS) };
  }

  return { model, vote };
}
