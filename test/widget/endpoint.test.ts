import { apiEndpoint } from '../../src/widget/endpoint';

test.each([
  // [data-api, the script's address, where /api/chat is]
  [null, 'https://bot.example.jp/widget.js', 'https://bot.example.jp/api/chat'],
  ['https://api.example.jp/bot', 'https://cdn.example.jp/widget.js', 'https://api.example.jp/bot/api/chat'],
  ['https://api.example.jp/bot///', 'https://cdn.example.jp/widget.js', 'https://api.example.jp/bot/api/chat'],
  ['/chatbot', 'https://bot.example.jp/w/widget.js', 'https://bot.example.jp/chatbot/api/chat'],
  // not http(s): ignored, the script's own origin is used
  ['javascript:alert(1)', 'https://bot.example.jp/widget.js', 'https://bot.example.jp/api/chat'],
  // an address that cannot be read: the page's own origin
  [null, 'not a url', '/api/chat'],
])('apiEndpoint(%p, %p) is %p', (dataApi, scriptUrl, expected) => {
  expect(apiEndpoint(dataApi, scriptUrl)).toBe(expected);
});
