import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { createDialog, type Dialog, type TurnResult } from '../../src/conversation/dialog';
import { type ConversationState, NEW_CONVERSATION } from '../../src/conversation/state';
import { createResponder } from '../../src/core/reply';
import type { FaqId } from '../../src/data/schemas';
import { getEngine } from '../helpers/engine';

interface Turn {
  say?: string;
  press?: string;
  payload?: string;
  label?: string;
  route?: string;
  intent?: string;
  first_notice?: string;
  contains?: string;
  offers?: string[];
}
interface Conversation {
  name: string;
  turns: Turn[];
}

const conversations = yaml.load(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'conversations.yaml'), 'utf8')) as Conversation[];

let dialog: Dialog;
beforeAll(async () => {
  const engine = await getEngine();
  dialog = createDialog(engine, createResponder(engine.data, engine.config));
});

function check(result: TurnResult, turn: Turn, where: string): void {
  const { reply } = result;
  const got = { label: reply.label, route: result.route, intent: reply.intentId, first_notice: reply.messages[0]?.notice };
  const wanted: Record<string, unknown> = {};
  for (const key of ['label', 'route', 'intent', 'first_notice'] as const) if (turn[key] !== undefined) wanted[key] = turn[key];
  expect({ where, ...got }).toMatchObject({ where, ...wanted });
  if (turn.contains) expect(reply.messages.map((message) => message.text).join('\n')).toContain(turn.contains);
  for (const label of turn.offers ?? []) expect(reply.quickReplies.map((quick) => quick.label)).toContain(label);
}

describe.each(conversations.map((conversation) => [conversation.name, conversation] as const))('%s', (_name, conversation) => {
  it('goes as scripted', () => {
    let state: ConversationState = NEW_CONVERSATION;
    conversation.turns.forEach((turn, index) => {
      const where = `turn ${index + 1}: ${turn.say ?? turn.press ?? turn.payload}`;
      let result: TurnResult;
      if (turn.press !== undefined) {
        const quick = state.offered.find((offered) => offered.label === turn.press);
        if (!quick)
          throw new Error(
            `${where}: no quick reply "${turn.press}" was offered (offered: ${state.offered.map((offered) => offered.label).join(', ')})`,
          );
        result = dialog.respond(state, { payload: quick.payload });
        // Typing the label gives the same result as pressing the button.
        const typed = dialog.respond(state, { text: turn.press });
        expect({ where, reply: typed.reply }).toEqual({ where, reply: result.reply });
      } else if (turn.payload !== undefined) {
        result = dialog.respond(state, { payload: turn.payload });
      } else {
        result = dialog.respond(state, { text: turn.say ?? '' });
      }
      check(result, turn, where);
      state = result.state;
    });
  });
});

describe('every follow-up in the intents', () => {
  it('is reached by its example right after its entry’s answer', async () => {
    const engine = await getEngine();
    for (const intent of engine.data.faq) {
      for (const followup of intent.followups) {
        const answered = dialog.respond(NEW_CONVERSATION, { payload: `intent:${intent.id}` });
        const next = dialog.respond(answered.state, { text: followup.example });
        const expected = followup.go === 'flow' ? 'q9' : followup.go;
        expect({ after: intent.id, said: followup.example, got: next.reply.label }).toEqual({
          after: intent.id,
          said: followup.example,
          got: expected,
        });
      }
    }
  });

  it('every flow branch is reached by its example inside the flow', async () => {
    const engine = await getEngine();
    for (const flow of engine.data.flows) {
      const opened = dialog.respond(NEW_CONVERSATION, { payload: `intent:${flow.opens_with as FaqId}` });
      for (const [branch, { example }] of Object.entries(flow.branches)) {
        const next = dialog.respond(opened.state, { text: example });
        expect({ example, got: next.reply.intentId }).toEqual({ example, got: `flow:${flow.id}:${branch}` });
      }
    }
  });
});
