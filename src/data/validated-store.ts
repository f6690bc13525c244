import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';

/**
 * The shipped data files as validated at build time. `npm run build` stores each YAML file's
 * validated content beside a hash of its text; at start-up a file whose text still has that
 * hash is taken from the store, skipping the YAML parse and zod (about a fifth of the CLI's
 * cold start). A file edited since the build, a store written by other schemas, or a missing
 * or unreadable store: the file is parsed and validated as usual. The store can only save
 * time; it never changes what loads.
 */

export const VALIDATED_STORE_FILE = path.join(PROJECT_ROOT, 'dist', 'data', 'validated-data.json');

interface StoredFile {
  readonly sha256: string;
  readonly data: unknown;
}

interface StoreContents {
  /** The schemas the data was validated by: a store from another build of them is ignored. */
  readonly schemas: string;
  readonly files: Record<string, StoredFile>;
}

export function hashOf(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

// The schemas module beside this one, as run (schemas.ts under jest, schemas.js when built).
const schemasFingerprint = (() => {
  let fingerprint: string | undefined;
  return () => (fingerprint ??= hashOf(fs.readFileSync(path.join(__dirname, `schemas${path.extname(__filename)}`))));
})();

let storeFile = VALIDATED_STORE_FILE;
let loaded: Map<string, StoredFile> | undefined;
let recording: Map<string, StoredFile> | undefined;

function stored(): Map<string, StoredFile> {
  if (loaded) return loaded;
  loaded = new Map();
  try {
    const contents = JSON.parse(fs.readFileSync(storeFile, 'utf8')) as StoreContents;
    if (contents.schemas === schemasFingerprint()) loaded = new Map(Object.entries(contents.files));
  } catch {
    // No store (running from source, or not built yet) or an unreadable one: validate everything.
  }
  return loaded;
}

/** The validated content of `file` if the store holds it for exactly this text. */
export function storedValidation(file: string, sha256: string): unknown {
  if (recording) return undefined;
  const entry = stored().get(file);
  return entry?.sha256 === sha256 ? entry.data : undefined;
}

/** Called by the loader after validating a file, so a recording build can store it. */
export function noteValidation(file: string, sha256: string, data: unknown): void {
  recording?.set(file, { sha256, data });
}

/** Runs `load` with every file validated afresh, and writes what was validated to the store. */
export function writeValidatedStore<T>(load: () => T, file = storeFile): T {
  recording = new Map();
  try {
    const result = load();
    const contents: StoreContents = { schemas: schemasFingerprint(), files: Object.fromEntries(recording) };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(contents));
    return result;
  } finally {
    recording = undefined;
    loaded = undefined;
  }
}

/** Reads the store from another file from now on (tests). */
export function useValidatedStore(file: string): void {
  storeFile = file;
  loaded = undefined;
}
