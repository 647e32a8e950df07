// Turns what the API server (or the YAML parser) complained about into editor marker ranges. A 422 names
// fields in Kubernetes' path notation (`spec.containers[0].image`, `metadata.labels[app]`); the learner
// sees YAML, so we find that node in the right `---` document and underline it where it is written. A CEL
// expression that does not compile is underlined at the offending characters inside the expression, traced
// back through the YAML quoting and folding to where they are written.
import { LineCounter, Scalar, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml'
import type { Document, Node as YamlNode, Pair } from 'yaml'
import { compile } from '../engine/cel'
import type { KubectlResult } from '../engine/scenario/types'
import type { Status } from '../engine/types'

/** A diagnostic from the simulated kube-apiserver. Lines and columns are 1-based, end exclusive (Monaco's convention). */
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
  /** The node the whole path leads to, when it exists. */
  node?: unknown
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
  return depth === path.length ? { range: best, depth, node } : { range: best, depth }
}

// ---- from a character of a scalar's value back to the YAML text ----

/** For each character of a scalar's value, the [start, end) offsets in the YAML text that produced it. */
export interface ValueOffsets {
  starts: number[]
  ends: number[]
}

interface Piece {
  ch: string
  start: number
  end: number
  /** Written as an escape: never trimmed as whitespace. */
  escaped: boolean
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
}
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 }

/** One line of a flow scalar, decoded; `continued` when a double-quoted line ends in an escaped break. */
function decodeLine(
  line: string,
  at: number,
  style: Scalar['type'],
): { pieces: Piece[]; continued: boolean } | null {
  const pieces: Piece[] = []
  let i = 0
  while (i < line.length) {
    const c = line[i]!
    if (style === Scalar.QUOTE_SINGLE && c === "'" && line[i + 1] === "'") {
      pieces.push({ ch: "'", start: at + i, end: at + i + 2, escaped: true })
      i += 2
    } else if (style === Scalar.QUOTE_DOUBLE && c === '\\') {
      const e = line[i + 1]
      if (e === undefined) return { pieces, continued: true }
      const hex = HEX_ESCAPES[e]
      if (hex !== undefined) {
        const digits = line.slice(i + 2, i + 2 + hex)
        if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) return null
        for (const ch of String.fromCodePoint(parseInt(digits, 16)))
          for (let k = 0; k < ch.length; k++)
            pieces.push({ ch: ch[k]!, start: at + i, end: at + i + 2 + hex, escaped: true })
        i += 2 + hex
      } else {
        const ch = DOUBLE_ESCAPES[e]
        if (ch === undefined) return null
        pieces.push({ ch, start: at + i, end: at + i + 2, escaped: true })
        i += 2
      }
    } else {
      pieces.push({ ch: c, start: at + i, end: at + i + 1, escaped: false })
      i++
    }
  }
  return { pieces, continued: false }
}

const isBlank = (p: Piece) => !p.escaped && (p.ch === ' ' || p.ch === '\t' || p.ch === '\r')

/** Plain and quoted scalars: escapes decoded, line breaks folded into spaces (or kept for empty lines). */
function flowOffsets(text: string, node: Scalar, [start, end]: [number, number]): Piece[] | null {
  const quoted = node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE
  if (quoted) {
    start++
    end--
  }
  const out: Piece[] = []
  let offset = start
  const lines = text.slice(start, end).split('\n')
  let breaks: Piece[] = []
  let continued = false
  for (const [n, raw] of lines.entries()) {
    const decoded = decodeLine(raw, offset, node.type)
    if (!decoded) return null
    let pieces = decoded.pieces
    const first = n === 0
    const last = n === lines.length - 1
    if (!first) while (pieces.length && isBlank(pieces[0]!)) pieces = pieces.slice(1)
    if (!last && !decoded.continued)
      while (pieces.length && isBlank(pieces.at(-1)!)) pieces = pieces.slice(0, -1)
    const breakHere: Piece = {
      ch: '\n',
      start: offset + raw.length,
      end: offset + raw.length + 1,
      escaped: false,
    }
    offset += raw.length + 1
    if (first) {
      out.push(...pieces)
    } else if (pieces.length === 0 && !last) {
      breaks.push(breakHere)
      continue
    } else if (continued) {
      out.push(...breaks.slice(1).map((b) => ({ ...b, ch: '\n' })), ...pieces)
    } else {
      // A single break folds into a space; each empty line after it is one newline.
      const folded = breaks.length === 1 ? [{ ...breaks[0]!, ch: ' ' }] : breaks.slice(1)
      out.push(...folded, ...pieces)
    }
    breaks = [breakHere]
    continued = decoded.continued
  }
  return out
}

/** Literal (`|`) and folded (`>`) block scalars: indentation removed; `>` folds lines of equal indentation. */
function blockOffsets(text: string, node: Scalar, [start, end]: [number, number]): Piece[] | null {
  const headerEnd = text.indexOf('\n', start)
  if (headerEnd < 0 || headerEnd >= end) return []
  const header = /^[|>]([1-9]?)[+-]?|^[|>][+-]?([1-9]?)/.exec(text.slice(start, headerEnd))
  if (!header) return null
  const explicit = Boolean(header[1] || header[2])
  const body = text.slice(headerEnd + 1, end)
  const lines = body.split('\n')
  if (body.endsWith('\n')) lines.pop()
  const leading = (l: string) => /^ */.exec(l)![0].length
  const firstContent = lines.find((l) => l.trim() !== '')
  if (firstContent === undefined) return []
  const auto = leading(firstContent)
  const want = String(node.value).replace(/\n+$/, '')
  for (let indent = auto; indent >= (explicit ? 0 : auto); indent--) {
    const pieces = blockWithIndent(lines, headerEnd + 1, indent, node.type === Scalar.BLOCK_FOLDED)
    if (
      pieces &&
      pieces
        .map((p) => p.ch)
        .join('')
        .replace(/\n+$/, '') === want
    )
      return pieces
  }
  return null
}

function blockWithIndent(lines: string[], at: number, indent: number, folded: boolean): Piece[] | null {
  const out: Piece[] = []
  let offset = at
  let breaks: Piece[] = []
  let prev: 'normal' | 'more' | null = null
  for (const line of lines) {
    const lineStart = offset
    offset += line.length + 1
    const breakHere: Piece = { ch: '\n', start: lineStart + line.length, end: offset, escaped: false }
    let content: string
    if (line.length >= indent && line.slice(0, indent).trim() === '') content = line.slice(indent)
    else if (line.trim() === '') content = ''
    else return null
    const pieces = content.split('').map((ch, k) => ({
      ch,
      start: lineStart + indent + k,
      end: lineStart + indent + k + 1,
      escaped: false,
    }))
    if (!folded) {
      out.push(...pieces, breakHere)
      continue
    }
    if (content === '') {
      breaks.push(breakHere)
      continue
    }
    const type = /^[ \t]/.test(content) ? 'more' : 'normal'
    // Between two lines of text a single break folds into a space, and each empty line is one newline;
    // next to a more-indented line every break is kept.
    if (prev === 'normal' && type === 'normal')
      out.push(...(breaks.length === 1 ? [{ ...breaks[0]!, ch: ' ' }] : breaks.slice(1)))
    else out.push(...breaks)
    out.push(...pieces)
    breaks = [breakHere]
    prev = type
  }
  return out
}

/**
 * Where each character of a string scalar's value is written. Null when the text cannot be followed back
 * character by character (an unusual escape or indentation); the caller then underlines the whole value.
 */
export function valueOffsets(text: string, node: unknown): ValueOffsets | null {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return null
  const range: [number, number] = [node.range[0], node.range[1]]
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED
  const pieces = block ? blockOffsets(text, node, range) : flowOffsets(text, node, range)
  if (!pieces) return null
  const decoded = pieces.map((p) => p.ch).join('')
  const ok = block ? decoded.replace(/\n+$/, '') === node.value.replace(/\n+$/, '') : decoded === node.value
  if (!ok) return null
  const kept = pieces.slice(0, node.value.length)
  return { starts: kept.map((p) => p.start), ends: kept.map((p) => p.end) }
}

/** The [start, end) offsets in the YAML text of the characters [from, to) of the scalar's value. */
export function textRange(offsets: ValueOffsets, from: number, to: number): [number, number] | null {
  const n = offsets.starts.length
  if (n === 0) return null
  const a = Math.min(Math.max(from, 0), n)
  const b = Math.min(Math.max(to, a), n)
  // An error at the very end (an expression cut short) is shown on its last character.
  if (a === n) return [offsets.starts[n - 1]!, offsets.ends[n - 1]!]
  return [offsets.starts[a]!, b > a ? offsets.ends[b - 1]! : offsets.starts[a]!]
}

// ---- CEL expressions ----

/** The fields that hold CEL, in the policy kinds and in webhook configurations. */
const CEL_FIELD =
  /^(?:spec\.(?:validations\[\d+\]\.(?:expression|messageExpression)|matchConditions\[\d+\]\.expression|variables\[\d+\]\.expression|auditAnnotations\[\d+\]\.valueExpression|mutations\[\d+\]\.(?:applyConfiguration|jsonPatch)\.expression)|webhooks\[\d+\]\.matchConditions\[\d+\]\.expression)$/

/**
 * Where in `expression` a compile error of `message` is: the range the CEL compiler gives when compiling it
 * again yields the very error the server reported, else the token at the server's `<input>:line:col`.
 */
export function celErrorRange(
  field: string,
  expression: string,
  message: string,
  doc: Document,
): { start: number; end: number } | null {
  if (!CEL_FIELD.test(field) || !message.includes('ERROR: <input>:')) return null
  const compiled = compile(expression, {
    hasParams: field.startsWith('spec.') && doc.getIn(['spec', 'paramKind']) != null,
    patchTypes: field.startsWith('spec.mutations['),
  })
  if (!compiled.ok && message.includes(compiled.issue.message)) return compiled.issue.range
  const at = /ERROR: <input>:(\d+):(\d+):/.exec(message)
  if (!at) return null
  const lines = expression.split('\n')
  const line = Number(at[1]) - 1
  if (line >= lines.length) return null
  const offset = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + Number(at[2]) - 1
  const word = /^[A-Za-z0-9_]+/.exec(expression.slice(offset))
  return { start: offset, end: offset + (word ? word[0].length : 1) }
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

/** The characters of a CEL expression the error is about, or the whole value when they cannot be found. */
function celRange(
  text: string,
  doc: Document,
  field: string,
  message: string | undefined,
  found: Found,
): [number, number] {
  if (!message || !isScalar(found.node) || typeof found.node.value !== 'string') return found.range
  const inExpression = celErrorRange(field, found.node.value, message, doc)
  if (!inExpression) return found.range
  const offsets = valueOffsets(text, found.node)
  return (offsets && textRange(offsets, inExpression.start, inExpression.end)) ?? found.range
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
      markers.push(
        toMarker(lineCounter, celRange(text, doc, cause.field, cause.message, found), message, 'error'),
      )
    }
  }
  return markers
}
