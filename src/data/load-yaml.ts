import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { DataFileError, describe } from '../errors';
import { PROJECT_ROOT } from '../paths';

/**
 * Reads a YAML data file and validates it. Every failure names the file (relative to the
 * project), the field, and what was expected, so staff can fix it without reading code.
 */
export function loadYamlFile<Schema extends z.ZodType>(file: string, schema: Schema): z.infer<Schema> {
  const shown = path.relative(PROJECT_ROOT, file) || file;
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataFileError(shown, [`cannot be read (${describe(error)})`]);
  }
  let parsed: unknown;
  try {
    // js-yaml refuses duplicate keys, which would otherwise silently drop a rule.
    parsed = yaml.load(source, { filename: shown });
  } catch (error) {
    const mark = error instanceof yaml.YAMLException ? error.mark : undefined;
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
    const reason = error instanceof yaml.YAMLException ? error.reason : describe(error);
    throw new DataFileError(shown, [`YAML syntax: ${reason}${where}`]);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new DataFileError(
      shown,
      result.error.issues.map((issue) => {
        const field = issue.path.length > 0 ? issue.path.join('.') : '(the whole file)';
        return `field "${field}": ${issue.message}`;
      }),
    );
  }
  return result.data;
}

export function listYamlFiles(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => path.join(folder, name));
}
