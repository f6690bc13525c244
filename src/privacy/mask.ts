import { tokenizeBounded } from '../core/bounded-tokenize';
import type { Tokenizer } from '../core/tokenizer';
import { DataConsistencyError } from '../errors';
import type { PersonalDataKind, PersonalDataPatterns } from '../data/schemas';
import { unsafeRepetition } from './safe-pattern';

/**
 * Finds personal data in a message and masks it: the one choke point every channel's text
 * passes before anything is logged, stored or forwarded. Detection runs on a copy folded one
 * character for one (full-width digits and letters to ASCII, dash look-alikes to "-"), so the
 * spans found mask the text exactly as typed.
 */

export interface Masked {
  /** The text with every piece of personal data replaced by its mask, e.g. [電話番号]. */
  readonly text: string;
  /** The kinds found, in the order of the data file; empty when none. */
  readonly found: readonly PersonalDataKind[];
}

export interface Masker {
  mask(text: string): Masked;
}

const DASHES = new Set([...'‐‑‒–—―−－ｰー─━']);

/** Folds a string one UTF-16 unit for one, so offsets in the folded copy are offsets in the original. */
export function foldForDetection(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const ch = text[index]!;
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0); // full-width ASCII
    else if (code === 0x3000) out += ' ';
    else if (DASHES.has(ch) && /[0-9０-９]/.test(text[index - 1] ?? '') && /[0-9０-９]/.test(text[index + 1] ?? '')) out += '-';
    else out += ch;
  }
  return out;
}

/** My Number's check digit (番号法施行令 第8条): weights 2–7 then 2–6 from the right. */
export function isValidMyNumber(digits: string): boolean {
  if (!/^[0-9]{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(digits[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === Number(digits[11]);
}

interface CompiledKind {
  readonly kind: PersonalDataKind;
  readonly mask: string;
  readonly patterns: readonly RegExp[];
  readonly check?: (matched: string) => boolean;
}

interface Span {
  start: number;
  end: number;
  kind: PersonalDataKind;
  mask: string;
}

export function compilePersonalData(data: PersonalDataPatterns): CompiledKind[] {
  const problems: string[] = [];
  const kinds: CompiledKind[] = [];
  for (const [kind, entry] of Object.entries(data.kinds) as Array<[PersonalDataKind, PersonalDataPatterns['kinds'][PersonalDataKind]]>) {
    const patterns: RegExp[] = [];
    for (const source of entry!.patterns) {
      const unsafe = unsafeRepetition(source);
      if (unsafe) problems.push(`dictionaries/personal-data.yaml kinds.${kind}: ${unsafe}; rewrite it without a repeated group that repeats`);
      try {
        patterns.push(new RegExp(source, entry!.ignore_case ? 'giu' : 'gu'));
      } catch (error) {
        problems.push(`dictionaries/personal-data.yaml kinds.${kind}: not a valid regular expression: ${(error as Error).message}`);
      }
    }
    kinds.push({
      kind,
      mask: entry!.mask,
      patterns,
      ...(entry!.check === 'my_number' ? { check: (matched: string) => isValidMyNumber(matched.replace(/[- ]/g, '')) } : {}),
    });
  }
  if (problems.length > 0) throw new DataConsistencyError(problems);
  return kinds;
}

const NAME_MASK = '[氏名]';
const HONORIFICS = new Set(['さん', '様', 'さま', '氏', 'くん', '君', 'ちゃん', '殿']);

/**
 * Person names by kuromoji's 人名 (person name) tags: a surname followed by a given name, or
 * a name followed by an honorific. A lone name-like word is left alone (IPADIC tags コール in
 * コールセンター and マイ in マイナンバー as names too).
 */
function nameSpans(text: string, tokenizer: Tokenizer): Span[] {
  const spans: Span[] = [];
  const tokens = tokenizeBounded(tokenizer, text);
  let offset = 0;
  const placed = tokens.map((token) => {
    const start = offset;
    offset += token.surface_form.length;
    return { token, start, end: offset };
  });
  const isName = (index: number) => {
    const entry = placed[index];
    return entry !== undefined && entry.token.pos_detail_2 === '人名' && /[一-龥々]/.test(entry.token.surface_form);
  };
  for (let index = 0; index < placed.length; index++) {
    if (!isName(index)) continue;
    const here = placed[index]!;
    const surname = here.token.pos_detail_3 === '姓';
    if (surname && isName(index + 1) && placed[index + 1]!.token.pos_detail_3 === '名') {
      spans.push({ start: here.start, end: placed[index + 1]!.end, kind: 'name', mask: NAME_MASK });
      index++;
    } else if (HONORIFICS.has(placed[index + 1]?.token.surface_form ?? '')) {
      spans.push({ start: here.start, end: here.end, kind: 'name', mask: NAME_MASK });
    }
  }
  return spans;
}

export function createMasker(data: PersonalDataPatterns, tokenizer?: Tokenizer): Masker {
  const kinds = compilePersonalData(data);
  return {
    mask(text) {
      const folded = foldForDetection(text);
      const taken = new Uint8Array(folded.length);
      const spans: Span[] = [];
      const claim = (span: Span) => {
        for (let position = span.start; position < span.end; position++) if (taken[position]) return;
        taken.fill(1, span.start, span.end);
        spans.push(span);
      };
      for (const { kind, mask, patterns, check } of kinds) {
        for (const pattern of patterns) {
          pattern.lastIndex = 0;
          for (const match of folded.matchAll(pattern)) {
            if (match[0].length === 0 || (check && !check(match[0]))) continue;
            claim({ start: match.index, end: match.index + match[0].length, kind, mask });
          }
        }
      }
      if (tokenizer) for (const span of nameSpans(folded, tokenizer)) claim(span);
      if (spans.length === 0) return { text, found: [] };
      spans.sort((a, b) => a.start - b.start);
      let out = '';
      let cursor = 0;
      for (const span of spans) {
        out += text.slice(cursor, span.start) + span.mask;
        cursor = span.end;
      }
      out += text.slice(cursor);
      const order = kinds.map((entry) => entry.kind);
      const found = [...new Set(spans.map((span) => span.kind))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
      return { text: out, found };
    },
  };
}
