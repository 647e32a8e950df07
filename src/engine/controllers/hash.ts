// The pod-template-hash: controller.ComputeHash, an FNV-32a hash of the pod template (plus the Deployment's
// collisionCount, little-endian, when set), printed as a decimal number and passed through
// rand.SafeEncodeString so that it never spells words and is safe in names and labels.
import type { KubeObject } from '../types'

export function fnv32a(bytes: Iterable<number>, seed = 0x811c9dc5): number {
  let hash = seed >>> 0
  for (const b of bytes) {
    hash ^= b & 0xff
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'

/** rand.SafeEncodeString: every character mapped into the alphabet without vowels or look-alikes. */
export function safeEncodeString(s: string): string {
  let out = ''
  for (const ch of s) out += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length]
  return out
}

/** JSON with keys sorted at every level: a stable text of the template for the hasher. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/**
 * ComputeHash. kube-controller-manager feeds the hasher spew's dump of the Go struct (hashutil.DeepHashObject);
 * the simulation feeds it the canonical JSON of the template instead, so the algorithm and the shape of the
 * result are real but the value differs from a real cluster's for the same template.
 */
export function computeHash(template: KubeObject | Record<string, unknown>, collisionCount?: number): string {
  const bytes = [...new TextEncoder().encode(canonicalJson(template))]
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0
    // binary.LittleEndian.PutUint32 into an 8-byte buffer: the last four bytes stay zero.
    bytes.push(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0)
  }
  return safeEncodeString(String(fnv32a(bytes)))
}
