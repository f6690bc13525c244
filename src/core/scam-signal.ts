import type { Condition, ScamSignalData } from '../data/schemas';
import type { ConceptTags } from './concepts';
import { type FiredRule, fireConditions } from './match';

/**
 * The scam signal, read as a small model of the situation a person reports rather than as a
 * list of sentence-shaped rules (the slots and their conditions are data: `scam_signal` in
 * intents/q9.yaml):
 *
 *   who       someone of the association (協会けんぽの人, a branch, staff), someone claiming to
 *             be, anyone citing the incident (a "lawyer", "the police", a data firm), an automated voice
 *   happened  they reached the person: a call received, SMS, mail, letter, LINE, a visit, a friend request
 *   wanted    they asked for information, a card, money or an action (ATM, an app, a link, a QR
 *             code, e-money, a fee), or the person already gave it
 *
 * A report that names who, and either what happened or what they wanted, gets the warning, as
 * does one that says both what happened and what was wanted from someone unnamed; so do the
 * situations in `also`, which need no sender (詐欺, a suspicious call). A contact
 * alone about routine business (a form, the medical-expense notice) is no report. When the
 * sender is another organisation and nothing ties it to the association or the incident, the
 * person gets the general route for scams instead (`otherScam`).
 */

export type ScamSlot = 'who' | 'happened' | 'wanted' | 'unnamed_unless' | 'routine' | 'also' | 'other_sender' | 'never';

export interface ScamSituation {
  /** The conditions that held, slot by slot (each FiredRule's intentId is `scam.<slot>`). */
  readonly slots: Readonly<Record<ScamSlot, readonly FiredRule<Condition>[]>>;
  /** The warning must be shown. */
  readonly warn: boolean;
  /** A scam by another organisation: not the association's warning, the general route. */
  readonly otherScam: boolean;
  /** The conditions that made the warning, for the trace and the dialog (empty when no warning). */
  readonly evidence: readonly FiredRule<Condition>[];
}

const SLOTS: readonly ScamSlot[] = ['who', 'happened', 'wanted', 'unnamed_unless', 'routine', 'also', 'other_sender', 'never'];
const OWNERS = Object.fromEntries(SLOTS.map((slot) => [slot, `scam.${slot}`])) as Record<ScamSlot, string>;

export function readScamSituation(signal: ScamSignalData | undefined, tags: ConceptTags): ScamSituation {
  const slots = {} as Record<ScamSlot, readonly FiredRule<Condition>[]>;
  for (const slot of SLOTS) slots[slot] = signal ? fireConditions(OWNERS[slot], signal[slot], tags) : [];
  const { who, happened, wanted, unnamed_unless: unnamedUnless, routine, also, other_sender: otherSender, never } = slots;
  const reached = happened.length > 0 && routine.length === 0;
  // Named or not: 「知らない番号から電話があって、保険証の番号を聞かれた」 is a report too, unless
  // the sender is another organisation.
  const reported =
    (who.length > 0 && (wanted.length > 0 || reached)) ||
    (reached && wanted.length > 0 && otherSender.length === 0 && unnamedUnless.length === 0);
  const warn = never.length === 0 && (also.length > 0 || reported);
  const evidence = warn ? [...also, ...(reported ? [...who, ...wanted, ...(reached ? happened : [])] : [])] : [];
  const situation = happened.length > 0 || wanted.length > 0;
  const otherScam = !warn && never.length === 0 && otherSender.length > 0 && situation;
  return { slots, warn, otherScam, evidence };
}
