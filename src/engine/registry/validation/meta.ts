// ObjectMeta validation on create (k8s.io/apimachinery/pkg/api/validation/objectmeta.go), plus the label
// and annotation helpers every kind's validator reuses.
import type { ObjectMeta } from '../../types'
import { forbidden, invalid, pushMessages, required, tooLong, type ErrorList } from './errors'
import {
  IS_NEGATIVE_ERROR_MSG,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  type NameValidator,
} from './names'

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024

type StringMap = Record<string, string> | undefined

/** metav1validation.ValidateLabels: keys and values are reported against the map's own path. */
export function validateLabels(labels: StringMap, path: string, errs: ErrorList): void {
  if (!labels || typeof labels !== 'object') return
  for (const key in labels) {
    pushMessages(errs, path, key, isQualifiedName(key))
    const value = labels[key]
    if (typeof value === 'string') pushMessages(errs, path, value, isValidLabelValue(value))
  }
}

/** ValidateLabelName: a label key on its own, e.g. a toleration key or a selector requirement key. */
export function validateLabelName(key: string, path: string, errs: ErrorList): void {
  pushMessages(errs, path, key, isQualifiedName(key))
}

export function validateAnnotations(annotations: StringMap, path: string, errs: ErrorList): void {
  if (!annotations || typeof annotations !== 'object') return
  let total = 0
  for (const key in annotations) {
    // Annotation keys follow the label-key rule, except that case does not matter.
    pushMessages(errs, path, key, isQualifiedName(key.toLowerCase()))
    const value = annotations[key]
    total += key.length + (typeof value === 'string' ? value.length : 0)
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT))
}

const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion'])

interface OwnerReference {
  apiVersion?: string
  kind?: string
  name?: string
  uid?: string
  controller?: boolean
}

function validateOwnerReferences(refs: unknown, path: string, errs: ErrorList): void {
  if (!Array.isArray(refs)) return
  let firstController = ''
  for (const raw of refs as OwnerReference[]) {
    const ref = raw ?? {}
    const apiVersion = ref.apiVersion ?? ''
    const slash = apiVersion.indexOf('/')
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1)
    const group = slash < 0 ? '' : apiVersion.slice(0, slash)
    if (!version) errs.push(invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'))
    if (!ref.kind) errs.push(invalid(`${path}.kind`, ref.kind ?? '', 'must not be empty'))
    if (!ref.name) errs.push(invalid(`${path}.name`, ref.name ?? '', 'must not be empty'))
    if (!ref.uid) errs.push(invalid(`${path}.uid`, ref.uid ?? '', 'must not be empty'))
    if (group === '' && version === 'v1' && ref.kind === 'Event') {
      errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'))
    }
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`
      if (firstController) {
        errs.push(
          invalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        )
      } else firstController = current
    }
  }
}

function validateFinalizers(finalizers: unknown, path: string, kubeNames: boolean, errs: ErrorList): void {
  if (!Array.isArray(finalizers)) return
  let orphan = false
  let foreground = false
  for (const f of finalizers as string[]) {
    pushMessages(errs, path, f, isQualifiedName(f))
    if (f === 'orphan') orphan = true
    if (f === 'foregroundDeletion') foreground = true
  }
  if (orphan && foreground) {
    errs.push(invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'))
  }
  if (!kubeNames) return
  // pkg/apis/core/validation adds this check, per finalizer index, after the generic pass.
  ;(finalizers as string[]).forEach((f, i) => {
    if (!f.includes('/') && !standardFinalizers.has(f)) {
      errs.push(
        invalid(`${path}[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified'),
      )
    }
  })
}

export interface ObjectMetaOptions {
  /** Whether the kind is namespaced (metadata.namespace required) or cluster-scoped (forbidden). */
  namespaced: boolean
  nameFn: NameValidator
  /** pkg/apis/core/validation.ValidateObjectMeta also checks finalizer names against the standard ones. */
  kubeFinalizers?: boolean
}

/** ValidateObjectMetaAccessor: generateName, name, namespace, generation, labels, annotations, owners, finalizers. */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  opts: ObjectMetaOptions,
  errs: ErrorList,
): void {
  const m = meta ?? {}
  const path = 'metadata'
  const generateName = m.generateName ?? ''
  if (generateName) pushMessages(errs, `${path}.generateName`, generateName, opts.nameFn(generateName, true))
  const name = m.name ?? ''
  if (!name) errs.push(required(`${path}.name`, 'name or generateName is required'))
  else pushMessages(errs, `${path}.name`, name, opts.nameFn(name, false))

  const namespace = m.namespace ?? ''
  if (opts.namespaced) {
    if (!namespace) errs.push(required(`${path}.namespace`))
    else pushMessages(errs, `${path}.namespace`, namespace, nameIsDNSLabel(namespace, false))
  } else if (namespace) {
    errs.push(forbidden(`${path}.namespace`, 'not allowed on this type'))
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    errs.push(invalid(`${path}.generation`, m.generation, IS_NEGATIVE_ERROR_MSG))
  }
  validateLabels(m.labels, `${path}.labels`, errs)
  validateAnnotations(m.annotations, `${path}.annotations`, errs)
  validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`, errs)
  validateFinalizers(m.finalizers, `${path}.finalizers`, opts.kubeFinalizers ?? false, errs)
  // The real server also validates managedFields (operation, fieldsType); the engine writes them itself.
}
