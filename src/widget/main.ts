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
import { createChat } from './chat';
import { createComposer } from './composer';
import { createDeletion } from './deletion';
import { cls, el } from './dom';
import { apiEndpoint } from './endpoint';
import { createPanel } from './panel';
import { createQuickReplies } from './quick-replies';
import { createState } from './state';
import { TEXT } from './text';
import { createTranscript } from './transcript';

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

function mountWidget(script: HTMLScriptElement): void {
  const scriptUrl = script.src || location.href;
  const endpoint = apiEndpoint(script.getAttribute('data-api'), scriptUrl);
  const state = createState();

  const quick = createQuickReplies();
  const transcript = createTranscript(quick.group);
  const composer = createComposer(() => chat.submitText());
  const setBusy = (busy: boolean, status?: string) => {
    state.busy = busy;
    composer.setBusy(busy);
    transcript.setStatus(busy ? status || TEXT.preparing : null);
    for (const node of quick.buttons().concat(deletion.buttons())) {
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
    setBusy,
    offerDeletion: () => deletion.offer(),
    finishDeletionInWords: (session) => deletion.finishInWords(session),
  });

  const root = el('div', cls('root'));
  root.hidden = true;
  // Japanese line breaking (never before ー or small kana) and glyphs, on a page in any language
  root.setAttribute('lang', 'ja');
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
