import { renderBadValue } from '../../status'
import { admissionForbidden } from '../forbidden'
import type { AdmissionAttributes, AdmissionPlugin } from '../types'
import { isMain, plainError, skip } from './common'

interface Container {
  image?: string
  imagePullPolicy?: string
}

/** pods.VisitContainersWithPath: init containers, containers, ephemeral containers, each with its field path. */
function containersOf(spec: Record<string, unknown> | undefined): [Container, string][] {
  const out: [Container, string][] = []
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const items = spec?.[list]
    if (Array.isArray(items)) items.forEach((c, i) => out.push([c as Container, `spec.${list}[${i}]`]))
  }
  return out
}

/** An update that brings no image the Pod did not already have is ignored, so the kubelet's pull is not forced again. */
function updateWithNoNewImages(attrs: AdmissionAttributes): boolean {
  if (attrs.operation !== 'UPDATE' || !attrs.oldObject) return false
  const old = new Set(containersOf(attrs.oldObject.spec as Record<string, unknown>).map(([c]) => c.image))
  return containersOf(attrs.object?.spec as Record<string, unknown>).every(([c]) => old.has(c.image))
}

function ignored(attrs: AdmissionAttributes): string | undefined {
  if (!isMain(attrs, '', 'pods') || (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE'))
    return 'acts only on Pod creates and updates'
  if (updateWithNoNewImages(attrs)) return 'the update brings no new image'
  return undefined
}

/**
 * Forces imagePullPolicy: Always on every container, so a Pod can only use a private image its own pull
 * credentials can fetch, never a copy some other Pod left in the node's cache.
 */
export const alwaysPullImages: AdmissionPlugin = {
  name: 'AlwaysPullImages',
  admit(attrs) {
    const why = ignored(attrs)
    if (why) return skip(why)
    const changed: string[] = []
    for (const [c, path] of containersOf(attrs.object!.spec as Record<string, unknown>)) {
      if (c.imagePullPolicy !== 'Always') changed.push(`${path} (${c.imagePullPolicy ?? 'unset'})`)
      c.imagePullPolicy = 'Always'
    }
    return {
      allowed: true,
      summary: changed.length
        ? `set imagePullPolicy: Always on ${changed.length} container${changed.length === 1 ? '' : 's'}`
        : 'every container already pulls Always',
      details: changed.length
        ? [
            `Changed ${changed.join(', ')}.`,
            "The kubelet now asks the registry on every start, with this Pod's credentials: a cached private image is no shortcut.",
          ]
        : undefined,
    }
  },
  validate(attrs) {
    const why = ignored(attrs)
    if (why) return skip(why)
    // Each offending container is its own Forbidden error; the aggregate is not an APIStatus, hence a bare 500.
    const errors = containersOf(attrs.object!.spec as Record<string, unknown>)
      .filter(([c]) => c.imagePullPolicy !== 'Always')
      .map(
        ([c, path]) =>
          admissionForbidden(
            attrs,
            `${path}.imagePullPolicy: Unsupported value: ${renderBadValue(c.imagePullPolicy ?? '')}: supported values: "Always"`,
          ).message!,
      )
    if (errors.length === 0) return { allowed: true, summary: 'every container pulls Always' }
    const unique = [...new Set(errors)]
    const message = unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`
    return {
      allowed: false,
      status: plainError(message),
      summary: 'a later mutation changed imagePullPolicy away from Always',
    }
  },
}
