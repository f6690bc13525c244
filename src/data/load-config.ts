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
  return {
    ...config,
    callCenter: {
      ...config.callCenter,
      ...(phone ? { phone, placeholder: false } : {}),
      ...(hours ? { hours } : {}),
    },
  };
}
