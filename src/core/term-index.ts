/**
 * Finds every occurrence of many short terms in a message in one pass: terms are grouped by
 * their first character, so each position of the message is compared only with the terms
 * that can start there. (A search per term costs a pass over the message per term.)
 */
export class TermIndex<Term extends { readonly text: string }> {
  private readonly byFirstChar = new Map<number, Term[]>();

  constructor(terms: Iterable<Term>) {
    for (const term of terms) {
      if (term.text.length === 0) continue;
      const first = term.text.charCodeAt(0);
      const group = this.byFirstChar.get(first);
      if (group) group.push(term);
      else this.byFirstChar.set(first, [term]);
    }
  }

  forEachMatch(haystack: string, found: (term: Term, start: number) => void): void {
    for (let start = 0; start < haystack.length; start++) {
      const group = this.byFirstChar.get(haystack.charCodeAt(start));
      if (!group) continue;
      for (const term of group) {
        if (haystack.startsWith(term.text, start)) found(term, start);
      }
    }
  }
}
