/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs let the static site be served from any sub-path (docs sites embed it in an iframe).
  base: './',
  worker: { format: 'es' },
  optimizeDeps: {
    // Discovered late (inside workers and the lazy editor chunk); listing them stops `vite dev` from
    // reloading the page mid-session to re-optimize.
    include: ['yaml', 'fast-json-patch', 'ajv', 'monaco-yaml', 'monaco-yaml/yaml.worker.js', 'monaco-editor/esm/vs/editor/editor.api'],
  },
  build: {
    // The lazy Monaco chunk is large by nature; the first-load budget is checked by `npm run bench`.
    chunkSizeWarningLimit: 5000,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The engine's OpenAPI documents load asynchronously; tests get them before they start.
    setupFiles: ['src/engine/openapi/vitest.setup.ts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
})
