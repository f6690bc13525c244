/**
 * A conversation with the chat API: the greeting, typed questions, pressed quick replies and the
 * language switch go out with the session; each reply sets the widget's language (its `language`)
 * and is shown (answers and notices with their ふりがな, the official text's date, the call
 * center, new choices), or a failure is explained in the widget's language, and nothing typed is lost.
 */
import type { Language, QuickReply } from '../core/reply-shape';
import { renderCallCenter } from './call-center';
import type { Composer } from './composer';
import { cls } from './dom';
import type { Furigana } from './furigana';
import { coarsePointer } from './media';
import { isScamWarning, renderBotMessage, renderError, renderInfo, renderUserMessage } from './messages';
import type { QuickReplies } from './quick-replies';
import type { WidgetState } from './state';
import { MAX_TEXT } from './text';
import type { Transcript } from './transcript';
import { type ChatReply, errorMessageOf, readChatReply } from './chat-reply';
import { requestJson } from './transport';
import type { Wording } from './wording';

export interface ChatContext {
  readonly state: WidgetState;
  readonly endpoint: string;
  readonly panel: HTMLElement;
  readonly transcript: Transcript;
  readonly quick: QuickReplies;
  readonly composer: Composer;
  readonly wording: Wording;
  readonly furigana: Furigana;
  setBusy(busy: boolean, status?: string): void;
  /** A reply said which language the bot's own words are in: the widget's follow. */
  setLanguage(language: Language): void;
  /** The server holds something the person said: offer to delete it. */
  offerDeletion(): void;
  /** The reply says the conversation was deleted (「削除する」 in words). */
  finishDeletionInWords(deletedSession: string | null): Promise<void>;
}

export interface Chat {
  /** Greets, once per conversation. */
  start(): void;
  /** Sends what is in the input. */
  submitText(): void;
  /** Asks for the bot's own words in `language` (lang:en, lang:ja). */
  switchLanguage(language: Language): void;
}

interface Outgoing {
  readonly text?: string;
  readonly payload?: string;
  /** The person's message as shown in the log, for scrolling. */
  readonly question?: HTMLElement;
}

export function createChat(context: ChatContext): Chat {
  const { state, transcript, quick, composer, wording, furigana } = context;
  const input = composer.input;

  function rememberSession(id: string): void {
    state.session = id;
    if (state.transcriptSessions.indexOf(id) === -1) state.transcriptSessions.push(id);
  }

  function showFailure(message: string): false {
    const node = transcript.append(renderError(message, wording.words()));
    transcript.appendChoices(); // what could be pressed before still can, below the error
    transcript.scrollToShow(node);
    return false;
  }

  /**
   * The reply's messages, then its choices, then its call-center card. After the scam warning the
   * warning's first line and the next step (the first choice, or the card) are scrolled into
   * view together, and on a touch screen the on-screen keyboard is put away (it would cover them).
   */
  function showReply(reply: ChatReply, question: HTMLElement | undefined): void {
    const view = { words: wording.words(), furigana, asOfNote: reply.asOfNote };
    const nodes = reply.messages.map((message) => transcript.append(renderBotMessage(message, view)));
    transcript.appendChoices();
    quick.show(reply.quickReplies, chooseQuickReply);
    const card = reply.callCenter ? transcript.append(renderCallCenter(reply.callCenter, view.words)) : null;
    const first = nodes[0];
    if (!first) return;
    const warning = isScamWarning(reply.messages[0]!);
    const next = quick.first() || card || nodes[nodes.length - 1]!;
    transcript.scrollToReply(question ?? null, first, warning ? next : first);
    if (warning && coarsePointer() && document.activeElement === input) {
      const choice = quick.first();
      if (choice) choice.focus({ preventScroll: true });
      else input.blur();
    }
  }

  /** Resolves to true when the reply was shown; on any failure shows why in the log and resolves to false (never rejects). */
  function send(outgoing: Outgoing): Promise<boolean> {
    context.setBusy(true);
    const body: { text?: string; payload?: string; session?: string } = {};
    if (outgoing.text !== undefined) body.text = outgoing.text;
    if (outgoing.payload !== undefined) body.payload = outgoing.payload;
    if (state.session) body.session = state.session;
    return requestJson('POST', context.endpoint, body)
      .then((result) => {
        context.setBusy(false);
        const words = wording.words();
        if (result.networkError) return showFailure(words.networkError);
        const reply = result.ok ? readChatReply(result.data) : null;
        if (!reply) return showFailure(errorMessageOf(result.data, wording.language()) ?? words.serverError);
        context.setLanguage(reply.language);
        if (reply.conversationDeleted) {
          void context.finishDeletionInWords(reply.session);
          return true;
        }
        if (reply.session) rememberSession(reply.session);
        state.started = true; // a conversation is under way: reopening must not greet again
        // The session we sent had expired: say so, or a follow-up answered afresh would puzzle.
        if (reply.sessionRenewed) transcript.append(renderInfo(wording.words().renewed, cls('icon-info'), 'i'));
        // something the person said is on the server now (not only the greeting): it can be
        // deleted. Offered before the reply is shown: the button takes height from the
        // conversation, and the reply's scroll is planned on the height that is left.
        if (outgoing.question) context.offerDeletion();
        showReply(reply, outgoing.question);
        return true;
      })
      .catch(() => {
        context.setBusy(false);
        return showFailure(wording.words().serverError);
      });
  }

  /** After a failed payload request with nothing left to press, offer to try it again. */
  function offerRetry(payload: string): void {
    if (quick.first()) return;
    // the retry button sends quietly: the visitor did not ask anything new
    quick.show([{ label: wording.words().retry, payload }], () => {
      if (!state.busy) void sendPayload(payload);
    });
  }

  function sendPayload(payload: string): Promise<boolean> {
    return send({ payload }).then((ok) => {
      if (!ok) offerRetry(payload);
      return ok;
    });
  }

  function start(): void {
    if (state.started || state.busy) return;
    quick.show([], chooseQuickReply);
    // after a deletion, a person reading English starts again in English (lang:en greets with the questions)
    void sendPayload(wording.language() === 'en' ? languagePayload('en') : 'start');
  }

  function switchLanguage(language: Language): void {
    if (state.busy) return;
    // not the person's words: nothing is echoed in the log, and there is nothing new to delete
    void send({ payload: languagePayload(language) });
  }

  function chooseQuickReply(reply: QuickReply): void {
    if (state.busy) return;
    const question = transcript.append(renderUserMessage(reply.label, wording.words()));
    transcript.scrollToEnd();
    void send({ payload: reply.payload, question }).then((ok) => {
      // the pressed button is gone (replaced by the new choices): put focus somewhere useful
      if (!ok) return;
      const active = document.activeElement;
      if (!context.panel.contains(active) || active === document.body) (quick.first() || input).focus({ preventScroll: true });
    });
  }

  function submitText(): void {
    let text = input.value.trim();
    input.focus();
    if (state.busy || !text) return;
    if (text.length > MAX_TEXT) text = text.slice(0, MAX_TEXT);
    composer.setValue('');
    const question = transcript.append(renderUserMessage(text, wording.words()));
    transcript.scrollToEnd();
    void send({ text, question }).then((ok) => {
      if (!ok && !input.value) composer.setValue(text); // nothing typed is lost on a failure
    });
  }

  return { start, submitText, switchLanguage };
}

/** The payload that switches the bot's own words (src/core/payloads.ts). */
function languagePayload(language: Language): string {
  return `lang:${language}`;
}
