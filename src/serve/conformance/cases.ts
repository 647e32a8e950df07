// The commands the conformance suite runs, in order: each one's context (kubeconfig context), arguments,
// expected exit code, and the file under expected/ holding what kubectl prints. Later commands see what
// earlier ones did, as in a terminal session.
export interface ConformanceCase {
  name: string
  args: string[]
  context?: 'admin' | 'jane' | 'bob' | 'system:serviceaccount:default:default'
  exit: number
  /**
   * Set where the engine still answers differently from a real v1.35 cluster: the expected file holds the
   * real output, and the case passes only while the difference remains (so a fix shows up).
   */
  divergence?: string
}

const m = (file: string) => `src/serve/conformance/manifests/${file}`

export const CASES: ConformanceCase[] = [
  { name: 'version', args: ['version'], exit: 0 },
  {
    name: 'api-versions',
    args: ['api-versions'],
    exit: 0,
    divergence:
      'the engine serves admissionregistration.k8s.io/v1beta1 (off by default in v1.35) and lacks apiextensions, apiregistration, coordination, discovery, events, flowcontrol, policy and resource.k8s.io',
  },
  { name: 'api-resources', args: ['api-resources', '--api-group=rbac.authorization.k8s.io'], exit: 0 },
  { name: 'get-namespaces', args: ['get', 'namespaces'], exit: 0 },
  { name: 'apply-create', args: ['apply', '-f', m('pod.yaml')], exit: 0 },
  { name: 'get-pods', args: ['get', 'pods'], exit: 0 },
  { name: 'get-pods-wide', args: ['get', 'pods', '-o', 'wide'], exit: 0 },
  { name: 'get-pod-name', args: ['get', 'pod', 'web', '-o', 'name'], exit: 0 },
  { name: 'get-pod-yaml', args: ['get', 'pod', 'web', '-o', 'yaml'], exit: 0 },
  { name: 'get-pod-json', args: ['get', 'pod', 'web', '-o', 'json'], exit: 0 },
  { name: 'get-pod-not-found', args: ['get', 'pod', 'nope'], exit: 1 },
  { name: 'describe-pod', args: ['describe', 'pod', 'web'], exit: 0 },
  { name: 'apply-update', args: ['apply', '-f', m('pod-relabelled.yaml')], exit: 0 },
  { name: 'apply-unchanged', args: ['apply', '-f', m('pod-relabelled.yaml')], exit: 0 },
  { name: 'label', args: ['label', 'pod', 'web', 'team=blue'], exit: 0 },
  { name: 'get-pods-labels', args: ['get', 'pods', '--show-labels'], exit: 0 },
  { name: 'get-pods-selector', args: ['get', 'pods', '-l', 'tier=frontend', '-o', 'name'], exit: 0 },
  { name: 'create-dry-run-server', args: ['create', '-f', m('pod-api.yaml'), '--dry-run=server'], exit: 0 },
  { name: 'get-pod-after-dry-run', args: ['get', 'pod', 'api'], exit: 1 },
  { name: 'create-already-exists', args: ['create', '-f', m('pod.yaml')], exit: 1 },
  { name: 'create-invalid', args: ['create', '-f', m('pod-invalid.yaml')], exit: 1 },
  { name: 'create-unknown-field', args: ['create', '-f', m('pod-typo.yaml')], exit: 1 },
  { name: 'apply-server-side', args: ['apply', '--server-side', '-f', m('configmap.yaml')], exit: 0 },
  { name: 'apply-server-side-conflict', args: ['apply', '--server-side', '--field-manager=other', '-f', m('configmap-changed.yaml')], exit: 1 },
  { name: 'get-configmaps', args: ['get', 'configmaps'], exit: 0 },
  { name: 'patch-strategic', args: ['patch', 'pod', 'web', '-p', '{"metadata":{"labels":{"patched":"strategic"}}}'], exit: 0 },
  { name: 'patch-merge', args: ['patch', 'pod', 'web', '--type=merge', '-p', '{"metadata":{"annotations":{"note":"merge"}}}'], exit: 0 },
  { name: 'patch-json', args: ['patch', 'pod', 'web', '--type=json', '-p', '[{"op":"remove","path":"/metadata/labels/patched"}]'], exit: 0 },
  {
    name: 'patch-json-test-fails',
    args: ['patch', 'pod', 'web', '--type=json', '-p', '[{"op":"test","path":"/metadata/name","value":"other"}]'],
    exit: 1,
    divergence:
      "kube-apiserver answers NewGenericServerResponse(422) with json-patch's error as the cause (testing value /metadata/name failed: test failed); the engine's message is its patch library's",
  },
  { name: 'create-namespace', args: ['create', 'namespace', 'dev'], exit: 0 },
  { name: 'create-configmap-typed', args: ['create', 'configmap', 'flags', '-n', 'dev', '--from-literal=debug=true'], exit: 0 },
  { name: 'get-configmaps-all-namespaces', args: ['get', 'configmaps', '-A'], exit: 0 },
  { name: 'get-rolebinding-wide', args: ['get', 'rolebinding', 'jane-reads-pods', '-o', 'wide'], exit: 0 },
  { name: 'get-roles', args: ['get', 'roles'], exit: 0 },
  { name: 'explain-containers', args: ['explain', 'pods.spec.containers.image'], exit: 0 },
  { name: 'can-i-create-pods', args: ['auth', 'can-i', 'create', 'pods'], exit: 0 },
  { name: 'can-i-healthz', args: ['auth', 'can-i', 'get', '/healthz'], exit: 0 },
  { name: 'can-i-as-jane', args: ['auth', 'can-i', 'delete', 'pods', '--as=jane'], exit: 1 },
  { name: 'whoami-admin', args: ['auth', 'whoami'], exit: 0 },
  { name: 'whoami-token-user', args: ['auth', 'whoami'], context: 'jane', exit: 0 },
  { name: 'token-user-get-pods', args: ['get', 'pods', '-o', 'name'], context: 'jane', exit: 0 },
  { name: 'token-user-forbidden-delete', args: ['delete', 'pod', 'web'], context: 'jane', exit: 1 },
  { name: 'token-user-can-i-list', args: ['auth', 'can-i', '--list'], context: 'jane', exit: 0 },
  { name: 'whoami-cert-user', args: ['auth', 'whoami'], context: 'bob', exit: 0 },
  { name: 'cert-user-forbidden-list', args: ['get', 'pods'], context: 'bob', exit: 1 },
  { name: 'cert-user-can-i', args: ['auth', 'can-i', 'list', 'pods'], context: 'bob', exit: 1 },
  { name: 'whoami-service-account', args: ['auth', 'whoami'], context: 'system:serviceaccount:default:default', exit: 0 },
  { name: 'service-account-forbidden', args: ['get', 'secrets'], context: 'system:serviceaccount:default:default', exit: 1 },
  { name: 'delete-pod', args: ['delete', 'pod', 'web'], exit: 0 },
]

/** `get -w` runs while another kubectl creates and deletes a pod; its own expected file. */
export const WATCH_CASE = { name: 'get-pods-watch', args: ['get', 'pods', '-w', '--request-timeout=4s'] }
export const WATCHED_POD = m('watched.yaml')
