// The field manager (k8s.io/apimachinery/pkg/util/managedfields): who owns which field of an object.
// An Update (create, PUT, the other patches) gives its manager every field it changed and takes those
// fields from everyone else. An Apply (server-side apply) merges the manager's configuration into the live
// object, removes the fields the manager applied last time and no one owns any more, and refuses (409) to
// change a field another manager owns unless forced.
import { cloneJson } from '../clone'
import { sortedJson } from '../encoding'
import type { KubeObject, ManagedFieldsEntry, Status } from '../types'
import {
  difference,
  emptySet,
  fromFieldsV1,
  insert,
  intersection,
  isEmpty,
  pathString,
  paths,
  toFieldsV1,
  union,
  type FieldSet,
} from './fieldpath'
import { emptyObjectFor } from './schema'
import { compare, merge, removeItems, toFieldSet } from './typed'

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration'
/** The manager that owns everything of an object that had no managedFields when it was first applied. */
export const BEFORE_FIRST_APPLY = 'before-first-apply'

interface Manager {
  manager: string
  operation: 'Apply' | 'Update'
  apiVersion: string
  subresource?: string
  time?: string
  set: FieldSet
}

export interface Writer {
  manager: string
  /** The group/version the request was made in, as `apps/v1`. */
  apiVersion: string
  /** `status` for writes to the status subresource. */
  subresource?: string
  time: string
}

/** The entry a writer's operation would have, before it owns anything. */
function managerOf(writer: Writer, operation: 'Apply' | 'Update'): Omit<Manager, 'set'> {
  return {
    manager: writer.manager,
    operation,
    apiVersion: writer.apiVersion,
    ...(writer.subresource ? { subresource: writer.subresource } : {}),
  }
}

/** Managers are told apart by name, operation, subresource and, for updates, the version they wrote. */
function identifier(m: Pick<Manager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify({
    manager: m.manager,
    operation: m.operation,
    ...(m.operation === 'Update' ? { apiVersion: m.apiVersion } : {}),
    ...(m.subresource ? { subresource: m.subresource } : {}),
  })
}

function decode(entries: ManagedFieldsEntry[] | undefined): Manager[] {
  return (entries ?? []).map((e) => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    ...(e.subresource ? { subresource: e.subresource } : {}),
    ...(e.time ? { time: e.time } : {}),
    set: fromFieldsV1(e.fieldsV1),
  }))
}

/** Apply entries first, then by time, manager, version and subresource (encodeManagedFields' order). */
function encode(managers: Manager[]): ManagedFieldsEntry[] {
  const sorted = managers
    .filter((m) => !isEmpty(m.set))
    .sort(
      (p, q) =>
        cmp(p.operation, q.operation) ||
        cmp(p.time ?? '', q.time ?? '') ||
        cmp(p.manager, q.manager) ||
        cmp(p.apiVersion, q.apiVersion) ||
        cmp(p.subresource ?? '', q.subresource ?? ''),
    )
  return sorted.map((m) => {
    const entry = {
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time ? { time: m.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(m.set),
      ...(m.subresource ? { subresource: m.subresource } : {}),
    }
    return entry as ManagedFieldsEntry
  })
}

/** How many Update entries an object keeps before the oldest are folded together (capManagersManager). */
export const MAX_UPDATE_MANAGERS = 10
export const ANCIENT_CHANGES = 'ancient-changes'

/**
 * Past ten Update entries, the oldest are merged into one `ancient-changes` entry per API version, so that a
 * much-written object's managedFields stay bounded. The bucket takes the time of the newest entry it absorbs.
 */
function capUpdateManagers(managers: Manager[]): Manager[] {
  const updaters = managers
    .filter((m) => m.operation === 'Update')
    .sort((p, q) => cmp(p.time ?? '', q.time ?? '') || cmp(identifier(p), identifier(q)))
  let count = updaters.length
  if (count <= MAX_UPDATE_MANAGERS) return managers
  const out = new Set(managers)
  const firstOfVersion = new Map<string, Manager>()
  // A bucket left by an earlier write keeps collecting; only a new one takes the version's oldest entry.
  const buckets = new Map(
    updaters.filter((m) => m.manager === ANCIENT_CHANGES && !m.subresource).map((m) => [m.apiVersion, m]),
  )
  for (const m of updaters) {
    if (count <= MAX_UPDATE_MANAGERS) break
    const first = firstOfVersion.get(m.apiVersion)
    if (!first) {
      firstOfVersion.set(m.apiVersion, m)
      continue
    }
    let bucket = buckets.get(m.apiVersion)
    if (!bucket) {
      out.delete(first)
      bucket = { manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: m.apiVersion, set: first.set }
      buckets.set(m.apiVersion, bucket)
      out.add(bucket)
    }
    if (bucket === m) continue
    bucket.set = union(m.set, bucket.set)
    if (m.time) bucket.time = m.time
    out.delete(m)
    count--
  }
  return [...out]
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const STRIPPED_METADATA = [
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'generation',
  'managedFields',
  'resourceVersion',
]

/** The fields no manager ever owns (stripMeta), and the half of the object the endpoint does not write. */
function ignoredFields(subresource: string | undefined, obj: KubeObject): FieldSet {
  const set = emptySet()
  insert(set, ['f:apiVersion'])
  insert(set, ['f:kind'])
  for (const field of STRIPPED_METADATA) insert(set, ['f:metadata', `f:${field}`])
  if (subresource === 'status') {
    // The status endpoint writes status only: everything else is reset from the stored object.
    for (const key of Object.keys(obj)) if (key !== 'status') insert(set, [`f:${key}`])
  } else insert(set, ['f:status'])
  return set
}

/** Subtracts the ignored fields, whole subtrees included. */
function withoutIgnored(set: FieldSet, ignored: FieldSet): FieldSet {
  const out = difference(set, ignored)
  for (const [key, node] of ignored.children) {
    const child = out.children.get(key)
    if (!child) continue
    if (node.member) out.children.delete(key)
    else {
      const rest = withoutIgnored(child, node)
      if (isEmpty(rest)) out.children.delete(key)
      else out.children.set(key, rest)
    }
  }
  return out
}

/** The object without managedFields and resourceVersion; shallow, since the walks only read it. */
function plain(obj: KubeObject): Record<string, unknown> {
  if (!obj.metadata) return obj
  const { managedFields: _m, resourceVersion: _r, ...metadata } = obj.metadata
  return { ...obj, metadata }
}

/**
 * The managedFields after an Update by `writer` that turns `live` (undefined for a create) into `next`.
 * A write that changes nothing leaves the entries as they were.
 */
export function updateManagedFields(
  live: KubeObject | undefined,
  next: KubeObject,
  writer: Writer,
): ManagedFieldsEntry[] {
  const kind = next.kind ?? ''
  const managers = decode(live?.metadata?.managedFields)
  const ignored = ignoredFields(writer.subresource, next)
  const before = live ? plain(live) : emptyObjectFor(kind)
  const diff = compare(before, plain(next), kind)
  const changed = withoutIgnored(union(diff.modified, diff.added), ignored)
  const removed = diff.removed
  for (const m of managers) m.set = difference(difference(m.set, changed), removed)
  const taken = difference(changed, removed)
  if (!isEmpty(taken)) {
    const self = managerOf(writer, 'Update')
    const id = identifier(self)
    const existing = managers.find((m) => identifier(m) === id)
    if (existing) {
      existing.set = union(existing.set, taken)
      existing.time = writer.time
    } else managers.push({ ...self, time: writer.time, set: taken })
  }
  return encode(capUpdateManagers(managers))
}

export interface Conflict {
  manager: string
  /** How the manager is named in messages: `"kubectl-client-side-apply" using apps/v1`. */
  managerText: string
  path: string
}

export type ApplyResult =
  | {
      ok: true
      /** The merged object (without managedFields), or undefined when the apply changes nothing in it. */
      object: KubeObject | undefined
      managedFields: ManagedFieldsEntry[]
      /** Conflicts that were overridden, by force or by the last-applied configuration. */
      overridden: Conflict[]
      /** Fields this manager applied last time, no one owns any more, and the apply removed. */
      pruned: string[]
    }
  | { ok: false; conflicts: Conflict[] }

/** printManager: Update managers carry the version they wrote; a status writer says so. */
function managerText(m: Manager): string {
  let text = JSON.stringify(m.manager)
  if (m.subresource) text += ` with subresource ${JSON.stringify(m.subresource)}`
  return m.operation === 'Update' ? `${text} using ${m.apiVersion}` : text
}

/** The configuration's own fields: what an Apply manager owns. */
function configSet(config: KubeObject, ignored: FieldSet): FieldSet {
  return withoutIgnored(toFieldSet(config as Record<string, unknown>, config.kind ?? ''), ignored)
}

/** The fields the last-applied annotation lists; kubectl's server-side apply may take them from anyone. */
function lastAppliedSet(live: KubeObject, ignored: FieldSet): FieldSet | undefined {
  const text = live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION]
  if (!text) return undefined
  try {
    return configSet(JSON.parse(text) as KubeObject, ignored)
  } catch {
    return undefined
  }
}

/** Server-side apply of `config` by `writer` to `live` (undefined when the apply creates the object). */
export function applyConfiguration(
  live: KubeObject | undefined,
  config: KubeObject,
  writer: Writer,
  force: boolean,
): ApplyResult {
  const kind = config.kind ?? ''
  const ignored = ignoredFields(writer.subresource, config)
  let managers = decode(live?.metadata?.managedFields)
  const before = live ? plain(live) : emptyObjectFor(kind)
  if (live && managers.length === 0) {
    // An object that no manager has written yet is owned, as a whole, by a placeholder manager.
    managers = [
      {
        manager: BEFORE_FIRST_APPLY,
        operation: 'Update',
        apiVersion: writer.apiVersion,
        set: withoutIgnored(toFieldSet(before, kind), ignored),
      },
    ]
  }
  const self = managerOf(writer, 'Apply')
  const id = identifier(self)
  const previous = managers.find((m) => identifier(m) === id)
  const others = managers.filter((m) => m !== previous)
  const applied: Manager = {
    ...self,
    ...(previous?.time ? { time: previous.time } : {}),
    set: configSet(config, ignored),
  }

  let merged = merge(before, plain(config), kind)
  const pruned: string[] = []
  if (previous) {
    // Fields applied last time and not this time go, unless someone (this configuration included) owns them.
    const owned = others.reduce((acc, m) => union(acc, m.set), applied.set)
    const toRemove = difference(previous.set, owned)
    if (!isEmpty(toRemove)) {
      const result = removeItems(merged, toRemove, kind)
      const gone = compare(merged, result, kind).removed
      for (const path of paths(intersection(gone, toRemove))) pruned.push(pathString(path))
      merged = result
    }
  }

  const diff = compare(before, merged, kind)
  const changed = withoutIgnored(union(diff.modified, diff.added), ignored)
  const conflicts: { manager: Manager; set: FieldSet }[] = []
  for (const m of others) {
    const set = intersection(m.set, changed)
    if (!isEmpty(set)) conflicts.push({ manager: m, set })
  }
  conflicts.sort((a, b) => cmp(identifier(a.manager), identifier(b.manager)))
  const describe = (excluded: FieldSet) =>
    conflicts.flatMap(({ manager, set }) =>
      paths(difference(set, excluded)).map((path) => ({
        manager: manager.manager,
        managerText: managerText(manager),
        path: pathString(path),
      })),
    )
  const listed = describe(emptySet())
  if (listed.length && !force) {
    // kubectl's own server-side apply may take over what its client-side apply recorded (lastAppliedManager).
    const recorded = writer.manager === 'kubectl' && live ? lastAppliedSet(live, ignored) : undefined
    const remaining = recorded ? describe(recorded) : listed
    if (remaining.length) return { ok: false, conflicts: remaining }
  }
  for (const m of others) m.set = difference(difference(m.set, changed), diff.removed)

  const objectChanged = !isEmpty(diff.added) || !isEmpty(diff.modified) || !isEmpty(diff.removed)
  if (objectChanged) applied.time = writer.time
  const result = [...others, applied]
  let object: KubeObject | undefined
  if (objectChanged || !live) {
    object = merged as KubeObject
    // kubectl's server-side apply keeps the client-side annotation in step, so both kinds of apply agree.
    const annotations = object.metadata?.annotations
    if (writer.manager === 'kubectl' && annotations?.[LAST_APPLIED_ANNOTATION] !== undefined)
      annotations[LAST_APPLIED_ANNOTATION] = lastAppliedValue(config)
  }
  return { ok: true, object, managedFields: encode(capUpdateManagers(result)), overridden: listed, pruned }
}

/** The annotation as the API server writes it: the configuration without the annotation, keys sorted. */
function lastAppliedValue(config: KubeObject): string {
  const copy = cloneJson(config)
  const annotations = copy.metadata?.annotations
  if (annotations) {
    delete annotations[LAST_APPLIED_ANNOTATION]
    if (Object.keys(annotations).length === 0) delete copy.metadata!.annotations
  }
  return `${sortedJson(copy)}\n`
}

/** errors.NewApplyConflict with the message of the field manager's NewConflictError. */
export function applyConflictStatus(conflicts: Conflict[]): Status {
  let message: string
  if (conflicts.length === 1) {
    const [c] = conflicts
    message = `Apply failed with 1 conflict: conflict with ${c!.managerText}: ${c!.path}`
  } else {
    const lines: string[] = []
    let last = ''
    for (const c of conflicts) {
      if (c.managerText !== last) lines.push(`conflicts with ${c.managerText}:`)
      last = c.managerText
      lines.push(`- ${c.path}`)
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: {
      causes: conflicts.map((c) => ({
        reason: 'FieldManagerConflict',
        message: `conflict with ${c.managerText}`,
        field: c.path,
      })),
    },
    code: 409,
  } as Status
}

export interface Ownership {
  manager: string
  operation: 'Apply' | 'Update'
  apiVersion: string
  subresource?: string
  /** The owned fields as paths: `.spec.replicas`, `.spec.containers[name="web"].image`. */
  fields: string[]
}

/** managedFields as a reader wants them: each manager with the paths it owns. */
export function ownershipOf(entries: ManagedFieldsEntry[] | undefined): Ownership[] {
  return decode(entries).map((m) => ({
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.apiVersion,
    ...(m.subresource ? { subresource: m.subresource } : {}),
    fields: paths(m.set).map(pathString),
  }))
}
