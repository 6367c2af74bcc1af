// ESLint (flat config): typescript-eslint's recommended rules with type information where cheap, React's
// hooks rules for the UI, and eslint-config-prettier last so formatting is Prettier's alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      // Unused names are the compiler's job (noUnusedLocals / noUnusedParameters), with its own rules for `_x`.
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The engine is the pure core: nothing above it (the layering the architecture promises).
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/experiment/**', '**/worker/**', '**/state/**', '**/ui/**', '**/cli/**'],
              message: 'src/engine imports nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The UI reads rows through src/state/, never the worker's wire format.
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/worker/protocol'], message: 'read rows through src/state/ (the typed accessor).' }] },
      ],
    },
  },
  prettier,
);
