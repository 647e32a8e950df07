// The AdmissionReview the API server posts to a webhook (webhook/request/admissionreview.go
// CreateV1AdmissionReview), and the checks it makes on the answer (VerifyAdmissionResponse).
import { cloneJson } from '../../clone'
import type { ResourceInfo } from '../../resources'
import type { AdmissionAttributes, AdmissionContext } from '../types'
import type { AdmissionRequest, AdmissionResponse, AdmissionReview, Webhook } from './types'

const KNOWN_REVIEW_VERSIONS = ['v1', 'v1beta1']

/** The first AdmissionReview version the webhook accepts that the API server speaks, or undefined. */
export function reviewVersion(hook: Webhook): 'v1' | 'v1beta1' | undefined {
  return (hook.admissionReviewVersions ?? []).find((v) => KNOWN_REVIEW_VERSIONS.includes(v)) as
    'v1' | 'v1beta1' | undefined
}

const OPTIONS_KIND: Record<string, string> = {
  CREATE: 'CreateOptions',
  UPDATE: 'UpdateOptions',
  DELETE: 'DeleteOptions',
  CONNECT: '',
}

export function buildAdmissionReview(
  attrs: AdmissionAttributes,
  invoked: ResourceInfo,
  version: 'v1' | 'v1beta1',
  ctx: AdmissionContext,
): AdmissionReview {
  const gvk = (r: ResourceInfo) => ({ group: r.group, version: r.version, kind: r.kind })
  const gvr = (r: ResourceInfo) => ({ group: r.group, version: r.version, resource: r.resource })
  const request = { uid: ctx.ids.uid(), kind: gvk(invoked), resource: gvr(invoked) } as AdmissionRequest
  if (attrs.subresource) request.subResource = attrs.subresource
  request.requestKind = gvk(attrs.resource)
  request.requestResource = gvr(attrs.resource)
  if (attrs.subresource) request.requestSubResource = attrs.subresource
  if (attrs.name) request.name = attrs.name
  if (attrs.namespace) request.namespace = attrs.namespace
  request.operation = attrs.operation
  const user: AdmissionRequest['userInfo'] = { username: attrs.userInfo.username }
  if (attrs.userInfo.uid) user.uid = attrs.userInfo.uid
  if (attrs.userInfo.groups.length) user.groups = [...attrs.userInfo.groups]
  if (attrs.userInfo.extra && Object.keys(attrs.userInfo.extra).length)
    user.extra = cloneJson(attrs.userInfo.extra)
  request.userInfo = user
  request.object = attrs.object ? cloneJson(attrs.object) : null
  request.oldObject = attrs.oldObject ? cloneJson(attrs.oldObject) : null
  request.dryRun = attrs.dryRun
  const optionsKind = OPTIONS_KIND[attrs.operation]
  if (optionsKind) {
    const options: Record<string, unknown> = { kind: optionsKind, apiVersion: 'meta.k8s.io/v1' }
    if (attrs.dryRun) options.dryRun = ['All']
    if (optionsKind !== 'DeleteOptions') {
      if (attrs.fieldManager) options.fieldManager = attrs.fieldManager
      if (attrs.fieldValidation) options.fieldValidation = attrs.fieldValidation
    }
    request.options = options
  }
  return { kind: 'AdmissionReview', apiVersion: `admission.k8s.io/${version}`, request }
}

/** VerifyAdmissionResponse: the answer must be for this uid, and patch rules differ by webhook kind. */
export function verifyResponse(
  uid: string,
  response: AdmissionResponse,
  mutating: boolean,
): string | undefined {
  if (response.uid !== uid) return `expected response.uid="${uid}", got "${response.uid}"`
  const hasPatch = !!response.patch
  const hasType = !!response.patchType
  if (!mutating && (hasPatch || hasType))
    return 'validating webhook may not return response.patch or response.patchType'
  if (hasPatch && !hasType) return 'webhook returned response.patch but not response.patchType'
  if (!hasPatch && hasType) return 'webhook returned response.patchType but not response.patch'
  return undefined
}

/** base64 of a UTF-8 string, without Buffer or btoa (the engine runs in Node and in the browser). */
export function base64Encode(text: string): string {
  const bytes = new TextEncoder().encode(text)
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += chars[(n >> 18) & 63]! + chars[(n >> 12) & 63]!
    out += b === undefined ? '=' : chars[(n >> 6) & 63]!
    out += c === undefined ? '=' : chars[n & 63]!
  }
  return out
}

export function base64Decode(text: string): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const clean = text.replace(/=+$/, '')
  const bytes: number[] = []
  let buffer = 0
  let bits = 0
  for (const ch of clean) {
    const v = chars.indexOf(ch)
    if (v < 0) throw new Error(`illegal base64 data at input byte ${bytes.length}`)
    buffer = (buffer << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((buffer >> bits) & 255)
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes))
}
