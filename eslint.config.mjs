// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'data/', 'test-artifacts/', 'public/**/*.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
  },
  {
    // The widget runs in the browser, down to ES5 with fetch (src/widget/main.ts): no Node
    // globals, and none of the newer built-ins the oldest of those browsers lack.
    files: ['src/widget/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', 'module', 'global', '__dirname', '__filename'],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression > MemberExpression.callee > Identifier.property[name=/^(includes|find|findIndex|findLast|findLastIndex|fill|flat|flatMap|at|padStart|padEnd|replaceAll|closest|finally)$/]',
          message: 'Not in every browser the widget supports (ES5 with fetch): write it with ES5 built-ins.',
        },
        {
          selector:
            'MemberExpression[object.name=/^(Object|Array)$/] > Identifier.property[name=/^(assign|entries|values|fromEntries|from|of)$/]',
          message: 'Not in every browser the widget supports (ES5 with fetch): write it with ES5 built-ins.',
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly' } },
  },
);
