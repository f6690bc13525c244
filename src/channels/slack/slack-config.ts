import { z } from 'zod';

/**
 * Slack's settings, from the environment: SLACK_BOT_TOKEN plus SLACK_SIGNING_SECRET for the
 * Events API over HTTP, or plus SLACK_APP_TOKEN for Socket Mode (workspaces without a public
 * URL). Without them the Slack channel is off.
 */
const slackConfigSchema = z.object({
  botToken: z.string().regex(/^xoxb-/, 'SLACK_BOT_TOKEN must start with xoxb-'),
  signingSecret: z.string().min(8, 'SLACK_SIGNING_SECRET looks too short').optional(),
  appToken: z
    .string()
    .regex(/^xapp-/, 'SLACK_APP_TOKEN must start with xapp-')
    .optional(),
  /** For tests: a fake Slack Web API on loopback. */
  apiUrl: z.string().url().optional(),
});
export type SlackConfig = z.infer<typeof slackConfigSchema>;

export type SlackSetting = { readonly on: true; readonly config: SlackConfig } | { readonly on: false; readonly why: string };

export function slackSetting(env: NodeJS.ProcessEnv = process.env): SlackSetting {
  if (!env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    return {
      on: false,
      why: 'Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to turn it on',
    };
  }
  const parsed = slackConfigSchema.safeParse({
    botToken: env.SLACK_BOT_TOKEN ?? '',
    signingSecret: env.SLACK_SIGNING_SECRET || undefined,
    appToken: env.SLACK_APP_TOKEN || undefined,
    apiUrl: env.SLACK_API_URL || undefined,
  });
  if (!parsed.success) return { on: false, why: `Slack is off: ${parsed.error.issues.map((issue) => issue.message).join('; ')}` };
  if (!parsed.data.signingSecret && !parsed.data.appToken) {
    return { on: false, why: 'Slack is off: set SLACK_SIGNING_SECRET (Events API) or SLACK_APP_TOKEN (Socket Mode)' };
  }
  return { on: true, config: parsed.data };
}
