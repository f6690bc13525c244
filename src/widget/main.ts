/**
 * 協会けんぽ 不審通信 FAQ チャット（自動応答）ウィジェット
 *
 * Embed with one tag:   <script src="/widget.js" defer></script>
 * Optional attribute:   data-api="https://bot.example.jp"  (where /api/chat lives; default: this script's origin)
 *
 * Safe on a public page: nothing the visitor types or the server sends is ever parsed as HTML.
 * Every text goes in through textContent, links are built only from a checked phone number,
 * and there is no inline <style> or style attribute, so it runs under a strict CSP
 * (default-src 'self') when the widget and the page share an origin.
 */

/*
 * The entry point of the bundle npm run build writes to public/widget.js (src/build/widget-bundle.ts):
 * find our own script tag, build the parts, wire them together, mount.
 *
 * The bundle is ES5 with no polyfills, so it keeps running wherever the page's fetch does
 * (Safari and iOS 10.3 up, Chrome 42, Firefox 39, Edge 14): use only ES5's built-ins plus
 * fetch, Promise and URL here (eslint.config.mjs names the common newer ones).
 */
import type { Language } from '../core/reply-shape';
import { createChat } from './chat';
import { createComposer } from './composer';
import { createDeletion } from './deletion';
import { cls, el } from './dom';
import { apiEndpoint } from './endpoint';
import { createFurigana } from './furigana';
import { type ChoiceStorage, createChoiceStore } from './furigana-choice';
import { createPanel } from './panel';
import { createQuickReplies } from './quick-replies';
import { createState } from './state';
import { createToolbar } from './toolbar';
import { createTranscript } from './transcript';
import { createWording } from './wording';

/** widget.css from wherever widget.js came from; the widget shows once it has loaded (never unstyled). */
function loadStylesheet(root: HTMLElement, scriptUrl: string): void {
  const stylesheet = document.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = new URL('widget.css', scriptUrl).href;
  stylesheet.onload = stylesheet.onerror = () => {
    root.hidden = false;
  };
  (document.head || document.documentElement).appendChild(stylesheet);
}

/** The page's localStorage, or null where merely reading it throws (a SecurityError when storage is blocked). */
function pageStorage(): ChoiceStorage | null {
  try {
    return window.localStorage || null;
  } catch {
    return null;
  }
}

function mountWidget(script: HTMLScriptElement): void {
  const scriptUrl = script.src || location.href;
  const endpoint = apiEndpoint(script.getAttribute('data-api'), scriptUrl);
  const state = createState();
  // the conversation starts in Japanese; a reply in English switches the widget's words (and ふりがな's default)
  const wording = createWording('ja');
  const furigana = createFurigana(createChoiceStore(pageStorage()), wording.language());
  const setLanguage = (language: Language) => {
    wording.set(language);
    furigana.setLanguage(language);
  };

  const quick = createQuickReplies(wording);
  const transcript = createTranscript(quick.group, wording);
  const composer = createComposer(() => chat.submitText(), wording);
  const toolbar = createToolbar({ wording, furigana, switchLanguage: (language) => chat.switchLanguage(language) });
  const setBusy = (busy: boolean, status?: string) => {
    state.busy = busy;
    composer.setBusy(busy);
    transcript.setStatus(busy ? status || wording.words().preparing : null);
    for (const node of quick.buttons().concat(deletion.buttons(), toolbar.busyButtons())) {
      // aria-disabled, not disabled: a focused button keeps its focus while we wait
      if (busy) node.setAttribute('aria-disabled', 'true');
      else node.removeAttribute('aria-disabled');
    }
  };
  const deletion = createDeletion({
    state,
    sessionEndpoint: `${endpoint}/session`,
    transcript,
    quick,
    composer,
    wording,
    setBusy,
    restart: () => chat.start(),
  });
  // under the input: あと○文字 and 「この会話を削除」 share one row (a compact bottom on phones)
  const footer = el('div', cls('footer'));
  footer.appendChild(composer.count);
  footer.appendChild(deletion.manage);
  const { launcher, panel } = createPanel(
    {
      state,
      wording,
      tools: toolbar.tools,
      input: composer.input,
      onOpen: () => chat.start(),
      onClose: () => {
        if (!state.busy) deletion.hideConfirm();
      },
    },
    [transcript.scroller, composer.form, footer],
  );
  const chat = createChat({
    state,
    endpoint,
    panel,
    transcript,
    quick,
    composer,
    wording,
    furigana,
    setBusy,
    setLanguage,
    offerDeletion: () => deletion.offer(),
    finishDeletionInWords: (session) => deletion.finishInWords(session),
  });

  const root = el('div', cls('root'));
  root.hidden = true;
  // The widget's own words in their language, on a page in any language. In Japanese this also
  // gives Japanese line breaking (never before ー or small kana) and glyphs; in English, each
  // Japanese text (the official answers) carries lang="ja" itself (wording.ts markLanguage).
  wording.bind((_words, language) => root.setAttribute('lang', language));
  root.appendChild(launcher);
  root.appendChild(panel);
  loadStylesheet(root, scriptUrl);
  const mount = () => document.body.appendChild(root);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
}

// Must be read now: document.currentScript is null once this first run is over.
const script =
  (document.currentScript as HTMLScriptElement | null) || document.querySelector<HTMLScriptElement>('script[src$="widget.js"]');
if (script && !document.querySelector(`.${cls('root')}`)) mountWidget(script);
