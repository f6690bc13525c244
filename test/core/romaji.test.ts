import { looksLikeRomaji, readRomaji, romajiWordToKana } from '../../src/core/romaji';
import { normalize } from '../../src/core/normalize';
import { getEngine } from '../helpers/engine';

describe('romajiWordToKana', () => {
  it.each([
    ['kyoukai', 'きょうかい'],
    ['hokenshou', 'ほけんしょう'],
    // Hepburn and kunrei spellings alike.
    ['tsukaenaku', 'つかえなく'],
    ['tukaenaku', 'つかえなく'],
    ['sinpai', 'しんぱい'],
    // A doubled consonant is a small っ; n before a consonant or at the end is ん.
    ['haitte', 'はいって'],
    ['kanpukin', 'かんぷきん'],
    ["gen'in", 'げんいん'],
    ['konnichiwa', 'こんにちわ'],
    // A long e in a loanword is a long-vowel mark, as in kana (メール).
    ['meeru', 'めーる'],
  ])('%s → %s', (word, kana) => {
    expect(romajiWordToKana(word)).toBe(kana);
  });

  it.each(['staff', 'sms', 'click', 'gift', 'atm'])('%s spells no Japanese syllables', (word) => {
    expect(romajiWordToKana(word)).toBeUndefined();
  });
});

describe('readRomaji', () => {
  it.each([
    // Particles as they sound: wa is は, o is を.
    ['naze ryuushutsu shite inai to ieru no? shouko wa arimasu ka', 'なぜ りゅうしゅつ して いない と いえる の? しょうこ は あります か'],
    ['kore kara donna taisaku o shimasu ka', 'これ から どんな たいさく を します か'],
    // Latin words that are no romaji, and English words that happen to spell syllables, stay for the English stems.
    ['kenpo no staff to iu hito ni atm ni itte to iwareta', 'けんぽ の staff と いう ひと に atm に いって と いわれた'],
    ['kyoukai kenpo no data, hontou ni leak shita no?', 'きょうかい けんぽ の data, ほんとう に leak した の?'],
  ])('%s', (typed, read) => {
    expect(readRomaji(normalize(typed)).text).toBe(read);
  });

  it.each([
    // English stays English, even with words that spell syllables (no, to, name, made).
    'No, I want to know if my name was in the data',
    'I moved to Osaka, how do I change my address?',
    'Someone called me and said he was from Kyokai Kenpo',
    // A single word is too little to tell.
    'konnichiwa',
  ])('leaves %s as it is', (typed) => {
    expect(looksLikeRomaji(normalize(typed).text)).toBe(false);
  });
});

describe('romaji through the engine', () => {
  // Each is a different question, typed as people without a Japanese keyboard type it.
  it.each([
    ['kyoukai kenpo no jouhou wa honto ni morete shimatta no desu ka', 'q1'],
    ['nise no hokenshou wo tsukurareru kanousei wa arimasu ka', 'q6'],
    ['watashi no hoken no shikaku wa kieru koto arimasu ka', 'q5'],
    ['kore kara no taisaku wa nan desu ka', 'q11'],
  ])('%s → %s', async (text, label) => {
    const engine = await getEngine();
    expect(engine.classify(text).label).toBe(label);
  });
});

describe('romaji mixed with English, sentence by sentence', () => {
  // People switch between the two in one message: each sentence that reads as romaji is read as kana.
  it.each([
    ['Kyokai kenpo no hito to hanashimashita. They said I must pay a fee', 'q9'],
    ['I got an SMS. kyoukai kenpo kara kanpukin ga aru to kaite atta', 'q9'],
    ['My mother got a call. kyoukai no hito ga kouza bangou wo kikimashita', 'q9'],
    ['Sorry for my Japanese. hokenshou wa mada tsukaemasu ka?', 'q5'],
  ])('%s → %s', async (typed, label) => {
    const engine = await getEngine();
    expect(engine.classify(typed).decision.label).toBe(label);
  });

  it('leaves English sentences as they are', () => {
    const { text } = readRomaji(normalize('I got an SMS. kyoukai kenpo kara kanpukin ga aru'));
    expect(text).toContain('i got an sms.');
    expect(text).toContain('きょうかい');
  });
});
