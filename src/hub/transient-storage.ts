import type { Storage, StoreItems } from 'botbuilder-core';

/**
 * Storage for botkit's own dialog state, which this bot does not use: conversation state lives
 * in the hub's session store, which expires. botkit's default MemoryStorage would keep an entry
 * per conversation forever.
 */
export class TransientStorage implements Storage {
  async read(): Promise<StoreItems> {
    return {};
  }

  async write(): Promise<void> {}

  async delete(): Promise<void> {}
}
