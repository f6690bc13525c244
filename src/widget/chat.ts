/**
 * A conversation with the chat API: the greeting, typed questions and pressed quick replies go
 * out with the session; each reply is shown (answers, notices, the call center, new choices) or
 * a failure is explained in Japanese, and nothing typed is lost.
 */
import type { QuickReply } from '../core/reply-shape';
import { renderCallCenter } from './call-center';
import type { Composer } from './composer';
import { cls } from './dom';
import { coarsePointer } from './media';
import { isScamWarning, renderBotMessage, renderError, renderInfo, renderUserMessage } from './messages';
import type { QuickReplies } from './quick-replies';
import type { WidgetState } from './state';
import { MAX_TEXT, TEXT } from './text';
import type { Transcript } from './transcript';
import { type ChatReply, errorMessageOf, readChatReply } from './chat-reply';
import { requestJson } from './transport';

export interface ChatContext {
  readonly state: WidgetState;
  readonly endpoint: string;
  readonly panel: HTMLElement;
  readonly transcript: Transcript;
  readonly quick: QuickReplies;
  readonly composer: Composer;
  setBusy(busy: boolean, status?: string): void;
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
}

interface Outgoing {
  readonly text?: string;
  readonly payload?: string;
  /** The person's message as shown in the log, for scrolling. */
  readonly question?: HTMLElement;
}

export function createChat(context: ChatContext): Chat {
  const { state, transcript, quick, composer } = context;
  const input = composer.input;

  function rememberSession(id: string): void {
    state.session = id;
    if (state.transcriptSessions.indexOf(id) === -1) state.transcriptSessions.push(id);
  }

  function showFailure(message: string): false {
    const node = transcript.append(renderError(message));
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
    const nodes = reply.messages.map((message) => transcript.append(renderBotMessage(message)));
    transcript.appendChoices();
    quick.show(reply.quickReplies, chooseQuickReply);
    const card = reply.callCenter ? transcript.append(renderCallCenter(reply.callCenter)) : null;
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
        if (result.networkError) return showFailure(TEXT.networkError);
        const reply = result.ok ? readChatReply(result.data) : null;
        if (!reply) return showFailure(errorMessageOf(result.data) ?? TEXT.serverError);
        if (reply.conversationDeleted) {
          void context.finishDeletionInWords(reply.session);
          return true;
        }
        if (reply.session) rememberSession(reply.session);
        state.started = true; // a conversation is under way: reopening must not greet again
        // The session we sent had expired: say so, or a follow-up answered afresh would puzzle.
        if (reply.sessionRenewed) transcript.append(renderInfo(TEXT.renewed, cls('icon-info'), 'i'));
        showReply(reply, outgoing.question);
        // something the person said is on the server now (not only the greeting): it can be deleted
        if (outgoing.question) context.offerDeletion();
        return true;
      })
      .catch(() => {
        context.setBusy(false);
        return showFailure(TEXT.serverError);
      });
  }

  /** After a failed payload request with nothing left to press, offer to try it again. */
  function offerRetry(payload: string): void {
    if (quick.first()) return;
    // the retry button sends quietly: the visitor did not ask anything new
    quick.show([{ label: TEXT.retry, payload }], () => {
      if (!state.busy) void sendPayload(payload);
    });
  }

  function sendPayload(payload: string): Promise<boolean> {
    return send({ payload }).then((ok) => {
      if (payload === 'start' && ok) state.started = true;
      if (!ok) offerRetry(payload);
      return ok;
    });
  }

  function start(): void {
    if (state.started || state.busy) return;
    quick.show([], chooseQuickReply);
    void sendPayload('start');
  }

  function chooseQuickReply(reply: QuickReply): void {
    if (state.busy) return;
    const question = transcript.append(renderUserMessage(reply.label));
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
    const question = transcript.append(renderUserMessage(text));
    transcript.scrollToEnd();
    void send({ text, question }).then((ok) => {
      if (!ok && !input.value) composer.setValue(text); // nothing typed is lost on a failure
    });
  }

  return { start, submitText };
}
