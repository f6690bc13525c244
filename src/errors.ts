/**
 * One error class per failure kind. Each has a stable `code` and a message that says what
 * failed, where, and what to do about it.
 */

export abstract class BotError extends Error {
  abstract readonly code: string;
}

/** A data file (intent, dictionary, config) that is missing, unparsable or invalid. */
export class DataFileError extends BotError {
  readonly code = 'DATA_FILE_INVALID';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'DataFileError';
  }
}

/** The kuromoji dictionary could not be loaded. */
export class TokenizerLoadError extends BotError {
  readonly code = 'TOKENIZER_LOAD_FAILED';
  constructor(
    readonly dictionaryPath: string,
    cause: unknown,
  ) {
    super(
      `The kuromoji dictionary could not be loaded from ${dictionaryPath}: ${describe(cause)}. ` +
        'Reinstall the dependencies with `npm ci`.',
      { cause },
    );
    this.name = 'TokenizerLoadError';
  }
}

/** Intents or dictionaries that are each valid but do not fit together. */
export class DataConsistencyError extends BotError {
  readonly code = 'DATA_INCONSISTENT';
  constructor(readonly problems: readonly string[]) {
    super(`The intents and dictionaries do not fit together:\n  - ${problems.join('\n  - ')}`);
    this.name = 'DataConsistencyError';
  }
}

/** A CLI command that cannot do what was asked: the message says what to change. */
export class CommandError extends BotError {
  readonly code = 'COMMAND_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/**
 * A networked store (Redis, PostgreSQL) did not answer: the request is refused with 503
 * STATE_UNAVAILABLE and can be tried again; the store's client reconnects by itself.
 */
export class StoreUnavailableError extends BotError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(
    readonly store: string,
    cause: unknown,
  ) {
    super(`${store} is unavailable: ${describe(cause)}. Check that it is running and reachable; the server reconnects by itself.`, {
      cause,
    });
    this.name = 'StoreUnavailableError';
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
