import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConversationLog, ConversationLogOverflow, readConversationLog, sessionKey } from '../../src/state/conversation-log';
import { loggedTurn } from '../helpers/logged-turn';

const DAY = 24 * 60 * 60 * 1000;

const turn = loggedTurn;

describe('the conversation log', () => {
  let now = Date.UTC(2026, 10, 25);
  const open = (retentionDays = 30) =>
    new ConversationLog(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'log-')), 'c.sqlite'), retentionDays, { now: () => now });

  /** Every file of the log (the database, its write-ahead log and its shared memory), searched for the bytes. */
  const holds = (file: string, marker: string) =>
    [file, `${file}-wal`, `${file}-shm`].filter(
      (candidate) => fs.existsSync(candidate) && fs.readFileSync(candidate).includes(Buffer.from(marker, 'utf8')),
    );

  it('leaves none of a deleted conversation’s bytes in any file, while open and after closing', async () => {
    const log = open();
    const marker = '削除される会話の目印AZ7Q';
    for (let index = 0; index < 20; index++) log.record({ ...turn('to-forget', now), maskedText: `${marker} ${index}` });
    log.record({ ...turn('to-keep', now), maskedText: '残る会話' });
    log.flush();
    expect(holds(log.file, marker).length).toBeGreaterThan(0);
    expect(await log.forgetSession('to-forget')).toBe(20);
    expect(holds(log.file, marker)).toEqual([]);
    await log.close();
    expect(holds(log.file, marker)).toEqual([]);
    expect(holds(log.file, '残る会話').length).toBeGreaterThan(0);
  });

  it('leaves none of the bytes of entries past their retention', async () => {
    const log = open(30);
    log.record({ ...turn('old', now - 31 * DAY), maskedText: '古い会話の目印QX2' });
    log.flush();
    expect(await log.deleteExpired()).toBe(1);
    await log.close();
    expect(holds(log.file, '古い会話の目印QX2')).toEqual([]);
  });

  it('stores the session only as a hash', async () => {
    const log = open();
    log.record(turn('session-a', now));
    const [stored] = await log.between(0, now + 1);
    expect(stored!.session).toBe(sessionKey('session-a'));
    expect(stored!.session).not.toContain('session-a');
    await log.close();
  });

  it('puts feedback on the session’s latest FAQ answer', async () => {
    const log = open();
    log.record(turn('s', now - 2000, 'q1'));
    log.record(turn('s', now - 1000, 'q2'));
    log.record(turn('s', now - 500, 'fallback'));
    expect(await log.recordFeedback('s', true)).toBe(true);
    expect((await log.between(0, now + 1)).map((row) => [row.label, row.feedback])).toEqual([
      ['q1', null],
      ['q2', 'yes'],
      ['fallback', null],
    ]);
    await log.close();
  });

  it('reports entries dropped while too many wait for the database, never silently', async () => {
    const errors: unknown[] = [];
    const log = new ConversationLog(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'log-')), 'c.sqlite'), 30, {
      now: () => now,
      onError: (error) => errors.push(error),
    });
    // All recorded within one event-loop turn, before any batch is written: as if writes were refused.
    for (let index = 0; index <= 10_000; index++) log.record(turn(`s${index}`, now));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ConversationLogOverflow);
    expect((errors[0] as ConversationLogOverflow).dropped).toBe(1);
    expect(log.dropped).toBe(1);
    await log.close();
  });

  it('deletes a session’s entries on request, and only those', async () => {
    const log = open();
    log.record(turn('mine', now));
    log.record(turn('mine', now));
    log.record(turn('theirs', now));
    expect(await log.forgetSession('mine')).toBe(2);
    expect(await log.between(0, now + 1)).toHaveLength(1);
    await log.close();
  });

  it('deletes entries older than the retention period', async () => {
    const log = open(30);
    log.record(turn('old', now - 31 * DAY));
    log.record(turn('new', now - 29 * DAY));
    expect(await log.deleteExpired()).toBe(1);
    expect((await log.between(0, now + 1)).map((row) => row.text)).toEqual([`message at ${now - 29 * DAY}`]);
    now += 2 * DAY;
    expect(await log.deleteExpired()).toBe(1);
    await log.close();
  });

  it('keeps turns and the server running while another process holds the database locked', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'log-')), 'c.sqlite');
    const errors: unknown[] = [];
    const log = new ConversationLog(file, 30, { now: () => now, onError: (error) => errors.push(error) });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    log.record(turn('s', now));
    // The background write runs on the next turn of the event loop and meets the lock.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(errors.length).toBeGreaterThan(0);
    other.exec('COMMIT');
    other.close();
    log.record(turn('s', now + 1));
    expect(await log.between(0, now + 2)).toHaveLength(2);
    await log.close();
  });

  it('is read for reports without being changed, whatever retention the reader has', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'log-')), 'c.sqlite');
    const log = new ConversationLog(file, 365, { now: () => now });
    log.record(turn('old', now - 100 * DAY));
    await log.close();
    expect(readConversationLog(file, 0, now + 1)).toHaveLength(1);
    expect(readConversationLog(file, 0, now + 1)).toHaveLength(1);
  });
});
