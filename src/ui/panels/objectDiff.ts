// Before/after views of the object for the inspector: replay the trace's JSON patches over what kubectl
// sent, print both sides as YAML (what the learner wrote), and diff them line by line.
import { applyPatch, deepClone } from 'fast-json-patch'
import type { Operation } from 'fast-json-patch'
import type { KubeObject, RequestResult, StageId } from '../../engine'

/** The object as each trace entry left it: index i is the object after entry i. */
export function objectHistory(call: RequestResult): (KubeObject | undefined)[] {
  let doc: KubeObject | undefined
  try {
    doc = call.request.body ? (JSON.parse(call.request.body) as KubeObject) : undefined
  } catch {
    doc = undefined
  }
  const history: (KubeObject | undefined)[] = []
  for (const entry of call.trace) {
    if (entry.patch?.length && doc) {
      try {
        doc = applyPatch(deepClone(doc) as KubeObject, entry.patch as Operation[], false, false).newDocument
      } catch {
        // A patch that does not apply to our reconstruction: fall back to what the engine decoded.
        doc = call.decodedObject ?? doc
      }
    } else if (entry.stage === 'decoding' && call.decodedObject) {
      // Defaulting without a patch: the engine hands us the decoded, defaulted object instead.
      doc = call.decodedObject
    }
    history.push(doc)
  }
  return history
}

/** The object just before `stage` first acted, and just after it last acted, in this call. */
export function stageBeforeAfter(call: RequestResult, stage: StageId) {
  const first = call.trace.findIndex((e) => e.stage === stage)
  if (first < 0) return null
  let last = first
  call.trace.forEach((e, i) => {
    if (e.stage === stage) last = i
  })
  const history = objectHistory(call)
  let base: KubeObject | undefined
  try {
    base = first === 0 ? (JSON.parse(call.request.body ?? '') as KubeObject) : history[first - 1]
  } catch {
    base = undefined
  }
  const after = history[last]
  if (!base || !after) return null
  return { before: base, after }
}

const PLAIN = /^[A-Za-z_/][\w./-]*$/
const RESERVED = /^(true|false|null|yes|no|on|off|~|-?\d[\d.e+-]*)$/i

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string')
    return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value)
  return String(value)
}

/** Plain JSON data as block YAML, the way the learner writes manifests (no yaml library on this thread). */
export function toYaml(value: unknown, indent = ''): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`]
    return value.flatMap((item) => {
      const lines = toYaml(item, `${indent}  `)
      if (typeof item === 'object' && item !== null && !Array.isArray(item) && Object.keys(item).length > 0) {
        return [`${indent}- ${lines[0]!.trimStart()}`, ...lines.slice(1)]
      }
      return lines.length === 1 ? [`${indent}- ${lines[0]!.trimStart()}`] : [`${indent}-`, ...lines]
    })
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 0) return [`${indent}{}`]
    return entries.flatMap(([key, v]) => {
      const k = PLAIN.test(key) ? key : JSON.stringify(key)
      const empty =
        typeof v !== 'object' ||
        v === null ||
        (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0)
      if (empty)
        return [
          `${indent}${k}: ${typeof v === 'object' && v !== null ? (Array.isArray(v) ? '[]' : '{}') : scalar(v)}`,
        ]
      return [`${indent}${k}:`, ...toYaml(v, Array.isArray(v) ? indent : `${indent}  `)]
    })
  }
  return [`${indent}${scalar(value)}`]
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/** Longest-common-subsequence line diff; manifests are small enough for the quadratic table. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length
  const m = after.length
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] =
        before[i] === after[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!)
    }
  }
  const out: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ kind: 'same', text: before[i]! })
      i++
      j++
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) {
      out.push({ kind: 'removed', text: before[i++]! })
    } else {
      out.push({ kind: 'added', text: after[j++]! })
    }
  }
  while (i < n) out.push({ kind: 'removed', text: before[i++]! })
  while (j < m) out.push({ kind: 'added', text: after[j++]! })
  return out
}

export type DiffHunkLine = DiffLine | { kind: 'gap'; text: string }

/** Keeps `context` unchanged lines around each change and folds the rest. */
export function foldDiff(lines: readonly DiffLine[], context = 2): DiffHunkLine[] {
  const keep = lines.map(() => false)
  lines.forEach((line, i) => {
    if (line.kind === 'same') return
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true
  })
  const out: DiffHunkLine[] = []
  let skipped = 0
  lines.forEach((line, i) => {
    if (keep[i]) {
      if (skipped)
        out.push({ kind: 'gap', text: `… ${skipped} unchanged ${skipped === 1 ? 'line' : 'lines'}` })
      skipped = 0
      out.push(line)
    } else skipped++
  })
  if (skipped) out.push({ kind: 'gap', text: `… ${skipped} unchanged ${skipped === 1 ? 'line' : 'lines'}` })
  return out
}
