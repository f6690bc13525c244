import fs from 'node:fs';
import path from 'node:path';
import { createResponder, fillCallCenter, type Responder } from '../../src/core/reply';
import { loadBotData } from '../../src/data/load-bot-data';
import { loadConfig } from '../../src/data/load-config';
import { INTENTS_DIR } from '../../src/paths';

// No text the bot can say asks a person for a number, a name or a date of birth. The list of
// texts is derived from the data, so a new message is scanned without touching this test.
const data = loadBotData();
const config = loadConfig({});
const japanese = createResponder(data, config);

function everyText(): string[] {
  const { en, ...messages } = data.messages;
  const texts: string[] = [
    ...data.faq.flatMap((intent) => [intent.answer, intent.question, intent.label, intent.label_en]),
    ...Object.values(data.smalltalk.kinds).flatMap((kind) => [kind.answer, kind.answer_en]),
    data.fallback.answer,
    data.fallback.answer_en,
    ...Object.values(messages),
    ...Object.values(en),
    ...data.flows.flatMap((flow) => [
      flow.prompt,
      flow.general,
      flow.general_again,
      ...[flow.unknown_contact, ...flow.contacts].flatMap((contact) => [contact.name, contact.stop, contact.check]),
      ...Object.values(flow.branches).flatMap((branch) => [branch.answer, branch.label]),
      flow.en.prompt,
      flow.en.general,
      flow.en.general_again,
      ...[flow.en.unknown_contact, ...Object.values(flow.en.contacts)].flatMap((contact) => [contact.name, contact.stop, contact.check]),
      ...Object.values(flow.en.branches).flatMap((branch) => [branch.answer, branch.label]),
    ]),
  ];
  // And every reply the responder can build, in Japanese and in English, with the call center filled in.
  for (const responder of [japanese, japanese.inLanguage('en')]) texts.push(...repliesOf(responder));
  return texts.map((text) => fillCallCenter(text, config));
}

function repliesOf(responder: Responder): string[] {
  const texts: string[] = [];
  const replies = [
    ...data.faq.map((intent) => responder.faqAnswer(intent.id)),
    ...data.flows.flatMap((flow) => [
      responder.flowStart(flow.id),
      ...Object.keys(flow.branches).map((branch) => responder.flowBranch(flow.id, branch)),
    ]),
    ...Object.keys(data.smalltalk.kinds).map((kind) => responder.smalltalk(kind)),
    responder.menu(),
    responder.rephrase(),
    responder.callCenter('out_of_scope'),
    responder.feedbackThanks(true),
    responder.feedbackThanks(false),
    responder.notText(),
  ];
  for (const reply of replies)
    texts.push(...reply.messages.map((message) => message.text), ...reply.quickReplies.map((quick) => quick.label));
  return texts;
}

const PERSONAL =
  '(?:お名前|氏名|名前|保険証の(?:記号|番号)|記号|番号|被保険者番号|マイナンバー|電話番号|連絡先|生年月日|誕生日|住所|口座|暗証番号|メールアドレス)';
const ASKING =
  '(?:を|は|と|も|、)?\\s?(?:教えて|入力して|お知らせ|送って|お書き|記入して|ご入力|ご記入|お伝え)(?:ください|下さい|いただけ|ほしい|頂け)';
const ASKS_FOR_PERSONAL_DATA = new RegExp(`${PERSONAL}[^。\\n]{0,12}?${ASKING}`);
// The same in English: a request to give one's own data ("enter your insurance number"), not a
// warning not to ("do not type personal information such as your name").
const ASKS_IN_ENGLISH =
  /\b(?:enter|type|give|send|tell us|tell me|provide|share|write)\s+(?:us\s+|me\s+)?your\s+(?:full\s+)?(?:name|number|insurance|card|phone|date of birth|birthday|address|account|pin|my number|e-mail)/i;

describe('what the bot says', () => {
  const texts = everyText();

  it('covers every text in the data', () => {
    expect(texts.length).toBeGreaterThan(60);
  });

  it.each(texts.map((text) => [text.slice(0, 40), text]))('never asks for personal data: %s', (_short, text) => {
    expect(text).not.toMatch(ASKS_FOR_PERSONAL_DATA);
    expect(text).not.toMatch(ASKS_IN_ENGLISH);
  });

  it('recognises a request for personal data when there is one', () => {
    for (const bad of [
      '保険証の番号を教えてください',
      'お名前をご入力ください',
      '生年月日を入力してください',
      '電話番号をお知らせください',
    ]) {
      expect(bad).toMatch(ASKS_FOR_PERSONAL_DATA);
    }
    for (const bad of ['Please enter your insurance card number', 'Tell us your date of birth', 'Send your name and address']) {
      expect(bad).toMatch(ASKS_IN_ENGLISH);
    }
    expect('Please do not type personal information such as your name').not.toMatch(ASKS_IN_ENGLISH);
    // Telling people NOT to type it, or to have their card ready for the call center, is fine.
    expect('お名前などの個人情報は入力しないでください').not.toMatch(ASKS_FOR_PERSONAL_DATA);
  });

  it('scans the official FAQ text the answers come from', () => {
    expect(fs.existsSync(path.join(INTENTS_DIR, 'official-faq.txt'))).toBe(true);
  });
});
