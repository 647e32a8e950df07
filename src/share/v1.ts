// Format 1 of the share link payload: JSON with one-letter keys, raw-deflated against a preset dictionary
// (v1Dictionary.ts), base64url. Frozen: links in this
// format are out in the world (src/share/fixtures/v1.json holds some), so a change here is a new format version.
//
//   s  the scenario: an example's name, or {t: the whole scenario file}
//   e  the editor: its whole text, or {h: digest of the text it was edited from, d: line edit script}
//   r  the request bar's settings (opaque JSON)
//   p  the selected step
//   l  [lesson id, lesson step]
import { decodeBase64url, encodeBase64url } from './base64url'
import { deflateRaw, inflateRawBounded } from './deflate'
import { applyLines, diffLines } from './lineDiff'
import type { Checked, ShareState } from './state'
import { MAX_TEXT_LENGTH, checkId, checkRequest, checkStep, checkText, isPlainObject } from './state'
import { V1_DICTIONARY } from './v1Dictionary'

export interface ShareBases {
  /** Whether this build ships the example with this `name`. */
  hasScenario(id: string): boolean
  /** The editor text the app opens for this state, if any: an edited link then carries only the changes. */
  editorBase(state: Omit<ShareState, 'editor'>): string | undefined
}

// Two texts of 3 MiB plus JSON escaping and the small fields.
const MAX_INFLATED = 2 * MAX_TEXT_LENGTH + 256 * 1024
const KEYS = new Set(['s', 'e', 'r', 'p', 'l'])
const DICTIONARY = new TextEncoder().encode(V1_DICTIONARY)

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error })

/** FNV-1a over UTF-16 code units: enough to notice that an example's text changed since the link was made. */
export function textDigest(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0
  return hash.toString(36)
}

function editorWire(state: ShareState, bases: ShareBases): unknown {
  if (state.editor === undefined) return undefined
  const { editor, ...rest } = state
  const base = bases.editorBase(rest)
  if (base === undefined) return editor
  const edits = { h: textDigest(base), d: diffLines(base, editor) }
  return JSON.stringify(edits).length < JSON.stringify(editor).length ? edits : editor
}

export function encodeV1(state: ShareState, bases: ShareBases): string {
  const wire = {
    s: 'id' in state.scenario ? state.scenario.id : { t: state.scenario.text },
    e: editorWire(state, bases),
    r: state.request,
    p: state.step,
    l: state.lesson && [state.lesson.id, state.lesson.step],
  }
  return encodeBase64url(deflateRaw(new TextEncoder().encode(JSON.stringify(wire)), DICTIONARY))
}

function parsePayload(payload: string): Checked<Record<string, unknown>> {
  const bytes = decodeBase64url(payload)
  if (!bytes) return fail('the link is damaged: its payload is not base64url')
  const inflated = inflateRawBounded(bytes, MAX_INFLATED, DICTIONARY)
  if (!inflated.ok)
    return fail(
      inflated.error === 'too-large'
        ? `the link's content is larger than ${MAX_INFLATED} bytes`
        : 'the link is damaged: its payload does not decompress (was it cut short?)',
    )
  let json: unknown
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes)
    json = JSON.parse(text)
  } catch {
    return fail('the link is damaged: its content is not JSON')
  }
  if (!isPlainObject(json)) return fail('the link is damaged: its content is not an object')
  const unknown = Object.keys(json).find((k) => !KEYS.has(k))
  if (unknown !== undefined)
    return fail(`the link has a field this version does not know: ${JSON.stringify(unknown)}`)
  return { ok: true, value: json }
}

function decodeScenario(s: unknown, bases: ShareBases): Checked<ShareState['scenario']> {
  if (isPlainObject(s)) {
    if (Object.keys(s).some((k) => k !== 't')) return fail("the link's scenario has unknown fields")
    const text = checkText(s.t, 'the scenario')
    return text.ok ? { ok: true, value: { text: text.value } } : text
  }
  const id = checkId(s, 'the example')
  if (!id.ok) return id
  if (!bases.hasScenario(id.value))
    return fail(`the link opens the example "${id.value}", which this version of Kube API Lab does not have`)
  return { ok: true, value: { id: id.value } }
}

function decodeEditor(e: unknown, rest: Omit<ShareState, 'editor'>, bases: ShareBases): Checked<string> {
  if (!isPlainObject(e)) return checkText(e, 'the editor text')
  if (Object.keys(e).some((k) => k !== 'h' && k !== 'd'))
    return fail("the link's editor changes have unknown fields")
  const base = bases.editorBase(rest)
  if (base === undefined) return fail('the link changes an editor text this version does not have')
  if (e.h !== textDigest(base))
    return fail(
      "the text this link was edited from has changed since, so the link's edits to it no longer apply",
    )
  const text = applyLines(base, e.d, MAX_TEXT_LENGTH)
  return text === null
    ? fail('the link is damaged: its editor changes do not fit the example')
    : { ok: true, value: text }
}

function decodeLesson(l: unknown): Checked<NonNullable<ShareState['lesson']>> {
  if (!Array.isArray(l) || l.length !== 2) return fail("the link's lesson must be [id, step]")
  const id = checkId(l[0], 'the lesson')
  if (!id.ok) return id
  const step = checkStep(l[1], 'the lesson step')
  return step.ok ? { ok: true, value: { id: id.value, step: step.value } } : step
}

export function decodeV1(payload: string, bases: ShareBases): Checked<ShareState> {
  const parsed = parsePayload(payload)
  if (!parsed.ok) return parsed
  const { s, e, r, p, l } = parsed.value
  const scenario = decodeScenario(s, bases)
  if (!scenario.ok) return scenario
  const rest: Omit<ShareState, 'editor'> = { scenario: scenario.value }
  if (r !== undefined) {
    const request = checkRequest(r)
    if (!request.ok) return request
    rest.request = request.value
  }
  if (p !== undefined) {
    const step = checkStep(p, 'the step')
    if (!step.ok) return step
    rest.step = step.value
  }
  if (l !== undefined) {
    const lesson = decodeLesson(l)
    if (!lesson.ok) return lesson
    rest.lesson = lesson.value
  }
  if (e === undefined) return { ok: true, value: rest }
  const editor = decodeEditor(e, rest, bases)
  return editor.ok ? { ok: true, value: { ...rest, editor: editor.value } } : editor
}
