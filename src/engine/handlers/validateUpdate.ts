// The update-only rules of the kinds the engine models: what may not change once an object exists.
// (Create-time rules run too: the handler calls the kind's validation before these.)
import { validatePodDisruptionBudgetStatus } from '../registry/validation/policy'
import type { Obj } from '../registry/validation/util'
import type { ResourceInfo } from '../resources'
import type { FieldError, KubeObject } from '../types'

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
const IMMUTABLE_WHEN_SET = 'field is immutable when `immutable` is set'

/** Pod fields an update may change; everything else in spec is fixed once the Pod exists. */
function maskMutablePodFields(spec: Record<string, unknown> | undefined): unknown {
  if (!spec) return spec
  const copy = JSON.parse(JSON.stringify(spec)) as Record<string, unknown>
  for (const list of ['containers', 'initContainers']) {
    for (const c of (copy[list] as Record<string, unknown>[] | undefined) ?? []) delete c.image
  }
  delete copy.activeDeadlineSeconds
  delete copy.terminationGracePeriodSeconds
  delete copy.tolerations
  return copy
}

export function validateUpdate(obj: KubeObject, old: KubeObject, resource: ResourceInfo): FieldError[] {
  const errors: FieldError[] = []
  const spec = obj.spec as Record<string, unknown> | undefined
  const oldSpec = old.spec as Record<string, unknown> | undefined
  if (obj.metadata?.uid !== old.metadata?.uid)
    errors.push({
      type: 'FieldValueInvalid',
      field: 'metadata.uid',
      badValue: obj.metadata?.uid ?? '',
      detail: 'field is immutable',
    })
  switch (resource.kind) {
    case 'Pod':
      if (!same(maskMutablePodFields(spec), maskMutablePodFields(oldSpec)))
        // The real message goes on with a diff of the two specs; the simulation leaves the diff out.
        errors.push({
          type: 'FieldValueForbidden',
          field: 'spec',
          detail:
            'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
        })
      break
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      if (!same(spec?.selector, oldSpec?.selector))
        errors.push({
          type: 'FieldValueInvalid',
          field: 'spec.selector',
          badValue: spec?.selector ?? null,
          detail: 'field is immutable',
        })
      break
    case 'ConfigMap':
    case 'Secret':
      if (old.immutable === true) {
        if (obj.immutable !== true)
          errors.push({ type: 'FieldValueForbidden', field: 'immutable', detail: IMMUTABLE_WHEN_SET })
        if (!same(obj.data, old.data))
          errors.push({ type: 'FieldValueForbidden', field: 'data', detail: IMMUTABLE_WHEN_SET })
        if (resource.kind === 'ConfigMap' && !same(obj.binaryData, old.binaryData))
          errors.push({ type: 'FieldValueForbidden', field: 'binaryData', detail: IMMUTABLE_WHEN_SET })
      }
      if (resource.kind === 'Secret' && obj.type !== old.type)
        errors.push({
          type: 'FieldValueInvalid',
          field: 'type',
          badValue: obj.type ?? '',
          detail: 'field is immutable',
        })
      break
    case 'Job':
      // ValidateJobSpecUpdate: what a Job runs is fixed once it exists.
      for (const field of ['selector', 'template', 'completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'])
        if (!same(spec?.[field], oldSpec?.[field]))
          errors.push({ type: 'FieldValueInvalid', field: `spec.${field}`, badValue: spec?.[field] ?? null, detail: 'field is immutable' })
      break
    case 'PodDisruptionBudget':
      errors.push(...validatePodDisruptionBudgetStatus(obj as Obj))
      break
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      if (!same(obj.roleRef, old.roleRef))
        errors.push({
          type: 'FieldValueInvalid',
          field: 'roleRef',
          badValue: obj.roleRef,
          detail: 'cannot change roleRef',
        })
      break
  }
  return errors
}
