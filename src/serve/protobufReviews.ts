// `kubectl auth can-i` and `kubectl auth whoami` send their reviews as Kubernetes protobuf: `k8s\0`, then a
// runtime.Unknown (typeMeta, raw) whose raw bytes are the review message. The engine reads JSON, so serve mode
// decodes these few kinds into the JSON kube-apiserver's protobuf decoder would have produced; any other
// protobuf body goes to the engine unchanged and gets the engine's answer.
import protobuf from 'protobufjs/minimal.js'

type FieldType = 'string' | { message: string; repeated?: boolean }
type MessageLayout = Record<number, [name: string, type: FieldType]>

// Field numbers of k8s.io/api authorization/v1 and authentication/v1 generated.proto at v0.35.0.
const LAYOUTS: Record<string, MessageLayout> = {
  Unknown: { 1: ['typeMeta', { message: 'TypeMeta' }], 2: ['raw', 'string'] },
  TypeMeta: { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] },
  ObjectMeta: { 1: ['name', 'string'], 2: ['generateName', 'string'], 3: ['namespace', 'string'] },
  SelfSubjectAccessReview: { 1: ['metadata', { message: 'ObjectMeta' }], 2: ['spec', { message: 'SelfSubjectAccessReviewSpec' }] },
  SelfSubjectAccessReviewSpec: {
    1: ['resourceAttributes', { message: 'ResourceAttributes' }],
    2: ['nonResourceAttributes', { message: 'NonResourceAttributes' }],
  },
  ResourceAttributes: {
    1: ['namespace', 'string'],
    2: ['verb', 'string'],
    3: ['group', 'string'],
    4: ['version', 'string'],
    5: ['resource', 'string'],
    6: ['subresource', 'string'],
    7: ['name', 'string'],
    8: ['fieldSelector', { message: 'SelectorAttributes' }],
    9: ['labelSelector', { message: 'SelectorAttributes' }],
  },
  SelectorAttributes: { 1: ['rawSelector', 'string'] },
  NonResourceAttributes: { 1: ['path', 'string'], 2: ['verb', 'string'] },
  SelfSubjectRulesReview: { 1: ['metadata', { message: 'ObjectMeta' }], 2: ['spec', { message: 'SelfSubjectRulesReviewSpec' }] },
  SelfSubjectRulesReviewSpec: { 1: ['namespace', 'string'] },
  SelfSubjectReview: { 1: ['metadata', { message: 'ObjectMeta' }] },
}

const REVIEWS: Record<string, string> = {
  'authorization.k8s.io/v1 SelfSubjectAccessReview': 'SelfSubjectAccessReview',
  'authorization.k8s.io/v1 SelfSubjectRulesReview': 'SelfSubjectRulesReview',
  'authentication.k8s.io/v1 SelfSubjectReview': 'SelfSubjectReview',
}

const PREFIX = [0x6b, 0x38, 0x73, 0x00]

type Decoded = Record<string, unknown>

/** Fields in field-number order, as Go's JSON encoder writes struct fields; unknown fields are skipped. */
function decode(layoutName: string, bytes: Uint8Array, raw = false): Decoded {
  const layout = LAYOUTS[layoutName]!
  const reader = protobuf.Reader.create(bytes)
  const found: Record<number, unknown> = {}
  while (reader.pos < reader.len) {
    const tag = reader.uint32()
    const no = tag >>> 3
    const entry = layout[no]
    if (!entry || (tag & 7) !== 2) {
      reader.skipType(tag & 7)
      continue
    }
    const [, type] = entry
    const chunk = reader.bytes()
    if (type === 'string') found[no] = raw && no === 2 ? chunk : new TextDecoder('utf-8', { fatal: true }).decode(chunk)
    else found[no] = decode(type.message, chunk)
  }
  const out: Decoded = {}
  for (const no of Object.keys(layout).map(Number).sort((a, b) => a - b)) {
    const value = found[no]
    // proto2 optional strings decode to "" when absent in Go; JSON omits them (omitempty).
    if (value === undefined || value === '') continue
    out[layout[no]![0]] = value
  }
  return out
}

export type ReviewDecoding =
  | { ok: true; json: string }
  | { ok: false }

/** The JSON form of a protobuf review body, or not ok when it is not one of the reviews this decodes. */
export function decodeProtobufReview(body: Uint8Array): ReviewDecoding {
  if (body.length < PREFIX.length || PREFIX.some((b, i) => body[i] !== b)) return { ok: false }
  try {
    const unknown = decode('Unknown', body.subarray(PREFIX.length), true)
    const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string }
    const layout = REVIEWS[`${typeMeta.apiVersion} ${typeMeta.kind}`]
    if (!layout || !(unknown.raw instanceof Uint8Array)) return { ok: false }
    const message = decode(layout, unknown.raw)
    const json: Decoded = { kind: typeMeta.kind, apiVersion: typeMeta.apiVersion, metadata: message.metadata ?? {}, ...message }
    // kube-apiserver decodes into the Go type, so an empty spec still reads as `spec: {}`.
    if (layout !== 'SelfSubjectReview' && json.spec === undefined) json.spec = {}
    return { ok: true, json: JSON.stringify(json) }
  } catch {
    return { ok: false }
  }
}
