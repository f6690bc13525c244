import fs from 'node:fs';
import { z } from 'zod';
import type { Reply } from '../core/reply';
import { DataFileError } from '../errors';

/**
 * Scripted conversations of people who report a suspicious contact and keep typing
 * (test/fixtures/scam-conversations*.jsonl), and what they measure: every scam turn kept in the
 * scam flow, no step written for a call given to someone contacted another way, and no typed
 * question inside the flow answered with the text of the turn before.
 */
const conversationSchema = z.object({
  id: z.string(),
  /** How the person was contacted: call, sms, email, line, letter, visit, automated_voice, social_dm. */
  channel: z.string(),
  harm: z.string().optional(),
  turns: z.array(z.object({ user: z.string().min(1), accept: z.array(z.string()).min(1) })).min(1),
});
export type ScamConversation = z.infer<typeof conversationSchema>;

export function readScamConversations(file: string): ScamConversation[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = conversationSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new DataFileError(
          `${file} line ${index + 1}`,
          parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
        );
      return parsed.data;
    });
}

/** Advice that is for a phone call only. */
const CALL_ONLY_ADVICE = /電話を切|hang up/i;
const CALL_CHANNELS = new Set(['call', 'automated_voice']);

export interface ScamFlowScore {
  readonly turns: number;
  readonly correct: number;
  /** Turns whose only right answer is q9, and how many got it. */
  readonly scamTurns: number;
  readonly scamKept: number;
  /** Replies that tell someone not contacted by phone to hang up. */
  readonly callAdviceElsewhere: number;
  /** Scam-flow replies with the same text as the reply to the turn before. */
  readonly repeated: number;
  readonly misses: readonly string[];
}

const textOf = (reply: Reply) =>
  reply.messages
    .filter((message) => message.kind === 'answer')
    .map((message) => message.text)
    .join('\n');

/** `run` answers a conversation's turns in one fresh session, in order. */
export async function scoreScamConversations(
  conversations: readonly ScamConversation[],
  run: (texts: readonly string[]) => Promise<readonly Reply[]>,
): Promise<ScamFlowScore> {
  let turns = 0;
  let correct = 0;
  let scamTurns = 0;
  let scamKept = 0;
  let callAdviceElsewhere = 0;
  let repeated = 0;
  const misses: string[] = [];
  for (const conversation of conversations) {
    const replies = await run(conversation.turns.map((turn) => turn.user));
    conversation.turns.forEach((turn, index) => {
      const reply = replies[index]!;
      turns++;
      if (turn.accept.includes(reply.label)) correct++;
      else
        misses.push(
          `${conversation.id} turn ${index + 1}: want ${turn.accept.join('|')} got ${reply.label} (${reply.intentId}): ${turn.user}`,
        );
      if (turn.accept.length === 1 && turn.accept[0] === 'q9') {
        scamTurns++;
        if (reply.label === 'q9') scamKept++;
      }
      if (!CALL_CHANNELS.has(conversation.channel) && CALL_ONLY_ADVICE.test(textOf(reply))) {
        callAdviceElsewhere++;
        misses.push(`${conversation.id} turn ${index + 1}: tells a person contacted by ${conversation.channel} to hang up: ${turn.user}`);
      }
      const previous = replies[index - 1];
      if (previous && reply.label === 'q9' && previous.label === 'q9' && textOf(previous) === textOf(reply)) {
        repeated++;
        misses.push(`${conversation.id} turn ${index + 1}: the same text as the turn before: ${turn.user}`);
      }
    });
  }
  return { turns, correct, scamTurns, scamKept, callAdviceElsewhere, repeated, misses };
}
