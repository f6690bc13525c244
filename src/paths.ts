import path from 'node:path';

/**
 * The project root: the folder holding package.json, intents/ and dictionaries/.
 * This file sits at src/paths.ts when run from source and at dist/paths.js when built,
 * so the root is one level up in both cases.
 */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

export const INTENTS_DIR = path.join(PROJECT_ROOT, 'intents');
export const DICTIONARIES_DIR = path.join(PROJECT_ROOT, 'dictionaries');
export const CONFIG_DIR = path.join(PROJECT_ROOT, 'config');
