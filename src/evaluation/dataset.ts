import fs from 'node:fs';
import { z } from 'zod';
import { labelSchema } from '../data/schemas';
import { DataFileError } from '../errors';

/** One labelled phrasing, in the format of shared/eval/dev.jsonl. */
export const evalItemSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  accept: z.array(labelSchema).min(1),
  style: z.string().default('unknown'),
});
export type EvalItem = z.infer<typeof evalItemSchema>;

export function parseEvalLines(source: string, file: string): EvalItem[] {
  const items: EvalItem[] = [];
  source.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new DataFileError(file, [`line ${index + 1}: not valid JSON`]);
    }
    const result = evalItemSchema.safeParse(json);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new DataFileError(file, [`line ${index + 1}, field "${issue.path.join('.')}": ${issue.message}`]);
    }
    items.push(result.data);
  });
  return items;
}

export function readEvalFile(file: string): EvalItem[] {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataFileError(file, [`cannot be read (${(error as Error).message})`]);
  }
  return parseEvalLines(source, file);
}
