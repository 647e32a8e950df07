// The RBAC objects a fresh kubeadm v1.35 cluster holds: kube-apiserver's bootstrap policy (reconciled at start by
// the rbac/bootstrap-roles post-start hook, from plugin/pkg/auth/authorizer/rbac/bootstrappolicy) and what
// `kubeadm init` creates on top. Rules are listed as the bootstrap policy golden files print them (verbs sorted),
// and the aggregated roles (admin, edit, view) already carry the rules the aggregation controller fills in.
import { aggregateClusterRoles } from '../authorization/aggregation'
import type { PolicyRule, Subject } from '../authorization/types'
import type { KubeObject } from '../types'

const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1'
const RBAC_GROUP = 'rbac.authorization.k8s.io'

const READ = ['get', 'list', 'watch']
const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update']
const EVENT_WRITE = ['create', 'patch', 'update']

/** A resource rule, keys in rbac/v1 PolicyRule's JSON order. */
function rule(
  verbs: string[],
  apiGroups: string[],
  resources: string[],
  resourceNames?: string[],
): PolicyRule {
  const r: PolicyRule = { verbs, apiGroups, resources }
  if (resourceNames) r.resourceNames = resourceNames
  return r
}

function urls(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { verbs, nonResourceURLs }
}

const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' }
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' }
const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin'
const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit'
const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view'

interface RoleOptions {
  labels?: Record<string, string>
  aggregateTo?: string
  aggregationLabel?: string
  /** kubeadm's own objects carry neither the bootstrapping label nor the autoupdate annotation. */
  kubeadm?: boolean
}

function roleMeta(name: string, namespace: string | undefined, opts: RoleOptions): KubeObject['metadata'] {
  const meta: NonNullable<KubeObject['metadata']> = { name }
  if (namespace) meta.namespace = namespace
  if (!opts.kubeadm) {
    const labels: Record<string, string> = { ...BOOTSTRAP_LABELS }
    if (opts.aggregateTo) labels[opts.aggregateTo] = 'true'
    meta.labels = labels
    meta.annotations = { ...AUTOUPDATE }
  }
  return meta
}

function clusterRole(name: string, rules: PolicyRule[], opts: RoleOptions = {}): KubeObject {
  const role: KubeObject = {
    kind: 'ClusterRole',
    apiVersion: RBAC_API_VERSION,
    metadata: roleMeta(name, undefined, opts),
  }
  role.rules = rules
  if (opts.aggregationLabel) {
    role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [opts.aggregationLabel]: 'true' } }] }
  }
  return role
}

function role(namespace: string, name: string, rules: PolicyRule[], opts: RoleOptions = {}): KubeObject {
  return { kind: 'Role', apiVersion: RBAC_API_VERSION, metadata: roleMeta(name, namespace, opts), rules }
}

const user = (name: string): Subject => ({ kind: 'User', apiGroup: RBAC_GROUP, name })
const group = (name: string): Subject => ({ kind: 'Group', apiGroup: RBAC_GROUP, name })
const serviceAccount = (namespace: string, name: string): Subject => ({
  kind: 'ServiceAccount',
  name,
  namespace,
})

function binding(
  kind: 'ClusterRoleBinding' | 'RoleBinding',
  namespace: string | undefined,
  name: string,
  roleRef: { kind: 'ClusterRole' | 'Role'; name: string },
  subjects: Subject[],
  opts: RoleOptions,
): KubeObject {
  const obj: KubeObject = {
    kind,
    apiVersion: RBAC_API_VERSION,
    metadata: roleMeta(name, namespace, opts),
  }
  if (subjects.length) obj.subjects = subjects
  obj.roleRef = { apiGroup: RBAC_GROUP, kind: roleRef.kind, name: roleRef.name }
  return obj
}

function clusterRoleBinding(
  name: string,
  roleName: string,
  subjects: Subject[],
  opts: RoleOptions = {},
): KubeObject {
  return binding(
    'ClusterRoleBinding',
    undefined,
    name,
    { kind: 'ClusterRole', name: roleName },
    subjects,
    opts,
  )
}

function roleBinding(
  namespace: string,
  name: string,
  roleRef: { kind: 'ClusterRole' | 'Role'; name: string },
  subjects: Subject[],
  opts: RoleOptions = {},
): KubeObject {
  return binding('RoleBinding', namespace, name, roleRef, subjects, opts)
}

/**
 * The system:node ClusterRole's rules. The Node authorizer checks the same static rules for kubelets, which is
 * why the system:node ClusterRoleBinding has no subjects.
 */
export const systemNodeRules: readonly PolicyRule[] = [
  rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews', 'subjectaccessreviews']),
  rule(READ, [''], ['services']),
  rule(['create', 'get', 'list', 'watch'], [''], ['nodes']),
  rule(['patch', 'update'], [''], ['nodes/status']),
  rule(['patch', 'update'], [''], ['nodes']),
  rule(EVENT_WRITE, [''], ['events']),
  rule(READ, [''], ['pods']),
  rule(['create', 'delete'], [''], ['pods']),
  rule(['patch', 'update'], [''], ['pods/status']),
  rule(['create'], [''], ['pods/eviction']),
  rule(READ, [''], ['configmaps', 'secrets']),
  rule(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
  rule(['get'], [''], ['endpoints']),
  rule(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
  rule(['create', 'delete', 'get', 'patch', 'update'], ['coordination.k8s.io'], ['leases']),
  rule(['get'], ['storage.k8s.io'], ['volumeattachments']),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(['get', 'patch', 'update'], [''], ['persistentvolumeclaims/status']),
  rule(READ, ['storage.k8s.io'], ['csidrivers']),
  rule(['create', 'delete', 'get', 'patch', 'update'], ['storage.k8s.io'], ['csinodes']),
  rule(READ, ['node.k8s.io'], ['runtimeclasses']),
  rule(['get'], ['resource.k8s.io'], ['resourceclaims']),
  rule(['deletecollection'], ['resource.k8s.io'], ['resourceslices']),
]

function bootstrapClusterRoles(): KubeObject[] {
  const approver = (signer: string) =>
    clusterRole(`system:certificates.k8s.io:${signer}-approver`, [
      rule(['approve'], ['certificates.k8s.io'], ['signers'], [`kubernetes.io/${signer}`]),
    ])
  return [
    clusterRole('admin', [], { aggregationLabel: AGGREGATE_TO_ADMIN }),
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
    clusterRole('edit', [], { aggregateTo: AGGREGATE_TO_ADMIN, aggregationLabel: AGGREGATE_TO_EDIT }),
    clusterRole(
      'system:aggregate-to-admin',
      [
        rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
        rule(READ_WRITE, [RBAC_GROUP], ['rolebindings', 'roles']),
      ],
      { aggregateTo: AGGREGATE_TO_ADMIN },
    ),
    clusterRole(
      'system:aggregate-to-edit',
      [
        rule(
          READ,
          [''],
          ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'],
        ),
        rule(['impersonate'], [''], ['serviceaccounts']),
        rule(WRITE, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
        rule(['create'], [''], ['pods/eviction']),
        rule(
          WRITE,
          [''],
          [
            'configmaps',
            'events',
            'persistentvolumeclaims',
            'replicationcontrollers',
            'replicationcontrollers/scale',
            'secrets',
            'serviceaccounts',
            'services',
            'services/proxy',
          ],
        ),
        rule(['create'], [''], ['serviceaccounts/token']),
        rule(
          WRITE,
          ['apps'],
          [
            'daemonsets',
            'deployments',
            'deployments/rollback',
            'deployments/scale',
            'replicasets',
            'replicasets/scale',
            'statefulsets',
            'statefulsets/scale',
          ],
        ),
        rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
        rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
        rule(
          WRITE,
          ['extensions'],
          [
            'daemonsets',
            'deployments',
            'deployments/rollback',
            'deployments/scale',
            'ingresses',
            'networkpolicies',
            'replicasets',
            'replicasets/scale',
            'replicationcontrollers/scale',
          ],
        ),
        rule(WRITE, ['policy'], ['poddisruptionbudgets']),
        rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
        rule(READ_WRITE, ['coordination.k8s.io'], ['leases']),
      ],
      { aggregateTo: AGGREGATE_TO_EDIT },
    ),
    clusterRole(
      'system:aggregate-to-view',
      [
        rule(
          READ,
          [''],
          [
            'configmaps',
            'endpoints',
            'persistentvolumeclaims',
            'persistentvolumeclaims/status',
            'pods',
            'replicationcontrollers',
            'replicationcontrollers/scale',
            'serviceaccounts',
            'services',
            'services/status',
          ],
        ),
        rule(
          READ,
          [''],
          [
            'bindings',
            'events',
            'limitranges',
            'namespaces/status',
            'pods/log',
            'pods/status',
            'replicationcontrollers/status',
            'resourcequotas',
            'resourcequotas/status',
          ],
        ),
        rule(READ, [''], ['namespaces']),
        rule(READ, ['discovery.k8s.io'], ['endpointslices']),
        rule(
          READ,
          ['apps'],
          [
            'controllerrevisions',
            'daemonsets',
            'daemonsets/status',
            'deployments',
            'deployments/scale',
            'deployments/status',
            'replicasets',
            'replicasets/scale',
            'replicasets/status',
            'statefulsets',
            'statefulsets/scale',
            'statefulsets/status',
          ],
        ),
        rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
        rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
        rule(
          READ,
          ['extensions'],
          [
            'daemonsets',
            'daemonsets/status',
            'deployments',
            'deployments/scale',
            'deployments/status',
            'ingresses',
            'ingresses/status',
            'networkpolicies',
            'replicasets',
            'replicasets/scale',
            'replicasets/status',
            'replicationcontrollers/scale',
          ],
        ),
        rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
        rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
      ],
      { aggregateTo: AGGREGATE_TO_VIEW },
    ),
    clusterRole('system:auth-delegator', [
      rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    ]),
    clusterRole('system:basic-user', [
      rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
      rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [
      rule(['create'], ['certificates.k8s.io'], ['certificatesigningrequests/nodeclient']),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [
      rule(['create'], ['certificates.k8s.io'], ['certificatesigningrequests/selfnodeclient']),
    ]),
    approver('kube-apiserver-client'),
    approver('kube-apiserver-client-kubelet'),
    approver('kubelet-serving'),
    approver('legacy-unknown'),
    clusterRole('system:discovery', [
      urls(
        ['get'],
        [
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
          '/healthz',
          '/livez',
          '/openapi',
          '/openapi/*',
          '/readyz',
          '/version',
          '/version/',
        ],
      ),
    ]),
    clusterRole('system:heapster', [
      rule(READ, [''], ['events', 'namespaces', 'nodes', 'pods']),
      rule(READ, ['extensions'], ['deployments']),
    ]),
    clusterRole('system:kube-aggregator', [rule(READ, [''], ['endpoints', 'services'])]),
    clusterRole('system:kube-controller-manager', [
      rule(EVENT_WRITE, ['', 'events.k8s.io'], ['events']),
      rule(['create'], ['coordination.k8s.io'], ['leases']),
      rule(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-controller-manager']),
      rule(['create'], [''], ['secrets', 'serviceaccounts']),
      rule(['delete'], [''], ['secrets']),
      rule(['get'], [''], ['configmaps', 'namespaces', 'secrets', 'serviceaccounts']),
      rule(['update'], [''], ['secrets', 'serviceaccounts']),
      rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
      rule(['list', 'watch'], ['*'], ['*']),
      rule(['create'], [''], ['serviceaccounts/token']),
    ]),
    clusterRole('system:kube-dns', [rule(['list', 'watch'], [''], ['endpoints', 'services'])]),
    clusterRole('system:kube-scheduler', [
      rule(EVENT_WRITE, ['', 'events.k8s.io'], ['events']),
      rule(['create'], ['coordination.k8s.io'], ['leases']),
      rule(['get', 'list', 'update', 'watch'], ['coordination.k8s.io'], ['leases'], ['kube-scheduler']),
      rule(READ_WRITE, ['coordination.k8s.io'], ['leasecandidates']),
      rule(READ, [''], ['nodes']),
      rule(['delete', 'get', 'list', 'watch'], [''], ['pods']),
      rule(['create'], [''], ['bindings', 'pods/binding']),
      rule(['patch', 'update'], [''], ['pods/status']),
      rule(READ, [''], ['replicationcontrollers', 'services']),
      rule(READ, ['apps', 'extensions'], ['replicasets']),
      rule(READ, ['apps'], ['statefulsets']),
      rule(READ, ['policy'], ['poddisruptionbudgets']),
      rule(READ, [''], ['persistentvolumeclaims', 'persistentvolumes']),
      rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
      rule(READ, ['storage.k8s.io'], ['csinodes']),
      rule(READ, ['storage.k8s.io'], ['volumeattachments']),
      rule(READ, [''], ['namespaces']),
      rule(READ, ['storage.k8s.io'], ['csidrivers']),
      rule(READ, ['storage.k8s.io'], ['csistoragecapacities']),
      rule(READ, ['resource.k8s.io'], ['deviceclasses']),
      rule(['get', 'list', 'patch', 'update', 'watch'], ['resource.k8s.io'], ['resourceclaims']),
      rule(['get', 'list', 'patch', 'update', 'watch'], ['resource.k8s.io'], ['resourceclaims/status']),
      rule(['get', 'list', 'patch', 'update', 'watch'], [''], ['pods/finalizers']),
      rule(READ, ['resource.k8s.io'], ['resourceslices']),
    ]),
    clusterRole('system:kubelet-api-admin', [
      rule(READ, [''], ['nodes']),
      rule(['proxy'], [''], ['nodes']),
      rule(
        ['*'],
        [''],
        [
          'nodes/configz',
          'nodes/healthz',
          'nodes/log',
          'nodes/metrics',
          'nodes/pods',
          'nodes/proxy',
          'nodes/stats',
        ],
      ),
    ]),
    clusterRole('system:monitoring', [
      urls(
        ['get'],
        ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'],
      ),
    ]),
    clusterRole(
      'system:node',
      systemNodeRules.map((r) => structuredClone(r)),
    ),
    clusterRole('system:node-bootstrapper', [
      rule(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
    ]),
    clusterRole('system:node-problem-detector', [
      rule(['get'], [''], ['nodes']),
      rule(['patch'], [''], ['nodes/status']),
      rule(EVENT_WRITE, ['', 'events.k8s.io'], ['events']),
    ]),
    clusterRole('system:node-proxier', [
      rule(['list', 'watch'], [''], ['endpoints', 'services']),
      rule(READ, [''], ['nodes']),
      rule(EVENT_WRITE, ['', 'events.k8s.io'], ['events']),
      rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
    ]),
    clusterRole('system:persistent-volume-provisioner', [
      rule(['create', 'delete', 'get', 'list', 'watch'], [''], ['persistentvolumes']),
      rule(['get', 'list', 'update', 'watch'], [''], ['persistentvolumeclaims']),
      rule(READ, ['storage.k8s.io'], ['storageclasses']),
      rule(['watch'], [''], ['events']),
      rule(EVENT_WRITE, ['', 'events.k8s.io'], ['events']),
    ]),
    clusterRole('system:public-info-viewer', [
      urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/']),
    ]),
    clusterRole('system:service-account-issuer-discovery', [
      urls(
        ['get'],
        [
          '/.well-known/openid-configuration',
          '/.well-known/openid-configuration/',
          '/openid/v1/jwks',
          '/openid/v1/jwks/',
        ],
      ),
    ]),
    clusterRole('system:volume-scheduler', [
      rule(['get', 'list', 'patch', 'update', 'watch'], [''], ['persistentvolumes']),
      rule(READ, ['storage.k8s.io'], ['storageclasses']),
      rule(['get', 'list', 'patch', 'update', 'watch'], [''], ['persistentvolumeclaims']),
    ]),
    clusterRole('view', [], { aggregateTo: AGGREGATE_TO_EDIT, aggregationLabel: AGGREGATE_TO_VIEW }),
  ]
}

function bootstrapClusterRoleBindings(): KubeObject[] {
  const authenticated = group('system:authenticated')
  return [
    clusterRoleBinding('cluster-admin', 'cluster-admin', [group('system:masters')]),
    clusterRoleBinding('system:basic-user', 'system:basic-user', [authenticated]),
    clusterRoleBinding('system:discovery', 'system:discovery', [authenticated]),
    clusterRoleBinding('system:kube-controller-manager', 'system:kube-controller-manager', [
      user('system:kube-controller-manager'),
    ]),
    clusterRoleBinding('system:kube-dns', 'system:kube-dns', [serviceAccount('kube-system', 'kube-dns')]),
    clusterRoleBinding('system:kube-scheduler', 'system:kube-scheduler', [user('system:kube-scheduler')]),
    clusterRoleBinding('system:monitoring', 'system:monitoring', [group('system:monitoring')]),
    // No subjects: kubelets are authorized by the Node authorizer, not through this binding.
    clusterRoleBinding('system:node', 'system:node', []),
    clusterRoleBinding('system:node-proxier', 'system:node-proxier', [user('system:kube-proxy')]),
    clusterRoleBinding('system:public-info-viewer', 'system:public-info-viewer', [
      authenticated,
      group('system:unauthenticated'),
    ]),
    clusterRoleBinding('system:service-account-issuer-discovery', 'system:service-account-issuer-discovery', [
      group('system:serviceaccounts'),
    ]),
    clusterRoleBinding('system:volume-scheduler', 'system:volume-scheduler', [user('system:kube-scheduler')]),
  ]
}

function bootstrapNamespacedRoles(): KubeObject[] {
  const leaderLocking = [
    rule(['create', 'get', 'list', 'update', 'watch'], ['coordination.k8s.io'], ['leases']),
    rule(['create', 'get', 'list', 'update', 'watch'], ['coordination.k8s.io'], ['leasecandidates']),
  ]
  return [
    role('kube-public', 'system:controller:bootstrap-signer', [
      rule(READ, [''], ['configmaps']),
      rule(['update'], [''], ['configmaps'], ['cluster-info']),
      rule(EVENT_WRITE, ['', 'events.k8s.io'], ['events']),
    ]),
    role('kube-system', 'extension-apiserver-authentication-reader', [
      rule(READ, [''], ['configmaps'], ['extension-apiserver-authentication']),
    ]),
    role('kube-system', 'system::leader-locking-kube-controller-manager', leaderLocking),
    role('kube-system', 'system::leader-locking-kube-scheduler', structuredClone(leaderLocking)),
    role('kube-system', 'system:controller:bootstrap-signer', [rule(READ, [''], ['secrets'])]),
    role('kube-system', 'system:controller:cloud-provider', [
      rule(['create', 'get', 'list', 'watch'], [''], ['configmaps']),
    ]),
    role('kube-system', 'system:controller:token-cleaner', [
      rule(['delete', 'get', 'list', 'watch'], [''], ['secrets']),
      rule(EVENT_WRITE, ['', 'events.k8s.io'], ['events']),
    ]),
  ]
}

function bootstrapNamespacedRoleBindings(): KubeObject[] {
  const toRole = (name: string) => ({ kind: 'Role' as const, name })
  return [
    roleBinding(
      'kube-public',
      'system:controller:bootstrap-signer',
      toRole('system:controller:bootstrap-signer'),
      [serviceAccount('kube-system', 'bootstrap-signer')],
    ),
    roleBinding(
      'kube-system',
      'system::extension-apiserver-authentication-reader',
      toRole('extension-apiserver-authentication-reader'),
      [user('system:kube-controller-manager'), user('system:kube-scheduler')],
    ),
    roleBinding(
      'kube-system',
      'system::leader-locking-kube-controller-manager',
      toRole('system::leader-locking-kube-controller-manager'),
      [
        user('system:kube-controller-manager'),
        serviceAccount('kube-system', 'kube-controller-manager'),
        serviceAccount('kube-system', 'leader-election-controller'),
      ],
    ),
    roleBinding(
      'kube-system',
      'system::leader-locking-kube-scheduler',
      toRole('system::leader-locking-kube-scheduler'),
      [user('system:kube-scheduler'), serviceAccount('kube-system', 'kube-scheduler')],
    ),
    roleBinding(
      'kube-system',
      'system:controller:bootstrap-signer',
      toRole('system:controller:bootstrap-signer'),
      [serviceAccount('kube-system', 'bootstrap-signer')],
    ),
    roleBinding(
      'kube-system',
      'system:controller:cloud-provider',
      toRole('system:controller:cloud-provider'),
      [serviceAccount('kube-system', 'cloud-provider')],
    ),
    roleBinding('kube-system', 'system:controller:token-cleaner', toRole('system:controller:token-cleaner'), [
      serviceAccount('kube-system', 'token-cleaner'),
    ]),
  ]
}

/** The group bootstrap tokens made by `kubeadm init` authenticate as. */
export const KUBEADM_BOOTSTRAP_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token'

/** What `kubeadm init` adds: admin access for admin.conf, node join (TLS bootstrap), kube-proxy and CoreDNS. */
function kubeadmObjects(): KubeObject[] {
  const kubeadm: RoleOptions = { kubeadm: true }
  const tokens = group(KUBEADM_BOOTSTRAP_TOKEN_GROUP)
  const nodes = group('system:nodes')
  const configMapReader = (namespace: string, name: string, configMap: string) =>
    role(namespace, name, [rule(['get'], [''], ['configmaps'], [configMap])], kubeadm)
  return [
    clusterRole('kubeadm:get-nodes', [rule(['get'], [''], ['nodes'])], kubeadm),
    clusterRole(
      'system:coredns',
      [
        rule(['list', 'watch'], [''], ['endpoints', 'services', 'pods', 'namespaces']),
        rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
      ],
      kubeadm,
    ),
    // admin.conf's client certificate carries O=kubeadm:cluster-admins, not system:masters, since v1.29.
    clusterRoleBinding('kubeadm:cluster-admins', 'cluster-admin', [group('kubeadm:cluster-admins')], kubeadm),
    clusterRoleBinding('kubeadm:get-nodes', 'kubeadm:get-nodes', [tokens], kubeadm),
    clusterRoleBinding('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [tokens], kubeadm),
    clusterRoleBinding(
      'kubeadm:node-autoapprove-bootstrap',
      'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
      [tokens],
      kubeadm,
    ),
    clusterRoleBinding(
      'kubeadm:node-autoapprove-certificate-rotation',
      'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
      [nodes],
      kubeadm,
    ),
    clusterRoleBinding(
      'kubeadm:node-proxier',
      'system:node-proxier',
      [serviceAccount('kube-system', 'kube-proxy')],
      kubeadm,
    ),
    clusterRoleBinding(
      'system:coredns',
      'system:coredns',
      [serviceAccount('kube-system', 'coredns')],
      kubeadm,
    ),
    configMapReader('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', 'cluster-info'),
    configMapReader('kube-system', 'kube-proxy', 'kube-proxy'),
    configMapReader('kube-system', 'kubeadm:kubelet-config', 'kubelet-config'),
    configMapReader('kube-system', 'kubeadm:nodes-kubeadm-config', 'kubeadm-config'),
    // Anyone may read cluster-info: joining nodes discover the cluster before they hold any credential.
    roleBinding(
      'kube-public',
      'kubeadm:bootstrap-signer-clusterinfo',
      { kind: 'Role', name: 'kubeadm:bootstrap-signer-clusterinfo' },
      [user('system:anonymous')],
      kubeadm,
    ),
    roleBinding('kube-system', 'kube-proxy', { kind: 'Role', name: 'kube-proxy' }, [tokens], kubeadm),
    roleBinding(
      'kube-system',
      'kubeadm:kubelet-config',
      { kind: 'Role', name: 'kubeadm:kubelet-config' },
      [nodes, tokens],
      kubeadm,
    ),
    roleBinding(
      'kube-system',
      'kubeadm:nodes-kubeadm-config',
      { kind: 'Role', name: 'kubeadm:nodes-kubeadm-config' },
      [tokens, nodes],
      kubeadm,
    ),
  ]
}

/** ClusterRoles, ClusterRoleBindings, Roles and RoleBindings of a kubeadm v1.35 cluster at start, fresh copies. */
export function bootstrapRbacObjects(): KubeObject[] {
  const extra = kubeadmObjects()
  const clusterRoles = [...bootstrapClusterRoles(), ...extra.filter((o) => o.kind === 'ClusterRole')]
  const aggregated = new Map(aggregateClusterRoles(clusterRoles).map((r) => [r.metadata?.name, r]))
  return [
    ...clusterRoles.map((r) => aggregated.get(r.metadata?.name) ?? r),
    ...bootstrapClusterRoleBindings(),
    ...extra.filter((o) => o.kind === 'ClusterRoleBinding'),
    ...bootstrapNamespacedRoles(),
    ...extra.filter((o) => o.kind === 'Role'),
    ...bootstrapNamespacedRoleBindings(),
    ...extra.filter((o) => o.kind === 'RoleBinding'),
  ]
}
