// SetDefaults_* of networking.k8s.io/v1 (pkg/apis/networking/v1/defaults.go). Ingress has no defaults in v1:
// pathType is required, not defaulted, since the v1beta1 to v1 move.

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? (v.filter(isObj) as Obj[]) : [])

export function defaultNetworkPolicy(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {}
  const spec = obj.spec as Obj
  // Every port without a protocol is TCP, in ingress and egress rules alike.
  for (const rule of [...objects(spec.ingress), ...objects(spec.egress)]) {
    for (const port of objects(rule.ports)) if (port.protocol == null) port.protocol = 'TCP'
  }
  // No policyTypes means Ingress, plus Egress when egress rules are present.
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = objects(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress']
  }
}
