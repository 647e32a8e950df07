// Server-side Tables: a get or list whose Accept asks for `application/json;as=Table;v=v1;g=meta.k8s.io`
// (or v1beta1) is answered with a meta.k8s.io Table built by the kind's printer, or by the default table
// convertor (Name, Created At) for kinds without one. `includeObject` decides what each row carries: the
// object's metadata as PartialObjectMetadata (the default), the whole object, or nothing.
import type { ResourceInfo } from '../resources'
import { badRequest } from '../status'
import type { KubeObject, Status } from '../types'
import { DESCRIPTIONS } from './descriptions'
import { PRINTERS } from './columns'
import { CLUSTER_PRINTERS } from './clusterPrinters'
import { NAME, type ColumnDefinition, type KindPrinter } from './helpers'

const DEFAULT_COLUMNS: ColumnDefinition[] = [
  NAME,
  { name: 'Created At', type: 'date', format: '', description: DESCRIPTIONS.creationTimestamp, priority: 0 },
]

/** metav1.Time in RFC 3339, as the default convertor writes creationTimestamp.Time.UTC(). */
const createdAt = (obj: KubeObject) => obj.metadata?.creationTimestamp ?? '0001-01-01T00:00:00Z'

const DEFAULT_PRINTER: KindPrinter = {
  columns: DEFAULT_COLUMNS,
  cells: (obj) => [obj.metadata?.name ?? '', createdAt(obj as KubeObject)],
}

interface MediaRange {
  type: string
  params: Record<string, string>
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((clause) => {
      const [type = '', ...params] = clause.split(';').map((p) => p.trim())
      const map: Record<string, string> = {}
      for (const p of params) {
        const eq = p.indexOf('=')
        if (eq > 0) map[p.slice(0, eq).trim()] = p.slice(eq + 1).trim()
      }
      return { type: type.toLowerCase(), params: map }
    })
    .filter((r) => r.type)
}

/**
 * The Table version the client asked for, in the order it listed its media types: `v1` or `v1beta1`, or
 * undefined when the first acceptable range is a plain object (or nothing asks for a Table).
 */
export function requestedTableVersion(accept: string | undefined): 'v1' | 'v1beta1' | undefined {
  for (const range of parseAccept(accept ?? '')) {
    const { as, g, v } = range.params
    if (as === undefined) {
      if (['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', '*/*', 'application/*'].includes(range.type)) return undefined
      continue
    }
    if (as === 'Table' && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1') && range.type !== 'application/yaml') return v
  }
  return undefined
}

type IncludeObject = 'Object' | 'Metadata' | 'None'

export function includeObjectPolicy(query: URLSearchParams): IncludeObject | Status {
  const given = query.get('includeObject') ?? ''
  if (given === '') return 'Metadata'
  if (given === 'Object' || given === 'Metadata' || given === 'None') return given
  return badRequest(`includeObject: Unsupported value: "${given}": supported values: "Metadata", "None", "Object"`)
}

function rowObject(obj: KubeObject, resource: ResourceInfo, include: IncludeObject): unknown {
  const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version
  // Go writes TypeMeta's kind before apiVersion.
  if (include === 'Object') {
    const { apiVersion: _a, kind: _k, ...rest } = obj
    return { kind: resource.kind, apiVersion, ...rest }
  }
  // PartialObjectMetadata: the object's TypeMeta is replaced by its own.
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} }
}

export interface TableOptions {
  version: 'v1' | 'v1beta1'
  includeObject: IncludeObject
  now: string
  /** False for watch events after the first: kubectl keeps the header it printed. */
  withColumns?: boolean
}

/** The Table for one object or for a list (`items` plus its ListMeta). */
export function toTable(resource: ResourceInfo, body: KubeObject, options: TableOptions): Record<string, unknown> {
  const kind = `${resource.group}/${resource.kind}`
  const printer = PRINTERS[kind] ?? CLUSTER_PRINTERS[kind] ?? DEFAULT_PRINTER
  const isList = Array.isArray((body as { items?: unknown }).items)
  const items = isList ? ((body as { items: KubeObject[] }).items) : [body]
  const rows = items.map((item) => {
    const row: Record<string, unknown> = { cells: printer.cells(item as never, options.now) }
    const conditions = printer.conditions?.(item as never)
    if (conditions) row.conditions = conditions
    if (options.includeObject !== 'None') row.object = rowObject(item, resource, options.includeObject)
    return row
  })
  const listMeta = isList ? (body.metadata as Record<string, unknown>) : { resourceVersion: body.metadata?.resourceVersion }
  const metadata: Record<string, unknown> = {}
  if (listMeta?.resourceVersion) metadata.resourceVersion = listMeta.resourceVersion
  if (listMeta?.continue) metadata.continue = listMeta.continue
  if (listMeta?.remainingItemCount !== undefined) metadata.remainingItemCount = listMeta.remainingItemCount
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${options.version}`,
    metadata,
    columnDefinitions: options.withColumns === false ? null : printer.columns,
    rows,
  }
}

/**
 * What a get or list answers: the object itself, or its Table when the Accept header asks for one
 * (a 400 Status for a bad includeObject).
 */
export function negotiateTable(accept: string | undefined, query: URLSearchParams, resource: ResourceInfo, body: KubeObject, now: string): { body: unknown } | { status: Status } {
  const version = requestedTableVersion(accept)
  if (!version) return { body }
  const includeObject = includeObjectPolicy(query)
  if (typeof includeObject !== 'string') return { status: includeObject }
  return { body: toTable(resource, body, { version, includeObject, now }) }
}
