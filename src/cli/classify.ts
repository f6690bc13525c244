import readline from 'node:readline';
import { loadEngine } from './load';

/** One JSON line per input line, in order: {"intent", "score", "confidence", "candidates"}. */
export async function runClassify(): Promise<number> {
  const engine = await loadEngine();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  const out: string[] = [];
  for await (const line of input) {
    const classification = engine.classify(line);
    out.push(
      JSON.stringify({
        intent: classification.label,
        score: classification.score,
        confidence: classification.confidence,
        candidates: classification.decision.ranking.slice(0, 3).map((intent) => ({ intent: intent.id, score: intent.score })),
      }),
    );
    if (out.length >= 256) process.stdout.write(`${out.splice(0).join('\n')}\n`);
  }
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
