// What each stage of kube-apiserver does, in our own words, for the inspector. `myth` corrects a common
// explanation that differs from the source; `simplified` says honestly what the lab leaves out.
import type { Selectable } from '../../state/types'

export interface StageGuide {
  what: string[]
  myth?: string
  simplified?: string
}

export const STAGE_GUIDE: Record<Selectable, StageGuide> = {
  client: {
    what: [
      'kubectl reads your manifest, looks the kind up through API discovery to find its URL, and turns each object into an HTTP request. `kubectl -v=8` prints exactly these requests.',
      '`kubectl create` sends one POST. `kubectl apply` first GETs the object: if it is missing it POSTs it, otherwise it sends a PATCH with only your changes.',
      '`kubectl apply --server-side` computes nothing itself: it sends the whole manifest in one PATCH of type apply, and the API server merges it and records which fields each manager owns.',
    ],
    simplified:
      'The lab skips discovery and the TLS handshake. Without server-side, apply is client-side apply (the last-applied annotation and a three-way strategic merge patch), as kubectl does by default.',
  },
  http: {
    what: [
      'Before anyone checks who you are, kube-apiserver parses the URL into a RequestInfo: API group, version, namespace, resource, name, and the verb (POST becomes create, GET without a name becomes list).',
      'Authorization decides on exactly these attributes later, which is why they are worked out first.',
    ],
    myth: 'Diagrams often start with authentication. In the real filter chain, the URL is parsed first (WithRequestInfo) and nothing in it is trusted yet.',
    simplified:
      'The real chain has about twenty filters (audit, priority and fairness, timeouts, CORS…). The lab shows the ones that decide something about your request.',
  },
  authentication: {
    what: [
      'Each configured authenticator looks at the request in turn: client certificates, bearer tokens, service account tokens. The first one that recognises the credential says who you are: a username, a UID and groups such as system:authenticated.',
      'A credential nobody recognises is answered with 401 Unauthorized. A request with no credential at all becomes system:anonymous, if anonymous access is on.',
    ],
    myth: 'Kubernetes has no user objects. Users are not stored in etcd: a user is whatever a certificate or token says it is.',
    simplified:
      'Certificates, tokens and OIDC issuers are declared in the scenario, and tokens carry a checksum instead of a signature. There is no webhook token review and no certificate expiry.',
  },
  impersonation: {
    what: [
      'With Impersonate-User and Impersonate-Group headers (kubectl --as and --as-group), an authenticated user asks to act as someone else.',
      'kube-apiserver first checks that the real user may impersonate that user and each group (RBAC verb impersonate). Then it swaps the identity, and every later stage sees only the impersonated user.',
    ],
    myth: '--as does not bypass RBAC. It needs its own impersonate permission, and everything afterwards is checked as the impersonated user.',
  },
  authorization: {
    what: [
      'Authorizers are asked in order; the first one to allow or deny decides. RBAC gathers the rules of every RoleBinding and ClusterRoleBinding that names the user or one of its groups, and allows the request when one rule matches its verb, API group, resource and name.',
      'RBAC never denies. If no rule matches it has no opinion, and when no authorizer has an opinion the answer is 403 Forbidden.',
    ],
    myth: 'There are no deny rules in RBAC: “forbidden” means nothing allowed the request, not that something refused it.',
    simplified:
      'system:masters and RBAC are modelled in full; the Node authorizer only answers for node identities, without the graph of which Pods run where. There is no webhook authorizer.',
  },
  decoding: {
    what: [
      'The REST handler decodes the body into the object of the version you sent, applies defaults to the fields you left out, and converts it to the internal version. kubectl asks for strict field validation, so unknown or duplicate fields are rejected here.',
      'This is why a Pod you did not give an imagePullPolicy, restartPolicy or dnsPolicy already has them when admission sees it.',
      'A PATCH is applied to the stored object here. For server-side apply the field manager merges your configuration and records who owns each field; changing a field another manager owns is refused with 409 Conflict unless you force it.',
    ],
    myth: 'Articles often say an admission controller sets imagePullPolicy. In fact defaulting sets it while decoding, before admission.',
    simplified:
      'The field manager that records managedFields and merges server-side apply knows the list keys and atomic fields of the common built-in types, not the whole OpenAPI schema.',
  },
  'mutating-admission': {
    what: [
      'Admission plugins compiled into kube-apiserver run in a fixed order. Mutating plugins may change the object: ServiceAccount fills in the service account and its token volume, DefaultTolerationSeconds adds tolerations, LimitRanger applies default resources. MutatingAdmissionWebhook calls your own webhooks.',
      'NamespaceLifecycle runs here too: it is why creating an object in a namespace that does not exist fails with 404 before anything is validated.',
    ],
    myth: 'The order of --enable-admission-plugins does not matter: the API server always calls the plugins in its own fixed order.',
    simplified:
      'Webhook servers are simulated inside the lab (Istio, Gatekeeper, or your own CEL rules) instead of being called over the network; the AdmissionReview they get is the real one.',
  },
  validation: {
    what: [
      'The registry prepares the object (clearing status, setting generation) and validates it with the rules written for its kind: required fields, name formats, allowed values, immutable fields.',
      'All errors are collected at once and answered with 422 Invalid, one cause per field, so kubectl can list them together.',
    ],
    myth: 'This runs after mutating admission, not before: whatever a webhook adds is validated too. And it is hand-written validation per kind, not a check against the OpenAPI schema.',
    simplified:
      'The engine implements the rules of the common kinds (Pods, workloads, Services, Ingress, RBAC and more) and object metadata; rarer fields pass unchecked.',
  },
  'validating-admission': {
    what: [
      'Validating plugins see the final object and can only accept or reject it: ResourceQuota, PodSecurity, ValidatingAdmissionPolicy (CEL) and ValidatingAdmissionWebhook.',
      'They run after schema validation, on a copy of the object, just before it is written.',
    ],
    myth: 'Webhooks are not all called at the same point: mutating webhooks run before validation, validating webhooks after it.',
  },
  storage: {
    what: [
      'The object is serialised and written to etcd under /registry/<resource>/<namespace>/<name>, in a transaction that fails if the key already exists (409 AlreadyExists).',
      'The etcd revision of that write becomes metadata.resourceVersion, which later updates use for optimistic concurrency.',
    ],
    simplified:
      'etcd is simulated in memory (revisions, history, compaction, transactions) and values are stored as the real protobuf bytes, but reads come straight from it: the real server serves most reads from a watch cache.',
  },
}
