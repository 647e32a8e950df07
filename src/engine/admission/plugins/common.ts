// Small pieces several plugin models share: how a request names its resource, the bare 500 a plugin's plain Go
// error becomes, and the "newest default wins" rule the class-defaulting plugins use.
import type { KubeObject, Status } from '../../types'
import type { AdmissionAttributes, PluginVerdict } from '../types'

export const skip = (summary: string): PluginVerdict => ({ allowed: true, skipped: true, summary })

/** The request is for group/resource itself, not one of its subresources. */
export function isMain(attrs: AdmissionAttributes, group: string, resource: string): boolean {
  return attrs.resource.group === group && attrs.resource.resource === resource && attrs.subresource === ''
}

/**
 * What a plugin's plain `fmt.Errorf` turns into: responsewriters.ErrorToAPIStatus sees no APIStatus, so the
 * answer is 500 with the error text as message and an empty (omitted) reason.
 */
export function plainError(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 }
}

/** Seconds since the epoch of metadata.creationTimestamp; informers only ever hold second precision. */
function createdAt(obj: KubeObject): number {
  const ts = obj.metadata?.creationTimestamp
  const ms = typeof ts === 'string' ? Date.parse(ts) : NaN
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000)
}

/**
 * Among the objects annotated as the default, the one the defaulting plugins pick: the newest by
 * creationTimestamp, ties broken by name in ascending order (GetDefaultClass in pkg/volume/util and
 * DefaultIngressClass's getDefaultClass sort the same way).
 */
export function newestDefault(
  objects: KubeObject[],
  isDefault: (o: KubeObject) => boolean,
): {
  chosen?: KubeObject
  candidates: KubeObject[]
} {
  const candidates = objects.filter(isDefault)
  candidates.sort((a, b) => {
    const diff = createdAt(b) - createdAt(a)
    if (diff !== 0) return diff
    const an = a.metadata?.name ?? ''
    const bn = b.metadata?.name ?? ''
    return an < bn ? -1 : an > bn ? 1 : 0
  })
  return { chosen: candidates[0], candidates }
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
