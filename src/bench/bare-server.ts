/** The ceiling for `npm run load`: express 5 answering JSON with nothing else to do. */
import express from 'express';

const app = express();
app.use(express.json({ limit: '8kb' }));
app.post('/api/chat', (request, response) => {
  response.json({
    label: 'fallback',
    messages: [{ kind: 'answer', text: String((request.body as { text?: unknown }).text ?? '') }],
    quickReplies: [],
  });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
