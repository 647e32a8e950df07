// Content negotiation for discovery, as k8s.io/apiserver's negotiation package reads an Accept header:
// the clauses in order, the first one the endpoint can serve wins. Aggregated discovery is asked for with
// the media type parameters g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList; with
// AggregatedDiscoveryRemoveBetaType locked on in v1.35, v2beta1 is no longer served and that clause is
// skipped like any other the server cannot answer.

export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'

/** What kube-apiserver's serializers offer, listed in a 406. */
export const SUPPORTED_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']

export type Negotiated = { kind: 'plain' } | { kind: 'aggregated' } | { kind: 'notAcceptable' }

interface Clause {
  type: string
  params: Record<string, string>
}

function parseAccept(header: string): Clause[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [type = '', ...rest] = part.split(';').map((s) => s.trim())
      const params: Record<string, string> = {}
      for (const p of rest) {
        const eq = p.indexOf('=')
        if (eq > 0) params[p.slice(0, eq).toLowerCase()] = p.slice(eq + 1)
      }
      return { type: type.toLowerCase(), params }
    })
}

const SERVED_TYPES = new Set([...SUPPORTED_MEDIA_TYPES, '*/*', 'application/*'])

/**
 * `aggregatable` is true for /api and /apis, the only endpoints that can transform to
 * APIGroupDiscoveryList. An absent or empty Accept header means JSON.
 */
export function negotiateDiscovery(accept: string | undefined, aggregatable: boolean): Negotiated {
  if (!accept || accept.trim() === '') return { kind: 'plain' }
  for (const clause of parseAccept(accept)) {
    if (!SERVED_TYPES.has(clause.type)) continue
    const { g, v, as, ...others } = clause.params
    delete others.q
    delete others.profile
    if (g === undefined && v === undefined && as === undefined) return { kind: 'plain' }
    if (aggregatable && g === 'apidiscovery.k8s.io' && v === 'v2' && as === 'APIGroupDiscoveryList') return { kind: 'aggregated' }
  }
  return { kind: 'notAcceptable' }
}
