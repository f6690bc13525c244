import fs from 'node:fs';
import { z } from 'zod';
import { DataFileError } from '../errors';
import type { Masker } from '../privacy/mask';

/**
 * Measures the masker on a canary corpus: messages in which every personal value is marked as
 * typed (test/fixtures/personal-data*.jsonl). A value is masked when the masker's spans cover
 * every character of it but spaces; partly when some are left; leaked when none are covered.
 * Lines with no values show over-masking.
 */

export const canaryItemSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  values: z.array(z.string().min(1)),
  kinds: z.array(z.string()).default([]),
  note: z.string().optional(),
});
export type CanaryItem = z.infer<typeof canaryItemSchema>;

export function readCanaryFile(file: string): CanaryItem[] {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataFileError(file, [`cannot be read (${(error as Error).message})`]);
  }
  return source
    .split(/\r?\n/)
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, index }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new DataFileError(file, [`line ${index + 1}: not valid JSON`]);
      }
      const parsed = canaryItemSchema.safeParse(json);
      if (!parsed.success)
        throw new DataFileError(file, [
          `line ${index + 1}, field "${parsed.error.issues[0]!.path.join('.')}": ${parsed.error.issues[0]!.message}`,
        ]);
      for (const value of parsed.data.values) {
        if (!parsed.data.text.includes(value))
          throw new DataFileError(file, [`line ${index + 1}: the value "${value}" is not in the text as typed`]);
      }
      return parsed.data;
    });
}

export type ValueOutcome = 'masked' | 'partly' | 'leaked';

export interface MaskingMiss {
  readonly item: CanaryItem;
  readonly value: string;
  readonly outcome: ValueOutcome;
  readonly stored: string;
}

export interface MaskingReport {
  readonly values: number;
  readonly masked: number;
  readonly partly: number;
  readonly leaked: number;
  /** Messages with at least one value not wholly masked, of those with values. */
  readonly messagesWithRawData: number;
  readonly messagesWithValues: number;
  /** Lines with no personal data that were masked anyway. */
  readonly overMasked: number;
  readonly clean: number;
  readonly misses: readonly MaskingMiss[];
}

const SPACE = /\s/u;

export function evaluateMasking(items: readonly CanaryItem[], masker: Masker): MaskingReport {
  let values = 0;
  let masked = 0;
  let partly = 0;
  let leaked = 0;
  let messagesWithRawData = 0;
  let messagesWithValues = 0;
  let overMasked = 0;
  let clean = 0;
  const misses: MaskingMiss[] = [];
  for (const item of items) {
    const result = masker.mask(item.text);
    if (item.values.length === 0) {
      clean += 1;
      if (result.spans.length > 0) overMasked += 1;
      continue;
    }
    messagesWithValues += 1;
    const covered = new Uint8Array(item.text.length);
    for (const span of result.spans) covered.fill(1, span.start, span.end);
    let raw = false;
    let from = 0;
    for (const value of item.values) {
      values += 1;
      // Values are listed in order; the same value twice is two places.
      let start = item.text.indexOf(value, from);
      if (start < 0) start = item.text.indexOf(value);
      from = start + value.length;
      let significant = 0;
      let hidden = 0;
      for (let index = start; index < start + value.length; index++) {
        if (SPACE.test(item.text[index]!)) continue;
        significant += 1;
        if (covered[index]) hidden += 1;
      }
      const outcome: ValueOutcome = hidden === significant ? 'masked' : hidden === 0 ? 'leaked' : 'partly';
      if (outcome === 'masked') masked += 1;
      else {
        raw = true;
        if (outcome === 'partly') partly += 1;
        else leaked += 1;
        misses.push({ item, value, outcome, stored: result.text });
      }
    }
    if (raw) messagesWithRawData += 1;
  }
  return { values, masked, partly, leaked, messagesWithRawData, messagesWithValues, overMasked, clean, misses };
}

export function formatMaskingReport(report: MaskingReport, { misses = false } = {}): string {
  const share = (part: number, whole: number) => (whole === 0 ? '   n/a' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`);
  const out = [
    `values masked wholly      ${share(report.masked, report.values)}  (${report.masked}/${report.values})`,
    `values left partly        ${share(report.partly, report.values)}  (${report.partly}/${report.values})`,
    `values left raw           ${share(report.leaked, report.values)}  (${report.leaked}/${report.values})`,
    `messages with raw data    ${share(report.messagesWithRawData, report.messagesWithValues)}  (${report.messagesWithRawData}/${report.messagesWithValues})`,
    `clean lines masked anyway ${share(report.overMasked, report.clean)}  (${report.overMasked}/${report.clean})`,
  ];
  if (misses) for (const miss of report.misses) out.push(`  ${miss.item.id} ${miss.outcome} 「${miss.value}」 → ${miss.stored}`);
  return out.join('\n');
}
