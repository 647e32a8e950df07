// The first load stays small and engine-free: the engine ships only in the worker's chunk, Monaco only
// in the lazy editor chunk. Reads the `vite build` output, so it runs after the build.
import { readFileSync, readdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { expect, test } from '@playwright/test'

const dir = 'dist/assets'

function firstLoadScripts(): string[] {
  const html = readFileSync('dist/index.html', 'utf8')
  const direct = [...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+\.js)"/g)].map((m) => m[1]!)
  return [...new Set(direct)]
}

test('first load: at most 250 KB of JavaScript (gzip), without the engine or Monaco', () => {
  const scripts = firstLoadScripts()
  expect(scripts.length).toBeGreaterThan(0)
  let total = 0
  for (const name of scripts) {
    const code = readFileSync(`${dir}/${name}`)
    total += gzipSync(code, { level: 9 }).length
    const text = code.toString()
    // Strings only the engine contains (its bootstrap RBAC and its etcd key layout code).
    expect(text).not.toContain('system:public-info-viewer')
    expect(text).not.toContain('kube-api-access-')
    expect(text).not.toContain('monaco-editor')
  }
  console.log(`first-load JS: ${(total / 1024).toFixed(1)} KB gzip over ${scripts.length} file(s)`)
  expect(total).toBeLessThanOrEqual(250 * 1024)
  expect(readdirSync(dir).some((f) => f.startsWith('engine.worker'))).toBe(true)
})
