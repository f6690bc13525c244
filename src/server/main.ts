/** `npm start`: the chat server with the widget demo, on embedded defaults; LINE and Slack when configured. */
import cluster from 'node:cluster';
import { lineSetting } from '../channels/line/line-config';
import { lineChannel } from '../channels/line/line-webhook';
import { type SlackChannel, slackChannel } from '../channels/slack/slack-channel';
import { slackSetting } from '../channels/slack/slack-config';
import { loadConfig } from '../data/load-config';
import type { BotConfig } from '../data/schemas';
import { BotError, describe } from '../errors';
import { personKeyFromEnvironment, runPrimary, workerCount, type WorkerListening } from './cluster';
import { startServer } from './start';

function fail(error: unknown): never {
  // One line naming the cause, and a non-zero exit: never a half-working server.
  console.error(`kenpo-faq: cannot start: ${error instanceof BotError ? error.message.replace(/\n\s*/g, ' ') : describe(error)}`);
  process.exit(1);
}

/** What the server says once it answers: where, and what is on. */
function announce(port: number, config: BotConfig, workers: number): void {
  const line = lineSetting();
  const slack = slackSetting();
  console.log(`kenpo-faq: listening on http://localhost:${port} (chat API POST /api/chat, widget demo at /)${workers > 1 ? `, ${workers} workers` : ''}`);
  console.log(`kenpo-faq: ${line.on ? 'LINE is on at POST /webhooks/line' : line.why}`);
  console.log(`kenpo-faq: ${slack.on ? (slack.config.signingSecret ? 'Slack is on at POST /webhooks/slack/events' : 'Slack is on in Socket Mode') : slack.why}`);
  if (config.callCenter.placeholder) {
    console.log('kenpo-faq: the call center number is a placeholder; set CALL_CENTER_PHONE and CALL_CENTER_HOURS (see README)');
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number from 0 to 65535, got "${process.env.PORT}"`);
  const config = loadConfig();
  const workers = workerCount();
  if (workers > 1 && cluster.isPrimary) {
    runPrimary({ workers, announce: (actualPort) => announce(actualPort, config, workers), shutdownGraceMs: config.server.shutdownGraceSeconds * 1000 });
    return;
  }
  const line = lineSetting();
  const slack = slackSetting();
  let slackHandle: SlackChannel | undefined;
  const running = await startServer({
    port,
    host: process.env.HOST ?? '0.0.0.0',
    config,
    ...(cluster.isWorker ? { personKey: personKeyFromEnvironment() } : {}),
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
  await running.ready.catch(fail);
  await slackHandle?.start().catch(fail);
  const actualPort = Number(new URL(running.url).port);
  if (cluster.isWorker) {
    const listening: WorkerListening = { kind: 'kenpo-faq:listening', port: actualPort };
    process.send!(listening);
  } else {
    announce(actualPort, config, 1);
  }
}

main().catch(fail);
