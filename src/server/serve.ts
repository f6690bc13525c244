import cluster from 'node:cluster';
import { lineSetting } from '../channels/line/line-config';
import { lineChannel } from '../channels/line/line-webhook';
import { type SlackChannel, slackChannel } from '../channels/slack/slack-channel';
import { slackSetting } from '../channels/slack/slack-config';
import type { BotConfig } from '../data/schemas';
import { describe } from '../errors';
import { storeSettingsFromEnvironment } from '../state/open-stores';
import { personKeyFromEnvironment } from './cluster';
import { metricsTokenFromEnvironment } from './metrics-token';
import { startServer } from './start';

/**
 * One server process (the only one, or a worker): the HTTP server with LINE and Slack when
 * configured, stopped gracefully on SIGTERM or SIGINT. Resolves to the port once it answers;
 * rejects when it cannot start. Loaded only where it runs: the primary of several workers
 * never loads the engine.
 */
export async function serve(port: number, config: BotConfig): Promise<number> {
  const line = lineSetting();
  const slack = slackSetting();
  let slackHandle: SlackChannel | undefined;
  const personKey = personKeyFromEnvironment();
  const running = await startServer({
    port,
    host: process.env.HOST ?? '0.0.0.0',
    config,
    ...(personKey ? { personKey } : {}),
    ...(cluster.isWorker ? { clusterMetrics: true } : {}),
    metricsToken: metricsTokenFromEnvironment(),
    stores: storeSettingsFromEnvironment(),
    // WARM_UP=0 says ready without warming up (npm run load compares the two).
    ...(process.env.WARM_UP === '0' ? { warmUp: { requests: 0 } } : {}),
    channels: (bot, logger, shuttingDown) => {
      const channels = [];
      if (line.on) channels.push(lineChannel({ config: line.config, bot, logger, shuttingDown }));
      if (slack.on) {
        slackHandle = slackChannel({ config: slack.config, bot, logger, shuttingDown });
        channels.push(slackHandle);
      }
      return channels;
    },
  });
  const stop = (signal: string) => {
    running.logger.info({ event: 'shutdown', signal }, 'shutting down');
    Promise.all([slackHandle?.stop(), running.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`kenpo-faq: shutdown did not complete cleanly: ${describe(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  await running.ready;
  await slackHandle?.start();
  return Number(new URL(running.url).port);
}
