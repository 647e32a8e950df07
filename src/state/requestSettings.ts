// The request bar and a scenario request are two spellings of one thing: `settingsFrom` reads a scenario
// request into the request bar, `toScenarioRequest` writes the request bar (and the editor) back. Every
// bundled example survives the round trip unchanged in what it makes the engine do (requestSettings.test.ts).
import type { ScenarioRequest } from '../engine'
import type { RequestDraft } from '../worker/protocol'
import type { CanISettings, RequestSettings } from './types'
import { VERBS } from './types'

export const DEFAULT_SETTINGS: RequestSettings = {
  verb: 'apply',
  as: 'admin',
  impersonateUser: '',
  impersonateGroups: '',
  namespace: '',
  dryRun: false,
}

export const DEFAULT_CAN_I: CanISettings = { verb: 'create', resource: 'pods', name: '', list: false }

/** Verbs that act on the objects of the editor's manifest. */
const MANIFEST_VERBS = new Set<string>(['create', 'apply', 'update'])

/** get and delete name an object when a resource is given, else they act on the manifest's objects. */
export function namesTarget(settings: RequestSettings): boolean {
  if (MANIFEST_VERBS.has(settings.verb) || settings.verb === 'can-i' || settings.verb === 'whoami') return false
  if (settings.verb === 'get' || settings.verb === 'delete') return Boolean(settings.resource?.trim())
  return true
}

/** Whether the editor's text is sent, and as what. */
export function editorRole(settings: RequestSettings): 'manifest' | 'patch' | 'unused' {
  if (settings.verb === 'patch') return 'patch'
  return namesTarget(settings) || settings.verb === 'can-i' || settings.verb === 'whoami' ? 'unused' : 'manifest'
}

function splitGroups(text: string): string[] {
  return text
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
}

function canIRequest(ask: CanISettings): NonNullable<ScenarioRequest['canI']> {
  const [resource = '', subresource] = ask.resource.trim().split('/')
  if (ask.list) return { verb: ask.verb.trim() || 'get', list: true }
  return {
    verb: ask.verb.trim() || 'get',
    resource,
    ...(subresource ? { subresource } : {}),
    ...(ask.name.trim() ? { name: ask.name.trim() } : {}),
  }
}

/** The fields that pick objects by name or by selector, as the request bar holds them. */
function targetFields(settings: RequestSettings): Partial<ScenarioRequest> {
  const request: Partial<ScenarioRequest> = {}
  const text = (value: string | undefined) => value?.trim() || undefined
  request.resource = text(settings.resource)
  request.name = text(settings.name)
  request.subresource = text(settings.subresource)
  if (settings.verb === 'list' || settings.verb === 'watch' || (settings.verb === 'get' && !request.name)) {
    request.labelSelector = text(settings.labelSelector)
    request.fieldSelector = text(settings.fieldSelector)
    const limit = Number(settings.limit?.trim() || NaN)
    if (Number.isInteger(limit) && limit >= 0) request.limit = limit
    request.continue = text(settings.continue)
    request.resourceVersion = text(settings.resourceVersion)
  }
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined))
}

/** The request the engine runs for the current editor text and request bar. */
export function toScenarioRequest(text: string, settings: RequestSettings): ScenarioRequest {
  const request: ScenarioRequest = { verb: settings.verb, as: settings.as }
  if (settings.label) request.title = settings.label
  if (settings.token?.trim()) request.token = settings.token.trim()
  // kubectl auth can-i and whoami send a review object of their own: the editor's manifest is not used.
  if (settings.verb === 'can-i') request.canI = canIRequest(settings.canI ?? DEFAULT_CAN_I)
  else if (namesTarget(settings)) Object.assign(request, targetFields(settings))
  else if (settings.verb !== 'whoami') request.manifest = text
  if (settings.verb === 'patch') {
    request.patchType = settings.patchType ?? 'strategic'
    // The worker parses the patch (YAML or JSON) and marks a syntax error like a manifest's.
    request.patch = text
  }
  const user = settings.impersonateUser.trim()
  const groups = splitGroups(settings.impersonateGroups)
  if (user || groups.length > 0) {
    request.impersonate = {}
    if (user) request.impersonate.user = user
    if (groups.length > 0) request.impersonate.groups = groups
  }
  if (settings.namespace) request.namespace = settings.namespace
  const writes = settings.verb !== 'can-i' && settings.verb !== 'whoami'
  if (settings.dryRun && writes) request.dryRun = true
  if (settings.verb === 'apply' && settings.serverSide) {
    request.serverSide = true
    if (settings.fieldManager?.trim()) request.fieldManager = settings.fieldManager.trim()
    if (settings.forceConflicts) request.force = true
  }
  if (settings.verb === 'patch' && settings.patchType === 'apply' && settings.fieldManager?.trim())
    request.fieldManager = settings.fieldManager.trim()
  if (settings.verb === 'delete') {
    if (settings.propagationPolicy) request.propagationPolicy = settings.propagationPolicy
    const grace = Number(settings.gracePeriodSeconds?.trim() || NaN)
    if (Number.isInteger(grace)) request.gracePeriodSeconds = grace
  }
  if (MANIFEST_VERBS.has(settings.verb) && settings.fieldValidation)
    request.fieldValidation = settings.fieldValidation
  if (settings.verb === 'whoami') delete request.namespace
  return request
}

function canISettings(canI: NonNullable<ScenarioRequest['canI']>): CanISettings {
  return {
    verb: canI.verb,
    resource: `${canI.resource ?? ''}${canI.subresource ? `/${canI.subresource}` : ''}`,
    name: canI.name ?? '',
    list: canI.list ?? false,
  }
}

/** The request bar's optional fields that a scenario request sets; absent ones stay absent. */
function optionalSettings(request: ScenarioRequest, byName: boolean): Partial<RequestSettings> {
  const label = request.title ?? (byName ? undefined : request.name)
  const entries: Partial<RequestSettings> = {
    label,
    token: request.token,
    resource: request.resource,
    name: byName ? request.name : undefined,
    subresource: request.subresource,
    labelSelector: request.labelSelector,
    fieldSelector: request.fieldSelector,
    limit: request.limit !== undefined ? String(request.limit) : undefined,
    continue: request.continue,
    resourceVersion: request.resourceVersion,
    patchType: request.patchType,
    propagationPolicy: request.propagationPolicy,
    gracePeriodSeconds: request.gracePeriodSeconds !== undefined ? String(request.gracePeriodSeconds) : undefined,
    fieldValidation: request.fieldValidation,
    fieldManager: request.verb === 'patch' ? request.fieldManager : undefined,
  }
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined))
}

/** The request bar as a scenario request sets it. */
export function settingsFrom(request: RequestDraft | undefined): RequestSettings {
  if (!request) return DEFAULT_SETTINGS
  const verb = VERBS.includes(request.verb) ? request.verb : 'apply'
  const byManifest = request.manifest !== undefined || request.object !== undefined
  return {
    verb,
    as: request.as ?? 'admin',
    impersonateUser: request.impersonate?.user ?? '',
    impersonateGroups: (request.impersonate?.groups ?? []).join(', '),
    namespace: request.namespace ?? '',
    dryRun: request.dryRun ?? false,
    ...(request.serverSide
      ? { serverSide: true, forceConflicts: request.force ?? false, fieldManager: request.fieldManager ?? '' }
      : {}),
    ...(request.canI ? { canI: canISettings(request.canI) } : {}),
    ...optionalSettings(request, !byManifest && verb !== 'can-i' && verb !== 'whoami'),
  }
}
