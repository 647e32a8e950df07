// kubectl, as far as the API server can tell: which HTTP requests each command makes and what it prints.
// kubectl's discovery calls are taken as already cached, so only the requests that act on objects appear.
import { cloneJson } from '../clone'
import { sortedJson } from '../encoding'
import type { ResourceRegistry } from '../resourceRegistry'
import { collectionPath, parseApiVersion, type ResourceInfo } from '../resources'
import type { KubectlResult, ScenarioRequest } from '../scenario/types'
import type { HttpRequest, KubeObject, RequestResult, Status } from '../types'
import { kubectlError, withWarnings } from './messages'
import { escapePathSegment, invalidNameError, metadataDecodeError } from './paths'
import { formatTable } from './table'
import { threeWayPatch } from '../patches/strategicMergePatch'
import { canIListOutput, canIOutput, whoamiOutput } from '../authorization/kubectlAuth'
import { rawCommandLine, runRaw } from './raw'

export const MANIFEST_FILE = 'manifest.yaml'
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

export interface KubectlDeps {
  handle(req: HttpRequest): RequestResult
  /** What discovery would tell kubectl: the server's resources (kubectl's discovery is taken as cached). */
  resources: ResourceRegistry
  /** What the previous list returned, for `continue: previous` and `resourceVersion: previous`. */
  lastList: { continue?: string; resourceVersion?: string }
  /** Headers and TLS certificate that carry the identity's credential. */
  credentials(request: ScenarioRequest): Pick<HttpRequest, 'headers' | 'clientCertificate'>
  now(): string
}

/** kubectl's name for a kind in its output: `pod`, `deployment.apps`. */
function typeName(info: ResourceInfo): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase()
}

function query(params: Record<string, string | undefined>): string {
  // Go's url.Values.Encode sorts by key.
  const entries = Object.entries(params).filter(([, v]) => v !== undefined) as [string, string][]
  entries.sort(([a], [b]) => a.localeCompare(b))
  return entries.length ? `?${entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''
}

/** A value as a person would type it in a POSIX shell: bare when safe, else in single quotes. */
function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

/** `kubectl auth can-i` and `kubectl auth whoami` name what they ask for in their own way. */
function authWords(request: ScenarioRequest): string[] {
  if (request.verb === 'whoami') return ['auth', 'whoami']
  const ask = request.canI ?? { verb: 'get' }
  if (ask.list) return ['auth', 'can-i', '--list']
  // kubectl reads `resource/name`; a subresource only travels in its own flag.
  const what = ask.nonResourceURL ?? `${ask.resource ?? ''}${ask.name ? `/${ask.name}` : ''}`
  return [
    'auth',
    'can-i',
    quote(ask.verb),
    quote(what),
    ...(ask.subresource && !ask.nonResourceURL ? [`--subresource=${quote(ask.subresource)}`] : []),
  ]
}

/** kubectl's own command for the scenario verbs it spells differently (a watch is `get --watch`). */
const KUBECTL_COMMAND: Partial<Record<ScenarioRequest['verb'], string>> = { list: 'get', watch: 'get', update: 'replace' }

function commandLineOf(request: ScenarioRequest, fromFile: boolean): string {
  const auth = !fromFile && (request.verb === 'can-i' || request.verb === 'whoami')
  const parts = ['kubectl']
  const command = KUBECTL_COMMAND[request.verb] ?? request.verb
  if (fromFile) parts.push(command, '-f', MANIFEST_FILE)
  else if (auth) parts.push(...authWords(request))
  else {
    parts.push(command)
    if (request.resource) parts.push(quote(request.resource))
    if (request.name) parts.push(quote(request.name))
  }
  // whoami reports the requester, whatever the namespace.
  if (request.namespace && !(auth && request.verb === 'whoami')) parts.push('-n', quote(request.namespace))
  // Another identity means another kubeconfig user entry; --as is impersonation, which is something else.
  if (request.token) parts.push(`--token=${quote(request.token)}`)
  else if (request.as && request.as !== 'admin') parts.push(`--user=${quote(request.as)}`)
  if (request.impersonate?.user) parts.push(`--as=${quote(request.impersonate.user)}`)
  for (const g of request.impersonate?.groups ?? []) parts.push(`--as-group=${quote(g)}`)
  // The review commands write nothing, so the flags that shape a write do not exist for them.
  if (auth) return parts.join(' ')
  if (request.subresource) parts.push(`--subresource=${quote(request.subresource)}`)
  if (request.labelSelector) parts.push('-l', quote(request.labelSelector))
  if (request.fieldSelector) parts.push(`--field-selector=${quote(request.fieldSelector)}`)
  if (request.verb === 'watch') parts.push('--watch')
  if (request.propagationPolicy) parts.push(`--cascade=${request.propagationPolicy.toLowerCase()}`)
  if (request.gracePeriodSeconds !== undefined) parts.push(`--grace-period=${request.gracePeriodSeconds}`)
  if (request.patchType && request.patchType !== 'strategic') parts.push(`--type=${request.patchType}`)
  if (request.dryRun) parts.push('--dry-run=server')
  if (request.serverSide) parts.push('--server-side')
  if (request.fieldManager) parts.push(`--field-manager=${quote(request.fieldManager)}`)
  if (request.force) parts.push('--force-conflicts')
  return parts.join(' ')
}

/**
 * The kubectl command a person would type for this request: the line a result carries, and the request
 * bar's preview before anything is sent.
 */
export function kubectlCommandLine(request: ScenarioRequest): string {
  if (request.raw !== undefined) return rawCommandLine(request)
  return commandLineOf(request, request.manifest !== undefined || request.object !== undefined)
}

function summarize(
  name: string,
  calls: RequestResult[],
  kubectl: string,
  cmd: string,
  documentIndex?: number,
): KubectlResult {
  const last = calls.at(-1)!
  return {
    name,
    calls,
    request: { method: last.request.method, path: last.request.path, user: last.user },
    response: last.response,
    stoppedAt: last.stoppedAt,
    kubectl,
    commandLine: cmd,
    ...(documentIndex !== undefined ? { documentIndex } : {}),
  }
}

/** A client-side failure: kubectl stops before sending anything that acts on the object. */
function clientError(name: string, message: string, cmd: string, documentIndex?: number): KubectlResult {
  return {
    name,
    calls: [],
    request: { method: 'GET', path: '', user: null },
    response: { code: 0, headers: {}, body: null, warnings: [] },
    stoppedAt: null,
    kubectl: message,
    commandLine: cmd,
    ...(documentIndex !== undefined ? { documentIndex } : {}),
  }
}

type Send = (
  method: HttpRequest['method'],
  path: string,
  body?: unknown,
  contentType?: string,
) => RequestResult

const PATCH_CONTENT_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
} as const

/** kubectl patch: GET the object, PATCH it, and say "(no change)" when the server stored nothing new. */
function patchResult(
  info: ResourceInfo,
  request: ScenarioRequest,
  objectPath: string,
  name: string,
  cmd: string,
  send: Send,
  index?: number,
): KubectlResult {
  const type = request.patchType ?? 'strategic'
  if (type === 'apply') return applyPatch(request, objectPath, name, send, index)
  const before = send('GET', objectPath)
  if (before.response.code !== 200)
    return summarize(name, [before], kubectlError(before.response), cmd, index)
  const result = send(
    'PATCH',
    `${objectPath}${query({ dryRun: request.dryRun ? 'All' : undefined, fieldManager: 'kubectl-patch' })}`,
    request.patch ?? {},
    PATCH_CONTENT_TYPES[type],
  )
  if (result.response.code !== 200)
    return summarize(
      name,
      [before, result],
      withWarnings(kubectlError(result.response), result.response.warnings),
      cmd,
      index,
    )
  const version = (o: unknown) => (o as KubeObject).metadata?.resourceVersion
  const unchanged = version(before.response.body) === version(result.response.body)
  const objectName = (result.response.body as KubeObject).metadata?.name ?? ''
  return summarize(
    name,
    [before, result],
    withWarnings(
      `${typeName(info)}/${objectName} patched${unchanged ? ' (no change)' : ''}${request.dryRun ? ' (server dry run)' : ''}`,
      result.response.warnings,
    ),
    cmd,
    index,
  )
}

/**
 * A server-side apply sent as a plain API call, as controllers do (kubectl patch has no apply type): the
 * field manager comes only from the request, so leaving it out shows the server's 422.
 */
function applyPatch(request: ScenarioRequest, objectPath: string, name: string, send: Send, index?: number): KubectlResult {
  const path = `${objectPath}${query({
    dryRun: request.dryRun ? 'All' : undefined,
    fieldManager: request.fieldManager,
    force: request.force ? 'true' : undefined,
  })}`
  const result = send('PATCH', path, request.patch ?? {}, 'application/apply-patch+yaml')
  const cmd = `curl -X PATCH -H 'Content-Type: application/apply-patch+yaml' --data-binary @patch.yaml 'https://kubernetes${path}'`
  const { code, body } = result.response
  const output = code < 300 ? `HTTP ${code}` : `HTTP ${code}: ${(body as Status).message ?? ''}`
  return summarize(name, [result], output, cmd, index)
}

export function runKubectl(
  request: ScenarioRequest,
  documents: KubeObject[] | undefined,
  deps: KubectlDeps,
): KubectlResult[] {
  const label =
    request.title ?? (request.verb === 'get' || request.verb === 'delete' ? undefined : request.name)
  const send = (
    method: HttpRequest['method'],
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): RequestResult => {
    const creds = deps.credentials(request)
    const req: HttpRequest = {
      method,
      path,
      headers: {
        Accept: 'application/json',
        'User-Agent': 'kubectl/v1.35.0 (linux/amd64) kubernetes/simulated',
        ...(creds.headers ?? {}),
      },
    }
    if (creds.clientCertificate) req.clientCertificate = creds.clientCertificate
    if (body !== undefined) {
      req.headers!['Content-Type'] = contentType
      req.body = JSON.stringify(body)
    }
    return deps.handle(req)
  }

  if (request.raw !== undefined) return [runRaw(request, request.title ?? request.name, deps.credentials(request), deps.handle)]

  if (documents) {
    const cmd = commandLineOf(request, true)
    return documents.map((doc, index) => {
      const name = label ?? `${request.verb} ${doc.kind ?? 'object'} ${doc.metadata?.name ?? ''}`.trim()
      return runOnDocument(request, doc, index, name, cmd, send, deps)
    })
  }

  if (request.verb === 'can-i' || request.verb === 'whoami') return [authCommand(request, label, send, deps.resources)]

  const info = request.resource ? deps.resources.resolveResourceArg(request.resource) : undefined
  const target = `${request.resource ?? ''}${request.name ? ` ${request.name}` : ''}`
  const cmd = commandLineOf(request, false)
  const name = label ?? `${request.verb} ${target}`.trim()
  if (!info)
    return [
      clientError(name, `error: the server doesn't have a resource type "${request.resource ?? ''}"`, cmd),
    ]
  const namespace = info.namespaced ? (request.namespace ?? 'default') : ''
  const badName =
    (namespace ? invalidNameError('namespace', namespace) : undefined) ??
    (request.name ? invalidNameError('resource name', request.name) : undefined)
  if (badName) return [clientError(name, `error: ${badName}`, cmd)]
  const base = collectionPath(info, escapePathSegment(namespace))
  const sub = request.subresource ? `/${request.subresource}` : ''
  if (request.verb === 'delete') {
    if (!request.name)
      return [clientError(name, 'error: resource(s) were provided, but no name was specified', cmd)]
    return [
      deleteResult(
        info,
        request,
        namespace,
        send(
          'DELETE',
          `${base}/${escapePathSegment(request.name)}${sub}`,
          deleteOptions(request),
        ),
        name,
        cmd,
      ),
    ]
  }
  if (request.verb === 'patch') {
    if (!request.name)
      return [clientError(name, 'error: resource(s) were provided, but no name was specified', cmd)]
    return [patchResult(info, request, `${base}/${escapePathSegment(request.name)}${sub}`, name, cmd, send)]
  }
  if (request.verb === 'get' || request.verb === 'list' || request.verb === 'watch') {
    const previous = (value: string | undefined, last: string | undefined) => (value === 'previous' ? last : value)
    const listQuery = request.name
      ? ''
      : query({
          labelSelector: request.labelSelector,
          fieldSelector: request.fieldSelector,
          limit: request.limit !== undefined ? String(request.limit) : undefined,
          continue: previous(request.continue, deps.lastList.continue),
          resourceVersion: previous(request.resourceVersion, deps.lastList.resourceVersion),
          watch: request.verb === 'watch' ? 'true' : undefined,
        })
    const path = request.name ? `${base}/${escapePathSegment(request.name)}${sub}` : `${base}${listQuery}`
    const result = send('GET', path)
    if (!request.name && request.verb !== 'watch' && result.response.code === 200) {
      const meta = (result.response.body as { metadata?: { continue?: string; resourceVersion?: string } }).metadata
      deps.lastList.continue = meta?.continue
      deps.lastList.resourceVersion = meta?.resourceVersion
    }
    const output =
      request.verb === 'watch'
        ? watchOutput(result)
        : result.response.code === 400 && (request.labelSelector || request.fieldSelector)
          ? `Error from server (BadRequest): Unable to find "${info.group}/${info.version}, Resource=${info.resource}" that match label selector "${request.labelSelector ?? ''}", field selector "${request.fieldSelector ?? ''}": ${(result.response.body as { message?: string }).message ?? ''}`
          : getOutput(info, result, deps.now(), request.name, namespace)
    return [summarize(name, [result], output, cmd)]
  }
  return [clientError(name, `error: must specify one of -f and -k`, cmd)]
}

/**
 * `kubectl auth can-i` and `kubectl auth whoami`: both create a review object, which the API server answers
 * by asking its authorizer (or authenticator) about the requester, and store nothing.
 */
function authCommand(request: ScenarioRequest, label: string | undefined, send: Send, resources: ResourceRegistry): KubectlResult {
  const trimmed = (text: string) => text.replace(/\n$/, '')
  if (request.verb === 'whoami') {
    const cmd = commandLineOf(request, false)
    const result = send('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo: {} },
    })
    const output =
      result.response.code === 201
        ? trimmed(whoamiOutput(result.response.body as never))
        : result.response.code === 403 || result.response.code === 404
          ? 'error: the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it'
          : kubectlError(result.response)
    return summarize(label ?? 'kubectl auth whoami', [result], output, cmd)
  }
  const ask = request.canI ?? { verb: 'get' }
  const namespace = request.namespace ?? 'default'
  if (ask.list) {
    const cmd = commandLineOf(request, false)
    const result = send('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { namespace },
    })
    if (result.response.code !== 201) return summarize(label ?? 'kubectl auth can-i --list', [result], kubectlError(result.response), cmd)
    const { output, warnings } = canIListOutput(result.response.body as never)
    return summarize(label ?? 'kubectl auth can-i --list', [result], trimmed([...warnings, output].join('\n')), cmd)
  }
  const what = ask.nonResourceURL ?? `${ask.resource ?? ''}${ask.subresource ? `/${ask.subresource}` : ''}${ask.name ? `/${ask.name}` : ''}`
  const cmd = commandLineOf(request, false)
  const warnings: string[] = []
  let spec: Record<string, unknown>
  if (ask.nonResourceURL) spec = { nonResourceAttributes: { path: ask.nonResourceURL, verb: ask.verb } }
  else {
    const info = resources.resolveResourceArg(ask.resource ?? '')
    if (!info) warnings.push(`the server doesn't have a resource type '${ask.resource ?? ''}'`)
    spec = {
      resourceAttributes: {
        ...(info && !info.namespaced ? {} : { namespace }),
        verb: ask.verb,
        ...(info?.group ? { group: info.group } : {}),
        resource: info?.resource ?? ask.resource ?? '',
        ...(ask.subresource ? { subresource: ask.subresource } : {}),
        ...(ask.name ? { name: ask.name } : {}),
      },
    }
  }
  const result = send('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
  })
  const output = result.response.code === 201 ? trimmed(canIOutput(result.response.body as never)) : kubectlError(result.response)
  return summarize(label ?? `kubectl auth can-i ${ask.verb} ${what}`, [result], withWarnings(output, warnings), cmd)
}

/** kubectl delete sends DeleteOptions in the body; its cascade default is background deletion. */
function deleteOptions(request: ScenarioRequest): Record<string, unknown> {
  return {
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    ...(request.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: request.gracePeriodSeconds } : {}),
    propagationPolicy: request.propagationPolicy ?? 'Background',
    // With a body, the server reads DeleteOptions from it alone, so dry run travels there too.
    ...(request.dryRun ? { dryRun: ['All'] } : {}),
  }
}

/** `kubectl get --watch --output-watch-events`: one line per event the watch delivered. */
function watchOutput(result: RequestResult): string {
  if (result.response.code !== 200) return kubectlError(result.response)
  const events = result.response.body as { type: string; object: KubeObject & { message?: string } }[]
  const rows = events.map((e) => [e.type, e.type === 'ERROR' ? (e.object.message ?? '') : (e.object.metadata?.name ?? '')])
  if (rows.length === 0) return ''
  const width = Math.max(5, ...rows.map((r) => r[0]!.length)) + 3
  return [['EVENT', 'NAME'], ...rows].map(([a, b]) => `${a!.padEnd(width)}${b}`).join('\n')
}

function getOutput(
  info: ResourceInfo,
  result: RequestResult,
  now: string,
  name: string | undefined,
  namespace: string,
): string {
  if (result.response.code !== 200) return kubectlError(result.response)
  const body = result.response.body as KubeObject & { items?: KubeObject[] }
  const items = name ? [body] : (body.items ?? [])
  if (items.length === 0)
    return info.namespaced ? `No resources found in ${namespace} namespace.` : 'No resources found'
  return formatTable(info, items, now)
}

function deleteResult(
  info: ResourceInfo,
  request: ScenarioRequest,
  namespace: string,
  result: RequestResult,
  name: string,
  cmd: string,
): KubectlResult {
  if (result.response.code >= 300) return summarize(name, [result], kubectlError(result.response), cmd)
  const where = info.namespaced ? ` from ${namespace} namespace` : ''
  const dry = request.dryRun ? ' (server dry run)' : ''
  return summarize(
    name,
    [result],
    withWarnings(`${typeName(info)} "${request.name}" deleted${where}${dry}`, result.response.warnings),
    cmd,
  )
}

function runOnDocument(
  request: ScenarioRequest,
  doc: KubeObject,
  index: number,
  name: string,
  cmd: string,
  send: Send,
  deps: KubectlDeps,
): KubectlResult {
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : ''
  const kind = typeof doc.kind === 'string' ? doc.kind : ''
  const objectName = doc.metadata?.name ?? ''
  if (!apiVersion || !kind) {
    const missing = !apiVersion && !kind ? 'apiVersion, kind' : !apiVersion ? 'apiVersion' : 'kind'
    return clientError(
      name,
      `error: error validating "${MANIFEST_FILE}": error validating data: [${missing} not set]; if you choose to ignore these errors, turn validation off with --validate=false`.replace(
        '[apiVersion, kind not set]',
        '[apiVersion not set, kind not set]',
      ),
      cmd,
      index,
    )
  }
  const metadataError = metadataDecodeError(doc)
  if (metadataError) return clientError(name, `error: unable to decode "${MANIFEST_FILE}": ${metadataError}`, cmd, index)
  const info = deps.resources.resourceForKind({ ...parseApiVersion(apiVersion), kind })
  if (!info) {
    return clientError(
      name,
      `error: resource mapping not found for name: "${objectName}" namespace: "${doc.metadata?.namespace ?? ''}" from "${MANIFEST_FILE}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
      cmd,
      index,
    )
  }
  let namespace = ''
  if (info.namespaced) {
    const fromObject = doc.metadata?.namespace
    if (fromObject && request.namespace && fromObject !== request.namespace) {
      return clientError(
        name,
        `error: the namespace from the provided object "${fromObject}" does not match the namespace "${request.namespace}". You must pass '--namespace=${fromObject}' to perform this operation.`,
        cmd,
        index,
      )
    }
    namespace = fromObject ?? request.namespace ?? 'default'
  }
  const badName =
    (namespace ? invalidNameError('namespace', namespace) : undefined) ??
    (objectName && request.verb !== 'create' ? invalidNameError('resource name', objectName) : undefined)
  if (badName) return clientError(name, `error: ${badName}`, cmd, index)
  const collection = collectionPath(info, escapePathSegment(namespace))
  const objectPath = `${collection}/${escapePathSegment(objectName)}`
  const dryRun = request.dryRun ? 'All' : undefined
  // kubectl's --validate=strict (its default) becomes fieldValidation=Strict on the wire.
  const fieldValidation = request.fieldValidation ?? 'Strict'
  const created = (result: RequestResult, verb: string) =>
    result.response.code === 201
      ? withWarnings(
          `${typeName(info)}/${(result.response.body as KubeObject).metadata?.name ?? objectName} created${request.dryRun ? ' (server dry run)' : ''}`,
          result.response.warnings,
        )
      : withWarnings(kubectlError(result.response, { verb, file: MANIFEST_FILE }), result.response.warnings)

  if (request.verb === 'create') {
    const result = send(
      'POST',
      `${collection}${query({ dryRun, fieldManager: 'kubectl-create', fieldValidation })}`,
      doc,
    )
    return summarize(name, [result], created(result, 'creating'), cmd, index)
  }
  if (request.verb === 'update') {
    const sub = request.subresource ? `/${request.subresource}` : ''
    const result = send(
      'PUT',
      `${objectPath}${sub}${query({ dryRun, fieldManager: 'kubectl-replace', fieldValidation })}`,
      doc,
    )
    const output =
      result.response.code === 200
        ? withWarnings(
            `${typeName(info)}/${objectName} replaced${request.dryRun ? ' (server dry run)' : ''}`,
            result.response.warnings,
          )
        : withWarnings(
            kubectlError(result.response, { verb: 'replacing', file: MANIFEST_FILE }),
            result.response.warnings,
          )
    return summarize(name, [result], output, cmd, index)
  }
  if (request.verb === 'patch')
    return patchResult(info, request, `${objectPath}`, name, cmd, send, index)
  if (request.verb === 'delete') {
    if (!objectName) return clientError(name, 'error: resource name may not be empty', cmd, index)
    const result = send('DELETE', `${objectPath}`, deleteOptions(request))
    return deleteResult(info, { ...request, name: objectName }, namespace, result, name, cmd)
  }
  if (request.verb === 'apply' && request.serverSide)
    return serverSideApply(info, request, doc, `${objectPath}`, namespace, name, cmd, send, index)
  if (request.verb === 'apply') {
    if (!objectName)
      return clientError(
        name,
        `error: error when retrieving current configuration of:\nResource: "${info.group}/${info.version}, Resource=${info.resource}", GroupVersionKind: "${info.group}/${info.version}, Kind=${info.kind}"\nName: "", Namespace: "${namespace}"\nfrom server for: "${MANIFEST_FILE}": resource name may not be empty`,
        cmd,
        index,
      )
    const current = send('GET', `${objectPath}`)
    if (current.response.code === 200) {
      const live = current.response.body as KubeObject
      const recorded = live.metadata?.annotations?.[LAST_APPLIED]
      const warnings: string[] = []
      if (recorded === undefined)
        warnings.push(
          `resource ${info.resource}/${objectName} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
        )
      let original: KubeObject = {}
      try {
        original = recorded ? (JSON.parse(recorded) as KubeObject) : {}
      } catch {
        original = {}
      }
      const desired = withLastApplied(doc, namespace)
      const patch = threeWayPatch(original, desired, live, info.kind)
      if (Object.keys(patch).length === 0)
        return summarize(
          name,
          [current],
          withWarnings(`${typeName(info)}/${objectName} unchanged`, warnings),
          cmd,
          index,
        )
      const result = send(
        'PATCH',
        `${objectPath}${query({ dryRun, fieldManager: 'kubectl-client-side-apply', fieldValidation })}`,
        patch,
        'application/strategic-merge-patch+json',
      )
      const output =
        result.response.code === 200
          ? `${typeName(info)}/${objectName} configured${request.dryRun ? ' (server dry run)' : ''}`
          : kubectlError(result.response, { verb: 'applying patch', file: MANIFEST_FILE })
      return summarize(
        name,
        [current, result],
        withWarnings(output, [...warnings, ...result.response.warnings]),
        cmd,
        index,
      )
    }
    if (current.response.code !== 404) {
      const base = kubectlError(current.response)
      const msg = base.replace(
        /^Error from server \((\w+)\): /,
        `Error from server ($1): error when retrieving current configuration of:\nResource: "${info.group}/${info.version}, Resource=${info.resource}", GroupVersionKind: "${info.group}/${info.version}, Kind=${info.kind}"\nName: "${objectName}", Namespace: "${namespace}"\nfrom server for: "${MANIFEST_FILE}": `,
      )
      return summarize(name, [current], msg, cmd, index)
    }
    const result = send(
      'POST',
      `${collection}${query({ dryRun, fieldManager: 'kubectl-client-side-apply', fieldValidation })}`,
      withLastApplied(doc, namespace),
    )
    return summarize(name, [current, result], created(result, 'creating'), cmd, index)
  }
  if (request.verb === 'get') {
    const result = send('GET', `${objectPath}`)
    return summarize(name, [result], getOutput(info, result, deps.now(), objectName, namespace), cmd, index)
  }
  return clientError(name, `error: unknown verb "${request.verb}"`, cmd, index)
}

/** What kubectl adds to the server's message when a server-side apply meets a 409 (apply.go). */
const FIELD_MANAGER_CONFLICT_HINT = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`

/**
 * kubectl apply --server-side: one PATCH of type apply with the whole manifest, no GET and no
 * last-applied annotation. The field manager is `kubectl` unless --field-manager says otherwise.
 */
function serverSideApply(
  info: ResourceInfo,
  request: ScenarioRequest,
  doc: KubeObject,
  objectPath: string,
  namespace: string,
  name: string,
  cmd: string,
  send: Send,
  index: number,
): KubectlResult {
  const body = cloneJson(doc)
  if (namespace) (body.metadata ??= {}).namespace = namespace
  const path = `${objectPath}${query({
    dryRun: request.dryRun ? 'All' : undefined,
    fieldManager: request.fieldManager ?? 'kubectl',
    fieldValidation: request.fieldValidation ?? 'Strict',
    force: String(Boolean(request.force)),
  })}`
  const result = send('PATCH', path, body, 'application/apply-patch+yaml')
  const { code, warnings } = result.response
  let output: string
  if (code === 200 || code === 201) {
    const objectName = (result.response.body as KubeObject).metadata?.name ?? ''
    output = `${typeName(info)}/${objectName} serverside-applied${request.dryRun ? ' (server dry run)' : ''}`
  } else if (code === 409 && (result.response.body as Status).reason === 'Conflict') {
    output = `error: ${(result.response.body as Status).message ?? ''}\n${FIELD_MANAGER_CONFLICT_HINT}`
  } else output = kubectlError(result.response)
  return summarize(name, [result], withWarnings(output, warnings), cmd, index)
}

/** kubectl apply records the manifest it applied, so the next apply can compute a three-way patch. */
function withLastApplied(doc: KubeObject, namespace: string): KubeObject {
  const copy = cloneJson(doc)
  const meta = (copy.metadata ??= {})
  if (namespace) meta.namespace = namespace
  const annotations = { ...(meta.annotations ?? {}) }
  delete annotations[LAST_APPLIED]
  const recorded = { ...copy, metadata: { ...meta, annotations } }
  meta.annotations = { ...annotations, [LAST_APPLIED]: `${sortedJson(recorded)}\n` }
  return copy
}
