/**
 * A start-up guard against patterns that can take exponential time (ReDoS).
 *
 * A backtracking engine blows up when a repeated group can match the same text in more than
 * one way: (a+)+, (?:a|a)*, (?:[0-9]|[0-9]-?)* (the last takes seconds on 26 digits). Telling
 * which alternatives overlap needs a real automaton analysis, so the guard is deliberately
 * blunt instead: a group that may run more than once (*, +, {n,}, {n,m} or {n} with n > 1)
 * must have a body that matches in one way only — no alternation (|) and no optional or
 * variable-length part (?, *, +, {n,m}) anywhere inside it. An exact count {n} is just the
 * atom written out n times, so it adds no choice and is allowed.
 *
 * This refuses some safe patterns, such as (?:ab|cd)+; write those out or bound them another
 * way. The patterns in dictionaries/personal-data.yaml are short and hand-written, and need no
 * repeated group at all. Only exponential blow-up is caught: adjacent unbounded repeats like
 * [0-9]*[0-9]* are polynomial and left to bounded counts in the data file.
 *
 * Returns a reason, or undefined when the pattern is fine. Reads the source as the u-flag
 * syntax the masker compiles it with.
 */
export function unsafeRepetition(source: string): string | undefined {
  // One frame per open group (the bottom one is the whole pattern): why its body is ambiguous.
  const stack: Frame[] = [{ start: 0, why: undefined }];
  const top = () => stack[stack.length - 1]!;
  const markAmbiguous = (why: string) => {
    top().why ??= why;
  };

  let index = 0;
  while (index < source.length) {
    const ch = source[index]!;
    if (ch === '(') {
      stack.push({ start: index, why: undefined });
      index = afterGroupPrefix(source, index + 1);
      continue;
    }
    if (ch === '|') {
      markAmbiguous('alternatives (|)');
      index++;
      continue;
    }

    // One atom: a closed group, an escape, a class or a single character; then its quantifier.
    let group: Frame | undefined;
    if (ch === ')') {
      if (stack.length === 1) return undefined; // unbalanced: new RegExp reports it better
      group = stack.pop()!;
      // An ambiguous group makes whatever encloses it ambiguous too, at any depth.
      if (group.why) markAmbiguous(group.why);
      index++;
    } else if (ch === '\\') index = afterEscape(source, index);
    else if (ch === '[') index = afterClass(source, index);
    else index++;

    const quantifier = readQuantifier(source, index);
    if (!quantifier) continue;
    if (group?.why && quantifier.max > 1) {
      return `a repeated group contains ${group.why} near "${snippet(source, group.start, quantifier.end)}"`;
    }
    if (quantifier.min !== quantifier.max) markAmbiguous(quantifier.max === 1 ? 'an optional part' : 'a repeat');
    index = quantifier.end;
  }
  return undefined;
}

interface Frame {
  /** Where the group opens, for the message. */
  readonly start: number;
  /** Why its body can match in more than one way, once something inside makes it so. */
  why: string | undefined;
}

interface Quantifier {
  readonly min: number;
  readonly max: number;
  /** The index just after the quantifier, including a lazy "?". */
  readonly end: number;
}

function readQuantifier(source: string, index: number): Quantifier | undefined {
  const ch = source[index];
  let min: number;
  let max: number;
  let end: number;
  if (ch === '*' || ch === '+' || ch === '?') {
    min = ch === '+' ? 1 : 0;
    max = ch === '?' ? 1 : Infinity;
    end = index + 1;
  } else if (ch === '{') {
    // A "{" that is no count ({a}, a lone {) is a literal in Annex B syntax; not a quantifier.
    const count = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index));
    if (!count) return undefined;
    min = Number(count[1]);
    max = count[2] === undefined ? min : count[3] === '' ? Infinity : Number(count[3]);
    end = index + count[0].length;
  } else {
    return undefined;
  }
  if (source[end] === '?') end++; // lazy: the same choices, in another order
  return { min, max, end };
}

/** Skips a group's "?:", "?=", "?!", "?<=", "?<!" or "?<name>", which are no quantifiers. */
function afterGroupPrefix(source: string, index: number): number {
  if (source[index] !== '?') return index;
  const next = source[index + 1];
  if (next === ':' || next === '=' || next === '!') return index + 2;
  if (next === '<') {
    const after = source[index + 2];
    if (after === '=' || after === '!') return index + 3;
    const close = source.indexOf('>', index + 2);
    return close < 0 ? source.length : close + 1;
  }
  return index + 1;
}

/** Skips an escape; the braces of \p{…}, \u{…} and the name of \k<…> are part of it, not a count. */
function afterEscape(source: string, index: number): number {
  const letter = source[index + 1];
  if ((letter === 'p' || letter === 'P' || letter === 'u') && source[index + 2] === '{') {
    const close = source.indexOf('}', index + 3);
    return close < 0 ? source.length : close + 1;
  }
  if (letter === 'k' && source[index + 2] === '<') {
    const close = source.indexOf('>', index + 3);
    return close < 0 ? source.length : close + 1;
  }
  return index + 2;
}

/** Skips a character class: "|", "(" and quantifier characters inside it are literals. */
function afterClass(source: string, index: number): number {
  for (let at = index + 1; at < source.length; at++) {
    if (source[at] === '\\') at++;
    else if (source[at] === ']') return at + 1;
  }
  return source.length;
}

function snippet(source: string, start: number, end: number): string {
  const text = source.slice(start, end);
  return text.length <= 40 ? text : `${text.slice(0, 18)}…${text.slice(-18)}`;
}
