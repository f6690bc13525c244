import { MAX_TEXT_LENGTH } from '../../src/server/chat-route';
import { MAX_TEXT } from '../../src/widget/text';

test('the input allows what the chat API accepts', () => {
  expect(MAX_TEXT).toBe(MAX_TEXT_LENGTH);
});
