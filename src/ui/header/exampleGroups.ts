// The Examples menu's sections: each bundled example under the stage of kube-apiserver it teaches, in the
// order a request meets them. An example this table does not name yet goes by the first stage its requests
// expect to stop at, so new examples are listed without an edit here.
import type { Example } from '../../scenarios'

export interface ExampleGroup {
  id: string
  label: string
  examples: { example: Example; number: number }[]
}

const GROUPS: readonly { id: string; label: string; stages: readonly string[]; names: readonly string[] }[] = [
  {
    id: 'authentication',
    label: 'Authentication',
    stages: ['authentication'],
    names: ['anonymous-request', 'unknown-token', 'anonymous-off', 'oidc'],
  },
  {
    id: 'authorization',
    label: 'Impersonation and authorization',
    stages: ['impersonation', 'authorization'],
    names: ['rbac-forbidden', 'impersonation', 'auth-can-i'],
  },
  {
    id: 'decoding',
    label: 'Decoding and validation',
    stages: ['http', 'decoding', 'validation'],
    names: ['invalid-pod', 'deployment-selector-mismatch', 'field-typo', 'common-mistakes', 'server-side-apply', 'status-subresource'],
  },
  {
    id: 'admission',
    label: 'Built-in admission plugins',
    stages: ['mutating-admission'],
    names: [
      'namespace-not-found',
      'limitrange-defaults',
      'quota-pod-count',
      'quota-compute',
      'quota-must-specify',
      'quota-dry-run',
      'always-pull-images',
      'missing-runtimeclass',
      'default-storageclass',
      'pvc-protection',
      'priority-classes',
      'default-ingressclass',
      'deny-external-ips',
      'namespace-exists',
      'pod-node-selector',
    ],
  },
  {
    id: 'policies',
    label: 'Admission policies and webhooks',
    stages: ['validating-admission'],
    names: [
      'vap-max-replicas',
      'vap-warn-message-expression',
      'vap-params-configmap',
      'vap-type-error-and-cost-limit',
      'map-add-label-feature-gate',
      'istio-sidecar-injection',
      'gatekeeper-required-labels',
      'webhook-down',
      'webhook-timeout',
      'webhook-dry-run',
    ],
  },
  {
    id: 'storage',
    label: 'Storage and the API',
    stages: ['storage'],
    names: [
      'pod-created',
      'already-exists',
      'new-namespace',
      'apply-twice',
      'update-conflict',
      'finalizer-holds-delete',
      'cascading-delete',
      'list-selectors-paging',
      'watch-events',
      'encryption-at-rest',
    ],
  },
]

function groupOf(example: Example): string {
  const named = GROUPS.find((g) => g.names.includes(example.name))
  if (named) return named.id
  const stage = /stoppedAt:\s*([a-z-]+)/.exec(example.text.replace(/stoppedAt:\s*null/g, ''))?.[1] ?? 'storage'
  return GROUPS.find((g) => g.stages.includes(stage))?.id ?? 'storage'
}

/** The examples matching `query` (title or name, any case), in sections; empty sections are left out. */
export function groupExamples(examples: readonly Example[], query: string): ExampleGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const matches = (e: Example) => words.every((w) => `${e.title} ${e.name}`.toLowerCase().includes(w))
  const numbered = examples.map((example, i) => ({ example, number: i + 1 }))
  return GROUPS.map((g) => ({
    id: g.id,
    label: g.label,
    examples: numbered.filter(({ example }) => groupOf(example) === g.id && matches(example)),
  })).filter((g) => g.examples.length > 0)
}
