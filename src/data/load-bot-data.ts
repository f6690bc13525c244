import path from 'node:path';
import { DataConsistencyError, DataFileError } from '../errors';
import { DICTIONARIES_DIR, INTENTS_DIR } from '../paths';
import type { ConceptDefinition } from '../core/concepts';
import { conceptsOf } from '../core/match';
import { listYamlFiles, loadYamlFile } from './load-yaml';
import {
  compoundsSchema,
  dismissalsSchema,
  FAQ_IDS,
  type FlowData,
  flowSchema,
  type MessagesData,
  messagesSchema,
  type PersonalDataPatterns,
  personalDataSchema,
  type FallbackData,
  type FaqIntentData,
  fallbackSchema,
  faqIntentSchema,
  type Condition,
  type SmalltalkData,
  smalltalkSchema,
  stopwordsSchema,
  synonymFileSchema,
} from './schemas';

/** Everything the engine needs from intents/ and dictionaries/, validated. */
export interface BotData {
  readonly faq: readonly FaqIntentData[];
  readonly smalltalk: SmalltalkData;
  readonly fallback: FallbackData;
  readonly flows: readonly FlowData[];
  readonly messages: MessagesData;
  readonly personalData: PersonalDataPatterns;
  readonly concepts: readonly ConceptDefinition[];
  readonly compounds: readonly string[];
  readonly stopwords: readonly string[];
  readonly dismissals: readonly string[];
  /** Dismissal markers that take back everything before them (「無理なら」). */
  readonly resets: readonly string[];
  /** Words that tie a sentence to the one before it (dismissals.yaml `continues`). */
  readonly continuations: readonly string[];
}

export interface DataFolders {
  readonly intents: string;
  readonly dictionaries: string;
}

export const DEFAULT_FOLDERS: DataFolders = { intents: INTENTS_DIR, dictionaries: DICTIONARIES_DIR };

export function loadBotData(folders: DataFolders = DEFAULT_FOLDERS): BotData {
  const faq = FAQ_IDS.map((id) => {
    const file = path.join(folders.intents, `${id}.yaml`);
    const intent = loadYamlFile(file, faqIntentSchema);
    if (intent.id !== id) throw new DataFileError(path.basename(file), [`field "id": expected "${id}" (the file's name), got "${intent.id}"`]);
    return intent;
  });
  const smalltalk = loadYamlFile(path.join(folders.intents, 'smalltalk.yaml'), smalltalkSchema);
  const fallback = loadYamlFile(path.join(folders.intents, 'fallback.yaml'), fallbackSchema);
  const messages = loadYamlFile(path.join(folders.intents, 'messages.yaml'), messagesSchema);
  const flows = listYamlFiles(path.join(folders.intents, 'flows')).map((file) => loadYamlFile(file, flowSchema));

  const concepts: ConceptDefinition[] = [];
  const definedIn = new Map<string, string>();
  const problems: string[] = [];
  for (const file of listYamlFiles(path.join(folders.dictionaries, 'synonyms'))) {
    const synonyms = loadYamlFile(file, synonymFileSchema);
    for (const [concept, { terms, family, reading }] of Object.entries(synonyms)) {
      const earlier = definedIn.get(concept);
      if (earlier) problems.push(`concept "${concept}" is defined in both ${earlier} and ${path.basename(file)}: keep one`);
      definedIn.set(concept, path.basename(file));
      concepts.push({
        concept,
        family,
        terms: terms.map((term) => (typeof term === 'string' ? { text: term, byReading: reading } : { text: term.term, byReading: term.reading })),
      });
    }
  }
  const { compounds } = loadYamlFile(path.join(folders.dictionaries, 'compounds.yaml'), compoundsSchema);
  const { stopwords } = loadYamlFile(path.join(folders.dictionaries, 'stopwords.yaml'), stopwordsSchema);
  const { markers, resets, continues } = loadYamlFile(path.join(folders.dictionaries, 'dismissals.yaml'), dismissalsSchema);
  const personalData = loadYamlFile(path.join(folders.dictionaries, 'personal-data.yaml'), personalDataSchema);

  const data: BotData = { faq, smalltalk, fallback, flows, messages, personalData, concepts, compounds, stopwords, dismissals: markers, resets, continuations: continues };
  problems.push(...checkConsistency(data));
  if (problems.length > 0) throw new DataConsistencyError(problems);
  return data;
}

function rulesOf(data: BotData): Array<{ where: string; rules: readonly Condition[] }> {
  return [
    ...data.faq.flatMap((intent) => [
      { where: `intents/${intent.id}.yaml rules`, rules: intent.rules },
      ...Object.entries(intent.scam_signal ?? {}).map(([slot, conditions]) => ({ where: `intents/${intent.id}.yaml scam_signal.${slot}`, rules: conditions })),
    ]),
    ...Object.entries(data.smalltalk.kinds).map(([kind, { rules }]) => ({ where: `intents/smalltalk.yaml kinds.${kind}.rules`, rules })),
    { where: 'intents/fallback.yaml rules', rules: data.fallback.rules },
    ...data.faq.map((intent) => ({ where: `intents/${intent.id}.yaml followups`, rules: intent.followups.map((followup) => followup.when) })),
    ...data.flows.flatMap((flow) => [
      ...Object.entries(flow.branches).map(([branch, { rules }]) => ({ where: `intents/flows/${flow.id} branches.${branch}.rules`, rules })),
      { where: `intents/flows/${flow.id} stay_rules`, rules: flow.stay_rules },
    ]),
  ];
}

/** Cross-file checks: every concept a rule names is in the dictionaries; related entries and flows exist. */
function checkConsistency(data: BotData): string[] {
  const problems: string[] = [];
  const known = new Set(data.concepts.map((definition) => definition.concept));
  for (const { where, rules } of rulesOf(data)) {
    rules.forEach((rule, index) => {
      for (const concept of conceptsOf(rule)) {
        if (!known.has(concept)) {
          problems.push(`${where}[${index}] names the concept "${concept}", which no file in dictionaries/synonyms/ defines`);
        }
      }
    });
  }
  for (const intent of data.faq) {
    for (const related of intent.related) {
      if (related === intent.id) problems.push(`intents/${intent.id}.yaml related lists the entry itself`);
    }
    for (const followup of intent.followups) {
      if (followup.go === 'flow' && !data.flows.some((flow) => flow.opens_with === intent.id)) {
        problems.push(`intents/${intent.id}.yaml has a followup that goes to "flow", but no flow in intents/flows/ opens with ${intent.id}`);
      }
    }
  }
  return problems;
}
