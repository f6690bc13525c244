import { loadBotData } from '../../src/data/load-bot-data';
import { unsafeRepetition } from '../../src/privacy/safe-pattern';

describe('unsafeRepetition', () => {
  it.each([
    ['(a+)+'],
    ['(\\d{1,3}-?)*'],
    ['(?:x|y+){2,}'],
    // Ambiguous alternatives under a repeat: the first took 6.7 s on 26 digits before the guard saw it.
    ['(?:[0-9]|[0-9]-?)*x'],
    ['(?:a|a)*x'],
    // Deeper: the inner group's choice makes the outer repeat ambiguous.
    ['(?:(?:a|b)c)*'],
    ['(?:(?:a-?){1})+'],
    // A bounded count still multiplies the choices (2^30 for {30}).
    ['(?:a|a){1,30}'],
    ['(?:a?){30}'],
    // Lazy quantifiers try the same choices in another order.
    ['(?:[a-z]+?)*?'],
  ])('refuses %s', (source) => {
    expect(unsafeRepetition(source)).toMatch(/^a repeated group contains /);
  });

  it.each([
    ['[0-9]{4}-[0-9]{4}'],
    ['(?:記号|番号)[^0-9]{0,6}[0-9]{1,8}'],
    ['(?:ab){3}'],
    // Optional groups run at most once, whatever is inside.
    ['(?:[- ][0-9]{1,8})?'],
    ['(?: ?[-.] ?| )?[0-9]{4}'],
    // An exact count adds no choice: (?:-[0-9]{4})+ reads one way only.
    ['(?:-[0-9]{4})+'],
    ['(?:(?:ab){2})+'],
    // "|", "(" and "+" inside a class or escaped are literals; braces of \p{…} are no count.
    ['[(|)]+'],
    ['(?:a\\|b)+'],
    ['\\(0[5789]0\\)'],
    ['\\p{L}{2,}'],
    ['(?<![0-9])(?<name>ab)+(?=x)'],
  ])('accepts %s', (source) => {
    expect(unsafeRepetition(source)).toBeUndefined();
  });

  it('names the group in its reason', () => {
    expect(unsafeRepetition('[0-9]{2}(?:[0-9]|[0-9]-?)*x')).toBe('a repeated group contains alternatives (|) near "(?:[0-9]|[0-9]-?)*"');
    expect(unsafeRepetition('(?:a b?)+')).toBe('a repeated group contains an optional part near "(?:a b?)+"');
  });

  it('accepts every pattern in dictionaries/personal-data.yaml', () => {
    const { kinds } = loadBotData().personalData;
    const refused = Object.entries(kinds).flatMap(([kind, entry]) =>
      entry!.patterns.filter((source) => unsafeRepetition(source)).map((source) => `${kind}: ${source}`),
    );
    expect(refused).toEqual([]);
  });
});
