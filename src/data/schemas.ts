import { z } from 'zod';

/**
 * The shapes of every data file, checked at start-up. Field descriptions double as the
 * "expected …" part of error messages, so they are written for the staff who edit the files.
 */

const conceptName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'a concept name in lower_snake_case, e.g. leak or call_event');

/**
 * FAQ entries are data: q1, q2 … one file each in intents/ (q12.yaml for the official FAQ's 問12),
 * found by their names. No list of them is kept in code.
 */
export const FAQ_ID_PATTERN = /^q[1-9][0-9]{0,2}$/;
export type FaqId = string;
export const faqIdSchema = z.string().regex(FAQ_ID_PATTERN, 'an FAQ entry id: q and its number in the official FAQ, e.g. q12');
/** An answer's label: an FAQ entry, small talk, or the fallback. */
export type Label = string;
export const labelSchema = z.string().regex(/^(?:q[1-9][0-9]{0,2}|smalltalk|fallback)$/, 'a label: q1, q2 …, smalltalk or fallback');

/** FAQ ids in their order: q2 before q10. */
export function byFaqOrder(a: string, b: string): number {
  const number = (id: string) => (FAQ_ID_PATTERN.test(id) ? Number(id.slice(1)) : Number.POSITIVE_INFINITY);
  return number(a) - number(b) || (a === b ? 0 : a === 'smalltalk' ? -1 : b === 'smalltalk' ? 1 : a < b ? -1 : 1);
}

const conceptList = z.array(conceptName).min(1);

const conditionFields = {
  all: conceptList.optional(),
  // Read as groups: a flat list is one group.
  any: z
    .union([conceptList, z.array(conceptList).min(1)])
    .transform((any): string[][] => (any.every((entry) => typeof entry === 'string') ? [any as string[]] : (any as string[][])))
    .optional(),
  none: z.array(conceptName).min(1).optional(),
  /** `all`: also see concepts that a dismissal (「〜の話じゃなくて」) removed. Used for safety rules about reported contacts. */
  scope: z.enum(['kept', 'all']).default('kept'),
  /**
   * `sentence`: the `all` and `any` concepts must meet in one sentence (a request and the words
   * that report it: 「番号を教えてと言われた」, not a 「見せて」 in one sentence and a 「と書いてあった」 in another).
   */
  within: z.enum(['message', 'sentence']).default('message'),
  note: z.string().optional(),
};
const needsAllOrAny = {
  check: (rule: { all?: unknown; any?: unknown }) => rule.all !== undefined || rule.any !== undefined,
  message: 'a rule needs `all` or `any` (a list of concept names)',
};

/**
 * A condition on the concepts a message holds: every concept in `all`, at least one in `any`,
 * and none in `none`. `any` may also be a list of lists: one concept from each list.
 */
export const conditionSchema = z.object(conditionFields).strict().refine(needsAllOrAny.check, { message: needsAllOrAny.message });
export type Condition = z.infer<typeof conditionSchema>;

/** A matching rule: a condition that adds `score` to its intent when it holds. */
export const ruleSchema = z
  .object({ ...conditionFields, score: z.number().min(-20).max(20) })
  .strict()
  .refine(needsAllOrAny.check, { message: needsAllOrAny.message });
export type Rule = z.infer<typeof ruleSchema>;

const examples = z.array(z.string().min(1)).min(3, 'at least 3 example phrasings');

const followupSchema = z
  .object({
    /** The rule the next message must satisfy (its score is not used). */
    when: ruleSchema,
    /** An FAQ entry to answer, or `flow` to go on with the current flow. */
    go: z.union([faqIdSchema, z.literal('flow')]),
    /** A message of this shape (「それはなぜ？」) to prove the follow-up in tests. */
    example: z.string().min(1),
  })
  .strict();
export type FollowupData = z.infer<typeof followupSchema>;

/** A condition of the scam signal: reported contacts count even after 「〜じゃなくて」 (scope `all`) unless it says otherwise. */
const scamConditionSchema = z
  .object({ ...conditionFields, scope: z.enum(['kept', 'all']).default('all') })
  .strict()
  .refine(needsAllOrAny.check, { message: needsAllOrAny.message });
const scamConditions = z.array(scamConditionSchema);

/**
 * The scam signal as a small model of the situation the person reports (see src/core/scam-signal.ts):
 * someone (`who`) reached them (`happened`) or wanted something of them (`wanted`). Each slot is
 * filled when any of its conditions holds.
 */
export const scamSignalSchema = z
  .object({
    /** Someone of the association, claiming to be, or citing the incident. */
    who: scamConditions.min(1),
    /** They reached the person: a call received, a message, a visit, a friend request. */
    happened: scamConditions.min(1),
    /** They asked for information, a card, money or an action; or the person already gave it. */
    wanted: scamConditions.min(1),
    /** What stops a report from someone unnamed (happened × wanted, no who): a question about being impersonated at a clinic (q7). */
    unnamed_unless: scamConditions.default([]),
    /** Routine business (a form, the medical-expense notice): a contact alone about it is no report. */
    routine: scamConditions.default([]),
    /** Warnings that need no sender: 詐欺 or 還付金, a suspicious call, a question whether a contact was real. */
    also: scamConditions.default([]),
    /** Another organisation as the sender, with nothing of the association or the incident: the general route, not the warning. */
    other_sender: scamConditions.default([]),
    /** Never a report, whatever else holds (a request for a scam script). */
    never: scamConditions.default([]),
  })
  .strict();
export type ScamSignalData = z.infer<typeof scamSignalSchema>;

export const faqIntentSchema = z
  .object({
    id: faqIdSchema,
    question: z.string().min(1),
    /** A short form of the question for buttons: LINE caps quick-reply labels at 20 characters. */
    label: z.string().min(1).max(20),
    /** The same in English, for people who write in English (the answer itself stays Japanese). */
    label_en: z.string().min(1).max(20),
    answer: z.string().min(1),
    rules: z.array(ruleSchema).min(1),
    /** The situations that force this intent ahead of every other answer (the scam warning). */
    scam_signal: scamSignalSchema.optional(),
    examples,
    related: z.array(faqIdSchema).max(3).default([]),
    /** The entries whose grounds this one gives: 問2 (why no leak can be claimed) for 問1. A 「なんで？」 right after one of them is answered here. */
    grounds_for: z.array(faqIdSchema).default([]),
    /** The answer routes the person to the call center (問8: whether their data is among the records): the reply shows its card. */
    call_center: z.boolean().default(false),
    /**
     * How a vague next message reads right after this answer: 「それはなぜ？」 after q1 means q2.
     * Used only when the next message is no clear question of its own.
     */
    followups: z.array(followupSchema).default([]),
  })
  .strict();
export type FaqIntentData = z.infer<typeof faqIntentSchema>;

const smalltalkKindSchema = z
  .object({
    answer: z.string().min(1),
    answer_en: z.string().min(1),
    rules: z.array(ruleSchema).min(1),
    examples,
    show_menu: z.boolean().default(false),
  })
  .strict();

export const smalltalkSchema = z
  .object({
    id: z.literal('smalltalk'),
    kinds: z
      .record(z.string().regex(/^[a-z_]+$/), smalltalkKindSchema)
      .refine((kinds) => 'forget' in kinds, 'needs a "forget" kind: the reply to 「この会話を削除して」, sent once the conversation is deleted'),
  })
  .strict();
export type SmalltalkData = z.infer<typeof smalltalkSchema>;
export type SmalltalkKind = z.infer<typeof smalltalkKindSchema>;

export const fallbackSchema = z
  .object({
    id: z.literal('fallback'),
    /** Shown when nothing matched; {phone} and {hours} come from the config. */
    answer: z.string().includes('{phone}', { message: 'the fallback answer must show the call center number as {phone}' }),
    answer_en: z.string().includes('{phone}', { message: 'the fallback answer must show the call center number as {phone}' }),
    /** Cues for questions near the FAQ's topic that the FAQ does not answer (reissuing a card, compensation …). */
    rules: z.array(ruleSchema).min(1),
    examples,
  })
  .strict();
export type FallbackData = z.infer<typeof fallbackSchema>;

const termText = z.string().trim().min(1);
/** A term is a plain string, or `{term: 医者, reading: false}` to match a kanji word by its letters only. */
const term = z.union([termText, z.object({ term: termText, reading: z.boolean() }).strict()], {
  errorMap: () => ({ message: 'expected a word as text (quote numbers: "707000"), or {term: 医者, reading: false}' }),
});
export type TermEntry = z.infer<typeof term>;

export const synonymFileSchema = z.record(
  conceptName,
  z
    .object({
      description: z.string().optional(),
      /**
       * Concepts of one family compete for the same words, the longest match winning (電話番号 is a
       * phone number, not a call). Concepts without one are of the family `topic`. A concept of
       * another family keeps its words inside a longer phrase of the topic where grammar sets
       * them off (教えて in 「番号を教えて」).
       */
      family: conceptName.optional(),
      /**
       * true: the family's words are seen wherever they stand, even inside a longer word of another
       * family (the channel a message names: the メール in 「got an email」「メールが届いた」); they
       * compete only among themselves.
       */
      overlay: z.boolean().default(false),
      /** false: every term of the concept is matched by its letters only (grammar fragments such as 「しろと」, whose sound is inside 「素人」). */
      reading: z.boolean().default(true),
      terms: z.array(term).min(1),
    })
    .strict(),
);
export type SynonymFile = z.infer<typeof synonymFileSchema>;

export const compoundsSchema = z.object({ compounds: z.array(termText) }).strict();
export const stopwordsSchema = z.object({ stopwords: z.array(termText) }).strict();

/** ふりがな that kuromoji gets wrong for this FAQ's words: word → reading in hiragana (dictionaries/readings.yaml). */
export const readingsSchema = z
  .object({
    readings: z.record(
      z.string().min(1),
      z.string().regex(/^[\u3041-\u3096\u30fc0-9A-Za-z.]+$/u, 'a reading in hiragana (digits and letters as they stand in the word)'),
    ),
  })
  .strict();
export const dismissalsSchema = z
  .object({
    markers: z.array(termText).min(1),
    resets: z.array(termText).default([]),
    /** Words that tie a sentence to the one before it: 「こういう場合、どこに相談すれば？」 asks no second question. */
    continues: z.array(termText).default([]),
  })
  .strict();

const quickReplyLabel = z.string().min(1).max(20, 'at most 20 characters (LINE’s limit for quick-reply labels)');

/**
 * How a flow speaks of the way the person was contacted: `{contact}` (SMS, メール …), `{stop}` (what
 * not to do with it: hang up a call, leave an SMS's link unopened) and `{check}` (how to check
 * whether it was really the association) in the flow's texts.
 */
const contactWordsSchema = z
  .object({
    name: z.string().min(1),
    stop: z.string().min(1),
    check: z.string().min(1),
  })
  .strict();

/** A flow of turns, such as the scam-call flow: a prompt with branches chosen by button or by words. */
export const flowSchema = z
  .object({
    id: z.string().regex(/^[a-z_]+$/),
    /** The FAQ entry whose answer opens the flow. */
    opens_with: faqIdSchema,
    /** Asked after the opening answer, and offered with a button press that names no branch. */
    prompt: z.string().min(1),
    /**
     * What a typed question inside the flow gets (「じゃあどうすればいい？」「それはなぜ？」): the general
     * steps with the choices; asked again right after, `general_again` (never the same text twice).
     */
    general: z.string().min(1),
    general_again: z.string().min(1),
    /** While the flow is open, a message that satisfies one of these stays in it. */
    stay_rules: z.array(ruleSchema).default([]),
    /** The ways a person is contacted, first match first: a message naming one of `concepts` sets it. */
    contacts: z
      .array(
        contactWordsSchema
          .extend({
            id: z.string().regex(/^[a-z_]+$/),
            concepts: z.array(z.string().min(1)).min(1),
            /** Concepts that name this contact only before any is known (「電話」 later may be the person's own phone). */
            at_first: z.array(z.string().min(1)).default([]),
          })
          .strict(),
      )
      .default([]),
    /** The words for a contact the person has not named. */
    unknown_contact: contactWordsSchema,
    /** The flow's texts in English, by the same ids. */
    en: z
      .object({
        prompt: z.string().min(1),
        general: z.string().min(1),
        general_again: z.string().min(1),
        unknown_contact: contactWordsSchema,
        contacts: z.record(z.string(), contactWordsSchema),
        branches: z.record(z.string(), z.object({ label: quickReplyLabel, answer: z.string().min(1) }).strict()),
      })
      .strict(),
    branches: z.record(
      z.string().regex(/^[a-z_]+$/),
      z
        .object({
          label: quickReplyLabel,
          /** A typed message that satisfies one of these rules chooses the branch. */
          rules: z.array(ruleSchema).min(1),
          answer: z.string().min(1),
          example: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict();
export type FlowData = z.infer<typeof flowSchema>;

/** The bot's own wording outside the FAQ answers. {name}, {phone}, {hours}, {label} are filled in. */
const messageFields = {
    menu_prompt: z.string().min(1),
    menu_label: quickReplyLabel,
    rephrase: z.string().min(1),
    clarify: z.string().min(1),
    other_question_in_message: z.string().includes('{label}'),
    /** After an FAQ answer, when the message also asked what the FAQ does not cover (a procedure …). */
    other_question_call_center: z.string().includes('{phone}'),
    /** Beside the rephrase prompt, before the questions the message most likely meant (「もしかして」). */
    maybe: z.string().min(1),
    /** A scam by another organisation (a bank, a delivery company): the general route, not the association's warning. */
    other_scam: z.string().min(1),
    privacy_notice: z.string().min(1),
    /** Under every official answer: its date, {date} as 2026年11月25日 (config officialFaq.asOf). */
    as_of: z.string().includes('{date}', { message: 'must show the date as {date}' }),
    feedback_question: z.string().min(1),
    feedback_yes: quickReplyLabel,
    feedback_no: quickReplyLabel,
    feedback_thanks_yes: z.string().min(1),
    feedback_thanks_no: z.string().includes('{phone}'),
    not_text: z.string().min(1),
    forget_confirm: quickReplyLabel,
    forget_cancel: quickReplyLabel,
    forget_done: z.string().min(1),
    forget_cancelled: z.string().min(1),
    unavailable: z.string().min(1),
};

/** The bot's own wording; `en`, the same in English, with the line before each official answer. */
export const messagesSchema = z
  .object({
    ...messageFields,
    en: z
      .object({
        ...messageFields,
        /** Before each official answer, which stays in Japanese. */
        official_intro: z.string().min(1),
        /** Before the official Japanese warning (問9): its essentials in English, marked as a translation. */
        scam_warning_translation: z.string().min(1),
      })
      .strict(),
  })
  .strict();
export type MessagesData = z.infer<typeof messagesSchema>;

export const configSchema = z
  .object({
    /** The official FAQ's date (intents/official-faq.txt): every answer from it says so. */
    officialFaq: z
      .object({
        asOf: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
          .refine((date) => !Number.isNaN(Date.parse(`${date}T00:00:00Z`)), 'a real date'),
      })
      .strict(),
    callCenter: z
      .object({
        name: z.string().min(1),
        /** The name in English texts (messages.yaml `en`). */
        nameEn: z.string().min(1).default('Kyokai Kenpo call center'),
        phone: z.string().min(1),
        hours: z.string().min(1),
        placeholder: z.boolean().default(false),
      })
      .strict(),
    matching: z
      .object({
        /** The lowest score an intent needs to be answered; below it the bot falls back. */
        threshold: z.number().positive(),
        /** The runner-up is "close" when its score is at least this share of the best one. */
        closeRatio: z.number().min(0).max(1),
        /**
         * Right after an answer, a vague message may go to that entry, its related entries or its
         * follow-ups with this lower score (「名前も？」 after the answer about the data).
         */
        contextThreshold: z.number().positive(),
        /**
         * Where the rules find nothing, the second opinion (statistics over the labelled phrasings)
         * answers an FAQ entry when its vote for it reaches this share (0..1); 1 turns it off.
         */
        secondOpinionShare: z.number().min(0).max(1).default(0.8),
      })
      .strict(),
    server: z
      .object({
        /** Sites (scheme://host[:port]) that may embed the widget and call the API from the browser. */
        allowedOrigins: z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin such as https://www.example.jp (no path)')).default([]),
        /** Behind a reverse proxy, trust X-Forwarded-For for the client's address. Off unless configured. */
        // How many reverse proxies stand in front of the bot: X-Forwarded-For is believed for
        // that many hops only. `true` (believe every hop) would let any client pick its address.
        trustProxy: z.number().int().min(0).max(10).default(0),
        /** Strict-Transport-Security; absent: on when trustProxy is set (a TLS-ending proxy in front). */
        hsts: z.boolean().optional(),
        rateLimit: z
          .object({
            /**
             * Requests one client address (an IPv6 /64) may make to the API per window: high enough
             * for everyone behind one carrier's shared NAT or one company proxy.
             */
            maxRequests: z.number().int().min(1),
            /** Requests one conversation may make per window: a person sends a few messages a minute. */
            perSessionMaxRequests: z.number().int().min(1).default(20),
            windowSeconds: z.number().int().min(1),
          })
          .strict(),
        /** A request must arrive whole within this many seconds (slow clients are cut off). */
        requestTimeoutSeconds: z.number().min(1).max(120),
        /** On SIGTERM, in-flight requests get this long to finish before connections are closed. */
        shutdownGraceSeconds: z.number().min(0).max(60),
        /** Live conversations kept at most (the least recently active go first): bounds the state file. */
        maxSessions: z.number().int().min(100).default(1_000_000),
        /** A conversation is forgotten this many minutes after its last turn. */
        sessionMinutes: z.number().min(1).max(24 * 60).default(30),
      })
      .strict(),
    conversationLog: z
      .object({
        /** Entries older than this many days are deleted automatically. */
        retentionDays: z.number().int().min(1).max(3650),
      })
      .strict(),
  })
  .strict();
export type BotConfig = z.infer<typeof configSchema>;

export const PERSONAL_DATA_KINDS = ['email', 'card_number', 'my_number', 'phone', 'postal_code', 'address', 'bank_account', 'insurance_number', 'birth_date', 'name', 'long_number'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export const personalDataSchema = z
  .object({
    kinds: z.record(
      z.enum(PERSONAL_DATA_KINDS),
      z
        .object({
          mask: z.string().regex(/^\[.+\]$/, 'a mask in brackets, e.g. [電話番号]'),
          ignore_case: z.boolean().default(false),
          /** A check digit the match must pass: My Number's, or the Luhn digit of payment cards. */
          check: z.enum(['my_number', 'luhn']).optional(),
          /**
           * `any`: the patterns also read the text with everything between digits taken out, so
           * 「0 9 0 …」, 「6813/0274/5590」 and a number broken across lines are one number.
           */
          grouping: z.enum(['as_typed', 'any']).default('as_typed'),
          patterns: z.array(z.string().min(1)).min(1),
        })
        .strict(),
    ),
  })
  .strict();
export type PersonalDataPatterns = z.infer<typeof personalDataSchema>;

/** A concept as loaded from dictionaries/synonyms/: its terms, and the family it competes in for words. */
export interface TermDefinition {
  readonly text: string;
  /** false: the term is matched by its letters only, never by its reading. */
  readonly byReading: boolean;
}

export interface ConceptDefinition {
  readonly concept: string;
  /** Concepts of one family compete for words, the longest match winning; by default TOPIC_FAMILY. */
  readonly family?: string | undefined;
  /** Its family's words are seen even inside a longer word of another family (see synonymFileSchema). */
  readonly overlay?: boolean;
  readonly terms: readonly TermDefinition[];
}

/** Every concept a condition names. */
export function conceptsOf(rule: Condition): string[] {
  return [...(rule.all ?? []), ...(rule.any ?? []).flat(), ...(rule.none ?? [])];
}
