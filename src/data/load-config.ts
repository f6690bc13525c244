import path from 'node:path';
import { DataFileError } from '../errors';
import { CONFIG_DIR } from '../paths';
import { loadYamlFile } from './load-yaml';
import { type BotConfig, configSchema } from './schemas';

export const DEFAULT_CONFIG_FILE = path.join(CONFIG_DIR, 'default.yaml');

/**
 * The bot's configuration: config/default.yaml (or the file named by BOT_CONFIG), with the
 * call center's number and hours overridable by CALL_CENTER_PHONE and CALL_CENTER_HOURS.
 * Setting the phone by environment clears the placeholder flag.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const file = env.BOT_CONFIG ? path.resolve(env.BOT_CONFIG) : DEFAULT_CONFIG_FILE;
  const config = loadYamlFile(file, configSchema);
  const phone = env.CALL_CENTER_PHONE?.trim();
  const hours = env.CALL_CENTER_HOURS?.trim();
  if (env.CALL_CENTER_PHONE !== undefined && !phone) {
    throw new DataFileError('CALL_CENTER_PHONE', ['is set but empty: give the call center number, or unset it']);
  }
  const origins = env.ALLOWED_ORIGINS?.split(',').map((origin) => origin.trim()).filter(Boolean);
  const invalidOrigin = origins?.find((origin) => !/^https?:\/\/[^/\s]+$/.test(origin));
  if (invalidOrigin) throw new DataFileError('ALLOWED_ORIGINS', [`"${invalidOrigin}" is not an origin: write scheme and host only, e.g. https://www.example.jp`]);
  if (env.TRUST_PROXY !== undefined && !/^[0-9]$/.test(env.TRUST_PROXY)) {
    throw new DataFileError('TRUST_PROXY', [`expected the number of reverse proxies in front of the bot (0–9, usually 1), got "${env.TRUST_PROXY}"`]);
  }
  if (env.HSTS !== undefined && env.HSTS !== '0' && env.HSTS !== '1') throw new DataFileError('HSTS', [`expected 1 (send Strict-Transport-Security) or 0 (do not), got "${env.HSTS}"`]);
  const limit = (name: string) => {
    const value = env[name];
    if (value === undefined) return undefined;
    if (!/^[1-9][0-9]*$/.test(value)) throw new DataFileError(name, [`expected a whole number of 1 or more, got "${value}"`]);
    return Number(value);
  };
  const maxRequests = limit('RATE_LIMIT_MAX_REQUESTS');
  const windowSeconds = limit('RATE_LIMIT_WINDOW_SECONDS');
  const perSessionMaxRequests = limit('RATE_LIMIT_SESSION_MAX_REQUESTS');
  return {
    ...config,
    server: {
      ...config.server,
      rateLimit: {
        ...config.server.rateLimit,
        ...(maxRequests ? { maxRequests } : {}),
        ...(perSessionMaxRequests ? { perSessionMaxRequests } : {}),
        ...(windowSeconds ? { windowSeconds } : {}),
      },
      ...(origins ? { allowedOrigins: origins } : {}),
      ...(env.TRUST_PROXY !== undefined ? { trustProxy: Number(env.TRUST_PROXY) } : {}),
      ...(env.HSTS !== undefined ? { hsts: env.HSTS === '1' } : {}),
    },
    callCenter: {
      ...config.callCenter,
      ...(phone ? { phone, placeholder: false } : {}),
      ...(hours ? { hours } : {}),
    },
  };
}
