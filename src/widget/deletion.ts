/**
 * 「この会話を削除」: an inline confirmation (never window.confirm: it can be blocked, and it
 * leaves the widget's own large text and focus handling behind), then DELETE /api/chat/session
 * for every session the transcript spans, then a cleared transcript and a fresh start offered.
 * A deletion confirmed in words (「削除する」 pressed in the chat) ends here too.
 */
import { append, button, cls, el } from './dom';
import { renderError, renderInfo } from './messages';
import type { Composer } from './composer';
import type { QuickReplies } from './quick-replies';
import type { WidgetState } from './state';
import type { Words } from './text';
import type { Transcript } from './transcript';
import { requestJson } from './transport';
import type { Wording } from './wording';

export interface DeletionContext {
  readonly state: WidgetState;
  readonly sessionEndpoint: string;
  readonly transcript: Transcript;
  readonly quick: QuickReplies;
  readonly composer: Composer;
  readonly wording: Wording;
  setBusy(busy: boolean, status?: string): void;
  /** Starts a new conversation (the greeting). */
  restart(): void;
}

export interface Deletion {
  readonly manage: HTMLDivElement;
  /** The buttons marked aria-disabled while a request is in flight. */
  buttons(): HTMLButtonElement[];
  /** The server holds something the person said: show 「この会話を削除」. */
  offer(): void;
  hideConfirm(): void;
  /** The server deleted `deletedSession` on 「削除する」 in words; delete the page's earlier ones too. */
  finishInWords(deletedSession: string | null): Promise<void>;
}

/** DELETE /api/chat/session for each id in turn; resolves to '' on success, else the message to show. */
function forgetOnServer(sessionEndpoint: string, ids: readonly string[], words: Words): Promise<string> {
  return ids.reduce<Promise<string>>(
    (previous, id) =>
      previous.then((failure) => {
        if (failure) return failure;
        return requestJson('DELETE', sessionEndpoint, { session: id }).then((result) => {
          if (result.networkError) return words.deleteNetworkError;
          // 200 also when the server had already forgotten it (expired, or deleted before)
          return result.ok ? '' : words.deleteFailed;
        });
      }),
    Promise.resolve(''),
  );
}

export function createDeletion(context: DeletionContext): Deletion {
  const { state, transcript, quick, composer, wording } = context;
  const input = composer.input;
  // Something the person said is on the server (not only the greeting): there is something to delete.
  let offered = false;
  const manage = el('div', cls('manage'));
  const deleteButton = button(cls('delete'));
  deleteButton.setAttribute('aria-controls', cls('confirm'));
  deleteButton.setAttribute('aria-expanded', 'false');
  deleteButton.hidden = true; // shown once the person has said something (offer)
  const confirmBox = el('div', cls('confirm'));
  confirmBox.id = cls('confirm');
  confirmBox.setAttribute('role', 'group');
  confirmBox.setAttribute('aria-labelledby', cls('confirm-text'));
  confirmBox.setAttribute('aria-describedby', cls('confirm-hint'));
  confirmBox.hidden = true;
  const confirmText = el('p', cls('confirm-text'));
  confirmText.id = cls('confirm-text');
  const confirmHint = el('p', cls('confirm-hint'));
  confirmHint.id = cls('confirm-hint');
  const confirmRow = el('div', cls('confirm-row'));
  const confirmYes = button(cls('confirm-yes'));
  const confirmNo = button(cls('confirm-no'));
  append(confirmRow, confirmYes, confirmNo);
  append(confirmBox, confirmText, confirmHint, confirmRow);
  append(manage, deleteButton, confirmBox);
  manage.hidden = true;
  wording.bind((words) => {
    deleteButton.textContent = words.deleteButton;
    confirmText.textContent = words.deleteConfirm;
    confirmHint.textContent = words.deleteConfirmHint;
    confirmYes.textContent = words.deleteYes;
    confirmNo.textContent = words.deleteNo;
  });

  function showConfirm(): void {
    if (state.busy) return;
    confirmBox.hidden = false;
    manage.classList.add(cls('manage-open'));
    deleteButton.hidden = true;
    deleteButton.setAttribute('aria-expanded', 'true');
    // the safe choice first: Enter pressed by habit must not delete
    confirmNo.focus();
  }

  function hideConfirm(): void {
    confirmBox.hidden = true;
    manage.classList.remove(cls('manage-open'));
    deleteButton.hidden = !offered;
    deleteButton.setAttribute('aria-expanded', 'false');
  }

  function cancelConfirm(): void {
    if (state.busy) return;
    hideConfirm();
    (deleteButton.hidden ? input : deleteButton).focus();
  }

  function clearTranscript(): void {
    transcript.clear();
    state.session = null;
    state.transcriptSessions = [];
    state.started = false;
    offered = false;
    composer.setValue('');
    hideConfirm();
    manage.hidden = true;
  }

  /** The conversation is deleted on the server: clear it here and offer a fresh start. */
  function showDeleted(): void {
    clearTranscript();
    transcript.append(renderInfo(wording.words().deleted, cls('icon-done'), '✓'));
    // a fresh start is offered, not made: starting it would log a new conversation at once
    quick.show([{ label: wording.words().restart, payload: 'start' }], () => {
      if (!state.busy) context.restart();
    });
    transcript.appendChoices();
    (quick.first() || input).focus({ preventScroll: true });
    transcript.scrollToTop();
  }

  function showFailure(message: string): void {
    // nothing is cleared: the visitor still sees what was not deleted, and can try again
    hideConfirm();
    deleteButton.focus();
    const node = transcript.append(renderError(message, wording.words()));
    transcript.appendChoices();
    transcript.scrollToShow(node);
  }

  function deleteConversation(): void {
    if (state.busy) return;
    context.setBusy(true, wording.words().deleting);
    forgetOnServer(context.sessionEndpoint, state.transcriptSessions.slice(), wording.words())
      .then((failure) => {
        context.setBusy(false);
        if (failure) showFailure(failure);
        else showDeleted();
      })
      .catch(() => {
        context.setBusy(false);
        showFailure(wording.words().deleteFailed);
      });
  }

  function finishInWords(deletedSession: string | null): Promise<void> {
    const earlier = state.transcriptSessions.filter((id) => id !== deletedSession);
    context.setBusy(true, wording.words().deleting);
    return forgetOnServer(context.sessionEndpoint, earlier, wording.words()).then((failure) => {
      context.setBusy(false);
      if (!failure) {
        showDeleted();
        return;
      }
      // This session is gone, the earlier ones are not: say exactly that, drop the buttons
      // that asked about it, and leave 「この会話を削除」 to try the rest again.
      state.transcriptSessions = earlier;
      state.session = null;
      quick.show([], () => undefined);
      hideConfirm();
      const words = wording.words();
      transcript.scrollToShow(transcript.append(renderError(words.deletedPartly, words)));
    });
  }

  deleteButton.addEventListener('click', showConfirm);
  confirmNo.addEventListener('click', cancelConfirm);
  confirmYes.addEventListener('click', deleteConversation);
  confirmBox.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' && event.key !== 'Esc') return;
    // Escape here backs out of the question only; the panel stays open
    event.preventDefault();
    event.stopPropagation();
    cancelConfirm();
  });

  return {
    manage,
    buttons: () => [deleteButton, confirmYes, confirmNo],
    offer() {
      offered = true;
      manage.hidden = false;
      deleteButton.hidden = !confirmBox.hidden;
    },
    hideConfirm,
    finishInWords,
  };
}
