// Derives what the engine needs from Kubernetes v1.35's OpenAPI v2 document (the swagger.json of
// kubernetes/kubernetes release-1.35, Apache-2.0, the Kubernetes Authors), limited to what the engine serves:
//
//   src/engine/discovery/builtin.generated.json  discovery verbs of each served resource and of its
//                                                subresources, with each subresource's kind
//   src/engine/openapi/spec.generated.json       the paths of the served group-versions (and of the discovery
//                                                and /version endpoints), with every definition they reach
//
// Both are committed, so a fresh clone builds without the source document. Re-run with
// `node scripts/generate-openapi.mjs [path/to/swagger.json]` after changing the resource table.
import { Buffer } from 'node:buffer'
import console from 'node:console'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const ts = require('typescript')
const source = process.argv[2] ?? '/work/shared/data/kubernetes-1.35-swagger.json'

async function loadBuiltins() {
  const text = readFileSync(join(root, 'src/engine/resources.ts'), 'utf8')
  const { outputText } = ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  })
  const mod = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`)
  return mod.RESOURCES
}

const swagger = JSON.parse(readFileSync(source, 'utf8'))
const resources = await loadBuiltins()
const gvPath = (r) => (r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`)
const servedRoots = new Set(resources.map(gvPath))
const servedGroups = new Set(resources.filter((r) => r.group).map((r) => `/apis/${r.group}`))

// ---- discovery verbs, as the installer derives them from the routes a storage has ----
const METHOD_VERBS = { get: 'get', post: 'create', put: 'update', patch: 'patch', delete: 'delete' }
const discovery = {}
for (const r of resources) {
  const base = gvPath(r)
  const ns = r.namespaced ? '/namespaces/{namespace}' : ''
  const collection = `${base}${ns}/${r.resource}`
  const item = `${collection}/{name}`
  const verbs = new Set()
  const ops = (path) => Object.keys(swagger.paths[path] ?? {}).filter((m) => m in METHOD_VERBS)
  for (const m of ops(collection)) verbs.add({ get: 'list', post: 'create', delete: 'deletecollection' }[m])
  for (const m of ops(item)) verbs.add(METHOD_VERBS[m])
  if (swagger.paths[`${base}/watch${ns}/${r.resource}`] || swagger.paths[`${base}/watch/${r.resource}`]) verbs.add('watch')
  verbs.delete(undefined)
  if (verbs.size === 0) throw new Error(`${collection}: not in the OpenAPI document`)
  const subresources = []
  for (const sub of r.subresources ?? []) {
    const path = `${item}/${sub}`
    const methods = ops(path)
    if (methods.length === 0) throw new Error(`${path}: not in the OpenAPI document`)
    const gvk = swagger.paths[path][methods[0]]['x-kubernetes-group-version-kind']
    subresources.push({ name: sub, group: gvk.group, version: gvk.version, kind: gvk.kind, verbs: methods.map((m) => METHOD_VERBS[m]).sort() })
  }
  discovery[`${r.group}/${r.version}/${r.resource}`] = { verbs: [...verbs].sort(), subresources }
}

// ---- the OpenAPI subset ----
function servedPath(path) {
  if (['/api/', '/apis/', '/version/'].includes(path)) return true
  const trimmed = path.replace(/\/$/, '')
  if (servedGroups.has(trimmed)) return true
  return [...servedRoots].some((gv) => trimmed === gv || path.startsWith(`${gv}/`))
}
// CBORServingAndStorage is off by default in v1.35, so a default server offers no CBOR media type.
const CBOR = new Set(['application/cbor', 'application/apply-patch+cbor'])
const withoutCbor = (item) =>
  Object.fromEntries(
    Object.entries(item).map(([method, op]) => {
      if (method === 'parameters') return [method, op]
      const copy = { ...op }
      for (const key of ['consumes', 'produces']) if (copy[key]) copy[key] = copy[key].filter((t) => !CBOR.has(t))
      return [method, copy]
    }),
  )
const paths = Object.fromEntries(Object.entries(swagger.paths).filter(([p]) => servedPath(p)).map(([p, item]) => [p, withoutCbor(item)]))
const definitions = {}
const parameters = {}
function visit(node) {
  if (Array.isArray(node)) return node.forEach(visit)
  if (!node || typeof node !== 'object') return
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const [, kind, name] = value.split('/')
      if (kind === 'definitions' && !(name in definitions)) {
        definitions[name] = swagger.definitions[name]
        visit(definitions[name])
      }
      if (kind === 'parameters' && !(name in parameters)) {
        parameters[name] = swagger.parameters[name]
        visit(parameters[name])
      }
    } else visit(value)
  }
}
visit(paths)
const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]))
const spec = {
  swagger: '2.0',
  info: { title: 'Kubernetes', version: 'v1.35.0' },
  paths: sorted(paths),
  definitions: sorted(definitions),
  parameters: sorted(parameters),
  securityDefinitions: swagger.securityDefinitions,
  security: swagger.security,
}

const write = (file, value) => {
  const text = `${JSON.stringify(value)}\n`
  writeFileSync(join(root, file), text)
  console.log(`${file}: ${Buffer.byteLength(text)} bytes`)
}
write('src/engine/discovery/builtin.generated.json', discovery)
write('src/engine/openapi/spec.generated.json', spec)
