// A whole simulated cluster: the API server, its storage and the controllers a learner would notice,
// driven by scenario requests the way kubectl drives a real one.
import { cloneJson } from './clone'
import { PLUGIN_SPECS, enabledPlugins } from './admission/plugins'
import { recalculateQuotaUsage } from './admission/resourceQuota/usage'
import { createApiServer } from './apiserver'
import {
  issueOidcToken,
  issueServiceAccountToken,
  parseServiceAccountUsername,
  SERVICE_ACCOUNT_ISSUER,
  serviceAccountUsername,
  type StaticTokenUser,
} from './authentication'
import { aggregateClusterRoles } from './authorization'
import { bootstrapObjects, namespaceDefaults } from './bootstrap/cluster'
import { runControllers, toHttpRequest } from './controllers/loop'
import { controllerBootstrapObjects } from './controllers/rbac'
import { createFixedClock, createSeededIds } from './clock'
import { encodeForResponse, withResourceVersion } from './encoding'
import { kubectlCommandLine, runKubectl } from './kubectl/client'
import { loadedOpenApi } from './openapi/load'
import { createResourceRegistry, type ResourceRegistry } from './resourceRegistry'
import { etcdKey, etcdListPrefix, resourceByName, parseApiVersion } from './resources'
import { parseManifest } from './scenario/parse'
import type { WebhookServerSpec } from './admission/webhook/types'
import { createEtcd } from './storage/etcd'
import { createEncryptionAtRest } from './storage/encryptionConfig'
import { encodeForStorage } from './protobuf'
import type { ClientCertificate, Clock, HttpRequest, IdSource, KubeObject, RequestResult, UserInfo } from './types'
import type { KubectlResult, Scenario, ScenarioRequest } from './scenario/types'

export interface StoredEntry {
  key: string
  createRevision: number
  modRevision: number
  version: number
  object: KubeObject
}

/** An identity the request bar can send as, with the credential it presents. */
export interface Identity {
  /** What `as:` takes: `admin`, `anonymous`, a scenario user, `system:serviceaccount:<ns>:<name>`, `invalid-token`. */
  id: string
  /** How it authenticates, in words: `bearer token`, `client certificate CN=jane, O=dev`, `no credential`. */
  credential: string
  /** The user the API server should see (before impersonation), or null when the credential is rejected. */
  user: UserInfo | null
}

export interface AdmissionPluginInfo {
  name: string
  mutating: boolean
  validating: boolean
  /** On in kube-apiserver v1.35 unless disabled. */
  defaultOn: boolean
  /** Whether this cluster has it enabled. */
  enabled: boolean
  /** Whether the engine models what the plugin does (otherwise it is shown in the chain but does nothing). */
  implemented: boolean
}

export interface ClusterSnapshot {
  name: string
  title: string
  revision: number
  entries: StoredEntry[]
  identities: Identity[]
  admission: AdmissionPluginInfo[]
  namespaces: string[]
}

/** One revision of a key as etcd keeps it: the value (absent for a delete) and the bytes stored. */
export interface StoredRevision {
  modRevision: number
  createRevision: number
  version: number
  /** The object as the API server reads it back (resourceVersion = modRevision); undefined for a delete. */
  object?: KubeObject
  /** The value's bytes in etcd: protobuf with the k8s\0 prefix for built-in kinds, JSON otherwise. */
  bytes?: Uint8Array
  /**
   * Set when etcd holds the value encrypted (`k8s:enc:<provider>:v1:<key>:`): the provider and key of the
   * prefix, its length, and the bytes the transformer gives back (null, with the error, when it cannot).
   */
  encryption?: { provider: string; key: string; prefixLength: number; plaintext: Uint8Array | null; error?: string }
}

export interface Simulator {
  /** One scenario request, as kubectl would make it: one result per manifest document. */
  run(request: ScenarioRequest): KubectlResult[]
  /** One raw HTTP request. */
  handle(request: HttpRequest): RequestResult
  snapshot(): ClusterSnapshot
  /** Every retained revision of one etcd key, oldest first (for the storage explorer). */
  history(key: string): StoredRevision[]
  readonly scenario: Scenario
  /** What the API server serves; controllers (CRDs, APIServices) register and remove resources here. */
  readonly resources: ResourceRegistry
}

export interface SimulatorOptions {
  clock?: Clock
  ids?: IdSource
}

const ADMIN_CERTIFICATE: ClientCertificate = { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] }

/** The service CIDR kubeadm uses by default: 10.96.0.0/12. */
function createClusterIPAllocator(ids: IdSource, inUse: () => Set<string>) {
  return () => {
    const used = inUse()
    for (;;) {
      // Random within the range, as the real allocator picks, but from the seeded source.
      const n = parseInt(ids.uid().replace(/-/g, '').slice(0, 8), 16) % (1 << 20)
      const ip = `10.${96 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`
      if ((n & 255) !== 0 && (n & 255) !== 255 && !used.has(ip)) return ip
    }
  }
}

/** --service-node-port-range defaults to 30000-32767. */
function createNodePortAllocator(ids: IdSource) {
  const used = new Set<number>()
  return () => {
    for (;;) {
      const port = 30000 + (parseInt(ids.uid().slice(0, 6), 16) % 2768)
      if (!used.has(port)) {
        used.add(port)
        return port
      }
    }
  }
}

export function createSimulator(scenario: Scenario = { name: 'blank' }, options: SimulatorOptions = {}): Simulator {
  const clock = options.clock ?? createFixedClock()
  const ids = options.ids ?? createSeededIds(1)
  const encryption = scenario.cluster?.encryption && createEncryptionAtRest(scenario.cluster.encryption)
  const etcd = createEtcd({
    storedBytes: encryption && ((key, value) => (encryption.covers(key) ? encryption.toStorage(key, encodeForStorage(value)) : undefined)),
  })
  const users = scenario.cluster?.users ?? []
  const tokenUsers: StaticTokenUser[] = users
    .filter((u) => u.token)
    .map((u) => ({ token: u.token!, user: { username: u.name, uid: '', groups: [...(u.groups ?? [])] } }))
  tokenUsers.forEach((t) => delete t.user.uid)

  const resources = createResourceRegistry()

  /** Writes as the cluster's own components do, without going through the request pipeline. */
  const storeDirect = (object: KubeObject) => {
    const info = resources.resourceForKind({ ...parseApiVersion(object.apiVersion ?? ''), kind: object.kind ?? '' })
    if (!info) throw new Error(`bootstrap object of unknown kind ${object.apiVersion} ${object.kind}`)
    const meta = { ...(object.metadata ?? {}) }
    meta.uid = ids.uid()
    meta.creationTimestamp = clock.now()
    etcd.create(etcdKey(info, meta.namespace ?? '', meta.name ?? ''), encodeForResponse({ ...cloneJson(object), metadata: meta }))
  }

  const servicesInUse = () =>
    new Set(etcd.range('/registry/services/specs/').map((kv) => String((kv.value.spec as { clusterIP?: string })?.clusterIP)))

  const server = createApiServer({
    resources,
    etcd,
    clock,
    ids,
    tokenUsers,
    anonymousAuth: scenario.cluster?.authentication?.anonymous ?? true,
    jwt: scenario.cluster?.authentication?.jwt ?? [],
    featureGates: scenario.cluster?.featureGates ?? {},
    webhookServers: (scenario.cluster?.webhookServers ?? []) as unknown as WebhookServerSpec[],
    admission: scenario.cluster?.admission ?? {},
    allocateClusterIP: createClusterIPAllocator(ids, servicesInUse),
    allocateNodePort: createNodePortAllocator(ids),
    openapi: loadedOpenApi,
    afterWrite(event) {
      // The quota controller recounts what the namespace's objects consume after every successful write, so
      // rejected and dry-run requests (which never get here) charge nothing.
      if (event.resource.namespaced) {
        const ns = event.object.metadata?.namespace ?? ''
        for (const quota of recalculateQuotaUsage(ns, server.cluster)) {
          const key = etcdKey(resourceByName('resourcequotas')!, ns, quota.metadata?.name ?? '')
          const current = etcd.get(key)
          if (current) etcd.update(key, quota, current.modRevision)
        }
      }
      // The clusterrole-aggregation controller: an aggregated ClusterRole's rules follow its selected roles.
      if (event.resource.kind === 'ClusterRole') {
        const info = resourceByName('clusterroles')!
        for (const role of aggregateClusterRoles(etcd.range(etcdListPrefix(info, '')).map((kv) => kv.value))) {
          const key = etcdKey(info, '', role.metadata?.name ?? '')
          const current = etcd.get(key)
          if (current) etcd.update(key, encodeForResponse(role), current.modRevision)
        }
      }
      // The service-account controller and the root-CA publisher react to every new namespace; the namespace
      // controller, which empties a deleted one, runs with the other controllers.
      if (event.resource.kind === 'Namespace' && event.type === 'created')
        for (const object of namespaceDefaults(event.object.metadata?.name ?? '')) storeDirect(object)
    },
  })

  if (encryption) {
    // The transformer works below the REST handlers; its note joins the storage step they recorded.
    const handleUnnoted = server.handle
    server.handle = (req) => encryption.noteWrites(handleUnnoted(req))
  }

  for (const object of [...bootstrapObjects(), ...controllerBootstrapObjects()]) storeDirect(object)

  /**
   * kube-controller-manager reacting to what just happened: its controllers' writes go through the API server
   * as their own service accounts, until nothing is left to do.
   */
  const settle = () =>
    runControllers({ view: server.cluster, now: () => clock.now(), send: (r) => server.handle(toHttpRequest(r, credentials({ as: r.as }))) })

  /**
   * Whether a request's outcome gives the controllers anything to do. They are level-triggered, so running
   * them after every write would be right but slow in large clusters; like informers, they only wake for
   * changes to what they watch: workloads, owned objects, and deletions (the garbage collector).
   */
  const CONTROLLED = new Set(['deployments', 'replicasets', 'pods', 'poddisruptionbudgets'])
  const wakesControllers = (result: RequestResult, revisionBefore: number): boolean => {
    if (etcd.revision() === revisionBefore) return false
    if (etcd.range('/registry/namespaces/').some((kv) => kv.value.metadata?.deletionTimestamp)) return true
    const info = result.requestInfo
    if (!info || info.verb === 'delete' || info.verb === 'deletecollection' || CONTROLLED.has(info.resource)) return true
    const body = result.response.body as KubeObject | undefined
    return Boolean(body?.metadata?.ownerReferences?.length || body?.metadata?.finalizers?.length)
  }

  const nowSeconds = () => Math.floor(Date.parse(clock.now()) / 1000)
  const credentials = (request: Pick<ScenarioRequest, 'as' | 'token'>): Pick<HttpRequest, 'headers' | 'clientCertificate'> => {
    if (request.token !== undefined) return { headers: { Authorization: `Bearer ${request.token}` } }
    const as = request.as ?? 'admin'
    if (as === 'admin') return { clientCertificate: ADMIN_CERTIFICATE }
    if (as === 'anonymous') return {}
    if (as === 'invalid-token') return { headers: { Authorization: 'Bearer not-a-valid-token' } }
    const sa = parseServiceAccountUsername(as)
    if (sa) {
      const account = server.cluster.get('serviceaccounts', sa.namespace, sa.name)
      const iat = nowSeconds()
      const token = issueServiceAccountToken({
        aud: [SERVICE_ACCOUNT_ISSUER],
        exp: iat + 3600,
        iat,
        iss: SERVICE_ACCOUNT_ISSUER,
        // Derived, not drawn from the id source, so that describing identities does not shift later uids.
        jti: `${sa.namespace}.${sa.name}.${iat}`,
        'kubernetes.io': { namespace: sa.namespace, serviceaccount: { name: sa.name, uid: account?.metadata?.uid ?? 'deleted' } },
        nbf: iat,
        sub: serviceAccountUsername(sa.namespace, sa.name),
      })
      return { headers: { Authorization: `Bearer ${token}` } }
    }
    const user = users.find((u) => u.name === as)
    if (!user) return { headers: { Authorization: `Bearer ${as}-unknown-token` } }
    if (user.token) return { headers: { Authorization: `Bearer ${user.token}` } }
    if (user.oidc) {
      const iat = nowSeconds()
      const issuer = scenario.cluster?.authentication?.jwt?.find((j) => j.issuer.url === user.oidc!.issuer)
      const claims = { sub: user.name, aud: issuer?.issuer.audiences[0], iat, exp: iat + 3600, ...(user.oidc.claims ?? {}) }
      return { headers: { Authorization: `Bearer ${issueOidcToken(user.oidc.issuer, claims)}` } }
    }
    return { clientCertificate: user.clientCertificate ?? { commonName: user.name, organizations: user.groups ?? [] } }
  }

  const withImpersonation = (request: ScenarioRequest, req: HttpRequest): HttpRequest => {
    if (!request.impersonate?.user && !request.impersonate?.groups?.length) return req
    const headers = { ...(req.headers ?? {}) }
    if (request.impersonate.user) headers['Impersonate-User'] = request.impersonate.user
    if (request.impersonate.groups?.length) headers['Impersonate-Group'] = request.impersonate.groups
    return { ...req, headers }
  }

  const lastList: { continue?: string; resourceVersion?: string } = {}

  /** A request kubectl refuses before sending anything. */
  const clientSide = (request: ScenarioRequest, kubectl: string): KubectlResult[] => [{
    name: request.title ?? request.name ?? `${request.verb} -f manifest.yaml`,
    calls: [],
    request: { method: 'GET', path: '', user: null },
    response: { code: 0, headers: {}, body: null, warnings: [] },
    stoppedAt: null,
    kubectl,
    commandLine: kubectlCommandLine(request),
  }]

  function run(request: ScenarioRequest): KubectlResult[] {
    try {
      return runUnguarded(request)
    } catch (error) {
      // An engine bug must not escape to the app or the CLI: the learner sees an error line, as from kubectl.
      return clientSide(request, `error: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  function runUnguarded(request: ScenarioRequest): KubectlResult[] {
    let documents: KubeObject[] | undefined
    // A raw call sends its manifest as the text it is, without kubectl splitting it into documents.
    if (request.raw !== undefined) documents = undefined
    else if (request.manifest !== undefined) {
      const parsed = parseManifest(request.manifest)
      if (!parsed.ok) return clientSide(request, parsed.error)
      documents = parsed.value
    } else if (request.object !== undefined) documents = [request.object]
    const revisionBefore = etcd.revision()
    const results = runKubectl(request, documents, {
      resources: server.resources,
      handle: (req) => server.handle(withImpersonation(request, req)),
      credentials,
      now: () => clock.now(),
      lastList,
    })
    if (results.some((r) => r.calls.some((call) => wakesControllers(call, revisionBefore)))) settle()
    return results
  }

  /** Each identity the request bar offers, with the user its credential authenticates as, asked of the server. */
  function identities(): Identity[] {
    const describe = (id: string, credential: string): Identity => ({
      id,
      credential,
      user: server.authenticate({ method: 'GET', path: '/api', ...credentials({ as: id }) }),
    })
    const list: Identity[] = [describe('admin', 'client certificate CN=kubernetes-admin, O=kubeadm:cluster-admins')]
    for (const u of users) {
      const cert = u.clientCertificate ?? (u.token || u.oidc ? undefined : { commonName: u.name, organizations: u.groups ?? [] })
      const credential = cert
        ? `client certificate CN=${cert.commonName}${(cert.organizations ?? []).map((o) => `, O=${o}`).join('')}`
        : u.oidc
          ? `OIDC ID token from ${u.oidc.issuer}`
          : `bearer token ${u.token}`
      list.push(describe(u.name, credential))
    }
    for (const kv of etcd.range('/registry/serviceaccounts/')) {
      const ns = kv.value.metadata?.namespace ?? ''
      const name = kv.value.metadata?.name ?? ''
      if (ns.startsWith('kube-') && name !== 'default') continue
      list.push(describe(serviceAccountUsername(ns, name), 'service-account token (JWT)'))
    }
    list.push(describe('anonymous', 'no credential'), describe('invalid-token', 'a bearer token nobody issued'))
    return list
  }

  function snapshot(): ClusterSnapshot {
    const enabled = new Set(enabledPlugins(scenario.cluster?.admission).map((p) => p.name))
    return {
      name: scenario.name,
      title: scenario.title ?? scenario.name,
      revision: etcd.revision(),
      entries: etcd.all().map((kv) => ({ key: kv.key, createRevision: kv.createRevision, modRevision: kv.modRevision, version: kv.version, object: withResourceVersion(kv.value, kv.modRevision) })),
      identities: identities(),
      admission: PLUGIN_SPECS.map((p) => ({
        name: p.name,
        mutating: p.mutating,
        validating: p.validating,
        defaultOn: p.defaultOn,
        enabled: enabled.has(p.name),
        implemented: p.plugin !== undefined,
      })),
      namespaces: etcd.range('/registry/namespaces/').map((kv) => kv.value.metadata?.name ?? ''),
    }
  }

  // The scenario's starting objects are created as the admin would create them, through the API.
  for (const [i, object] of (scenario.cluster?.objects ?? []).entries()) {
    const [result] = run({ verb: 'create', object, as: 'admin' })
    if (!result || result.response.code !== 201)
      throw new Error(`cluster.objects[${i}] (${object.kind ?? 'object'} ${object.metadata?.name ?? ''}): ${result?.kubectl ?? 'not created'}`)
  }

  settle()

  function handle(req: HttpRequest): RequestResult {
    const revisionBefore = etcd.revision()
    const result = server.handle(req)
    if (wakesControllers(result, revisionBefore)) settle()
    return result
  }

  /** What the API server reads back from encrypted bytes; undefined for a value stored in clear. */
  function decrypted(key: string, bytes: Uint8Array): StoredRevision['encryption'] {
    const read = encryption!.fromStorage(key, bytes)
    if (!read.ok) {
      const by = encryption!.encryptsWith(key)
      return { provider: by?.provider ?? 'unknown', key: by?.key ?? '', prefixLength: 0, plaintext: null, error: read.message }
    }
    if (!read.encryptedWith) return undefined
    return { ...read.encryptedWith, prefixLength: read.prefixLength, plaintext: read.data }
  }

  function history(key: string): StoredRevision[] {
    return etcd.history(key).map((rev) => {
      const encrypted = rev.bytes && encryption ? decrypted(key, rev.bytes) : undefined
      return {
        modRevision: rev.modRevision,
        createRevision: rev.createRevision,
        version: rev.version,
        ...(rev.value ? { object: withResourceVersion(rev.value, rev.modRevision), bytes: rev.bytes ?? encodeForStorage(rev.value) } : {}),
        ...(encrypted ? { encryption: encrypted } : {}),
      }
    })
  }

  return { run, handle, snapshot, history, scenario, resources }
}
