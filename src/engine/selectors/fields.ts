// Field selectors (k8s.io/apimachinery/pkg/fields) and the fields each kind lets a client select on. A kind
// that registered a field-label conversion function accepts only its own list and answers with its own
// words; every other kind accepts metadata.name and metadata.namespace only
// (runtime.DefaultMetaV1FieldSelectorConversion).
import type { ResourceInfo } from '../resources'
import type { KubeObject } from '../types'
import type { ParseOutcome } from './labels'

export interface FieldTerm {
  field: string
  operator: '=' | '!='
  value: string
}

export type FieldSelector = FieldTerm[]

/** Commas escaped with a backslash are data, not separators; the backslash stays in the term. */
function splitTerms(selector: string): string[] {
  if (selector === '') return []
  const terms: string[] = []
  let start = 0
  let inSlash = false
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]
    if (inSlash) inSlash = false
    else if (c === '\\') inSlash = true
    else if (c === ',') {
      terms.push(selector.slice(start, i))
      start = i + 1
    }
  }
  terms.push(selector.slice(start))
  return terms
}

// `==` is tried before `=` so that a leading `=` is not left on the value.
const TERM_OPERATORS = ['!=', '==', '='] as const

function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS)
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) }
  }
  return undefined
}

function unescapeValue(s: string): ParseOutcome<string> {
  let out = ''
  let inSlash = false
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=')
        return { ok: false, error: `invalid field selector: invalid escape sequence: \\${c}` }
      out += c
      inSlash = false
      continue
    }
    if (c === '\\') inSlash = true
    // Go prints the rune with %v, which is its code point number.
    else if (c === ',' || c === '=')
      return { ok: false, error: `invalid field selector: unescaped character in value: ${c.codePointAt(0)}` }
    else out += c
  }
  if (inSlash) return { ok: false, error: 'invalid field selector: invalid escape sequence: \\' }
  return { ok: true, value: out }
}

/** fields.ParseSelector: terms sorted as strings, each `field=value`, `field==value` or `field!=value`. */
export function parseFieldSelector(selector: string): ParseOutcome<FieldSelector> {
  const terms: FieldSelector = []
  for (const part of splitTerms(selector).sort()) {
    if (part === '') continue
    const split = splitTerm(part)
    if (!split) return { ok: false, error: `invalid selector: '${selector}'; can't understand '${part}'` }
    const value = unescapeValue(split.rhs)
    if (!value.ok) return value
    terms.push({ field: split.lhs, operator: split.op === '!=' ? '!=' : '=', value: value.value })
  }
  return { ok: true, value: terms }
}

interface KindFields {
  /** Labels the kind's conversion function accepts (after renames). */
  accepted: readonly string[]
  renames?: Record<string, string>
  reject(label: string): string
  /** The kind's own selectable fields, beyond the object-meta ones. */
  fields?(obj: KubeObject): Record<string, string>
}

const notSupported = (label: string) => `field label not supported: ${label}`
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v))
const at = (obj: KubeObject, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    )

// pkg/apis/core/v1/conversion.go, pkg/apis/batch/v1/conversion.go and the strategies' ToSelectableFields.
const KIND_FIELDS: Record<string, KindFields> = {
  '/Pod': {
    accepted: [
      'metadata.name',
      'metadata.namespace',
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
    ],
    // Old v1 clients sent spec.host.
    renames: { 'spec.host': 'spec.nodeName' },
    reject: notSupported,
    fields: (pod) => {
      const podIPs = at(pod, 'status.podIPs') as { ip?: string }[] | undefined
      return {
        'spec.nodeName': str(at(pod, 'spec.nodeName')),
        'spec.restartPolicy': str(at(pod, 'spec.restartPolicy')),
        'spec.schedulerName': str(at(pod, 'spec.schedulerName')),
        'spec.serviceAccountName': str(at(pod, 'spec.serviceAccountName')),
        'spec.hostNetwork': String(at(pod, 'spec.hostNetwork') === true),
        'status.phase': str(at(pod, 'status.phase')),
        'status.podIP': str(podIPs?.[0]?.ip),
        'status.nominatedNodeName': str(at(pod, 'status.nominatedNodeName')),
      }
    },
  },
  '/Node': {
    accepted: ['metadata.name', 'spec.unschedulable'],
    reject: notSupported,
    fields: (node) => ({ 'spec.unschedulable': String(at(node, 'spec.unschedulable') === true) }),
  },
  '/ReplicationController': {
    accepted: ['metadata.name', 'metadata.namespace', 'status.replicas'],
    reject: notSupported,
    fields: (rc) => ({ 'status.replicas': String(Number(at(rc, 'status.replicas') ?? 0)) }),
  },
  '/Event': {
    accepted: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
      'metadata.namespace',
      'metadata.name',
    ],
    reject: notSupported,
    fields: (ev) => {
      const out: Record<string, string> = {}
      for (const f of ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'])
        out[`involvedObject.${f}`] = str(at(ev, `involvedObject.${f}`))
      out.reason = str(ev.reason)
      out.reportingComponent = str(ev.reportingComponent)
      out.source = str(at(ev, 'source.component'))
      out.type = str(ev.type)
      return out
    },
  },
  '/Namespace': {
    accepted: ['status.phase', 'metadata.name'],
    reject: notSupported,
    fields: (ns) => ({ 'status.phase': str(at(ns, 'status.phase')) }),
  },
  '/Secret': {
    accepted: ['type', 'metadata.namespace', 'metadata.name'],
    reject: notSupported,
    fields: (secret) => ({ type: str(secret.type) }),
  },
  '/Service': {
    accepted: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'],
    reject: notSupported,
    fields: (svc) => ({
      'spec.clusterIP': str(at(svc, 'spec.clusterIP')),
      'spec.type': str(at(svc, 'spec.type')),
    }),
  },
  'batch/Job': {
    accepted: ['metadata.name', 'metadata.namespace', 'status.successful'],
    reject: (label) => `field label ${JSON.stringify(label)} not supported for batchv1.Job`,
    fields: (job) => ({ 'status.successful': String(Number(at(job, 'status.succeeded') ?? 0)) }),
  },
}

const DEFAULT_FIELDS: KindFields = {
  accepted: ['metadata.name', 'metadata.namespace'],
  reject: (label) =>
    `${JSON.stringify(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
}

function kindFields(resource: ResourceInfo): KindFields {
  return KIND_FIELDS[`${resource.group}/${resource.kind}`] ?? DEFAULT_FIELDS
}

/**
 * The handler's Transform with scope.Convertor.ConvertFieldLabel: each term's field must be one the kind
 * accepts; the first one that is not (in sorted order) is the 400's message.
 */
export function convertFieldSelector(
  resource: ResourceInfo,
  selector: FieldSelector,
): ParseOutcome<FieldSelector> {
  const spec = kindFields(resource)
  const out: FieldSelector = []
  for (const term of selector) {
    const field = spec.renames?.[term.field] ?? term.field
    if (!spec.accepted.includes(field)) return { ok: false, error: spec.reject(term.field) }
    out.push({ ...term, field })
  }
  return { ok: true, value: out }
}

/** GetAttrs' field set: object meta (name, and namespace for namespaced kinds) plus the kind's own. */
export function selectableFields(resource: ResourceInfo, obj: KubeObject): Record<string, string> {
  const meta: Record<string, string> = { 'metadata.name': obj.metadata?.name ?? '' }
  if (resource.namespaced) meta['metadata.namespace'] = obj.metadata?.namespace ?? ''
  return { ...(kindFields(resource).fields?.(obj) ?? {}), ...meta }
}

/** A field absent from the set reads as "", as fields.Set.Get does. */
export function matchesFields(selector: FieldSelector, fields: Record<string, string>): boolean {
  return selector.every((t) => ((fields[t.field] ?? '') === t.value) === (t.operator === '='))
}

/** metadata.name=<x> as the only equality on the name: a request for one object. */
export function requiredExactMatch(selector: FieldSelector, field: string): string | undefined {
  return selector.find((t) => t.field === field && t.operator === '=')?.value
}
