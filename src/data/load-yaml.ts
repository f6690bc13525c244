import fs from 'node:fs';
import path from 'node:path';
import type jsYaml from 'js-yaml';
import type { z } from 'zod';
import { DataFileError, describe } from '../errors';
import { PROJECT_ROOT } from '../paths';
import { hashOf, noteValidation, storedValidation } from './validated-store';

// Loaded on first use: at start-up every shipped file usually comes from the validated store,
// and js-yaml's own loading is a twentieth of the CLI's cold start.
let yamlModule: typeof jsYaml | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load, on purpose
const yaml = (): typeof jsYaml => (yamlModule ??= require('js-yaml') as typeof jsYaml);

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
  const sha256 = hashOf(source);
  const stored = storedValidation(shown, sha256);
  if (stored !== undefined) return stored as z.infer<Schema>;
  let parsed: unknown;
  try {
    // js-yaml refuses duplicate keys, which would otherwise silently drop a rule.
    parsed = yaml().load(source, { filename: shown });
  } catch (error) {
    const mark = error instanceof yaml().YAMLException ? (error as jsYaml.YAMLException).mark : undefined;
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
    const reason = error instanceof yaml().YAMLException ? (error as jsYaml.YAMLException).reason : describe(error);
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
  noteValidation(shown, sha256, result.data);
  return result.data;
}

export function listYamlFiles(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => path.join(folder, name));
}
