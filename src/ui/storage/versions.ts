// The three versions of an object on its way to etcd: the one it was sent in, the internal (hub) form the
// API server converts every version through, and the one it is stored in.
import type { RequestResult } from '../../engine'

/** kube-apiserver v1.35 stores HorizontalPodAutoscalers as autoscaling/v2 whatever version was sent. */
const STORAGE_VERSIONS: Record<string, string> = { 'autoscaling/HorizontalPodAutoscaler': 'autoscaling/v2' }

export interface ObjectVersions {
  kind: string
  sent: string
  group: string
  storage: string
  /** Null when etcd kept nothing (a dry run, a review computed on request): the engine's storage step says why. */
  notStored: string | null
}

/** Whether the engine's storage step wrote the object, read from its trace entry. */
function notStoredReason(call: RequestResult): string | null {
  const entry = call.trace.find((e) => e.stage === 'storage' && e.data?.key !== undefined)
  if (entry && entry.data?.dryRun !== true) return null
  return call.trace.find((e) => e.stage === 'storage')?.summary ?? 'nothing was written to etcd'
}

function bodyOf(call: RequestResult): { apiVersion?: unknown; kind?: unknown } | null {
  const body = call.request.body
  if (!body) return null
  try {
    const parsed: unknown = JSON.parse(body)
    return typeof parsed === 'object' && parsed !== null ? parsed : null
  } catch {
    return null
  }
}

export function objectVersions(call: RequestResult | undefined): ObjectVersions | null {
  if (!call) return null
  const body = bodyOf(call)
  const apiVersion = typeof body?.apiVersion === 'string' ? body.apiVersion : call.decodedObject?.apiVersion
  const kind = typeof body?.kind === 'string' ? body.kind : call.decodedObject?.kind
  if (!apiVersion || !kind) return null
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''
  return {
    kind,
    sent: apiVersion,
    group,
    storage: STORAGE_VERSIONS[`${group}/${kind}`] ?? apiVersion,
    notStored: notStoredReason(call),
  }
}
