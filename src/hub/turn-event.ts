import type { PersonalDataKind } from '../data/schemas';
import type { IncomingTurn, TurnOutcome } from './hub';

/** What the hub reports after each turn, for the conversation log and the logs: masked text only. */
export interface TurnEvent {
  readonly at: Date;
  readonly channel: IncomingTurn['channel'];
  readonly session: string;
  /** The message as typed, with personal data masked; for a pressed button, its payload. */
  readonly maskedText: string;
  readonly personalData: readonly PersonalDataKind[];
  readonly outcome: TurnOutcome;
  readonly elapsedMs: number;
}

export type TurnObserver = (event: TurnEvent) => void;
