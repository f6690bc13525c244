/*!
 * 協会けんぽ 不審通信 FAQ チャット（自動応答）ウィジェット
 *
 * Embed with one tag:   <script src="/widget.js" defer></script>
 * Optional attribute:   data-api="https://bot.example.jp"  (where /api/chat lives; default: this script's origin)
 *
 * The visitor can delete the conversation (「この会話を削除」): the widget asks DELETE
 * /api/chat/session to forget every session the transcript spans, then clears the transcript.
 *
 * Safe on a public page: nothing the visitor types or the server sends is ever parsed as HTML.
 * Every text goes in through textContent, links are built only from a checked phone number,
 * and there is no inline <style> or style attribute, so it runs under a strict CSP
 * (default-src 'self') when the widget and the page share an origin.
 */
(function () {
  'use strict';

  // Must be read now: document.currentScript is null once this first run is over.
  var script = document.currentScript || document.querySelector('script[src$="widget.js"]');
  if (!script || document.querySelector('.kfq-root')) return;

  var PREFIX = 'kfq';
  var MAX_TEXT = 500;
  var REQUEST_TIMEOUT_MS = 20000;
  var TEXT = {
    launcher: 'チャットで質問する',
    title: '不審通信に関するご質問',
    subtitle: '協会けんぽ 自動応答チャット',
    close: '閉じる',
    closeLabel: 'チャットを閉じる',
    standing: 'お名前・保険証の記号番号・電話番号などの個人情報は入力しないでください',
    logLabel: '会話の記録',
    scrollLabel: 'チャットの会話と選択肢',
    quickLabel: '質問の候補',
    inputLabel: 'ご質問を入力してください（500文字まで）',
    placeholder: '例：情報は漏れたのですか',
    send: '送信',
    preparing: '回答を準備しています…',
    bot: '自動応答：',
    you: 'あなた：',
    warningTitle: 'ご注意ください',
    privacyTitle: '個人情報について',
    errorTitle: 'お知らせ',
    callCenterTitle: 'お問い合わせ先',
    callCenterName: '窓口',
    callCenterPhone: '電話番号',
    callCenterHours: '受付時間',
    retry: 'もう一度試す',
    networkError: '通信できませんでした。インターネットへの接続を確かめて、もう一度お試しください。',
    serverError: '申し訳ございません。ただいま応答できません。しばらくしてからお試しください。',
    renewed: 'しばらく時間がたったため、ここからは新しい会話としてお答えします。前のやりとりは引き継がれません。',
    deleteButton: 'この会話を削除',
    deleteConfirm: 'この会話を削除しますか？',
    deleteConfirmHint: '画面のやりとりと、記録として残っている内容が消えます。元に戻すことはできません。',
    deleteYes: '削除する',
    deleteNo: 'やめる',
    deleting: '会話を削除しています…',
    deleted: '会話を削除しました。',
    restart: 'はじめから質問する',
    deleteFailed: '会話を削除できませんでした。会話は残っています。しばらくしてから、もう一度お試しください。',
    deleteNetworkError: '通信できなかったため、会話を削除できませんでした。インターネットへの接続を確かめて、もう一度お試しください。',
    deletedPartly:
      'いまの会話は削除しましたが、それより前のやりとりを削除できませんでした。「この会話を削除」から、もう一度お試しください。',
  };

  var scriptUrl = script.src || location.href;
  var endpoint = apiEndpoint();
  var sessionEndpoint = endpoint + '/session';

  // ---- small DOM helpers (textContent only) -------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function cls(name) {
    return PREFIX + '-' + name;
  }

  function srOnly(text) {
    return el('span', cls('sr'), text);
  }

  function apiEndpoint() {
    var base = script.getAttribute('data-api');
    try {
      if (base) {
        var url = new URL(base, scriptUrl);
        if (url.protocol === 'https:' || url.protocol === 'http:') {
          return url.origin + url.pathname.replace(/\/*$/, '/') + 'api/chat';
        }
      }
      return new URL('/api/chat', scriptUrl).href;
    } catch (_error) {
      return '/api/chat';
    }
  }

  // ---- build the widget -------------------------------------------------------------------

  var root = el('div', cls('root'));
  root.hidden = true; // shown once widget.css has loaded, so it never flashes unstyled

  var stylesheet = document.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = new URL('widget.css', scriptUrl).href;
  stylesheet.onload = stylesheet.onerror = function () {
    root.hidden = false;
  };
  (document.head || document.documentElement).appendChild(stylesheet);

  var launcher = el('button', cls('launcher'));
  launcher.type = 'button';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', cls('panel'));
  var launcherIcon = el('span', cls('launcher-icon'));
  launcherIcon.setAttribute('aria-hidden', 'true');
  launcher.appendChild(launcherIcon);
  launcher.appendChild(el('span', cls('launcher-text'), TEXT.launcher));

  var panel = el('div', cls('panel'));
  panel.id = cls('panel');
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', cls('title') + ' ' + cls('subtitle'));
  panel.setAttribute('aria-describedby', cls('standing'));

  var header = el('div', cls('header'));
  var heading = el('div', cls('heading'));
  var title = el('h2', cls('title'), TEXT.title);
  title.id = cls('title');
  title.tabIndex = -1;
  var subtitle = el('p', cls('subtitle'), TEXT.subtitle);
  subtitle.id = cls('subtitle');
  heading.appendChild(title);
  heading.appendChild(subtitle);
  var closeButton = el('button', cls('close'));
  closeButton.type = 'button';
  closeButton.setAttribute('aria-label', TEXT.closeLabel);
  var closeIcon = el('span', cls('close-icon'), '×');
  closeIcon.setAttribute('aria-hidden', 'true');
  closeButton.appendChild(closeIcon);
  closeButton.appendChild(el('span', cls('close-text'), TEXT.close));
  header.appendChild(heading);
  header.appendChild(closeButton);

  var standing = el('p', cls('standing'));
  standing.id = cls('standing');
  standing.appendChild(icon(cls('icon-privacy'), '!'));
  standing.appendChild(el('span', cls('standing-text'), TEXT.standing));

  // The scrolling area holds the live log, the "preparing" indicator and the quick replies.
  var scroller = el('div', cls('scroller'));
  scroller.tabIndex = 0; // a scrollable region must be reachable by keyboard
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', TEXT.scrollLabel);

  var log = el('div', cls('log'));
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.setAttribute('aria-relevant', 'additions');
  log.setAttribute('aria-label', TEXT.logLabel);

  var status = el('p', cls('status'));
  status.setAttribute('role', 'status');
  var statusDots = el('span', cls('status-dots'));
  statusDots.setAttribute('aria-hidden', 'true');
  var statusText = el('span', cls('status-text'));
  status.appendChild(statusDots);
  status.appendChild(statusText);

  var quick = el('div', cls('quick'));
  quick.setAttribute('role', 'group');
  quick.setAttribute('aria-label', TEXT.quickLabel);
  quick.hidden = true;

  scroller.appendChild(log);
  scroller.appendChild(status);
  scroller.appendChild(quick);

  var form = el('form', cls('form'));
  form.setAttribute('novalidate', '');
  var label = el('label', cls('label'), TEXT.inputLabel);
  label.htmlFor = cls('input');
  var row = el('div', cls('row'));
  var input = el('input', cls('input'));
  input.id = cls('input');
  input.type = 'text';
  input.name = 'kfq-question';
  input.maxLength = MAX_TEXT;
  input.autocomplete = 'off';
  input.placeholder = TEXT.placeholder;
  input.setAttribute('enterkeyhint', 'send');
  var sendButton = el('button', cls('send'), TEXT.send);
  sendButton.type = 'submit';
  row.appendChild(input);
  row.appendChild(sendButton);
  form.appendChild(label);
  form.appendChild(row);

  // 「この会話を削除」 and its inline confirmation (never window.confirm: it can be blocked,
  // and it leaves the widget's own large text and focus handling behind).
  var manage = el('div', cls('manage'));
  var deleteButton = el('button', cls('delete'), TEXT.deleteButton);
  deleteButton.type = 'button';
  deleteButton.setAttribute('aria-label', TEXT.deleteButton);
  deleteButton.setAttribute('aria-controls', cls('confirm'));
  deleteButton.setAttribute('aria-expanded', 'false');
  deleteButton.hidden = true; // shown once there is a conversation on the server to delete
  var confirmBox = el('div', cls('confirm'));
  confirmBox.id = cls('confirm');
  confirmBox.setAttribute('role', 'group');
  confirmBox.setAttribute('aria-labelledby', cls('confirm-text'));
  confirmBox.setAttribute('aria-describedby', cls('confirm-hint'));
  confirmBox.hidden = true;
  var confirmText = el('p', cls('confirm-text'), TEXT.deleteConfirm);
  confirmText.id = cls('confirm-text');
  var confirmHint = el('p', cls('confirm-hint'), TEXT.deleteConfirmHint);
  confirmHint.id = cls('confirm-hint');
  var confirmRow = el('div', cls('confirm-row'));
  var confirmYes = el('button', cls('confirm-yes'), TEXT.deleteYes);
  confirmYes.type = 'button';
  var confirmNo = el('button', cls('confirm-no'), TEXT.deleteNo);
  confirmNo.type = 'button';
  confirmRow.appendChild(confirmYes);
  confirmRow.appendChild(confirmNo);
  confirmBox.appendChild(confirmText);
  confirmBox.appendChild(confirmHint);
  confirmBox.appendChild(confirmRow);
  manage.appendChild(deleteButton);
  manage.appendChild(confirmBox);
  manage.hidden = true;

  panel.appendChild(header);
  panel.appendChild(standing);
  panel.appendChild(scroller);
  panel.appendChild(form);
  panel.appendChild(manage);

  root.appendChild(launcher);
  root.appendChild(panel);

  // ---- state -----------------------------------------------------------------------------

  var session = null; // kept in memory only: the server hands out a new one when it expires
  // Every session this transcript spans: when one expires the server starts another, and
  // deleting "this conversation" must forget the earlier one's log entries too.
  var transcriptSessions = [];
  var busy = false;
  var started = false;
  var isOpen = false;

  // ---- rendering -------------------------------------------------------------------------

  function messageShell(who, extraClass) {
    var node = el('div', cls('msg') + ' ' + cls('msg-' + who) + (extraClass ? ' ' + extraClass : ''));
    node.appendChild(srOnly(who === 'user' ? TEXT.you : TEXT.bot));
    return node;
  }

  /** A decorative icon: screen readers skip it, the text beside it says the same. */
  function icon(iconClass, iconText) {
    var node = el('span', cls('icon') + ' ' + iconClass, iconText);
    node.setAttribute('aria-hidden', 'true');
    return node;
  }

  function noticeTitle(text, iconClass, iconText) {
    var heading = el('p', cls('notice-title'));
    heading.appendChild(icon(iconClass, iconText));
    heading.appendChild(el('span', null, text));
    return heading;
  }

  function renderBotMessage(message) {
    var text = message && typeof message.text === 'string' ? message.text : '';
    var node;
    if (message && message.kind === 'notice' && message.notice === 'scam_warning') {
      node = messageShell('bot', cls('notice') + ' ' + cls('warning'));
      node.setAttribute('role', 'alert');
      node.appendChild(noticeTitle(TEXT.warningTitle, cls('icon-warning'), '!'));
    } else if (message && message.kind === 'notice') {
      node = messageShell('bot', cls('notice') + ' ' + cls('privacy'));
      node.appendChild(noticeTitle(TEXT.privacyTitle, cls('icon-privacy'), 'i'));
    } else {
      node = messageShell('bot');
    }
    node.appendChild(el('p', cls('text'), text));
    return node;
  }

  function renderUserMessage(text) {
    var node = messageShell('user');
    node.appendChild(el('p', cls('text'), text));
    return node;
  }

  /** A short line from the widget itself (not an answer): the conversation was reset or deleted. */
  function renderInfo(text, iconClass, iconText) {
    var node = el('div', cls('info'));
    node.appendChild(icon(iconClass, iconText));
    node.appendChild(el('p', cls('text'), text));
    return node;
  }

  function renderError(text) {
    var node = messageShell('bot', cls('error'));
    node.appendChild(noticeTitle(TEXT.errorTitle, cls('icon-error'), '!'));
    node.appendChild(el('p', cls('text'), text));
    return node;
  }

  /** Only a plain number becomes a tel: link; anything else (e.g. a placeholder) stays text. */
  function telHref(phone) {
    var trimmed = phone.trim();
    if (!/^\+?[0-9][0-9\- ]{5,19}$/.test(trimmed)) return null;
    return 'tel:' + trimmed.replace(/[^0-9+]/g, '');
  }

  function renderCallCenter(callCenter) {
    var card = el('div', cls('callcenter'));
    card.appendChild(noticeTitle(TEXT.callCenterTitle, cls('icon-phone'), '☎'));
    var list = el('dl', cls('callcenter-list'));
    function item(term, value) {
      var group = el('div', cls('callcenter-item'));
      group.appendChild(el('dt', null, term));
      var description = el('dd');
      if (value instanceof Node) description.appendChild(value);
      else description.textContent = value;
      group.appendChild(description);
      list.appendChild(group);
    }
    var name = String(callCenter.name || '');
    var phone = String(callCenter.phone || '');
    var hours = String(callCenter.hours || '');
    if (name) item(TEXT.callCenterName, name);
    if (phone) {
      var href = telHref(phone);
      var phoneNode = el(href ? 'a' : 'span', cls('phone'), phone);
      if (href) phoneNode.href = href;
      item(TEXT.callCenterPhone, phoneNode);
    }
    if (hours) item(TEXT.callCenterHours, hours);
    card.appendChild(list);
    return card;
  }

  function renderQuickReplies(replies, onChoose) {
    var choose = onChoose || chooseQuickReply;
    while (quick.firstChild) quick.removeChild(quick.firstChild);
    replies.forEach(function (reply) {
      if (!reply || typeof reply.label !== 'string' || typeof reply.payload !== 'string') return;
      var button = el('button', cls('quick-btn'), reply.label);
      button.type = 'button';
      button.setAttribute('data-payload', reply.payload);
      button.addEventListener('click', function () {
        choose(reply);
      });
      quick.appendChild(button);
    });
    quick.hidden = quick.childNodes.length === 0;
  }

  function appendToLog(node) {
    log.appendChild(node);
    return node;
  }

  /** Shows `node` from its top (a long answer must be read from its beginning). */
  function scrollToShow(node) {
    if (!node) return;
    scroller.scrollTop = Math.max(0, node.offsetTop - 12);
  }

  /** Shows the answer from its top, with the question above it when both fit. */
  function scrollToAnswer(question, answer) {
    if (!answer) return;
    var fits = question && answer.offsetTop + answer.offsetHeight - question.offsetTop + 24 <= scroller.clientHeight;
    scrollToShow(fits ? question : answer);
  }

  function scrollToEnd() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  // ---- talking to the API ----------------------------------------------------------------

  function setBusy(value, statusMessage) {
    busy = value;
    sendButton.disabled = value;
    form.setAttribute('aria-busy', value ? 'true' : 'false');
    statusText.textContent = value ? statusMessage || TEXT.preparing : '';
    status.classList.toggle(cls('status-on'), value);
    var buttons = Array.prototype.slice.call(quick.querySelectorAll('button')).concat([deleteButton, confirmYes, confirmNo]);
    buttons.forEach(function (button) {
      // aria-disabled, not disabled: a focused button keeps its focus while we wait
      if (value) button.setAttribute('aria-disabled', 'true');
      else button.removeAttribute('aria-disabled');
    });
  }

  function errorText(data) {
    var message = data && data.error && typeof data.error.message === 'string' ? data.error.message : '';
    return message ? message.slice(0, 300) : TEXT.serverError;
  }

  /**
   * One JSON request with a timeout. Resolves to {ok, data} (data is null when the body is not
   * JSON) or to {networkError: true}; never rejects.
   */
  function requestJson(method, url, body) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller
      ? setTimeout(function () {
          controller.abort();
        }, REQUEST_TIMEOUT_MS)
      : 0;
    return fetch(url, {
      method: method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      signal: controller ? controller.signal : undefined,
    })
      .then(
        function (res) {
          return res
            .json()
            .catch(function () {
              return null;
            })
            .then(function (data) {
              return { ok: res.ok, data: data };
            });
        },
        function () {
          return { networkError: true };
        },
      )
      .then(function (result) {
        clearTimeout(timer);
        return result;
      });
  }

  function rememberSession(id) {
    session = id;
    if (transcriptSessions.indexOf(id) === -1) transcriptSessions.push(id);
    manage.hidden = false;
    deleteButton.hidden = !confirmBox.hidden;
  }

  /**
   * Sends {text} or {payload} with the session. Resolves to true when the reply was shown;
   * on any failure shows a Japanese message in the log and resolves to false (never throws).
   */
  function send(request) {
    setBusy(true);
    var body = {};
    if (request.text !== undefined) body.text = request.text;
    if (request.payload !== undefined) body.payload = request.payload;
    if (session) body.session = session;
    return requestJson('POST', endpoint, body)
      .then(function (result) {
        setBusy(false);
        var data = result.data;
        if (result.networkError) {
          scrollToShow(appendToLog(renderError(TEXT.networkError)));
          return false;
        }
        if (!result.ok || !data || !Array.isArray(data.messages)) {
          scrollToShow(appendToLog(renderError(errorText(data))));
          return false;
        }
        if (data.conversationDeleted === true) {
          finishDeletionInWords(data.session);
          return true;
        }
        if (typeof data.session === 'string' && data.session) rememberSession(data.session);
        started = true; // a conversation is under way: reopening must not greet again
        // The session we sent had expired: say so, or a follow-up answered afresh would puzzle.
        if (data.sessionRenewed === true) appendToLog(renderInfo(TEXT.renewed, cls('icon-info'), 'i'));
        showReply(data, request.question);
        return true;
      })
      .catch(function () {
        setBusy(false);
        scrollToShow(appendToLog(renderError(TEXT.serverError)));
        return false;
      });
  }

  function showReply(data, question) {
    var first = null;
    data.messages.forEach(function (message) {
      var node = appendToLog(renderBotMessage(message));
      first = first || node;
    });
    var callCenter = data.callCenter;
    if (callCenter && typeof callCenter === 'object') appendToLog(renderCallCenter(callCenter));
    renderQuickReplies(Array.isArray(data.quickReplies) ? data.quickReplies : []);
    scrollToAnswer(question, first);
  }

  /** After a failed payload request with nothing left to press, offer to try it again. */
  function offerRetry(payload) {
    if (quick.querySelector('button')) return;
    // the retry button sends quietly: the visitor did not ask anything new
    renderQuickReplies([{ label: TEXT.retry, payload: payload }], function () {
      if (!busy) sendPayload(payload);
    });
  }

  function sendPayload(payload) {
    return send({ payload: payload }).then(function (ok) {
      if (payload === 'start' && ok) started = true;
      if (!ok) offerRetry(payload);
      return ok;
    });
  }

  function start() {
    if (started || busy) return;
    renderQuickReplies([]);
    sendPayload('start');
  }

  function chooseQuickReply(reply) {
    if (busy) return;
    var question = appendToLog(renderUserMessage(reply.label));
    scrollToEnd();
    send({ payload: reply.payload, question: question }).then(function (ok) {
      // the pressed button is gone (replaced by the new choices): put focus somewhere useful
      if (!ok) return;
      if (!panel.contains(document.activeElement) || document.activeElement === document.body) {
        var next = quick.querySelector('button');
        (next || input).focus({ preventScroll: true });
      }
    });
  }

  function submitText() {
    var text = input.value.trim();
    input.focus();
    if (busy || !text) return;
    if (text.length > MAX_TEXT) text = text.slice(0, MAX_TEXT);
    input.value = '';
    var question = appendToLog(renderUserMessage(text));
    scrollToEnd();
    send({ text: text, question: question }).then(function (ok) {
      if (!ok && !input.value) input.value = text; // nothing typed is lost on a failure
    });
  }

  // ---- deleting the conversation ----------------------------------------------------------

  function showConfirm() {
    if (busy) return;
    confirmBox.hidden = false;
    deleteButton.hidden = true;
    deleteButton.setAttribute('aria-expanded', 'true');
    // the safe choice first: Enter pressed by habit must not delete
    confirmNo.focus();
  }

  function hideConfirm() {
    confirmBox.hidden = true;
    deleteButton.hidden = transcriptSessions.length === 0;
    deleteButton.setAttribute('aria-expanded', 'false');
  }

  function cancelConfirm() {
    if (busy) return;
    hideConfirm();
    (deleteButton.hidden ? input : deleteButton).focus();
  }

  /** DELETE /api/chat/session for each id in turn; resolves to '' on success, else the message to show. */
  function forgetOnServer(ids) {
    return ids.reduce(function (previous, id) {
      return previous.then(function (failure) {
        if (failure) return failure;
        return requestJson('DELETE', sessionEndpoint, { session: id }).then(function (result) {
          if (result.networkError) return TEXT.deleteNetworkError;
          // 200 also when the server had already forgotten it (expired, or deleted before)
          return result.ok ? '' : TEXT.deleteFailed;
        });
      });
    }, Promise.resolve(''));
  }

  function clearTranscript() {
    while (log.firstChild) log.removeChild(log.firstChild);
    session = null;
    transcriptSessions = [];
    started = false;
    input.value = '';
    hideConfirm();
    manage.hidden = true;
  }

  /** The conversation is deleted on the server: clear it here and offer a fresh start. */
  function showDeleted() {
    clearTranscript();
    appendToLog(renderInfo(TEXT.deleted, cls('icon-done'), '✓'));
    // a fresh start is offered, not made: starting it would log a new conversation at once
    renderQuickReplies([{ label: TEXT.restart, payload: 'start' }], function () {
      if (!busy) start();
    });
    var restart = quick.querySelector('button');
    (restart || input).focus({ preventScroll: true });
    scroller.scrollTop = 0;
  }

  /**
   * The visitor confirmed 「削除する」 in the chat itself: the server deleted the session it was
   * sent with; the earlier ones this page holds (an expired session renewed) go the same way.
   */
  function finishDeletionInWords(deletedSession) {
    var earlier = transcriptSessions.filter(function (id) {
      return id !== deletedSession;
    });
    setBusy(true, TEXT.deleting);
    return forgetOnServer(earlier).then(function (failure) {
      setBusy(false);
      if (failure) {
        // This session is gone, the earlier ones are not: say exactly that, drop the buttons
        // that asked about it, and leave 「この会話を削除」 to try the rest again.
        transcriptSessions = earlier;
        session = null;
        renderQuickReplies([]);
        hideConfirm();
        scrollToShow(appendToLog(renderError(TEXT.deletedPartly)));
        return;
      }
      showDeleted();
    });
  }

  function deleteConversation() {
    if (busy) return;
    setBusy(true, TEXT.deleting);
    forgetOnServer(transcriptSessions.slice())
      .then(function (failure) {
        setBusy(false);
        if (failure) {
          // nothing is cleared: the visitor still sees what was not deleted, and can try again
          hideConfirm();
          deleteButton.focus();
          scrollToShow(appendToLog(renderError(failure)));
          return;
        }
        showDeleted();
      })
      .catch(function () {
        setBusy(false);
        hideConfirm();
        deleteButton.focus();
        scrollToShow(appendToLog(renderError(TEXT.deleteFailed)));
      });
  }

  deleteButton.addEventListener('click', showConfirm);
  confirmNo.addEventListener('click', cancelConfirm);
  confirmYes.addEventListener('click', deleteConversation);
  confirmBox.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') return;
    // Escape here backs out of the question only; the panel stays open
    event.preventDefault();
    event.stopPropagation();
    cancelConfirm();
  });

  // ---- open, close, keyboard -------------------------------------------------------------

  function coarsePointer() {
    return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  }

  function fullScreen() {
    return typeof matchMedia === 'function' && matchMedia('(max-width: 600px)').matches;
  }

  function open(byKeyboard) {
    if (isOpen) return;
    isOpen = true;
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    document.documentElement.classList.add(cls('open'));
    // On a touch screen, focusing the input would pop the keyboard over the greeting.
    if (byKeyboard || !coarsePointer()) input.focus();
    else title.focus();
    start();
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    if (!busy) hideConfirm();
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    document.documentElement.classList.remove(cls('open'));
    launcher.focus();
  }

  function focusables() {
    return Array.prototype.filter.call(panel.querySelectorAll('button, input, a[href], [tabindex="0"]'), function (node) {
      return !node.disabled && node.getClientRects().length > 0;
    });
  }

  launcher.addEventListener('click', function (event) {
    open(event.detail === 0); // detail 0: activated by Enter/Space, not a pointer
  });
  closeButton.addEventListener('click', close);

  panel.addEventListener('keydown', function (event) {
    if (event.isComposing || event.keyCode === 229) return; // the IME owns this key
    if (event.key === 'Escape' || event.key === 'Esc') {
      event.preventDefault();
      close();
      return;
    }
    // Full screen on a phone the page behind is hidden: keep Tab inside the panel.
    if (event.key === 'Tab' && fullScreen()) {
      var items = focusables();
      if (items.length === 0) return;
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  input.addEventListener('keydown', function (event) {
    // Enter that confirms a kana-kanji conversion must not send the message.
    if (event.key === 'Enter' && (event.isComposing || event.keyCode === 229)) event.preventDefault();
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    submitText();
  });

  function mount() {
    document.body.appendChild(root);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
