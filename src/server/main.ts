/** `npm start`: the chat server with the widget demo, on embedded defaults; LINE and Slack when configured. */
import cluster from 'node:cluster';
import { lineSetting } from '../channels/line/line-config';
import { slackSetting } from '../channels/slack/slack-config';
import { loadConfig } from '../data/load-config';
import type { BotConfig } from '../data/schemas';
import { BotError, describe } from '../errors';
import { runPrimary, workerCount, type WorkerListening } from './cluster';
import { METRICS_TOKEN_VARIABLE, metricsTokenFromEnvironment } from './metrics-token';

function fail(error: unknown): never {
  // One line naming the cause, and a non-zero exit: never a half-working server.
  console.error(`kenpo-faq: cannot start: ${error instanceof BotError ? error.message.replace(/\n\s*/g, ' ') : describe(error)}`);
  process.exit(1);
}

/** What the server says once it answers: where, and what is on. */
function announce(port: number, config: BotConfig, workers: number, metricsOn: boolean): void {
  const line = lineSetting();
  const slack = slackSetting();
  console.log(
    `kenpo-faq: listening on http://localhost:${port} (chat API POST /api/chat, widget demo at /)${workers > 1 ? `, ${workers} workers` : ''}`,
  );
  console.log(`kenpo-faq: ${line.on ? 'LINE is on at POST /webhooks/line' : line.why}`);
  console.log(
    `kenpo-faq: ${slack.on ? (slack.config.signingSecret ? 'Slack is on at POST /webhooks/slack/events' : 'Slack is on in Socket Mode') : slack.why}`,
  );
  console.log(
    `kenpo-faq: ${metricsOn ? `metrics at GET /metrics (Authorization: Bearer $${METRICS_TOKEN_VARIABLE})` : `metrics are off: set ${METRICS_TOKEN_VARIABLE} to serve GET /metrics`}`,
  );
  if (config.callCenter.placeholder) {
    console.log('kenpo-faq: the call center number is a placeholder; set CALL_CENTER_PHONE and CALL_CENTER_HOURS (see README)');
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number from 0 to 65535, got "${process.env.PORT}"`);
  const config = loadConfig();
  const workers = workerCount();
  // Checked here too, so a bad token stops the primary with one line before any worker starts.
  const metricsOn = metricsTokenFromEnvironment() !== undefined;
  if (workers > 1 && cluster.isPrimary) {
    runPrimary({
      workers,
      announce: (actualPort) => announce(actualPort, config, workers, metricsOn),
      shutdownGraceMs: config.server.shutdownGraceSeconds * 1000,
    });
    return;
  }
  const { serve } = await import('./serve');
  const actualPort = await serve(port, config);
  if (cluster.isWorker) {
    const listening: WorkerListening = { kind: 'kenpo-faq:listening', port: actualPort };
    process.send!(listening);
  } else {
    announce(actualPort, config, 1, metricsOn);
  }
}

main().catch(fail);
