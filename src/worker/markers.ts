// Turns what the API server (or the YAML parser) complained about into editor marker ranges. A 422 names
// fields in Kubernetes' path notation (`spec.containers[0].image`, `metadata.labels[app]`); the learner
// sees YAML, so we find that node in the right `---` document and underline it where it is written.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml'
import type { Document, Node as YamlNode, Pair } from 'yaml'
import type { KubectlResult } from '../engine/scenario/types'
import type { Status } from '../engine/types'

/** Same shape as the editor's `EditorMarker` (the worker may not import UI code). */
export interface EditorMarker {
  startLine: number
  startColumn: number
  endLine: number
  endColumn: number
  message: string
  severity: 'error' | 'warning'
}

export type PathSegment = string | number

/**
 * `spec.containers[0].image` → ['spec', 'containers', 0, 'image']; `metadata.labels[app.kubernetes.io/name]`
 * keeps the bracketed key whole (dots included). A JSON pointer (`/spec/containers/0`) works too.
 */
export function toPath(field: string): PathSegment[] {
  if (field.startsWith('/')) {
    return field
      .slice(1)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
  }
  const path: PathSegment[] = []
  let i = 0
  let word = ''
  while (i < field.length) {
    const c = field[i]!
    if (c === '.') {
      if (word) path.push(word)
      word = ''
      i++
    } else if (c === '[') {
      if (word) path.push(word)
      word = ''
      const end = field.indexOf(']', i)
      const inner = end === -1 ? field.slice(i + 1) : field.slice(i + 1, end)
      path.push(/^\d+$/.test(inner) ? Number(inner) : inner)
      i = end === -1 ? field.length : end + 1
    } else {
      word += c
      i++
    }
  }
  if (word) path.push(word)
  return path
}

interface Found {
  /** [start, end] offsets of what to underline. */
  range: [number, number]
  /** How many segments of the path exist in the document. */
  depth: number
}

function nodeRange(node: YamlNode | null | undefined): [number, number] | null {
  const r = node?.range
  return r ? [r[0], r[1]] : null
}

/**
 * Walks `doc.contents` along `path`. For a field that is missing (a Required error) we fall back to the
 * deepest ancestor that exists, so the learner still sees where to add it.
 */
export function rangeOfPath(doc: Document, path: PathSegment[]): Found | null {
  let node: unknown = doc.contents
  let best: [number, number] | null = nodeRange(doc.contents as YamlNode)
  let keyOfBest: Pair | null = null
  let depth = 0
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      )
      if (!pair) break
      keyOfBest = pair
      node = pair.value
      // A key with an empty value (`image:`) has no value node: underline the key instead.
      best = nodeRange(pair.value as YamlNode) ?? nodeRange(pair.key as YamlNode) ?? best
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment]
      if (item === undefined) break
      keyOfBest = null
      node = item
      best = nodeRange(item as YamlNode) ?? best
    } else {
      break
    }
    depth++
  }
  if (!best) return null
  // When the path stops early on a mapping, underlining the whole block is noisy: underline its key.
  if (depth < path.length && keyOfBest && isMap(node)) {
    best = nodeRange(keyOfBest.key as YamlNode) ?? best
  }
  return { range: best, depth }
}

function toMarker(
  lineCounter: LineCounter,
  [start, end]: [number, number],
  message: string,
  severity: EditorMarker['severity'],
): EditorMarker {
  const a = lineCounter.linePos(start)
  const b = lineCounter.linePos(Math.max(end, start + 1))
  return { startLine: a.line, startColumn: a.col, endLine: b.line, endColumn: b.col, message, severity }
}

/** YAML syntax errors (and warnings) of every document, as markers. */
export function syntaxMarkers(text: string): EditorMarker[] {
  const lineCounter = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false })
  const list = Array.isArray(docs) ? docs : []
  const markers: EditorMarker[] = []
  for (const doc of list) {
    for (const e of doc.errors) markers.push(toMarker(lineCounter, e.pos, e.message, 'error'))
    for (const w of doc.warnings) markers.push(toMarker(lineCounter, w.pos, w.message, 'warning'))
  }
  return markers
}

function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status'
}

/**
 * Markers for the causes of every 422 among `results`, each placed in the document the result came from
 * (`documentIndex`), plus syntax errors. Causes without a field, or whose document is gone, are skipped.
 */
export function markersForResults(text: string, results: readonly KubectlResult[]): EditorMarker[] {
  const lineCounter = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter })
  const list = Array.isArray(docs) ? docs.filter((d) => d.contents !== null) : []
  const markers = syntaxMarkers(text)
  for (const result of results) {
    const body = result.response.body
    if (result.response.code !== 422 || !isStatus(body)) continue
    const doc = list[result.documentIndex ?? 0]
    if (!doc) continue
    for (const cause of body.details?.causes ?? []) {
      if (!cause.field) continue
      const found = rangeOfPath(doc, toPath(cause.field))
      if (!found) continue
      const message = cause.message ? `${cause.field}: ${cause.message}` : (body.message ?? cause.field)
      markers.push(toMarker(lineCounter, found.range, message, 'error'))
    }
  }
  return markers
}
