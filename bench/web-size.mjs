// Web bundle size report and budget check for `npm run bench`.
//
// Reads dist/ (builds it first if missing) and prints every JS/CSS/font asset with raw and gzip -9 sizes, grouped
// into first load, editor (lazy), other lazy chunks and workers. Exits 1 when the first-load JS is over budget, when
// a Monaco language worker other than editor/yaml was emitted, or when the engine leaked into the first load.
// Plain Node: no dependencies beyond builtins, so it runs before anything else is installed.
import { spawnSync } from 'node:child_process'
// Explicit imports: the repo's ESLint config declares no Node globals for plain .mjs files.
import console from 'node:console'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, normalize, relative, resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const FIRST_LOAD_JS_GZIP_BUDGET_KB = 250
// Strings only the simulation engine's code contains: the etcd key layout in src/engine/resources.ts (a property
// name, which minifiers keep, and a key prefix). They must show up in the engine worker chunk (otherwise the check
// proves nothing) and never in the first-load JS, which runs on the main thread. Not `system:masters` or
// `kube-root-ca.crt`: the UI's stage guide (src/ui/panels/stageGuide.ts) quotes them to the learner.
const ENGINE_MARKERS = ['etcdPrefix', 'services/specs']
// Monaco workers we must not ship: `import 'monaco-editor'` would emit these; we only use editor + yaml.
const FORBIDDEN_WORKERS = /^(ts|typescript|json|css|html)\.worker/i
// Lazy monarch grammars Monaco emits per language; only yaml is allowed.
const FORBIDDEN_LANGUAGES =
  /^(typescript|javascript|html|css|scss|less|json|markdown|xml|python|go|java|cpp|sql|shell|dockerfile|php|csharp)-[\w-]+\.js$/

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// Optional argument: another build's dist/ (e.g. a test harness); default is this repo's.
const dist = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist')

if (!process.argv[2] && !existsSync(join(dist, 'index.html'))) {
  console.log('dist/ is missing: running `npx vite build` first')
  const build = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const KB = 1000 // Vite reports kB as 1000 bytes; use the same unit so numbers match its build log.
const fmt = (n) => `${(n / KB).toFixed(1)} kB`

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  )
}

const isAsset = (f) => /\.(m?js|css|ttf|woff2?|otf|eot)$/.test(f)
const files = listFiles(dist)
  .filter(isAsset)
  .map((f) => relative(dist, f).split('\\').join('/'))
const cache = new Map()
function read(file) {
  if (!cache.has(file)) cache.set(file, readFileSync(join(dist, file)))
  return cache.get(file)
}
const resolveFrom = (fromFile, spec) =>
  normalize(join(dirname(fromFile), spec))
    .split('\\')
    .join('/')

/** Static `import ... from "./x.js"`, `import "./x.js"` and `export ... from "./x.js"`; never dynamic `import()`. */
function staticImports(file) {
  const code = read(file).toString('utf8')
  const re =
    /\b(?:import|export)\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+|[\w$]+(?:\s*,\s*\{[^}]*\})?)?\s*(?:from)?\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g
  return [...code.matchAll(re)].map((m) => resolveFrom(file, m[1]))
}

/** Dynamic `import("./x.js")`: used only to attribute lazy sub-chunks (Monaco's YAML grammar) to the editor. */
function dynamicImports(file) {
  const code = read(file).toString('utf8')
  return [...code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g)].map((m) =>
    resolveFrom(file, m[1]),
  )
}

function closure(entries, { dynamic = false } = {}) {
  const seen = new Set()
  const stack = [...entries]
  while (stack.length) {
    const f = stack.pop()
    if (seen.has(f) || !files.includes(f)) continue
    seen.add(f)
    if (f.endsWith('.js')) stack.push(...staticImports(f), ...(dynamic ? dynamicImports(f) : []))
  }
  return seen
}

/** Fonts referenced by `url(...)` in the given CSS files. */
function cssFonts(cssFiles) {
  const fonts = new Set()
  for (const css of cssFiles) {
    for (const m of read(css)
      .toString('utf8')
      .matchAll(/url\(\s*["']?([^"')?#]+)/g)) {
      const f = resolveFrom(css, m[1])
      if (files.includes(f)) fonts.add(f)
    }
  }
  return fonts
}

// First load: what index.html references (entry script, modulepreload, stylesheets) plus static imports.
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const htmlRefs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)=["']([^"']+)["']/g)]
  .map((m) => m[1])
  .filter((href) => !/^(?:[a-z]+:|\/\/)/i.test(href)) // data:, https: ...
  .map((href) => normalize(href.replace(/^\//, '')).split('\\').join('/'))
  .filter((f) => files.includes(f))
const firstLoad = closure(htmlRefs)
for (const font of cssFonts([...firstLoad].filter((f) => f.endsWith('.css')))) firstLoad.add(font)

const workers = new Set(files.filter((f) => /worker/i.test(f.split('/').pop())))
// The service worker and the Workbox runtime it imports, emitted by vite-plugin-pwa at the top of dist/.
const serviceWorker = new Set(files.filter((f) => /^(sw|workbox-[\w-]+)\.js$/.test(f)))

// Editor: the lazily imported ManifestEditor chunk, what it imports (Monaco, monaco-yaml, schema, the YAML grammar),
// its CSS and the codicon font that CSS references.
const editorEntries = files.filter((f) => /(^|\/)ManifestEditor[-.][^/]*\.(js|css)$/.test(f))
const editor = new Set(
  [...closure(editorEntries, { dynamic: true })].filter((f) => !firstLoad.has(f) && !workers.has(f)),
)
for (const font of cssFonts([...editor].filter((f) => f.endsWith('.css'))))
  if (!firstLoad.has(font)) editor.add(font)

const otherLazy = files.filter(
  (f) => !firstLoad.has(f) && !workers.has(f) && !editor.has(f) && !serviceWorker.has(f),
)

const sizeOf = (f) => ({ raw: read(f).length, gzip: gzipSync(read(f), { level: 9 }).length })

function printGroup(title, group) {
  const rows = [...group].sort().map((f) => ({ f, ...sizeOf(f) }))
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 })
  console.log(`\n${title}`)
  if (!rows.length) console.log('  (none)')
  for (const r of rows)
    console.log(`  ${r.f.padEnd(52)} ${fmt(r.raw).padStart(12)} ${fmt(r.gzip).padStart(12)}`)
  if (rows.length > 1)
    console.log(`  ${'total'.padEnd(52)} ${fmt(total.raw).padStart(12)} ${fmt(total.gzip).padStart(12)}`)
  return rows
}

console.log(`${'asset'.padEnd(54)} ${'raw'.padStart(12)} ${'gzip -9'.padStart(12)}`)
const firstRows = printGroup('first load (index.html + static imports)', firstLoad)
printGroup('editor (lazy: ManifestEditor + Monaco + monaco-yaml + schema + YAML grammar)', editor)
printGroup('other lazy chunks', otherLazy)
printGroup('workers', workers)
printGroup('service worker (sw.js + Workbox runtime)', serviceWorker)

let failed = false
console.log('')

const firstJsGzip = firstRows.filter((r) => r.f.endsWith('.js')).reduce((n, r) => n + r.gzip, 0)
const overBudget = firstJsGzip > FIRST_LOAD_JS_GZIP_BUDGET_KB * KB
failed ||= overBudget
console.log(
  `first-load JS gzip: ${(firstJsGzip / KB).toFixed(1)} kB (budget ${FIRST_LOAD_JS_GZIP_BUDGET_KB} kB) ${overBudget ? 'OVER' : 'OK'}`,
)

if (!editorEntries.length) {
  console.log('editor chunk: NOT FOUND (no ManifestEditor-*.js in dist/assets; is it lazy-loaded?)')
  failed = true
}
// MonacoEnvironment is set by monacoSetup.ts and read by Monaco's core; the sentence comes from the generated schema.
const EDITOR_MARKERS = ['MonacoEnvironment', 'Written by the system through the status subresource']
const monacoInFirstLoad = [...firstLoad].filter(
  (f) => f.endsWith('.js') && EDITOR_MARKERS.some((m) => read(f).includes(m)),
)
console.log(
  `Monaco/schema in first load (grep ${EDITOR_MARKERS.map((m) => `"${m}"`).join(', ')}): ` +
    `${monacoInFirstLoad.length ? `YES (${monacoInFirstLoad.join(', ')})` : 'no'}`,
)
failed ||= monacoInFirstLoad.length > 0

const badWorkers = files.filter((f) => FORBIDDEN_WORKERS.test(f.split('/').pop()))
console.log(
  `language workers other than editor/yaml (ts/json/css/html.worker): ${badWorkers.length ? `FOUND ${badWorkers.join(', ')}` : 'none'}`,
)
const badLanguages = files.filter((f) => FORBIDDEN_LANGUAGES.test(f.split('/').pop()))
console.log(
  `Monaco languages other than yaml: ${badLanguages.length ? `FOUND ${badLanguages.join(', ')}` : 'none'}`,
)
failed ||= badWorkers.length > 0 || badLanguages.length > 0

const jsFiles = files.filter((f) => f.endsWith('.js'))
for (const marker of ENGINE_MARKERS) {
  const inFirst = [...firstLoad].filter((f) => f.endsWith('.js') && read(f).includes(marker))
  const elsewhere = jsFiles.filter((f) => !firstLoad.has(f) && read(f).includes(marker))
  console.log(
    `engine marker "${marker}": first load ${inFirst.length ? `YES (${inFirst.join(', ')})` : 'no'}; ` +
      `found in ${elsewhere.length ? elsewhere.join(', ') : 'no other chunk (marker may be stale)'}`,
  )
  failed ||= inFirst.length > 0
}

// Offline: the precache list in sw.js must hold every file the app can fetch (all of dist/ but the service worker
// itself), or the app breaks offline the first time it needs the missing one.
const PRECACHE_BUDGET_MB = 8
if (existsSync(join(dist, 'sw.js'))) {
  const precached = new Set(
    [...readFileSync(join(dist, 'sw.js'), 'utf8').matchAll(/\burl:\s*"([^"]+)"/g)].map((m) => m[1]),
  )
  const all = listFiles(dist).map((f) => relative(dist, f).split('\\').join('/'))
  const missing = all.filter((f) => !precached.has(f) && !serviceWorker.has(f) && !f.endsWith('.map'))
  const precacheBytes = [...precached]
    .filter((f) => existsSync(join(dist, f)))
    .reduce((n, f) => n + readFileSync(join(dist, f)).length, 0)
  const overPrecache = precacheBytes > PRECACHE_BUDGET_MB * KB * KB
  console.log(
    `precache: ${precached.size} files, ${(precacheBytes / KB / KB).toFixed(2)} MB raw (budget ${PRECACHE_BUDGET_MB} MB) ` +
      `${overPrecache ? 'OVER' : 'OK'}; not precached: ${missing.length ? `FOUND ${missing.join(', ')}` : 'none'}`,
  )
  failed ||= overPrecache || missing.length > 0
} else {
  console.log('precache: NOT FOUND (no dist/sw.js: is vite-plugin-pwa in vite.config.ts?)')
  failed = true
}

console.log(failed ? '\nweb-size: FAIL' : '\nweb-size: OK')
process.exit(failed ? 1 : 0)
