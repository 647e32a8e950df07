import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const engineBannedGlobals = ['window', 'document', 'self', 'postMessage', 'setTimeout', 'setInterval',
  'requestAnimationFrame', 'fetch', 'localStorage'].map((name) => ({
  name,
  message: 'The engine is pure and deterministic: no DOM, timers or network.',
}))

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'src/schemas'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/use*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...engineBannedGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the injected Clock.' },
        { object: 'Math', property: 'random', message: 'Use the injected IdSource.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected Clock.' }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', 'react-dom', 'zustand', '@xyflow/*', 'monaco-editor', 'monaco-yaml', '**/ui/**', '**/state/**', '**/worker/**'], message: 'The engine imports no UI, state or worker code.' }] },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/engine', '**/engine/**'], allowTypeImports: true, message: 'The main thread never runs the engine: import types only, talk to the worker.' }] },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**', 'scripts/**', 'e2e/**', '*.config.ts', 'vitest.summary-reporter.ts'],
    rules: { 'no-console': 'off' },
  },
)
