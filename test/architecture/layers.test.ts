import fs from 'node:fs';
import path from 'node:path';

/*
 * The layers import one way. A folder of src/ may import from the folders before it in this
 * list and from src/errors.ts and src/paths.ts, never from a folder after it; and no file
 * reaches itself through its imports. When a new import breaks this, the type or function it
 * wants usually belongs one layer down (see README "Project layout").
 */
const LAYERS = [
  'types', // declarations for untyped packages
  'data', // the validated data files: schemas, loaders
  'dictionary', // the tokenizer and its prepared dictionary
  'core', // normalize, tokenize, match, decide, reply: knows no channel
  'widget', // the chat widget, bundled for the browser: takes only types from src/core (see below)
  'privacy', // the personal-data masker
  'evaluation', // labelled sets and their scores
  'conversation', // the dialog and the one turn function
  'state', // where sessions and the conversation log are stored
  'hub', // the conversation hub (botkit) every channel goes through
  'channels', // LINE and Slack adapters
  'server', // the HTTP server that mounts the channels
  'report', // the staff report
  'build', // npm run build
  'bench', // npm run bench, npm run load
  'cli', // npm run cli
] as const;

const SRC = path.join(__dirname, '..', '..', 'src');
const SHARED_FILES = new Set(['errors.ts', 'paths.ts']);

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
    const target = path.resolve(path.dirname(file), match[1]!);
    for (const candidate of [`${target}.ts`, path.join(target, 'index.ts'), target]) {
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
        found.push(candidate);
        break;
      }
    }
  }
  return found;
}

/** Every import of `target` in `file` is `import type`. */
function typeOnly(file: string, target: string): boolean {
  const text = fs.readFileSync(file, 'utf8');
  const imports = [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s*'(\.[^']+)'/gm)].filter(
    (match) => path.resolve(path.dirname(file), match[2]!) === target.replace(/(\/index)?\.ts$/, ''),
  );
  return imports.length > 0 && imports.every((match) => match[1] !== undefined);
}

function layerOf(file: string): string {
  // The folder under src/, or the file's own name for src/errors.ts and src/paths.ts.
  return path.relative(SRC, file).split(path.sep)[0]!;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('the layers of src/', () => {
  it('names every folder of src/ in its order', () => {
    const folders = fs
      .readdirSync(SRC, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !(LAYERS as readonly string[]).includes(folder))).toEqual([]);
  });

  it('imports only from the layers below', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      const from = layerOf(file);
      for (const target of imports) {
        const to = layerOf(target);
        if (to === from || SHARED_FILES.has(to)) continue;
        if (SHARED_FILES.has(from) || LAYERS.indexOf(to as (typeof LAYERS)[number]) > LAYERS.indexOf(from as (typeof LAYERS)[number])) {
          upward.push(`${path.relative(SRC, file)} imports ${path.relative(SRC, target)}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('lets the widget take only types, and only from src/core, and nothing take the widget', () => {
    // The widget is bundled for the browser: a value imported from src/ would drag Node code
    // into public/widget.js, and a Node file importing the widget would load DOM code.
    const stray: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        const [from, to] = [layerOf(file), layerOf(target)];
        if (from === 'widget' && to !== 'widget' && (to !== 'core' || !typeOnly(file, target)))
          stray.push(`${path.relative(SRC, file)} imports ${path.relative(SRC, target)}`);
        if (from !== 'widget' && to === 'widget') stray.push(`${path.relative(SRC, file)} imports ${path.relative(SRC, target)}`);
      }
    }
    expect(stray).toEqual([]);
  });

  it('has no import loops', () => {
    const loops: string[] = [];
    const done = new Set<string>();
    const walk = (file: string, trail: string[]): void => {
      const seenAt = trail.indexOf(file);
      if (seenAt >= 0) {
        loops.push([...trail.slice(seenAt), file].map((entry) => path.relative(SRC, entry)).join(' → '));
        return;
      }
      if (done.has(file)) return;
      for (const target of graph.get(file) ?? []) walk(target, [...trail, file]);
      done.add(file);
    };
    for (const file of files) walk(file, []);
    expect(loops).toEqual([]);
  });
});
