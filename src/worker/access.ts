// Who can do what in the running cluster, computed in the worker. The graph is read from the RBAC objects
// in etcd; every allowed/denied answer is a SubjectAccessReview sent to the simulated kube-apiserver as the
// cluster admin, so the Access view and the pipeline can never disagree.
import type { ClusterSnapshot, KubeObject, Simulator, StoredEntry } from '../engine'
import { resolveResourceArg } from '../engine/resources'

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount'

export interface AccessFilter {
  /** '' for every namespace; otherwise RoleBindings in it plus all ClusterRoleBindings. */
  namespace: string
  /** '' for every kind. */
  subjectKind: SubjectKind | ''
  /** Hide subjects, bindings and roles named `system:...` (the bootstrap policy). */
  hideSystem: boolean
  /** A subject node id: only the paths that start at it. */
  focus: string | null
}

export type AccessNodeKind = 'subject' | 'binding' | 'role' | 'rule'

export interface AccessNode {
  id: string
  kind: AccessNodeKind
  /** Subject, binding or role kind, e.g. `Group`, `RoleBinding`, `ClusterRole`; `Rule` for rules. */
  type: string
  label: string
  namespace?: string
  x: number
  y: number
}

export interface AccessEdge {
  id: string
  source: string
  target: string
}

export interface AccessGraph {
  nodes: AccessNode[]
  edges: AccessEdge[]
  /** Every binding in the cluster, and how many the filters left. */
  bindings: { total: number; shown: number }
  /** The graph was cut at MAX_NODES to stay readable. */
  truncated: boolean
}

/** Whom a SubjectAccessReview asks about. */
export interface AccessSubject {
  user: string
  groups: string[]
}

/** Whom the matrix is for: a request bar identity, or a subject from a binding. */
export type MatrixTarget = { identity: string } | { kind: string; name: string; namespace?: string }

export interface WhoCanQuery {
  verb: string
  /** `pods`, `pods/log`, `deployments`, `deployments.apps`. */
  resource: string
  namespace: string
  name?: string
}

export interface WhoCanEntry {
  kind: SubjectKind
  name: string
  /** The request bar identity this is, when it is one. */
  identity?: string
  reason: string
}

export interface WhoCanReply {
  /** kube-apiserver's own spelling of what was asked, e.g. `create pods in namespace dev`. */
  asked: string
  allowed: WhoCanEntry[]
  checked: number
}

export interface MatrixRow {
  resource: string
  namespaced: boolean
  /** One per verb, in MATRIX_VERBS order; null where the verb means nothing for the resource. */
  cells: (MatrixCell | null)[]
}

export interface MatrixCell {
  allowed: boolean
  /** The authorizer's reason (which binding allowed it), '' when denied without one. */
  reason: string
}

export interface AccessMatrix {
  subject: AccessSubject
  namespace: string
  verbs: string[]
  rows: MatrixRow[]
}

export const MATRIX_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']
export const MATRIX_RESOURCES = [
  'pods',
  'pods/log',
  'pods/exec',
  'deployments',
  'replicasets',
  'services',
  'configmaps',
  'secrets',
  'serviceaccounts',
  'persistentvolumeclaims',
  'jobs',
  'roles',
  'rolebindings',
  'namespaces',
  'nodes',
  'clusterroles',
]

const MAX_NODES = 400
const MAX_RULES_PER_ROLE = 8
const COLUMN_X = { subject: 0, binding: 300, role: 600, rule: 900 }
const ROW = { subject: 64, binding: 64, role: 64, rule: 48 }

/** The admin's client certificate, as the simulator's `admin` identity presents it. */
const ADMIN = { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] }

interface RbacSubject {
  kind: string
  name: string
  namespace?: string
}

interface Rule {
  verbs?: string[]
  apiGroups?: string[]
  resources?: string[]
  resourceNames?: string[]
  nonResourceURLs?: string[]
}

const isSystem = (name: string) => name.startsWith('system:')

function of(entries: readonly StoredEntry[], kind: string): KubeObject[] {
  return entries.map((e) => e.object).filter((o) => o.kind === kind)
}

function nameOf(o: KubeObject): string {
  return o.metadata?.name ?? ''
}

function nsOf(o: KubeObject): string {
  return o.metadata?.namespace ?? ''
}

function subjectId(s: RbacSubject, bindingNamespace: string): string {
  const ns = s.kind === 'ServiceAccount' ? (s.namespace ?? bindingNamespace) : ''
  return `subject:${s.kind}:${ns ? `${ns}/` : ''}${s.name}`
}

export function ruleText(rule: Rule): string {
  const verbs = (rule.verbs ?? []).join(', ')
  if (rule.nonResourceURLs?.length) return `${verbs} on URLs ${rule.nonResourceURLs.join(', ')}`
  const groups = (rule.apiGroups ?? []).map((g) => (g === '' ? 'core' : g === '*' ? 'all groups' : g))
  const names = rule.resourceNames?.length ? ` named ${rule.resourceNames.join(', ')}` : ''
  const where =
    groups.length && !(groups.length === 1 && groups[0] === 'core') ? ` (${groups.join(', ')})` : ''
  return `${verbs} on ${(rule.resources ?? []).join(', ')}${names}${where}`
}

/** Subjects → bindings → roles → rules, filtered and laid out in four columns. */
export function accessGraph(snapshot: ClusterSnapshot, filter: AccessFilter): AccessGraph {
  const { entries } = snapshot
  const roles = new Map<string, KubeObject>()
  for (const r of of(entries, 'Role')) roles.set(`role:Role:${nsOf(r)}/${nameOf(r)}`, r)
  for (const r of of(entries, 'ClusterRole')) roles.set(`role:ClusterRole:${nameOf(r)}`, r)
  const bindings = [...of(entries, 'ClusterRoleBinding'), ...of(entries, 'RoleBinding')]
  const columns: Record<AccessNodeKind, AccessNode[]> = { subject: [], binding: [], role: [], rule: [] }
  const seen = new Set<string>()
  const edges: AccessEdge[] = []
  let truncated = false
  let shown = 0

  const add = (node: Omit<AccessNode, 'x' | 'y'>): boolean => {
    if (seen.has(node.id)) return true
    if (seen.size >= MAX_NODES) {
      truncated = true
      return false
    }
    seen.add(node.id)
    columns[node.kind].push({ ...node, x: 0, y: 0 })
    return true
  }
  const link = (source: string, target: string) => {
    const id = `${source}->${target}`
    if (!edges.some((e) => e.id === id)) edges.push({ id, source, target })
  }

  const sorted = [...bindings].sort((a, b) =>
    `${a.kind}/${nsOf(a)}/${nameOf(a)}`.localeCompare(`${b.kind}/${nsOf(b)}/${nameOf(b)}`),
  )
  for (const binding of sorted) {
    const ns = nsOf(binding)
    if (filter.namespace && binding.kind === 'RoleBinding' && ns !== filter.namespace) continue
    const ref = (binding as { roleRef?: { kind?: string; name?: string } }).roleRef ?? {}
    const roleId = ref.kind === 'Role' ? `role:Role:${ns}/${ref.name}` : `role:ClusterRole:${ref.name}`
    if (filter.hideSystem && (isSystem(nameOf(binding)) || isSystem(ref.name ?? ''))) continue
    const subjects = ((binding as { subjects?: RbacSubject[] }).subjects ?? []).filter(
      (s) =>
        (!filter.subjectKind || s.kind === filter.subjectKind) &&
        !(filter.hideSystem && isSystem(s.name)) &&
        (!filter.focus || subjectId(s, ns) === filter.focus),
    )
    if (subjects.length === 0) continue
    shown++
    const bindingId = `binding:${binding.kind}:${ns ? `${ns}/` : ''}${nameOf(binding)}`
    for (const s of subjects) {
      const id = subjectId(s, ns)
      if (
        !add({
          id,
          kind: 'subject',
          type: s.kind,
          label: s.name,
          namespace: id.includes('/') ? (s.namespace ?? ns) : undefined,
        })
      )
        continue
      if (
        !add({
          id: bindingId,
          kind: 'binding',
          type: binding.kind ?? '',
          label: nameOf(binding),
          namespace: ns || undefined,
        })
      )
        continue
      link(id, bindingId)
    }
    if (!seen.has(bindingId)) continue
    const role = roles.get(roleId)
    if (
      !add({
        id: roleId,
        kind: 'role',
        type: ref.kind ?? 'ClusterRole',
        label: `${ref.name ?? ''}${role ? '' : ' (missing)'}`,
        namespace: ref.kind === 'Role' ? ns : undefined,
      })
    )
      continue
    link(bindingId, roleId)
    const rules = ((role as { rules?: Rule[] } | undefined)?.rules ?? []).slice()
    const extra = rules.length - MAX_RULES_PER_ROLE
    const visible = extra > 1 ? rules.slice(0, MAX_RULES_PER_ROLE) : rules
    visible.forEach((rule, i) => {
      const id = `rule:${roleId}#${i}`
      if (add({ id, kind: 'rule', type: 'Rule', label: ruleText(rule) })) link(roleId, id)
    })
    if (extra > 1) {
      const id = `rule:${roleId}#more`
      if (add({ id, kind: 'rule', type: 'Rule', label: `… and ${extra} more rules` })) link(roleId, id)
    }
  }

  // Columns are centred on the tallest, so the edges fan out rather than all running downhill.
  const heights = (Object.keys(columns) as AccessNodeKind[]).map((k) => columns[k].length * ROW[k])
  const tallest = Math.max(0, ...heights)
  for (const kind of Object.keys(columns) as AccessNodeKind[]) {
    const offset = (tallest - columns[kind].length * ROW[kind]) / 2
    columns[kind].forEach((node, i) => {
      node.x = COLUMN_X[kind]
      node.y = offset + i * ROW[kind]
    })
  }
  return {
    nodes: [...columns.subject, ...columns.binding, ...columns.role, ...columns.rule],
    edges,
    bindings: { total: bindings.length, shown },
    truncated,
  }
}

interface ReviewStatus {
  allowed?: boolean
  reason?: string
}

/** One SubjectAccessReview, as the admin; the engine's authorizer answers it. */
function review(
  simulator: Simulator,
  subject: AccessSubject,
  attributes: Record<string, string>,
): ReviewStatus {
  const body = {
    kind: 'SubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    spec: {
      ...(subject.user ? { user: subject.user } : {}),
      ...(subject.groups.length ? { groups: subject.groups } : {}),
      resourceAttributes: attributes,
    },
  }
  const result = simulator.handle({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    clientCertificate: ADMIN,
  })
  if (result.response.code !== 201) {
    const message = (result.response.body as { message?: string } | undefined)?.message
    throw new Error(`SubjectAccessReview failed (${result.response.code}): ${message ?? 'no message'}`)
  }
  return (result.response.body as { status?: ReviewStatus }).status ?? {}
}

function attributesFor(verb: string, resourceArg: string, namespace: string, name?: string) {
  const [resource = '', subresource] = resourceArg.split('/')
  const info = resolveResourceArg(resource)
  const namespaced = info?.namespaced ?? true
  const attributes: Record<string, string> = { verb, resource: info?.resource ?? resource }
  if (info?.group) attributes.group = info.group
  if (subresource) attributes.subresource = subresource
  if (name) attributes.name = name
  if (namespaced && namespace) attributes.namespace = namespace
  return { attributes, namespaced }
}

function saGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated']
}

/** The user info a SubjectAccessReview asks about for an RBAC subject. */
export function subjectInfo(kind: string, name: string, namespace = ''): AccessSubject {
  if (kind === 'Group') return { user: '', groups: [name] }
  if (kind === 'ServiceAccount')
    return { user: `system:serviceaccount:${namespace}:${name}`, groups: saGroups(namespace) }
  return { user: name, groups: ['system:authenticated'] }
}

/** Every subject named in a binding, and every identity of the request bar, asked one by one. */
export function whoCan(simulator: Simulator, query: WhoCanQuery): WhoCanReply {
  const snapshot = simulator.snapshot()
  const { attributes, namespaced } = attributesFor(query.verb, query.resource, query.namespace, query.name)
  const candidates = new Map<
    string,
    { kind: SubjectKind; name: string; identity?: string; info: AccessSubject }
  >()
  for (const identity of snapshot.identities) {
    if (!identity.user) continue
    const sa = identity.user.username.match(/^system:serviceaccount:([^:]+):(.+)$/)
    const kind: SubjectKind = sa ? 'ServiceAccount' : 'User'
    const name = sa ? `${sa[1]}/${sa[2]}` : identity.user.username
    candidates.set(`${kind}:${name}`, {
      kind,
      name,
      identity: identity.id,
      info: { user: identity.user.username, groups: identity.user.groups },
    })
  }
  for (const binding of [
    ...of(snapshot.entries, 'ClusterRoleBinding'),
    ...of(snapshot.entries, 'RoleBinding'),
  ]) {
    for (const s of (binding as { subjects?: RbacSubject[] }).subjects ?? []) {
      if (s.kind !== 'User' && s.kind !== 'Group' && s.kind !== 'ServiceAccount') continue
      const ns = s.namespace ?? nsOf(binding)
      const name = s.kind === 'ServiceAccount' ? `${ns}/${s.name}` : s.name
      const key = `${s.kind}:${name}`
      if (!candidates.has(key))
        candidates.set(key, { kind: s.kind, name, info: subjectInfo(s.kind, s.name, ns) })
    }
  }
  const allowed: WhoCanEntry[] = []
  for (const c of candidates.values()) {
    const status = review(simulator, c.info, attributes)
    if (status.allowed)
      allowed.push({ kind: c.kind, name: c.name, identity: c.identity, reason: status.reason ?? '' })
  }
  const order = { User: 0, ServiceAccount: 1, Group: 2 }
  allowed.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name))
  const what = `${attributes.resource}${attributes.subresource ? `/${attributes.subresource}` : ''}`
  const asked = `${query.verb} ${what}${query.name ? ` ${query.name}` : ''}${
    namespaced && query.namespace ? ` in namespace ${query.namespace}` : ' (cluster-wide)'
  }`
  return { asked, allowed, checked: candidates.size }
}

function resolveTarget(simulator: Simulator, target: MatrixTarget): AccessSubject {
  if ('identity' in target) {
    const identity = simulator.snapshot().identities.find((i) => i.id === target.identity)
    if (!identity) throw new Error(`There is no identity named “${target.identity}”.`)
    if (!identity.user) throw new Error(`${target.identity} does not authenticate: every request gets 401.`)
    return { user: identity.user.username, groups: identity.user.groups }
  }
  return subjectInfo(target.kind, target.name, target.namespace)
}

/** What one subject may do: MATRIX_RESOURCES × MATRIX_VERBS, one review per cell. */
export function accessMatrix(simulator: Simulator, target: MatrixTarget, namespace: string): AccessMatrix {
  const subject = resolveTarget(simulator, target)
  const rows = MATRIX_RESOURCES.map((resource) => {
    const verbs = resource.includes('/')
      ? MATRIX_VERBS.filter((v) => v === 'get' || v === 'create')
      : MATRIX_VERBS
    let namespaced = true
    const cells = MATRIX_VERBS.map((verb) => {
      if (!verbs.includes(verb)) return null
      const asked = attributesFor(verb, resource, namespace)
      namespaced = asked.namespaced
      const status = review(simulator, subject, asked.attributes)
      return { allowed: status.allowed === true, reason: status.reason ?? '' }
    })
    return { resource, namespaced, cells }
  })
  return { subject, namespace, verbs: MATRIX_VERBS, rows }
}
