/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { cspMetaPlugin, securityHeaders } from './scripts/vite/contentSecurityPolicy.ts'
import { precompiledValidators } from './scripts/vite/precompiledValidators.ts'

// The largest file the service worker precaches. The lazy Monaco chunk is about 3.7 MB (over Workbox's 2 MiB
// default, which would fail the build); splitting Monaco would not shrink what the editor needs offline, so the
// limit is raised on purpose, with room for growth but low enough to catch an accidental multi-megabyte asset.
const PRECACHE_FILE_LIMIT = 5 * 1024 * 1024

export default defineConfig({
  plugins: [
    react(),
    cspMetaPlugin(),
    precompiledValidators(),
    VitePWA({
      // A new version waits until the user agrees to reload (src/pwa/UpdatePrompt.tsx): never swap code mid-lesson.
      registerType: 'prompt',
      // Registration is imported by UpdatePrompt; the plugin's own inline script would break the CSP.
      injectRegister: false,
      manifest: false,
      workbox: {
        // Everything the app can fetch: workers and lazy chunks are .js, Monaco's codicon font is .ttf.
        globPatterns: ['**/*.{js,css,html,ttf,woff,woff2,svg,png,ico,json,webmanifest}'],
        maximumFileSizeToCacheInBytes: PRECACHE_FILE_LIMIT,
        // Relative to the service worker, so a build with base './' works from any sub-path.
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // Relative asset URLs let the static site be served from any sub-path (docs sites embed it in an iframe).
  base: './',
  worker: { format: 'es', plugins: () => [precompiledValidators()] },
  optimizeDeps: {
    // Discovered late (inside workers and the lazy editor chunk); listing them stops `vite dev` from
    // reloading the page mid-session to re-optimize.
    include: [
      'yaml',
      'fast-json-patch',
      'ajv',
      'monaco-yaml',
      'monaco-yaml/yaml.worker.js',
      'monaco-editor/esm/vs/editor/editor.api',
    ],
  },
  build: {
    // The lazy Monaco chunk is large by nature; the first-load budget is checked by `npm run bench`.
    chunkSizeWarningLimit: 5000,
  },
  // `npm start` and the e2e suite serve the build with the same policy a production host should send.
  preview: { headers: securityHeaders },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The engine's OpenAPI documents load asynchronously; tests get them before they start.
    setupFiles: ['src/engine/openapi/vitest.setup.ts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
})
