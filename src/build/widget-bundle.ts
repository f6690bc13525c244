/**
 * The chat widget's bundle: src/widget/*.ts → public/widget.js, the one file a page loads
 * (express serves public/ as it is; the file is not committed).
 *
 * The widget runs wherever fetch does, iOS 10.3 and Safari 10.1 included, which need ES5
 * syntax; esbuild cannot lower let, const, classes or for-of that far ("not supported yet").
 * So TypeScript transpiles each file to ES5 first (its helpers from tslib, bundled), and esbuild
 * then bundles them into one script with target es5, which fails the build if anything newer
 * than ES5 is left. Types are checked by npm run typecheck (tsconfig.widget.json), not here.
 *
 * `node dist/build/widget-bundle.js` rebuilds the widget alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type PartialMessage, type Plugin } from 'esbuild';
import ts from 'typescript';
import { PROJECT_ROOT } from '../paths';

export const WIDGET_ENTRY = path.join(PROJECT_ROOT, 'src', 'widget', 'main.ts');
export const WIDGET_BUNDLE = path.join(PROJECT_ROOT, 'public', 'widget.js');

const BANNER = `/*!
 * 協会けんぽ 不審通信 FAQ チャット（自動応答）ウィジェット
 * Embed: <script src="https://YOUR-BOT-HOST/widget.js" defer></script>  (optional data-api="https://…")
 * Built by npm run build from src/widget/ (src/build/widget-bundle.ts): edit those, not this file.
 */`;

const ES5: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES5,
  module: ts.ModuleKind.ESNext,
  importHelpers: true,
  // for-of over anything but an array stays correct (tslib's __values), not an index loop
  downlevelIteration: true,
  strict: true,
};

function transpileToEs5(): Plugin {
  return {
    name: 'typescript-to-es5',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
        const source = await fs.promises.readFile(file, 'utf8');
        const { outputText, diagnostics = [] } = ts.transpileModule(source, {
          fileName: file,
          compilerOptions: ES5,
          reportDiagnostics: true,
        });
        const errors: PartialMessage[] = diagnostics.map((diagnostic) => ({
          text: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
          location: { file: path.relative(PROJECT_ROOT, file) },
        }));
        return { contents: outputText, loader: 'js', errors };
      });
    },
  };
}

/** Writes public/widget.js; throws with esbuild's messages (file and line) when it cannot. */
export async function bundleWidget(): Promise<string> {
  await build({
    entryPoints: [WIDGET_ENTRY],
    outfile: WIDGET_BUNDLE,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es5',
    // Japanese stays readable in the file (and in the browser's developer tools)
    charset: 'utf8',
    legalComments: 'none',
    banner: { js: BANNER },
    plugins: [transpileToEs5()],
    logLevel: 'silent',
  });
  return WIDGET_BUNDLE;
}

if (require.main === module) {
  bundleWidget().then(
    (file) => console.error(`wrote ${path.relative(PROJECT_ROOT, file)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
