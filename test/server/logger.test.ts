import { Writable } from 'node:stream';
import { HubError } from '../../src/hub/hub';
import type { Masker } from '../../src/privacy/mask';
import { createLogger } from '../../src/server/logger';

// The logger's own contract, with a masker that masks phone numbers only: what it masks is
// the masker's business (tested in test/privacy), that everything passes it is the logger's.
const phoneMasker: Masker = {
  mask: (text) => ({ text: text.replace(/0\d{1,3}-\d{2,4}-\d{4}/g, '[電話番号]'), found: [], spans: [] }),
};

function capture(): { lines: Array<Record<string, unknown>>; sink: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, sink };
}

describe('the logger', () => {
  it('masks a bare Error’s message, which pino copies into the line itself', async () => {
    const { lines, sink } = capture();
    createLogger(phoneMasker, sink).error(new Error('callback to 090-1234-5678 failed'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(JSON.stringify(lines)).not.toContain('090-1234-5678');
    expect(lines[0]!.msg).toBe('callback to [電話番号] failed');
  });

  it('keeps an error’s class and code while masking it', async () => {
    const { lines, sink } = capture();
    const error = new HubError('turn failed for 03-1234-5678');
    createLogger(phoneMasker, sink).error({ err: error }, 'failed');
    await new Promise((resolve) => setImmediate(resolve));
    const logged = lines[0]!.err as Record<string, unknown>;
    expect(logged.type).toBe('HubError');
    expect(logged.code).toBe('HUB_TURN_FAILED');
    expect(logged.message).toBe('turn failed for [電話番号]');
    expect(String(logged.stack)).not.toContain('03-1234-5678');
  });

  it('never logs deeply nested values unmasked', async () => {
    const { lines, sink } = capture();
    let nested: Record<string, unknown> = { phone: '090-1234-5678' };
    for (let level = 0; level < 10; level++) nested = { nested };
    createLogger(phoneMasker, sink).info({ nested }, 'deep');
    await new Promise((resolve) => setImmediate(resolve));
    expect(JSON.stringify(lines)).not.toContain('090-1234-5678');
  });
});
