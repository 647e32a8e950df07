import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

// The engine is pure and deterministic: no DOM or browser API, no timers, no clock, no randomness, no network.
const engineBannedGlobals = ['window', 'document', 'self', 'navigator', 'location', 'history', 'postMessage',
  'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame', 'requestIdleCallback',
  'performance', 'crypto', 'fetch', 'XMLHttpRequest', 'WebSocket', 'Worker', 'MessageChannel', 'localStorage',
  'sessionStorage', 'indexedDB', 'process', 'Buffer'].map((name) => ({
  name,
  message: 'The engine is pure and deterministic: no DOM, timers, clock, randomness, network or Node globals.',
}))

// Imports go one way: engine <- worker <- state <- ui. The CLI and serve mode use the engine only.
const layer = (names, message) => ({ group: names.map((n) => `**/${n}/**`), message })
const engineImportBans = [
  { group: ['react', 'react-dom', 'zustand', '@xyflow/*', 'monaco-editor', 'monaco-yaml'], message: 'The engine imports no UI code.' },
  layer(['ui', 'state', 'worker', 'cli', 'serve', 'share'], 'The engine imports nothing outside src/engine.'),
]

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
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected Clock.' },
        { selector: "CallExpression[callee.name='Date']", message: 'Use the injected Clock.' },
        { selector: "MemberExpression[object.name='globalThis'][property.name=/^(crypto|performance|navigator|document|window|setTimeout|setInterval|queueMicrotask)$/]", message: 'The engine is pure and deterministic.' },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [...engineImportBans, { group: ['node:*'], message: 'The engine runs in browsers too: no Node modules.' }] },
      ],
    },
  },
  {
    // Tests run in Node and may read fixtures or use node:crypto as an oracle; the layer bans still hold.
    files: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...engineBannedGlobals.filter((g) => g.name !== 'Buffer' && g.name !== 'process')],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: engineImportBans }],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [layer(['ui', 'state', 'cli', 'serve'], 'The worker relays to the engine; it imports no state, UI, CLI or serve code.')] },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/serve/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [layer(['ui', 'state', 'worker'], 'The CLI and serve mode use the engine only.')] },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/engine', '**/engine/**'], allowTypeImports: true, message: 'The main thread never runs the engine: import types only, talk to the worker.' },
            layer(['cli', 'serve'], 'The app does not import the CLI or serve mode.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**', 'scripts/**', 'e2e/**', '*.config.ts', 'vitest.summary-reporter.ts'],
    rules: { 'no-console': 'off' },
  },
)
