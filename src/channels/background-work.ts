import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

/**
 * Work a channel does after the platform's HTTP request was answered (LINE's 200, Slack's
 * early acknowledgement): held, so a shutdown can wait for it instead of dropping replies the
 * platform will never redeliver.
 */
export interface BackgroundWork {
  /** Runs `work`; a failure is logged here, so nothing can become an unhandled rejection. */
  run(work: () => Promise<void>): void;
  /** Holds `work` until it settles and hands it back (its failure stays the caller's). */
  track<T>(work: Promise<T>): Promise<T>;
  /** Waits for everything held, including work that starts meanwhile; gives up after `timeoutMs` and says so. */
  drain(timeoutMs?: number): Promise<void>;
}

export function createBackgroundWork(platform: string, logger: Logger): BackgroundWork {
  const pending = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    const done = () => pending.delete(work);
    work.then(done, done);
    return work;
  };
  return {
    run(work) {
      void track(
        (async () => {
          try {
            await work();
          } catch (error) {
            logger.error({ event: `${platform}_background_failed`, err: error }, `${platform} background work failed`);
          }
        })(),
      );
    },
    track,
    async drain(timeoutMs = Number.POSITIVE_INFINITY) {
      const deadline = Date.now() + timeoutMs;
      while (pending.size > 0 && Date.now() < deadline) {
        await Promise.race([Promise.allSettled(pending), sleep(Math.min(deadline - Date.now(), 1000), undefined, { ref: false })]);
      }
      if (pending.size > 0)
        logger.warn({ event: `${platform}_drain_timeout`, pending: pending.size }, `stopped waiting for ${platform} work still in flight`);
    },
  };
}
