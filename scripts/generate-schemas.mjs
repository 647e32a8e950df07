// Generates src/schemas/kubernetes.json, the JSON Schema monaco-yaml uses for completion, hover and validation.
//
// Source of truth: the .d.ts of `kubernetes-models` (a maintained package generated from the Kubernetes OpenAPI
// spec), turned into JSON Schema by `typescript-json-schema`. No npm package ships raw Kubernetes JSON Schema
// (stack-notes §8), and hand-written schemas drift. Only the kinds in src/engine/resources.ts are emitted, so the
// editor never suggests an object the simulated apiserver does not serve.
//
// The output is committed so a build needs no generation step; re-run with `npm run schemas` after changing
// RESOURCES or upgrading kubernetes-models. Output is deterministic (sorted definitions).
import { Buffer } from 'node:buffer'
// Explicit imports: the repo's ESLint config declares no Node globals for plain .mjs files.
import console from 'node:console'
import { createRequire } from 'node:module'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { postProcess } from './schemas/post-process.mjs'
import { findIntegerPaths } from './schemas/integers.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const TJS = require('typescript-json-schema')
const modelsPkg = require('kubernetes-models/package.json')
const modelsDir = dirname(require.resolve('kubernetes-models/package.json'))
const outFile = join(root, 'src/schemas/kubernetes.json')

/** Reads RESOURCES from the engine without a TS runtime: Node 20 cannot strip types, and the file imports only types. */
async function loadResources() {
  const source = readFileSync(join(root, 'src/engine/resources.ts'), 'utf8')
  const { outputText } = TJS.ts.transpileModule(source, {
    compilerOptions: { module: TJS.ts.ModuleKind.ESNext, target: TJS.ts.ScriptTarget.ES2022 },
  })
  const mod = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`)
  return mod.RESOURCES
}

/** kubernetes-models lays files out as `<group>/<version>/<Kind>`, with the core group under `v1/`. */
function modelPath(r) {
  return r.group ? `${r.group}/${r.version}/${r.kind}` : `${r.version}/${r.kind}`
}

// A kind kubernetes-models does not have yet (newer than its Kubernetes version) gets no schema, and a kind
// served in several versions gets the schema of the first listed, the preferred one.
const seenKinds = new Set()
const resources = (await loadResources()).filter((r) => {
  if (seenKinds.has(r.kind) || !existsSync(join(modelsDir, `${modelPath(r)}.d.ts`))) return false
  seenKinds.add(r.kind)
  return true
})
const started = Date.now()

// One root type whose properties are the served kinds: a single generator run shares every definition between kinds.
const work = mkdtempSync(join(tmpdir(), 'k8s-schema-'))
const rootTs = join(work, 'root.ts')
writeFileSync(
  rootTs,
  resources
    .map(
      (r, i) => `import type { I${r.kind} as K${i} } from ${JSON.stringify(join(modelsDir, modelPath(r)))}`,
    )
    .join('\n') +
    `\nexport interface ServedKinds {\n${resources.map((r, i) => `  ${JSON.stringify(r.kind)}: K${i}`).join('\n')}\n}\n`,
)

let raw
try {
  const program = TJS.getProgramFromFiles([rootTs], { strictNullChecks: true, skipLibCheck: true })
  // uniqueNames: two packages may declare the same interface name; post-processing drops the hash when unambiguous.
  raw = TJS.generateSchema(program, 'ServedKinds', {
    required: true,
    noExtraProps: true,
    strictNullChecks: true,
    uniqueNames: true,
  })
} finally {
  rmSync(work, { recursive: true, force: true })
}
if (!raw) throw new Error('typescript-json-schema produced no schema (see the TypeScript errors above)')

const integers = findIntegerPaths(raw, resources, (r) => require(`kubernetes-models/${modelPath(r)}`)[r.kind])
const schema = postProcess(raw, resources, integers, modelsPkg.version)

function countIntegers(s) {
  let n = 0
  for (const def of Object.values(s.definitions)) {
    for (const p of Object.values(def.properties ?? {}))
      if (p.type === 'integer' || p.items?.type === 'integer') n++
  }
  return n
}

mkdirSync(dirname(outFile), { recursive: true })
const text = JSON.stringify(schema, null, 1) + '\n'
writeFileSync(outFile, text)
console.log(
  `${outFile.slice(root.length + 1)}: ${resources.length} kinds, ${Object.keys(schema.definitions).length} definitions, ` +
    `${countIntegers(schema)} integer fields, ${(text.length / 1024).toFixed(0)} kB ` +
    `(kubernetes-models ${modelsPkg.version}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
)
