import fs from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Request,
  type Route,
} from 'playwright-core';
import { loadConfig } from '../../src/data/load-config';
import { sessionKey } from '../../src/state/conversation-log';
import type { RunningServer } from '../../src/server/start';
import { startTestServer } from '../helpers/server';

/**
 * The public chat widget (public/widget.js) in a real browser: Debian's chromium, driven by
 * playwright-core, against the real server and engine. The demo page is served with a strict
 * Content-Security-Policy so any inline script or style in the page or the widget shows up as
 * a violation. Run `npm run -s build` first (it prepares the dictionary the engine loads).
 *
 * Screenshots of the open widget go to test-artifacts/ on every run (widget.png, and after the
 * scam warning widget-phone-warning.png at 360×740 and widget-desktop-warning.png at 1280×800);
 * with UPDATE_DOCS_SCREENSHOT=1 they are also written to docs/ (the README's pictures).
 */

jest.setTimeout(60_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CSP = "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'none'; frame-ancestors 'none'";
const ROOT = path.join(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 860 }, locale: 'ja-JP' };
const DESKTOP_800: BrowserContextOptions = { ...DESKTOP, viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'ja-JP',
};

const TITLE = '不審通信に関するご質問 協会けんぽ 自動応答チャット';
const GREETING = 'よくあるご質問にお答えする自動応答です';
const Q1_ANSWER = '協会加入者の個人情報の漏えいは確認されていません';
const TOLD_INFO_ANSWER = '伝えてしまった内容を、ご自身のメモに書き留めておいてください';

// What the callbacks run inside the page can see (the project's tsconfig has no DOM library).
interface PageElement {
  getBoundingClientRect(): { left: number; right: number; width: number };
  tagName: string;
  className: unknown;
}
interface PageText {
  readonly data: string;
}
interface PageRange {
  setStart(node: PageText, offset: number): void;
  setEnd(node: PageText, offset: number): void;
  getClientRects(): ArrayLike<{ top: number; height: number }>;
}
interface PageGlobals {
  __pwned?: unknown;
  navigator: { clipboard: { writeText(text: string): Promise<void> } };
  __cspViolations: string[];
  innerWidth: number;
  document: {
    activeElement: unknown;
    documentElement: { scrollWidth: number; clientWidth: number };
    addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
    querySelectorAll(selector: string): Iterable<PageElement>;
    querySelector(selector: string): unknown;
    createRange(): PageRange;
    createTreeWalker(root: unknown, whatToShow: number): { nextNode(): PageText | null };
  };
}
declare const window: PageGlobals;
declare function getComputedStyle(element: unknown): { fontSize: string; position: string };

interface Watched {
  page: Page;
  dialogs: string[];
  pageErrors: string[];
}

let browser: Browser;
let server: RunningServer;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // startServer on port 0, via the shared helper (its own data directory, quiet logs). Every
  // test's browser comes from 127.0.0.1, so together they would pass the per-address rate limit
  // (test/server/operations.test.ts covers it); here it is raised out of the way.
  const config = loadConfig({});
  server = await startTestServer({
    config: { ...config, server: { ...config.server, rateLimit: { maxRequests: 1000, perSessionMaxRequests: 1000, windowSeconds: 60 } } },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const isChatRequest = (request: Request) => request.url() === `${server.url}/api/chat` && request.method() === 'POST';
const isForgetRequest = (request: Request) => request.url() === `${server.url}/api/chat/session` && request.method() === 'DELETE';

/** Opens the demo page under a strict CSP, recording dialogs, page errors and CSP violations. */
async function openDemo(options: BrowserContextOptions = DESKTOP): Promise<Watched> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    window.document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.route(`${server.url}/`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  const response = await page.goto(`${server.url}/`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe(CSP);
  await page.locator('.kfq-launcher').waitFor({ state: 'visible' });
  return { page, dialogs, pageErrors };
}

/** The page stayed clean: no alert/confirm/prompt, no uncaught error, nothing the CSP blocked. */
async function expectClean({ page, dialogs, pageErrors }: Watched): Promise<void> {
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
}

const launcher = (page: Page) => page.getByRole('button', { name: 'チャットで質問する' });
const panel = (page: Page) => page.getByRole('dialog', { name: TITLE });
const log = (page: Page) => page.getByRole('log');
const input = (page: Page) => page.getByLabel('ご質問を入力してください（500文字まで）');
const botMessage = (page: Page, text: string) => log(page).locator('.kfq-msg-bot', { hasText: text });
const userMessage = (page: Page, text: string) => log(page).locator('.kfq-msg-user', { hasText: text });
const isFocused = (page: Page, locator: ReturnType<Page['locator']>) =>
  locator.evaluate((element) => element === window.document.activeElement);
const deleteButton = (page: Page) => panel(page).getByRole('button', { name: 'この会話を削除' });
const confirmGroup = (page: Page) => panel(page).getByRole('group', { name: /この会話を削除しますか/ });
const DELETED = '会話を削除しました。';
const RENEWED = 'ここからは新しい会話としてお答えします';

/** What the server still holds of a session: its state, and its rows in the conversation log. */
async function serverMemory(session: string): Promise<{ live: boolean; loggedTurns: number }> {
  const bot = server.bot()!;
  const rows = (await bot.conversationLog.between(0, Date.now() + 60_000)).filter((turn) => turn.session === sessionKey(session));
  return { live: await bot.hub.hasSession(session), loggedTurns: rows.length };
}

/** Waits until no request is in flight (the send button is enabled again). */
async function idle(page: Page): Promise<void> {
  await page.locator('.kfq-send:not([disabled])').waitFor();
}

async function openByClick(page: Page): Promise<void> {
  await launcher(page).click();
  await panel(page).waitFor({ state: 'visible' });
  await botMessage(page, GREETING).waitFor();
  await idle(page);
}

/** The question box in either language (input(page) finds it by its Japanese label). */
const questionBox = (page: Page) => page.getByRole('dialog').getByRole('textbox');

async function ask(page: Page, text: string): Promise<void> {
  await questionBox(page).fill(text);
  await questionBox(page).press('Enter');
  await userMessage(page, text).first().waitFor();
  await idle(page);
}

async function saveScreenshot(page: Page, name = 'widget.png'): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const image = await page.screenshot({ path: path.join(ARTIFACTS, name) });
  if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
    fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'docs', name), image);
  }
}

test('(a) opens by keyboard, greets, and answers a typed question with the official text', async () => {
  const watched = await openDemo();
  const { page } = watched;
  expect(await panel(page).isVisible()).toBe(false);

  let reached = false;
  for (let tab = 0; tab < 10 && !reached; tab += 1) {
    await page.keyboard.press('Tab');
    reached = await isFocused(page, launcher(page));
  }
  expect(reached).toBe(true);
  const start = page.waitForRequest(isChatRequest);
  await page.keyboard.press('Enter');
  expect((await start).postDataJSON()).toEqual({ payload: 'start' });

  await panel(page).waitFor({ state: 'visible' });
  expect(await launcher(page).isVisible()).toBe(false);
  await botMessage(page, GREETING).waitFor();
  expect(await panel(page).getByText('お名前・保険証の記号番号・電話番号などの個人情報は入力しないでください').isVisible()).toBe(true);
  expect(await log(page).getAttribute('aria-live')).toBe('polite');
  // focus went into the panel, on the input: typing goes straight in
  expect(await isFocused(page, input(page))).toBe(true);

  await idle(page);
  const question = page.waitForRequest(isChatRequest);
  await page.keyboard.type('情報は漏れたんですか');
  await page.keyboard.press('Enter');
  const body = (await question).postDataJSON() as { text: string; session?: string };
  expect(body.text).toBe('情報は漏れたんですか');
  expect(body.session).toMatch(/^[\w-]+$/); // the id the greeting handed out
  await userMessage(page, '情報は漏れたんですか').waitFor();
  await botMessage(page, Q1_ANSWER).waitFor();
  await idle(page);
  expect(await input(page).inputValue()).toBe('');
  expect(await isFocused(page, input(page))).toBe(true);
  await expectClean(watched);
});

test('(b) a scam call gets the warning as an alert, the next steps by quick reply, and the call center', async () => {
  const watched = await openDemo();
  const { page } = watched;
  await openByClick(page);
  await ask(page, '協会けんぽを名乗る電話がかかってきました');

  const alert = log(page).getByRole('alert');
  await alert.waitFor();
  expect(await alert.count()).toBe(1);
  expect(await alert.textContent()).toContain('ご注意ください');
  expect(await alert.textContent()).toContain('お客様のお問い合わせなしに協会けんぽからお客様に直接電話をすることはありません');
  expect(await alert.getAttribute('class')).toContain('kfq-warning');
  for (const label of ['お金を振り込んだ・支払った', '個人情報を伝えてしまった', '家族が対応した', '何も伝えていない']) {
    expect(await panel(page).getByRole('button', { name: label }).isVisible()).toBe(true);
  }
  const callCenter = log(page).locator('.kfq-callcenter').last();
  expect(await callCenter.textContent()).toContain('協会けんぽ コールセンター');
  expect(await callCenter.textContent()).toContain('0000-00-0000');
  await saveScreenshot(page);

  await panel(page).getByRole('button', { name: '個人情報を伝えてしまった' }).click();
  await userMessage(page, '個人情報を伝えてしまった').waitFor();
  await botMessage(page, TOLD_INFO_ANSWER).waitFor();
  await idle(page);
  expect(await botMessage(page, TOLD_INFO_ANSWER).textContent()).toContain('#9110');
  await expectClean(watched);
});

test('(c) markup typed by a visitor is shown as text and never runs', async () => {
  const watched = await openDemo();
  const { page } = watched;
  await openByClick(page);
  const attacks = ['<img src=x onerror=alert(1)>', '<script>window.__pwned=1</script>'];
  for (const attack of attacks) {
    await ask(page, attack);
    const shown = userMessage(page, attack).locator('.kfq-text');
    expect(await shown.textContent()).toBe(attack);
  }
  // give anything that might have been injected a moment to fire
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator('.kfq-root img, .kfq-root script, .kfq-root iframe').count()).toBe(0);
  expect(await log(page).locator('img, script').count()).toBe(0);
  await expectClean(watched);
});

test('(d) at 360px wide the panel fits the screen and the input works', async () => {
  const watched = await openDemo(PHONE);
  const { page } = watched;
  const noOverflow = () =>
    page.evaluate(() => {
      const width = window.innerWidth;
      const outside = [...window.document.querySelectorAll('body *')]
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && (box.left < -1 || box.right > width + 1);
        })
        .map((element) => `${element.tagName}.${String(element.className)}`);
      return { scrollWidth: window.document.documentElement.scrollWidth, width, outside };
    });
  const closed = await noOverflow();
  expect(closed.outside).toEqual([]);
  expect(closed.scrollWidth).toBeLessThanOrEqual(360);

  await launcher(page).tap();
  await panel(page).waitFor({ state: 'visible' });
  await botMessage(page, GREETING).waitFor();
  await idle(page);
  const box = await panel(page).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  const opened = await noOverflow();
  expect(opened.outside).toEqual([]);
  expect(opened.scrollWidth).toBeLessThanOrEqual(360);

  // the input and the send button are on screen, big enough to tap, and work
  for (const control of [input(page), page.getByRole('button', { name: '送信' })]) {
    const controlBox = await control.boundingBox();
    expect(controlBox).not.toBeNull();
    expect(controlBox!.x).toBeGreaterThanOrEqual(0);
    expect(controlBox!.x + controlBox!.width).toBeLessThanOrEqual(360);
    expect(controlBox!.y + controlBox!.height).toBeLessThanOrEqual(740);
    expect(controlBox!.height).toBeGreaterThanOrEqual(44);
  }
  const fontSize = await input(page).evaluate((element) => getComputedStyle(element).fontSize);
  expect(parseFloat(fontSize)).toBeGreaterThanOrEqual(16); // no zoom-on-focus on phones
  await input(page).tap();
  await input(page).fill('情報は漏れたんですか');
  await page.getByRole('button', { name: '送信' }).tap();
  await botMessage(page, Q1_ANSWER).waitFor();
  await idle(page);
  expect((await noOverflow()).outside).toEqual([]);
  await expectClean(watched);
});

test('(e) a quick reply sends its payload with the session and shows the next answer', async () => {
  const watched = await openDemo();
  const { page } = watched;
  const greeted = page.waitForResponse((response) => isChatRequest(response.request()));
  await openByClick(page);
  const { session } = (await (await greeted).json()) as { session: string };

  const sent = page.waitForRequest(isChatRequest);
  await panel(page).getByRole('button', { name: '情報流出はあったの？' }).click();
  expect((await sent).postDataJSON()).toEqual({ payload: 'intent:q1', session });
  await userMessage(page, '情報流出はあったの？').waitFor();
  await botMessage(page, Q1_ANSWER).waitFor();
  await idle(page);

  // the pressed button is gone; focus went to the next choices, so Enter picks one by keyboard
  const next = panel(page).getByRole('button', { name: 'なぜ流出はないと言える？' });
  await next.waitFor();
  expect(await isFocused(page, panel(page).locator('.kfq-quick-btn').first())).toBe(true);
  await next.focus();
  const second = page.waitForRequest(isChatRequest);
  await page.keyboard.press('Enter');
  expect((await second).postDataJSON()).toEqual({ payload: 'intent:q2', session });
  await botMessage(page, '独立した2つの専門事業者').waitFor();
  await idle(page);
  await expectClean(watched);
});

test('(f) Escape closes the panel and focus returns to the launcher; reopening keeps the conversation', async () => {
  const watched = await openDemo();
  const { page } = watched;
  await openByClick(page);
  await ask(page, '情報は漏れたんですか');
  await botMessage(page, Q1_ANSWER).waitFor();
  await input(page).focus();

  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'hidden' });
  expect(await isFocused(page, launcher(page))).toBe(true);
  expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');

  let requests = 0;
  page.on('request', (request) => {
    if (isChatRequest(request)) requests += 1;
  });
  await page.keyboard.press('Enter');
  await panel(page).waitFor({ state: 'visible' });
  expect(await botMessage(page, Q1_ANSWER).isVisible()).toBe(true);
  expect(await botMessage(page, GREETING).count()).toBe(1);
  expect(requests).toBe(0);

  // the close button does the same
  await panel(page).getByRole('button', { name: 'チャットを閉じる' }).click();
  await panel(page).waitFor({ state: 'hidden' });
  expect(await isFocused(page, launcher(page))).toBe(true);
  await expectClean(watched);
});

test('(g) while a request is in flight the send button is disabled and a notice shows; failures are explained in Japanese', async () => {
  const watched = await openDemo();
  const { page } = watched;
  await openByClick(page);

  // hold the next request until the in-flight state has been checked
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`${server.url}/api/chat`, async (route) => {
    await held;
    await route.continue();
  });
  await input(page).fill('情報は漏れたんですか');
  await input(page).press('Enter');
  await page.getByRole('button', { name: '送信' }).and(page.locator('[disabled]')).waitFor();
  await page.getByRole('status').getByText('回答を準備しています…').waitFor();
  release();
  await botMessage(page, Q1_ANSWER).waitFor();
  await idle(page);
  expect(await page.getByText('回答を準備しています…').count()).toBe(0);
  await page.unroute(`${server.url}/api/chat`);

  // the server refuses: its Japanese message is shown
  await page.route(`${server.url}/api/chat`, (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({
        error: {
          code: 'INTERNAL',
          message: '申し訳ございません。ただいま応答できません。しばらくしてからお試しください。',
          message_en: 'Sorry',
        },
      }),
    }),
  );
  await ask(page, '保険証は偽造されますか');
  await log(page).locator('.kfq-error', { hasText: 'ただいま応答できません' }).waitFor();
  // nothing typed is lost: the question is back in the input
  expect(await input(page).inputValue()).toBe('保険証は偽造されますか');
  await page.unroute(`${server.url}/api/chat`);

  // the network fails: a short Japanese message
  await page.route(`${server.url}/api/chat`, (route) => route.abort('internetdisconnected'));
  await panel(page).getByRole('button', { name: 'なぜ流出はないと言える？' }).click();
  await log(page).locator('.kfq-error', { hasText: '通信できませんでした' }).waitFor();
  await idle(page);
  await page.unroute(`${server.url}/api/chat`);

  // and the widget still works afterwards: the same choice can be pressed again
  await panel(page).getByRole('button', { name: 'なぜ流出はないと言える？' }).click();
  await botMessage(page, '独立した2つの専門事業者').waitFor();
  await expectClean(watched);
});

test('(h) embedded on another site: styles from the script origin, the API from data-api, notices and a tap-to-call number', async () => {
  // Three made-up origins, all answered here (nothing leaves the machine): the host site,
  // the origin serving public/ (widget.js and widget.css), and the API named by data-api.
  const host = 'http://shop.example.test';
  const assets = 'http://cdn.example.test';
  const api = 'http://api.example.test/bot';
  const context = await browser.newContext(DESKTOP);
  contexts.push(context);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const csp = `default-src 'self'; script-src ${assets}; style-src ${assets}; connect-src ${api}/`;
  const hostPage = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>他のサイト</title>
<script src="${assets}/widget.js" data-api="${api}" defer></script></head><body><h1>他のサイト</h1></body></html>`;
  await page.route(`${host}/**`, (route) =>
    route.request().url() === `${host}/`
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': csp }, body: hostPage })
      : route.fulfill({ status: 404, body: '' }),
  );
  await page.route(`${assets}/**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    return ['widget.js', 'widget.css'].includes(name)
      ? route.fulfill({ path: path.join(ROOT, 'public', name) })
      : route.fulfill({ status: 404, body: '' });
  });
  const cors = {
    'access-control-allow-origin': host,
    'access-control-allow-headers': 'content-type, accept',
    'access-control-allow-methods': 'POST',
  };
  const bodies: unknown[] = [];
  await page.route(`${api}/**`, async (route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    if (request.url() !== `${api}/api/chat`) return route.fulfill({ status: 404, headers: cors, body: '' });
    bodies.push(request.postDataJSON());
    const reply =
      bodies.length === 1
        ? {
            session: 'mock-session-1',
            label: 'smalltalk',
            messages: [{ kind: 'answer', text: 'こんにちは。\n<b>太字ではありません</b>' }],
            quickReplies: [{ label: 'ほかの質問を見る', payload: 'menu' }],
          }
        : {
            session: 'mock-session-1',
            label: 'fallback',
            messages: [
              { kind: 'notice', notice: 'privacy', text: '個人情報は、このチャットには入力しないでください。' },
              { kind: 'answer', text: 'コールセンターにお問い合わせください。' },
            ],
            quickReplies: [],
            callCenter: { name: '協会けんぽ コールセンター', phone: '0570-000-000', hours: '平日 8:30〜17:15' },
          };
    return route.fulfill({ status: 200, contentType: 'application/json', headers: cors, body: JSON.stringify(reply) });
  });

  await page.goto(`${host}/`);
  await launcher(page).waitFor({ state: 'visible' });
  // the stylesheet came from the script's own origin
  expect(await page.locator(`link[rel="stylesheet"][href="${assets}/widget.css"]`).count()).toBe(1);
  expect(await launcher(page).evaluate((element) => getComputedStyle(element).position)).toBe('fixed');

  await launcher(page).click();
  await botMessage(page, 'こんにちは').waitFor();
  await idle(page);
  expect(await botMessage(page, 'こんにちは').locator('.kfq-text').textContent()).toBe('こんにちは。\n<b>太字ではありません</b>');
  expect(await log(page).locator('b').count()).toBe(0);

  await ask(page, '電話番号を言ってもいいですか');
  const privacy = log(page).locator('.kfq-privacy');
  await privacy.waitFor();
  expect(await privacy.textContent()).toContain('個人情報について');
  const phone = log(page).locator('.kfq-callcenter a.kfq-phone');
  expect(await phone.getAttribute('href')).toBe('tel:0570000000');
  expect(await phone.textContent()).toBe('0570-000-000');
  expect(await log(page).locator('.kfq-callcenter').textContent()).toContain('平日 8:30〜17:15');
  expect(bodies).toEqual([{ payload: 'start' }, { text: '電話番号を言ってもいいですか', session: 'mock-session-1' }]);
  expect(pageErrors).toEqual([]);
});

test('(i) 「この会話を削除」 asks in the widget, deletes on the server, clears the transcript and starts afresh', async () => {
  const watched = await openDemo();
  const { page } = watched;
  const greeted = page.waitForResponse((response) => isChatRequest(response.request()));
  await openByClick(page);
  const { session } = (await (await greeted).json()) as { session: string };
  await ask(page, '情報は漏れたんですか');
  await botMessage(page, Q1_ANSWER).waitFor();
  expect(await serverMemory(session)).toEqual({ live: true, loggedTurns: 2 });

  // reachable by keyboard, right after the send button, and big enough for an unsteady hand
  await page.getByRole('button', { name: '送信' }).focus();
  await page.keyboard.press('Tab');
  expect(await isFocused(page, deleteButton(page))).toBe(true);
  const box = await deleteButton(page).boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(parseFloat(await deleteButton(page).evaluate((element) => getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(16);

  // Enter asks first, inside the widget; focus lands on the safe choice, Escape backs out only
  let forgets = 0;
  page.on('request', (request) => {
    if (isForgetRequest(request)) forgets += 1;
  });
  await page.keyboard.press('Enter');
  await confirmGroup(page).waitFor();
  expect(await confirmGroup(page).textContent()).toContain('元に戻すことはできません');
  expect(await isFocused(page, confirmGroup(page).getByRole('button', { name: 'やめる' }))).toBe(true);
  await page.keyboard.press('Escape');
  await confirmGroup(page).waitFor({ state: 'hidden' });
  expect(await panel(page).isVisible()).toBe(true);
  expect(await isFocused(page, deleteButton(page))).toBe(true);
  // やめる keeps everything
  await deleteButton(page).click();
  await confirmGroup(page).getByRole('button', { name: 'やめる' }).click();
  await confirmGroup(page).waitFor({ state: 'hidden' });
  expect(await botMessage(page, Q1_ANSWER).count()).toBe(1);
  expect(forgets).toBe(0);

  await deleteButton(page).click();
  const forgot = page.waitForResponse((response) => isForgetRequest(response.request()));
  await confirmGroup(page).getByRole('button', { name: '削除する' }).click();
  const response = await forgot;
  expect(response.request().postDataJSON()).toEqual({ session });
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ deleted: 2 });

  await log(page).getByText(DELETED).waitFor();
  expect(await log(page).locator('.kfq-msg').count()).toBe(0); // the transcript is gone
  expect(await deleteButton(page).count()).toBe(0); // nothing left to delete
  expect(await serverMemory(session)).toEqual({ live: false, loggedTurns: 0 });
  const restart = panel(page).getByRole('button', { name: 'はじめから質問する' });
  expect(await isFocused(page, restart)).toBe(true);

  // the next question starts a new session: the old id is not sent again
  await idle(page);
  const next = page.waitForRequest(isChatRequest);
  const nextReply = page.waitForResponse((reply) => isChatRequest(reply.request()));
  await ask(page, '情報は漏れたんですか');
  expect((await next).postDataJSON()).toEqual({ text: '情報は漏れたんですか' });
  const fresh = (await (await nextReply).json()) as { session: string; sessionRenewed?: boolean };
  expect(fresh.session).not.toBe(session);
  expect(fresh.sessionRenewed).toBeUndefined();
  await botMessage(page, Q1_ANSWER).waitFor();
  expect(await deleteButton(page).isVisible()).toBe(true);
  expect(forgets).toBe(1);
  await expectClean(watched);
});

test('(j) when deleting fails the transcript stays, the reason is shown, and trying again works', async () => {
  const watched = await openDemo();
  const { page } = watched;
  const greeted = page.waitForResponse((response) => isChatRequest(response.request()));
  await openByClick(page);
  const { session } = (await (await greeted).json()) as { session: string };
  await ask(page, '情報は漏れたんですか');
  await botMessage(page, Q1_ANSWER).waitFor();

  for (const [fail, message] of [
    [
      (route: Route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'NOT_READY', message: 'ただいま準備中です。', message_en: 'Starting' } }),
        }),
      '会話を削除できませんでした',
    ],
    [(route: Route) => route.abort('internetdisconnected'), '通信できなかったため、会話を削除できませんでした'],
  ] as const) {
    await page.route(`${server.url}/api/chat/session`, fail);
    await deleteButton(page).click();
    await confirmGroup(page).getByRole('button', { name: '削除する' }).click();
    await log(page).locator('.kfq-error', { hasText: message }).waitFor();
    await idle(page);
    expect(await botMessage(page, Q1_ANSWER).count()).toBe(1);
    expect(await userMessage(page, '情報は漏れたんですか').count()).toBe(1);
    expect(await isFocused(page, deleteButton(page))).toBe(true);
    await page.unroute(`${server.url}/api/chat/session`);
  }
  expect((await serverMemory(session)).live).toBe(true);
  // the conversation goes on with the same session
  const sent = page.waitForRequest(isChatRequest);
  await ask(page, 'それはなぜ？');
  expect((await sent).postDataJSON()).toEqual({ text: 'それはなぜ？', session });

  await deleteButton(page).click();
  await confirmGroup(page).getByRole('button', { name: '削除する' }).click();
  await log(page).getByText(DELETED).waitFor();
  expect(await log(page).locator('.kfq-msg').count()).toBe(0);
  expect(await serverMemory(session)).toEqual({ live: false, loggedTurns: 0 });
  await expectClean(watched);
});

/** The demo opened, one question asked, then its session expired (the server no longer knows it; its log rows remain). */
async function askThenExpire(): Promise<{ watched: Watched; first: string }> {
  const watched = await openDemo();
  const { page } = watched;
  const greeted = page.waitForResponse((response) => isChatRequest(response.request()));
  await openByClick(page);
  const { session: first } = (await (await greeted).json()) as { session: string };
  await ask(page, '情報は漏れたんですか');
  server.bot()!.sessions.delete(first);
  return { watched, first };
}

test('(k) an expired session is announced, and deleting forgets the earlier session too', async () => {
  const { watched, first } = await askThenExpire();
  const { page } = watched;

  const renewed = page.waitForResponse((response) => isChatRequest(response.request()));
  await ask(page, 'それはなぜ？');
  const { session: second, sessionRenewed } = (await (await renewed).json()) as { session: string; sessionRenewed?: boolean };
  expect(sessionRenewed).toBe(true);
  expect(second).not.toBe(first);
  const notice = log(page).locator('.kfq-info', { hasText: RENEWED });
  await notice.waitFor();
  expect(await notice.textContent()).toContain('前のやりとりは引き継がれません');
  expect((await serverMemory(first)).loggedTurns).toBe(2);

  // the transcript spans both sessions: both are forgotten
  const bodies: unknown[] = [];
  page.on('request', (request) => {
    if (isForgetRequest(request)) bodies.push(request.postDataJSON());
  });
  await deleteButton(page).click();
  await confirmGroup(page).getByRole('button', { name: '削除する' }).click();
  await log(page).getByText(DELETED).waitFor();
  expect(bodies).toEqual([{ session: first }, { session: second }]);
  expect(await serverMemory(first)).toEqual({ live: false, loggedTurns: 0 });
  expect(await serverMemory(second)).toEqual({ live: false, loggedTurns: 0 });
  expect(await log(page).locator('.kfq-info', { hasText: RENEWED }).count()).toBe(0);

  // a fresh start is one press away; the greeting alone leaves nothing of the person's to delete
  await panel(page).getByRole('button', { name: 'はじめから質問する' }).click();
  await botMessage(page, GREETING).waitFor();
  await idle(page);
  expect(await deleteButton(page).isVisible()).toBe(false);
  await ask(page, '情報は漏れたんですか');
  expect(await deleteButton(page).isVisible()).toBe(true);
  await expectClean(watched);
});

/**
 * A question in one session, that session expired, then 「この会話を削除してください」 in the
 * renewed one: the bot has asked 「削除しますか」 and the page holds both sessions.
 */
async function askToDeleteAfterExpiry(): Promise<{ watched: Watched; first: string; second: string }> {
  const { watched, first } = await askThenExpire();
  const { page } = watched;
  const renewed = page.waitForResponse((response) => isChatRequest(response.request()));
  await ask(page, 'この会話を削除してください');
  const { session: second } = (await (await renewed).json()) as { session: string };
  await botMessage(page, '削除しますか').waitFor();
  return { watched, first, second };
}

/** The 「削除する」 quick reply (not 「削除しない」). */
const confirmDeleteReply = (page: Page) =>
  panel(page).locator('.kfq-quick-btn', { hasText: '削除する' }).filter({ hasNotText: '削除しない' });

test('(l) deleting in words: the bot asks, 「削除する」 deletes this session and the earlier one, and the transcript clears', async () => {
  const { watched, first, second } = await askToDeleteAfterExpiry();
  const { page } = watched;
  // asking deleted nothing
  expect((await serverMemory(first)).loggedTurns).toBe(2);

  const forgets: unknown[] = [];
  page.on('request', (request) => {
    if (isForgetRequest(request)) forgets.push(request.postDataJSON());
  });
  await confirmDeleteReply(page).click();
  await log(page).getByText(DELETED).waitFor();
  // the server deleted the session the words came in; the page deletes the earlier one
  expect(forgets).toEqual([{ session: first }]);
  expect(await serverMemory(first)).toEqual({ live: false, loggedTurns: 0 });
  expect(await serverMemory(second)).toEqual({ live: false, loggedTurns: 0 });
  expect(await userMessage(page, '情報は漏れたんですか').count()).toBe(0);
  await panel(page).getByRole('button', { name: 'はじめから質問する' }).waitFor();
  await expectClean(watched);
});

test('(m) deleting in words when the earlier part cannot be deleted says so, and the delete button finishes it', async () => {
  const { watched, first } = await askToDeleteAfterExpiry();
  const { page } = watched;

  await page.route(`${server.url}/api/chat/session`, (route: Route) => route.abort('internetdisconnected'));
  await confirmDeleteReply(page).click();
  await log(page).locator('.kfq-error', { hasText: 'いまの会話は削除しましたが' }).waitFor();
  await idle(page);
  // no stale 削除しない / 削除する buttons are left to contradict it
  expect(await panel(page).locator('.kfq-quick-btn').count()).toBe(0);
  expect((await serverMemory(first)).loggedTurns).toBe(2);
  await page.unroute(`${server.url}/api/chat/session`);

  await deleteButton(page).click();
  await confirmGroup(page).getByRole('button', { name: '削除する' }).click();
  await log(page).getByText(DELETED).waitFor();
  expect(await serverMemory(first)).toEqual({ live: false, loggedTurns: 0 });
  await expectClean(watched);
});

/*
 * After a scam report, at a phone's size and a desktop's: the next step is on screen with the
 * warning, the bottom is compact, Japanese lines break properly, and the input counts.
 */
const SIZES = [
  ['phone', PHONE],
  ['desktop', DESKTOP_800],
] as const;
const SCAM_REPORT = '協会けんぽを名乗る電話がありました';

/** Entirely on screen: inside the browser's viewport and inside the conversation's visible part. */
async function onScreen(page: Page, locator: ReturnType<Page['locator']>): Promise<boolean> {
  const [box, view] = await Promise.all([locator.boundingBox(), page.locator('.kfq-scroller').boundingBox()]);
  const { height } = page.viewportSize()!;
  if (!box || !view) return false;
  const [top, bottom] = [box.y, box.y + box.height];
  return top >= Math.max(0, view.y) - 0.5 && bottom <= Math.min(height, view.y + view.height) + 0.5;
}

/**
 * Lines in the panel that start with 「ー」 or a small kana (禁則), each as 「…コールセンタ／ー…」:
 * found by where each character's box is on screen, so it is what the person sees.
 */
function badLineStarts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const NO_START = 'ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ';
    const found: string[] = [];
    const walker = window.document.createTreeWalker(window.document.querySelector('.kfq-panel'), 4 /* NodeFilter.SHOW_TEXT */);
    const range = window.document.createRange();
    const boxOf = (node: PageText, at: number) => {
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      return range.getClientRects()[0];
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let at = 1; at < node.data.length; at += 1) {
        if (!NO_START.includes(node.data[at]!) || node.data[at - 1] === '\n') continue;
        const [before, here] = [boxOf(node, at - 1), boxOf(node, at)];
        if (before && here && here.top > before.top + before.height / 2)
          found.push(`${node.data.slice(Math.max(0, at - 6), at)}／${node.data.slice(at, at + 4)}`);
      }
    }
    return found;
  });
}

test.each(SIZES)(
  '(n) %s: after a scam report the warning’s heading and the first choice are on screen together, and 「この会話を削除」 appears',
  async (size, options) => {
    const watched = await openDemo(options);
    const { page } = watched;
    await openByClick(page);
    // only the greeting so far: nothing the person said to delete
    expect(await deleteButton(page).isVisible()).toBe(false);

    await ask(page, SCAM_REPORT);
    const warning = log(page).getByRole('alert');
    await warning.waitFor();
    const heading = warning.locator('.kfq-notice-title');
    const firstChoice = panel(page).locator('.kfq-quick-btn').first();
    expect(await heading.textContent()).toContain('ご注意ください');
    expect(await onScreen(page, heading)).toBe(true);
    expect(await onScreen(page, firstChoice)).toBe(true);
    expect(await deleteButton(page).isVisible()).toBe(true);
    // the call-center card is still part of the reply, after its choices
    expect(await log(page).locator('.kfq-callcenter').last().textContent()).toContain('協会けんぽ コールセンター');

    if (size === 'phone') {
      // the fixed bottom (label, input, 送信, この会話を削除) takes at most a quarter of the screen
      const form = await page.locator('.kfq-form').boundingBox();
      expect(740 - form!.y).toBeLessThanOrEqual(740 / 4);
      // on a touch screen the keyboard is put away: focus moved from the input to the first choice
      expect(await isFocused(page, firstChoice)).toBe(true);
    }
    expect(await badLineStarts(page)).toEqual([]);
    await saveScreenshot(page, `widget-${size}-warning.png`);

    // pressing the first choice goes on with the flow
    const choice = (await firstChoice.textContent())!;
    const answers = await log(page).locator('.kfq-msg-bot').count();
    await firstChoice.click();
    await userMessage(page, choice).waitFor();
    await idle(page);
    expect(await log(page).locator('.kfq-msg-bot').count()).toBeGreaterThan(answers);
    await expectClean(watched);
  },
);

test('(o) Japanese lines never start with 「ー」 or a small kana, at any phone width', async () => {
  const watched = await openDemo(PHONE);
  const { page } = watched;
  await openByClick(page);
  // the warning, the choices and the call-center card: 「コールセンター」「ください」「払った」…
  await ask(page, SCAM_REPORT);
  await log(page).getByRole('alert').waitFor();
  const bad: string[] = [];
  for (let width = 320; width <= 430; width += 5) {
    await page.setViewportSize({ width, height: 740 });
    bad.push(...(await badLineStarts(page)).map((line) => `${width}px: ${line}`));
  }
  expect(bad).toEqual([]);
  await expectClean(watched);
});

test.each(SIZES)('(p) %s: the input shows how many characters are left, and says so when a paste is cut to fit', async (_size, options) => {
  const watched = await openDemo(options);
  const { page } = watched;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await openByClick(page);
  const count = panel(page).locator('.kfq-count');
  const note = panel(page).getByRole('status').filter({ hasText: '入りきりませんでした' });
  const paste = async (text: string) => {
    await page.evaluate((value) => window.navigator.clipboard.writeText(value), text);
    await input(page).press('ControlOrMeta+V');
  };
  expect(await count.textContent()).toBe('あと500文字');
  // read with the input by a screen reader
  expect(await input(page).getAttribute('aria-describedby')).toBe(await count.getAttribute('id'));

  await input(page).fill('情報は漏れたんですか');
  expect(await count.textContent()).toBe('あと490文字');
  await paste('漏れた'.repeat(3));
  expect(await count.textContent()).toBe('あと481文字');
  expect(await note.count()).toBe(0); // it fitted: nothing to say

  // 499 characters (a line break becomes a space) do not fit in the 481 left: the last 18 are cut, and it says so
  await paste(`${'あ'.repeat(300)}\n${'い'.repeat(198)}`);
  expect((await input(page).inputValue()).length).toBe(500);
  expect(await count.textContent()).toBe('あと0文字');
  await note.waitFor();
  expect(await note.textContent()).toContain('終わりの18文字は入りきりませんでした');

  // sent, the input is empty again and the note is gone
  await input(page).press('Enter');
  await idle(page);
  expect(await input(page).inputValue()).toBe('');
  expect(await count.textContent()).toBe('あと500文字');
  expect(await note.count()).toBe(0);

  // reaching the limit by typing is said once too
  await input(page).fill('あ'.repeat(500));
  expect(await count.textContent()).toBe('あと0文字');
  await panel(page).getByRole('status').filter({ hasText: '500文字に達しました' }).waitFor();
  await input(page).press('Backspace');
  expect(await count.textContent()).toBe('あと1文字');
  expect(await panel(page).getByRole('status').filter({ hasText: '500文字に達しました' }).count()).toBe(0);
  await expectClean(watched);
});

/*
 * Answers everyone can read (issue 18): ふりがな over the kanji on request, English around the
 * official text, and the date of the official text under it.
 */
const FURIGANA_QUESTION = '情報は漏れたの？';
const ENGLISH_QUESTION = 'Was my personal information leaked?';
const Q1_OFFICIAL = '1 詳細な事実確認を行った結果、協会加入者の個人情報の漏えいは確認されていません。';
const AS_OF_JA = '（2026年11月25日時点の公表内容です）';
const AS_OF_EN = '(As published on 25 November 2026)';
const JAPANESE_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff]/;

const furiganaToggle = (page: Page) => page.getByRole('dialog').getByRole('button', { name: '漢字にふりがなを表示' });
/** The last message that holds official text (it carries the date line). */
const officialMessage = (page: Page) => log(page).locator('.kfq-msg-bot:has(.kfq-asof)').last();
const widgetLanguage = (page: Page) => page.locator('.kfq-root').getAttribute('lang');

/** A message's text as read without its readings (rt and rp left out). */
function textWithoutReadings(locator: ReturnType<Page['locator']>): Promise<string> {
  return locator.locator('.kfq-text').evaluate((paragraph) => {
    const copy = (paragraph as unknown as { cloneNode(deep: boolean): PageElement }).cloneNode(true) as unknown as {
      querySelectorAll(selector: string): Iterable<{ remove(): void }>;
      textContent: string;
    };
    for (const node of [...copy.querySelectorAll('rt, rp')]) node.remove();
    return copy.textContent;
  });
}

/** Every word given a reading in the log has a kanji in it: kana, digits and Latin stay bare. */
function baresWithReadings(page: Page): Promise<string[]> {
  return log(page).evaluate((element) =>
    [
      ...(element as unknown as { querySelectorAll(selector: string): Iterable<{ firstChild: { textContent: string } }> }).querySelectorAll(
        'ruby',
      ),
    ]
      .map((ruby) => ruby.firstChild.textContent)
      .filter((base) => !/[\u3400-\u9fff々]/.test(base)),
  );
}

/** Tabs until `locator` has focus (or gives up); true when it got there. */
async function tabTo(page: Page, locator: ReturnType<Page['locator']>): Promise<boolean> {
  for (let tab = 0; tab < 60; tab += 1) {
    if (await isFocused(page, locator)) return true;
    await page.keyboard.press('Tab');
  }
  return isFocused(page, locator);
}

test.each(SIZES)(
  '(q) %s: 「ふりがな」 shows readings over the kanji and hides them again, by keyboard, and is remembered across a reload',
  async (size, options) => {
    const watched = await openDemo(options);
    const { page } = watched;
    await openByClick(page);
    await ask(page, FURIGANA_QUESTION);
    const official = officialMessage(page);
    await official.waitFor();
    // off at first (Japanese): the plain text, with the date of the official text under it
    expect(await furiganaToggle(page).getAttribute('aria-pressed')).toBe('false');
    expect(await log(page).locator('ruby').count()).toBe(0);
    expect(await official.locator('.kfq-text').textContent()).toBe(Q1_OFFICIAL);
    expect(await official.locator('.kfq-asof').textContent()).toBe(AS_OF_JA);

    // by keyboard: Tab to it (a visible focus ring), Enter turns it on
    expect(await tabTo(page, furiganaToggle(page))).toBe(true);
    const ring = await furiganaToggle(page).evaluate((element) => {
      const style = getComputedStyle(element) as unknown as { outlineStyle: string; outlineWidth: string };
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    expect(await furiganaToggle(page).getAttribute('aria-pressed')).toBe('true');
    const kyokai = official.locator('ruby', { hasText: '協会' }).first();
    expect(await kyokai.locator('rt').textContent()).toBe('きょうかい');
    expect(await kyokai.locator('rt').isVisible()).toBe(true);
    expect(await official.locator('ruby', { hasText: '漏' }).locator('rt').textContent()).toBe('ろう');
    expect(await baresWithReadings(page)).toEqual([]);
    // the text itself is unchanged: readings are only added over it
    expect(await textWithoutReadings(official)).toBe(Q1_OFFICIAL);
    // the bot's own messages too (the greeting)
    expect(await log(page).locator('.kfq-msg-bot').first().locator('rt').count()).toBeGreaterThan(0);

    // Space turns it off again: plain text, nothing left over
    expect(await isFocused(page, furiganaToggle(page))).toBe(true);
    await page.keyboard.press('Space');
    expect(await furiganaToggle(page).getAttribute('aria-pressed')).toBe('false');
    expect(await log(page).locator('ruby').count()).toBe(0);
    expect(await official.locator('.kfq-text').textContent()).toBe(Q1_OFFICIAL);

    // on again, and the choice outlives a reload
    await page.keyboard.press('Enter');
    expect(await furiganaToggle(page).getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await launcher(page).waitFor({ state: 'visible' });
    await launcher(page).click();
    await log(page).locator('.kfq-msg-bot').first().waitFor(); // the greeting, with its readings
    await idle(page);
    expect(await furiganaToggle(page).getAttribute('aria-pressed')).toBe('true');
    expect(await log(page).locator('.kfq-msg-bot').first().locator('rt').count()).toBeGreaterThan(0);
    await ask(page, FURIGANA_QUESTION);
    await officialMessage(page).waitFor();
    expect(await officialMessage(page).locator('rt').first().isVisible()).toBe(true);
    expect(await textWithoutReadings(officialMessage(page))).toBe(Q1_OFFICIAL);
    if (size === 'phone') await saveScreenshot(page, 'widget-furigana.png');
    await expectClean(watched);
  },
);

test('(r) an English question: the widget, its choices and notices in English, the official answer in Japanese with its date and ふりがな; 日本語 brings Japanese back', async () => {
  const watched = await openDemo(PHONE);
  const { page } = watched;
  await openByClick(page);
  const replied = page.waitForResponse((response) => isChatRequest(response.request()));
  await ask(page, ENGLISH_QUESTION);
  const { session, language } = (await (await replied).json()) as { session: string; language?: string };
  expect(language).toBe('en');

  // the widget's own words: the dialog, the notice, the input, its buttons and counter
  expect(await widgetLanguage(page)).toBe('en');
  const dialog = page.getByRole('dialog', { name: 'Q&A: suspicious communications Kyokai Kenpo chatbot' });
  expect(await dialog.isVisible()).toBe(true);
  expect(await dialog.locator('.kfq-standing').textContent()).toContain('Do not type personal details');
  expect(await dialog.getByLabel('Question (up to 500 characters)').getAttribute('placeholder')).toBe('e.g. Was data leaked?');
  expect(await dialog.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
  expect(await dialog.getByRole('button', { name: 'Delete chat' }).isVisible()).toBe(true);
  expect(await dialog.getByRole('button', { name: 'Close the chat' }).isVisible()).toBe(true);
  expect(await dialog.locator('.kfq-count').textContent()).toBe('500 characters left');
  // ふりがな on by default for English writers; the other button offers Japanese, in Japanese
  const furigana = dialog.getByRole('button', { name: 'Furigana: kana readings over kanji' });
  expect(await furigana.getAttribute('aria-pressed')).toBe('true');
  const japanese = dialog.getByRole('button', { name: '日本語に切り替える' });
  expect(await japanese.textContent()).toBe('日本語');
  expect(await japanese.getAttribute('lang')).toBe('ja');

  // the choices in English
  const labels = await dialog.locator('.kfq-quick-btn').allTextContents();
  expect(labels.length).toBeGreaterThan(0);
  expect(labels.filter((label) => JAPANESE_SCRIPT.test(label))).toEqual([]);

  // the official answer in Japanese (marked so), after one English line, with its readings and its date in English
  const official = officialMessage(page);
  expect(await official.locator('.kfq-text').getAttribute('lang')).toBe('ja');
  expect(await textWithoutReadings(official)).toBe(Q1_OFFICIAL);
  expect(await official.locator('rt').first().isVisible()).toBe(true);
  expect(await official.locator('.kfq-asof').textContent()).toBe(AS_OF_EN);
  const intro = log(page).locator('.kfq-msg-bot', { hasText: 'official answer' }).last();
  expect(await intro.locator('.kfq-text').getAttribute('lang')).toBe('en');
  await saveScreenshot(page, 'widget-english.png');

  // notices in English: personal data typed in, then a scam call
  await ask(page, 'My phone number is 090-1234-5678, was my data leaked?');
  const privacy = log(page).locator('.kfq-privacy').last();
  expect(await privacy.locator('.kfq-notice-title').textContent()).toContain('About personal information');
  expect(JAPANESE_SCRIPT.test((await privacy.locator('.kfq-text').textContent())!)).toBe(false);
  await ask(page, 'Someone called me claiming to be Kyokai Kenpo');
  const alerts = log(page).getByRole('alert');
  await alerts.nth(1).waitFor();
  expect(await alerts.count()).toBe(2);
  // the warning's essentials translated first, marked as a translation; then the official Japanese with its date
  expect(await alerts.nth(0).locator('.kfq-notice-title').textContent()).toContain('Please be careful');
  expect(await alerts.nth(0).locator('.kfq-text').textContent()).toContain('Translation for convenience');
  expect(await alerts.nth(1).locator('.kfq-text').getAttribute('lang')).toBe('ja');
  expect(await textWithoutReadings(alerts.nth(1))).toContain(
    'お客様のお問い合わせなしに協会けんぽからお客様に直接電話をすることはありません',
  );
  expect(await alerts.nth(1).locator('.kfq-asof').textContent()).toBe(AS_OF_EN);
  const card = log(page).locator('.kfq-callcenter').last();
  expect(await card.locator('.kfq-notice-title').textContent()).toContain('Contact');
  expect(await card.locator('dt').allTextContents()).toEqual(['Name', 'Phone', 'Hours']);

  // 日本語: lang:ja with the session, and everything the widget says is Japanese again
  const sent = page.waitForRequest(isChatRequest);
  await japanese.click();
  expect((await sent).postDataJSON()).toEqual({ payload: 'lang:ja', session });
  await page.locator('.kfq-root[lang="ja"]').waitFor({ state: 'attached' });
  await idle(page);
  expect(await panel(page).isVisible()).toBe(true); // its Japanese name again
  expect(await input(page).isVisible()).toBe(true);
  expect(await panel(page).getByRole('button', { name: '送信' }).isVisible()).toBe(true);
  expect(await deleteButton(page).isVisible()).toBe(true);
  const english = panel(page).getByRole('button', { name: 'Switch to English' });
  expect(await english.textContent()).toBe('English');
  expect(await english.getAttribute('lang')).toBe('en');
  const japaneseLabels = await panel(page).locator('.kfq-quick-btn').allTextContents();
  expect(japaneseLabels).toContain('情報流出はあったの？');
  // ふりがな was English's default, not the person's choice: off again, everywhere
  expect(await furiganaToggle(page).getAttribute('aria-pressed')).toBe('false');
  expect(await log(page).locator('ruby').count()).toBe(0);
  await expectClean(watched);
});

test('(s) English pressed: lang:en, the widget in English with ふりがな on; a person who turned ふりがな off keeps it off', async () => {
  const watched = await openDemo(DESKTOP);
  const { page } = watched;
  const greeted = page.waitForResponse((response) => isChatRequest(response.request()));
  await openByClick(page);
  const { session } = (await (await greeted).json()) as { session: string };

  const sent = page.waitForRequest(isChatRequest);
  await panel(page).getByRole('button', { name: 'Switch to English' }).click();
  expect((await sent).postDataJSON()).toEqual({ payload: 'lang:en', session });
  await page.locator('.kfq-root[lang="en"]').waitFor({ state: 'attached' });
  await idle(page);
  // nothing the person said: no message of theirs in the log, nothing new to delete
  expect(await log(page).locator('.kfq-msg-user').count()).toBe(0);
  const dialog = page.getByRole('dialog');
  expect(await dialog.getByRole('button', { name: 'Delete chat' }).isVisible()).toBe(false);
  expect((await dialog.locator('.kfq-quick-btn').allTextContents()).filter((label) => JAPANESE_SCRIPT.test(label))).toEqual([]);
  const furigana = dialog.getByRole('button', { name: 'Furigana: kana readings over kanji' });
  expect(await furigana.getAttribute('aria-pressed')).toBe('true');

  // turned off by the person: English answers come without readings, after a reload too
  await furigana.click();
  expect(await furigana.getAttribute('aria-pressed')).toBe('false');
  await ask(page, ENGLISH_QUESTION);
  await officialMessage(page).waitFor();
  expect(await officialMessage(page).locator('ruby').count()).toBe(0);
  await page.reload();
  await launcher(page).waitFor({ state: 'visible' });
  await openByClick(page);
  await ask(page, ENGLISH_QUESTION);
  await officialMessage(page).waitFor();
  expect(await widgetLanguage(page)).toBe('en');
  expect(await furigana.getAttribute('aria-pressed')).toBe('false');
  expect(await log(page).locator('ruby').count()).toBe(0);
  await expectClean(watched);
});
