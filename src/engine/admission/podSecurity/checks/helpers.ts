// Small formatting and traversal helpers shared by the checks, matching the real messages character for
// character: names quoted and comma-joined, singular or plural by count, and sets listed in Go's sorted
// (byte-wise) order.
import type { Container, PodSpec } from './types'

/** `"a", "b"`, or the empty string for no items. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural
}

/** `container "a"` or `containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`
}

/** sets.String.List(): de-duplicated and sorted by UTF-16 code units, which agrees with Go for ASCII. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort()
}

/**
 * Every container of the pod, init containers first, then containers, then ephemeral containers, as the
 * policy's visitor walks them (sidecars are ordinary init containers here).
 */
export function visitContainers(spec: PodSpec, visit: (c: Container) => void): void {
  for (const c of spec.initContainers ?? []) visit(c)
  for (const c of spec.containers ?? []) visit(c)
  for (const c of spec.ephemeralContainers ?? []) visit(c)
}

export const containerName = (c: Container): string => c.name ?? ''

/** spec.os.name: windows, which exempts a pod from the Linux-only restricted checks from policy v1.25. */
export const isWindowsPod = (spec: PodSpec): boolean => spec.os?.name === 'windows'

/** spec.hostUsers: false, a pod in a user namespace, which relaxes a few checks from policy v1.35. */
export const isUserNamespacePod = (spec: PodSpec): boolean => spec.hostUsers === false
