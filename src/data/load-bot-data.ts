import fs from 'node:fs';
import path from 'node:path';
import { OFFICIAL_FAQ_FILE, parseOfficialFaq } from './official-faq';
import { DataConsistencyError, DataFileError } from '../errors';
import { DICTIONARIES_DIR, INTENTS_DIR } from '../paths';
import { listYamlFiles, loadYamlFile } from './load-yaml';
import {
  type ConceptDefinition,
  conceptsOf,
  compoundsSchema,
  dismissalsSchema,
  byFaqOrder,
  FAQ_ID_PATTERN,
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
  readingsSchema,
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
  /** ふりがな for words kuromoji reads wrongly (dictionaries/readings.yaml). */
  readonly readings: Readonly<Record<string, string>>;
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
  const faqIds = listYamlFiles(folders.intents)
    .map((file) => path.basename(file, '.yaml'))
    .filter((id) => FAQ_ID_PATTERN.test(id))
    .sort(byFaqOrder);
  if (faqIds.length === 0) throw new DataFileError(path.relative(process.cwd(), folders.intents) || folders.intents, ['holds no FAQ entry: expected q1.yaml, q2.yaml …, one per question of the official FAQ']);
  const faq = faqIds.map((id) => {
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
    for (const [concept, { terms, family, reading, overlay }] of Object.entries(synonyms)) {
      const earlier = definedIn.get(concept);
      if (earlier) problems.push(`concept "${concept}" is defined in both ${earlier} and ${path.basename(file)}: keep one`);
      definedIn.set(concept, path.basename(file));
      concepts.push({
        concept,
        family,
        ...(overlay ? { overlay } : {}),
        terms: terms.map((term) => (typeof term === 'string' ? { text: term, byReading: reading } : { text: term.term, byReading: term.reading })),
      });
    }
  }
  const { compounds } = loadYamlFile(path.join(folders.dictionaries, 'compounds.yaml'), compoundsSchema);
  const { stopwords } = loadYamlFile(path.join(folders.dictionaries, 'stopwords.yaml'), stopwordsSchema);
  const { readings } = loadYamlFile(path.join(folders.dictionaries, 'readings.yaml'), readingsSchema);
  const { markers, resets, continues } = loadYamlFile(path.join(folders.dictionaries, 'dismissals.yaml'), dismissalsSchema);
  const personalData = loadYamlFile(path.join(folders.dictionaries, 'personal-data.yaml'), personalDataSchema);

  const data: BotData = { faq, smalltalk, fallback, flows, messages, personalData, concepts, compounds, stopwords, readings, dismissals: markers, resets, continuations: continues };
  problems.push(...checkConsistency(data), ...checkEnglishFlows(data), ...checkOfficialQuestions(folders.intents, faqIds));
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
      // A contact's concepts, as a rule that any of them satisfies.
      ...flow.contacts.map((contact) => ({ where: `intents/flows/${flow.id} contacts.${contact.id}.concepts`, rules: [{ any: [[...contact.concepts, ...contact.at_first]], scope: 'kept' as const, within: 'message' as const }] })),
    ]),
  ];
}

/** Every question of the official FAQ (intents/official-faq.txt) has its entry, and every entry its question. */
function checkOfficialQuestions(intents: string, faqIds: readonly string[]): string[] {
  const file = path.join(intents, OFFICIAL_FAQ_FILE);
  if (!fs.existsSync(file)) return [];
  const official = parseOfficialFaq(fs.readFileSync(file, 'utf8')).map((entry) => entry.id);
  return [
    ...official.filter((id) => !faqIds.includes(id)).map((id) => `intents/${OFFICIAL_FAQ_FILE} has 問${id.slice(1)}, but there is no intents/${id}.yaml: write it like the others`),
    ...faqIds.filter((id) => !official.includes(id)).map((id) => `intents/${id}.yaml has no 問${id.slice(1)} in intents/${OFFICIAL_FAQ_FILE}: add the official question and its answer there`),
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
  const entries = new Set(data.faq.map((intent) => intent.id));
  const unknown = (where: string, id: string) => problems.push(`${where} names the FAQ entry "${id}", which has no file intents/${id}.yaml`);
  for (const flow of data.flows) if (!entries.has(flow.opens_with)) unknown(`intents/flows/${flow.id} opens_with`, flow.opens_with);
  for (const intent of data.faq) {
    for (const related of intent.related) {
      if (related === intent.id) problems.push(`intents/${intent.id}.yaml related lists the entry itself`);
      if (!entries.has(related)) unknown(`intents/${intent.id}.yaml related`, related);
    }
    for (const id of intent.grounds_for) if (!entries.has(id)) unknown(`intents/${intent.id}.yaml grounds_for`, id);
    for (const followup of intent.followups) if (followup.go !== 'flow' && !entries.has(followup.go)) unknown(`intents/${intent.id}.yaml followups`, followup.go);
    for (const followup of intent.followups) {
      if (followup.go === 'flow' && !data.flows.some((flow) => flow.opens_with === intent.id)) {
        problems.push(`intents/${intent.id}.yaml has a followup that goes to "flow", but no flow in intents/flows/ opens with ${intent.id}`);
      }
    }
  }
  return problems;
}

/** Every flow's English texts name exactly its contacts and branches. */
export function checkEnglishFlows(data: BotData): string[] {
  const problems: string[] = [];
  for (const flow of data.flows) {
    const where = `intents/flows/${flow.id} en`;
    const contacts = flow.contacts.map((contact) => contact.id);
    const branches = Object.keys(flow.branches);
    for (const id of contacts) if (!flow.en.contacts[id]) problems.push(`${where}.contacts has no "${id}": write its name, stop and check in English`);
    for (const id of Object.keys(flow.en.contacts)) if (!contacts.includes(id)) problems.push(`${where}.contacts.${id} is no contact of the flow`);
    for (const id of branches) if (!flow.en.branches[id]) problems.push(`${where}.branches has no "${id}": write its label and answer in English`);
    for (const id of Object.keys(flow.en.branches)) if (!branches.includes(id)) problems.push(`${where}.branches.${id} is no branch of the flow`);
  }
  return problems;
}
