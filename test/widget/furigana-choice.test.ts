import { CHOICE_KEY, type ChoiceStorage, createChoiceStore, furiganaShown } from '../../src/widget/furigana-choice';

/** localStorage as the browser may give it: working, or refusing to read or to write. */
function storage({ stored, refuseRead = false, refuseWrite = false }: { stored?: string; refuseRead?: boolean; refuseWrite?: boolean }) {
  const items = new Map<string, string>(stored === undefined ? [] : [[CHOICE_KEY, stored]]);
  const fake: ChoiceStorage = {
    getItem(key) {
      if (refuseRead) throw new Error('SecurityError');
      return items.get(key) ?? null;
    },
    setItem(key, value) {
      if (refuseWrite) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
  };
  return { fake, items };
}

test.each([
  // why, what is stored, the choice read
  ['nothing chosen yet', undefined, null],
  ['turned on', 'on', true],
  ['turned off', 'off', false],
  ['something else under our key is no choice', 'true', null],
])('the remembered choice: %s', (_why, stored, choice) => {
  expect(createChoiceStore(storage({ stored }).fake).read()).toBe(choice);
});

test('a choice is saved for the next page load', () => {
  const { fake, items } = storage({});
  createChoiceStore(fake).save(false);
  expect(items.get(CHOICE_KEY)).toBe('off');
  expect(createChoiceStore(fake).read()).toBe(false);
});

test.each([
  ['no storage at all (reading localStorage threw)', null],
  ['storage that throws on reading', storage({ stored: 'on', refuseRead: true }).fake],
  ['storage that throws on writing (quota, private mode)', storage({ refuseWrite: true }).fake],
])('without usable storage the choice lasts as long as the page: %s', (_why, fake) => {
  const store = createChoiceStore(fake);
  expect(store.read()).toBeNull();
  expect(() => store.save(true)).not.toThrow();
  expect(store.read()).toBe(true);
});

test.each([
  // the person's choice, the conversation's language, shown
  [null, 'ja', false],
  [null, 'en', true], // on by default for English writers
  [false, 'en', false], // turned off by the person: their choice wins
  [true, 'ja', true],
] as const)('furiganaShown(%p, %p) is %p', (choice, language, shown) => {
  expect(furiganaShown(choice, language)).toBe(shown);
});
