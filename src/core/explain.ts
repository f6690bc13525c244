import type { Classification } from './engine';
import type { ConceptHit } from './concepts';

/**
 * Staff-facing explanations of a classification: one compact line (REPL, Slack's /faq) and
 * a full trace. Plain text, no channel formatting.
 */

function describeHit(hit: ConceptHit): string {
  const via = hit.via === 'surface' ? '' : hit.via === 'reading' ? '~読み' : '~en';
  return `${hit.concept}「${hit.term}」${via}`;
}

/** The concepts that fired for the chosen intent, with the words that fired them. */
export function firedEvidence(classification: Classification): string[] {
  const { decision, tags } = classification;
  const chosen: readonly { readonly concepts: readonly string[] }[] =
    decision.reason === 'safety'
      ? decision.safety
      : decision.reason === 'other_scam'
        ? decision.scam.slots.other_sender
        : (decision.ranking.find((intent) => intent.id === (decision.reason === 'out_of_scope' ? 'out_of_scope' : decision.intentId))
            ?.fired ?? []);
  const concepts = new Set(chosen.flatMap((rule) => rule.concepts));
  const hits = [...tags.hits, ...tags.dismissed].filter((hit) => concepts.has(hit.concept));
  const seen = new Set<string>();
  return hits.filter((hit) => !seen.has(hit.concept) && seen.add(hit.concept)).map(describeHit);
}

export function explainBriefly(classification: Classification): string {
  const { decision } = classification;
  const runnerUp = decision.runnerUp ? `${decision.runnerUp.id} ${decision.runnerUp.score}` : 'none';
  const rules =
    decision.reason === 'safety'
      ? decision.safety.map((rule) => `${rule.intentId}#${rule.index}`)
      : (
          decision.ranking.find((intent) => intent.id === (decision.reason === 'out_of_scope' ? 'out_of_scope' : decision.intentId))
            ?.fired ?? []
        ).map((rule) => `${rule.intentId}#${rule.index}`);
  const evidence = firedEvidence(classification);
  return [
    `${decision.intentId} score ${decision.score} conf ${decision.confidence.toFixed(2)} (${decision.reason})`,
    `runner-up ${runnerUp}`,
    `words ${evidence.length > 0 ? evidence.join(' ') : '-'}`,
    `rules ${rules.length > 0 ? rules.join(' ') : '-'}`,
  ].join(' | ');
}

// Parts of speech that never carry a topic by themselves.
const FUNCTION_WORDS = /^(助詞|助動詞|記号|接頭詞|フィラー)/u;

/**
 * Words of the message that no concept knows, leaving out stop words and particles: where
 * staff look first when a phrasing went wrong, to add a synonym (dictionaries/synonyms/).
 */
export function unexplainedWords(classification: Classification, stopwords: ReadonlySet<string>): string[] {
  const { analysis, tags } = classification;
  const covered = new Set<number>();
  for (const hit of [...tags.hits, ...tags.dismissed]) {
    for (let index = hit.firstToken; index <= hit.lastToken; index++) covered.add(index);
  }
  return analysis.tokens
    .filter(
      (token, index) =>
        !covered.has(index) && !FUNCTION_WORDS.test(token.pos) && token.surface_form.trim() !== '' && !stopwords.has(token.surface_form),
    )
    .map((token) => token.surface_form);
}

export function explainFully(classification: Classification, stopwords: ReadonlySet<string> = new Set()): string {
  const { analysis, tags, decision } = classification;
  const out: string[] = [];
  out.push(`normalized: ${analysis.normalized.text}`);
  out.push(`reading key: ${analysis.readingKey}`);
  out.push(
    `tokens: ${analysis.tokens.map((token) => `${token.surface_form}/${token.reading}/${token.pos}${token.soft ? '*' : ''}`).join(' ')}`,
  );
  out.push(`concepts: ${tags.hits.map(describeHit).join(' ') || '-'}`);
  if (tags.dismissed.length > 0) out.push(`dismissed: ${tags.dismissed.map(describeHit).join(' ')}`);
  out.push(`words no concept knows: ${unexplainedWords(classification, stopwords).join(' ') || '-'}`);
  const slots = Object.entries(decision.scam.slots).filter(([, fired]) => fired.length > 0);
  if (slots.length > 0) {
    const read = slots.map(([slot, fired]) => `${slot} ${fired.map((rule) => `#${rule.index}[${rule.concepts.join('+')}]`).join(' ')}`);
    const verdict = decision.scam.warn ? 'warn' : decision.scam.otherScam ? 'another organisation’s scam' : 'no warning';
    out.push(`scam signal: ${read.join(' | ')} → ${verdict}`);
  }
  const vote = classification.secondOpinion();
  if (vote === undefined) out.push('second opinion: none (no model: npm run build trains it)');
  else {
    out.push(
      `second opinion: ${
        vote.ranking
          .slice(0, 3)
          .map(({ label, share }) => `${label} ${share.toFixed(2)}`)
          .join(', ') || '-'
      }`,
    );
    for (const example of vote.nearest) out.push(`  nearest: ${example.label} ${example.similarity.toFixed(2)} 「${example.text}」`);
  }
  out.push('scores:');
  for (const intent of decision.ranking) {
    const rules = intent.fired.map(
      (rule) => `#${rule.index}[${rule.concepts.join('+')}]${rule.rule.score >= 0 ? '+' : ''}${rule.rule.score}`,
    );
    out.push(`  ${intent.id.padEnd(20)} ${String(intent.score).padStart(3)}  ${rules.join(' ')}`);
  }
  out.push(`decision: ${explainBriefly(classification)}`);
  return out.join('\n');
}
