/**
 * A guard against patterns that can take exponential time (ReDoS): a repeated group that
 * itself contains a repeat, such as (a+)+ or (\d{1,3}-?)*. It reads the pattern's source;
 * the patterns in dictionaries/personal-data.yaml are short and hand-written, so a syntactic
 * check is enough to keep them linear. Returns a reason, or undefined when the pattern is fine.
 */
export function unsafeRepetition(source: string): string | undefined {
  // For each open group, whether something inside it repeats.
  const stack: boolean[] = [];
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const ch = source[index]!;
    if (ch === '\\') {
      index++;
      // An escaped character can still be repeated by what follows; handled when we see it.
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      continue;
    }
    if (ch === '(') {
      stack.push(false);
      continue;
    }
    const next = source[index + 1];
    const quantified = (after: string | undefined) => after === '*' || after === '+' || after === '{' || after === '?';
    if (ch === ')') {
      const innerRepeats = stack.pop() ?? false;
      const repeated = next === '*' || next === '+' || (next === '{' && !/^\{\d+\}/.test(source.slice(index + 1)));
      if (innerRepeats && repeated) return `a repeated group contains a repeat near "${source.slice(Math.max(0, index - 12), index + 3)}"`;
      if (stack.length > 0 && quantified(next) && next !== '?') stack[stack.length - 1] = true;
      if (innerRepeats && stack.length > 0) stack[stack.length - 1] = true;
      continue;
    }
    if ((ch === '*' || ch === '+' || (ch === '{' && /^\{\d*,\d*\}/.test(source.slice(index)))) && stack.length > 0) {
      stack[stack.length - 1] = true;
    }
  }
  return undefined;
}
