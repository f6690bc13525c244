/**
 * Finds every occurrence of many terms in a message in one pass: the terms are kept in a
 * character trie, so from each position of the message only as many characters are compared
 * as the longest term that still matches. (Comparing every term, or every term that starts
 * with the same character, costs in proportion to the dictionary's size.)
 */
interface TrieNode<Term> {
  readonly children: Map<number, TrieNode<Term>>;
  /** Terms that end here. */
  readonly terms: Term[];
}

export class TermIndex<Term extends { readonly text: string }> {
  private readonly root: TrieNode<Term> = { children: new Map(), terms: [] };

  constructor(terms: Iterable<Term>) {
    for (const term of terms) {
      if (term.text.length === 0) continue;
      let node = this.root;
      for (let index = 0; index < term.text.length; index++) {
        const code = term.text.charCodeAt(index);
        let child = node.children.get(code);
        if (!child) {
          child = { children: new Map(), terms: [] };
          node.children.set(code, child);
        }
        node = child;
      }
      node.terms.push(term);
    }
  }

  forEachMatch(haystack: string, found: (term: Term, start: number) => void): void {
    for (let start = 0; start < haystack.length; start++) {
      let node: TrieNode<Term> | undefined = this.root;
      for (let index = start; index < haystack.length; index++) {
        node = node.children.get(haystack.charCodeAt(index));
        if (!node) break;
        for (const term of node.terms) found(term, start);
      }
    }
  }
}
