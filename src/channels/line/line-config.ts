import { z } from 'zod';

/** LINE's settings, from the environment. Without both secrets the LINE channel is off. */
const lineConfigSchema = z.object({
  channelSecret: z.string().min(10, 'LINE_CHANNEL_SECRET looks too short'),
  channelAccessToken: z.string().min(10, 'LINE_CHANNEL_ACCESS_TOKEN looks too short'),
  /** For tests: a fake LINE API on loopback. */
  apiBaseUrl: z.string().url().optional(),
});
export type LineConfig = z.infer<typeof lineConfigSchema>;

export type LineSetting = { readonly on: true; readonly config: LineConfig } | { readonly on: false; readonly why: string };

export function lineSetting(env: NodeJS.ProcessEnv = process.env): LineSetting {
  const secret = env.LINE_CHANNEL_SECRET;
  const token = env.LINE_CHANNEL_ACCESS_TOKEN;
  if (!secret && !token) return { on: false, why: 'LINE is off: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN to turn it on' };
  const parsed = lineConfigSchema.safeParse({
    channelSecret: secret ?? '',
    channelAccessToken: token ?? '',
    apiBaseUrl: env.LINE_API_BASE_URL,
  });
  if (!parsed.success) return { on: false, why: `LINE is off: ${parsed.error.issues.map((issue) => issue.message).join('; ')}` };
  return { on: true, config: parsed.data };
}
