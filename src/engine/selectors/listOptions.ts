// ListOptions from the query string, as the list and watch handlers decode and validate them
// (metainternalversion ListOptions, ValidateListOptions), and the continue token of a paged list
// (k8s.io/apiserver/pkg/storage/continue.go).
import type { ResourceInfo } from '../resources'
import { badRequest, invalid } from '../status'
import type { FieldError, Status } from '../types'
import { convertFieldSelector, parseFieldSelector, type FieldSelector } from './fields'
import { parseLabelSelector, type LabelSelector } from './labels'

export interface ListOptions {
  labelSelector: LabelSelector
  fieldSelector: FieldSelector
  /** The raw strings, for trace summaries. */
  labelSelectorText: string
  fieldSelectorText: string
  watch: boolean
  allowWatchBookmarks: boolean
  resourceVersion: string
  resourceVersionMatch: string
  timeoutSeconds?: number
  limit: number
  continue: string
  sendInitialEvents?: boolean
}

export type OptionsOutcome = { ok: true; options: ListOptions } | { ok: false; status: Status; note: string }

/** strconv.ParseBool's spellings; anything else is a decode error. */
function parseBool(value: string | null): boolean | string | undefined {
  if (value === null) return undefined
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', ''].includes(value)) return false
  return `strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`
}

function parseInt64(value: string | null): number | string | undefined {
  if (value === null || value === '') return undefined
  if (!/^[+-]?\d+$/.test(value)) return `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`
  return Number(value)
}

/**
 * DecodeParameters (400 on a value that does not parse), ValidateListOptions (422) and the field-label
 * conversion (400), in the order the handler runs them. `forceWatch` is the /watch/ path prefix.
 */
export function parseListOptions(
  query: URLSearchParams,
  resource: ResourceInfo,
  forceWatch = false,
): OptionsOutcome {
  const fail = (status: Status, note: string): OptionsOutcome => ({ ok: false, status, note })
  const watch = parseBool(query.get('watch'))
  const bookmarks = parseBool(query.get('allowWatchBookmarks'))
  const initial = parseBool(query.get('sendInitialEvents'))
  const timeout = parseInt64(query.get('timeoutSeconds'))
  const limit = parseInt64(query.get('limit'))
  for (const v of [watch, bookmarks, timeout, limit, initial])
    if (typeof v === 'string') return fail(badRequest(v), 'a query parameter does not parse')

  const labelText = query.get('labelSelector') ?? ''
  const labels = parseLabelSelector(labelText)
  if (!labels.ok) return fail(badRequest(labels.error), 'the label selector does not parse')
  const fieldText = query.get('fieldSelector') ?? ''
  const fields = parseFieldSelector(fieldText)
  if (!fields.ok) return fail(badRequest(fields.error), 'the field selector does not parse')

  const options: ListOptions = {
    labelSelector: labels.value,
    fieldSelector: fields.value,
    labelSelectorText: labelText,
    fieldSelectorText: fieldText,
    watch: forceWatch || watch === true,
    allowWatchBookmarks: bookmarks === true,
    resourceVersion: query.get('resourceVersion') ?? '',
    resourceVersionMatch: query.get('resourceVersionMatch') ?? '',
    limit: typeof limit === 'number' ? limit : 0,
    continue: query.get('continue') ?? '',
  }
  if (typeof timeout === 'number') options.timeoutSeconds = timeout
  if (typeof initial === 'boolean') options.sendInitialEvents = initial

  const errors = validateListOptions(options)
  if (errors.length)
    return fail(invalid('meta.k8s.io', 'ListOptions', '', errors), 'the list options are not valid')

  const converted = convertFieldSelector(resource, options.fieldSelector)
  if (!converted.ok)
    return fail(badRequest(converted.error), `${resource.kind} cannot be selected on that field`)
  options.fieldSelector = converted.value
  return { ok: true, options }
}

/** ValidateListOptions with the WatchList feature on (beta, enabled in v1.35). */
export function validateListOptions(o: ListOptions): FieldError[] {
  const errs: FieldError[] = []
  const match = o.resourceVersionMatch
  const forbidden = (field: string, detail: string) =>
    errs.push({ type: 'FieldValueForbidden', field, detail })
  if (o.watch) {
    if (o.sendInitialEvents !== undefined && match !== 'NotOlderThan')
      forbidden(
        'resourceVersionMatch',
        'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      )
    if (match) {
      if (o.sendInitialEvents === undefined)
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
        )
      if (match !== 'NotOlderThan')
        errs.push({
          type: 'FieldValueNotSupported',
          field: 'resourceVersionMatch',
          badValue: match,
          detail: 'supported values: "NotOlderThan"',
        })
      if (o.continue)
        forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided')
    }
    return errs
  }
  if (match) {
    if (!o.resourceVersion)
      forbidden(
        'resourceVersionMatch',
        'resourceVersionMatch is forbidden unless resourceVersion is provided',
      )
    if (o.continue)
      forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided')
    if (match !== 'Exact' && match !== 'NotOlderThan')
      errs.push({
        type: 'FieldValueNotSupported',
        field: 'resourceVersionMatch',
        badValue: match,
        detail: 'supported values: "Exact", "NotOlderThan", ""',
      })
    if (match === 'Exact' && o.resourceVersion === '0')
      forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"')
  }
  if (o.sendInitialEvents !== undefined)
    forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list')
  return errs
}

// ---- continue tokens ----

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function utf8(s: string): number[] {
  return [...new TextEncoder().encode(s)]
}

/** base64.RawURLEncoding: the URL alphabet, no padding. */
export function base64RawUrlEncode(bytes: number[]): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63].map((c) => B64[c])
    out += chars.slice(0, Math.min(4, bytes.length - i + 1)).join('')
  }
  return out
}

/** Strict decode; Go reports the first offending byte as "illegal base64 data at input byte N". */
export function base64RawUrlDecode(text: string): number[] | string {
  const bytes: number[] = []
  let acc = 0
  let bits = 0
  for (let i = 0; i < text.length; i++) {
    const v = B64.indexOf(text[i]!)
    if (v < 0 || text[i] === '\n' || text[i] === '\r') return `illegal base64 data at input byte ${i}`
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((acc >> bits) & 255)
    }
  }
  // A final group of one character cannot hold a byte.
  if (text.length % 4 === 1) return `illegal base64 data at input byte ${text.length - 1}`
  return bytes
}

/** encoding/json escapes <, > and & (HTML-safe) and U+2028/2029; JSON.stringify escapes the rest alike. */
function goJsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** storage.EncodeContinue: the next key relative to the list's prefix and the revision of the snapshot. */
export function encodeContinue(nextKey: string, keyPrefix: string, revision: number): string {
  const start = nextKey.startsWith(keyPrefix) ? nextKey.slice(keyPrefix.length) : nextKey
  return base64RawUrlEncode(utf8(`{"v":"meta.k8s.io/v1","rv":${revision},"start":${goJsonString(start)}}`))
}

/** path.Clean for absolute paths: what DecodeContinue compares the start key against. */
function cleanPath(p: string): string {
  const out: string[] = []
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') out.pop()
    else out.push(seg)
  }
  return '/' + out.join('/')
}

export type DecodedContinue = { ok: true; fromKey: string; revision: number } | { ok: false; error: string }

/** storage.DecodeContinue; the error is what follows "invalid continue token: " in the 400. */
export function decodeContinue(token: string, keyPrefix: string): DecodedContinue {
  const generic = 'continue key is not valid'
  const bytes = base64RawUrlDecode(token)
  if (typeof bytes === 'string') return { ok: false, error: `${generic}: ${bytes}` }
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes)))
  } catch {
    // Go's encoding/json words its syntax errors differently; the prefix is exact.
    return { ok: false, error: `${generic}: invalid character in continue token JSON` }
  }
  const t = (parsed ?? {}) as { v?: unknown; rv?: unknown; start?: unknown }
  if (t.v !== 'meta.k8s.io/v1')
    return {
      ok: false,
      error: `continue key is not valid: server does not recognize this encoded version ${typeof t.v === 'string' ? t.v : ''}`,
    }
  const rv = typeof t.rv === 'number' ? t.rv : 0
  if (rv === 0)
    return {
      ok: false,
      error: 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    }
  const start = typeof t.start === 'string' ? t.start : ''
  if (!start)
    return { ok: false, error: 'continue key is not valid: encoded start key empty (version meta.k8s.io/v1)' }
  const key = start.startsWith('/') ? start : `/${start}`
  // A trailing NUL is part of a normal start key; path.Clean leaves it alone.
  if (cleanPath(key) !== key) return { ok: false, error: `${generic}: ${start}` }
  return { ok: true, fromKey: keyPrefix + key.slice(1), revision: rv }
}
