// How client-go puts a name into a URL (k8s.io/client-go/rest/request.go): Request.Name and Request.Namespace
// refuse a segment that IsValidPathSegmentName rejects, and the URL is written with Go's url.URL.EscapedPath,
// so `web?dryRun=All` travels as `web%3FdryRun=All` and names an object instead of adding a query.
import { checkFields } from '../decoding/strict'
import { goQuote } from '../goQuote'
import { resourceForKind } from '../resources'
import type { KubeObject } from '../types'

/** path.IsValidPathSegmentName (k8s.io/apimachinery/pkg/api/validation/path): the reasons a name cannot be a segment. */
export function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`]
  const errors: string[] = []
  for (const illegal of ['/', '%']) if (name.includes(illegal)) errors.push(`may not contain '${illegal}'`)
  return errors
}

/** client-go's error for a name it will not send: `invalid resource name "a/b": [may not contain '/']`. */
export function invalidNameError(kind: 'resource name' | 'namespace', name: string): string | undefined {
  const errors = pathSegmentNameErrors(name)
  return errors.length ? `invalid ${kind} ${goQuote(name)}: [${errors.join(' ')}]` : undefined
}

const UNESCAPED_IN_PATH = /[A-Za-z0-9\-_.~$&+,/:;=@]/

/** Go's escape(s, encodePath): every byte outside the unreserved and path-safe reserved characters as %XX. */
export function escapePathSegment(segment: string): string {
  let out = ''
  for (const ch of segment) {
    if (UNESCAPED_IN_PATH.test(ch)) out += ch
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/**
 * cli-runtime's metadataValidatingDecoder: after decoding a manifest as unstructured, kubectl decodes it once
 * more into TypeMeta and ObjectMeta, so `name: []` is refused before any request is made (with the Go type
 * error, which `unable to decode "<file>": ` precedes) instead of becoming an empty name in a URL.
 */
export function metadataDecodeError(doc: KubeObject): string | undefined {
  if (!('metadata' in doc)) return undefined
  const meta = { apiVersion: 'v1', kind: 'ConfigMap', metadata: doc.metadata } as KubeObject
  const typeError = checkFields(meta, CONFIG_MAP, {}).typeError
  return typeError?.replace('Go struct field ConfigMap.', 'Go struct field metadataOnlyObject.')
}

const CONFIG_MAP = resourceForKind({ group: '', version: 'v1', kind: 'ConfigMap' })!
