import { forbidden } from '../status'
import type { Status } from '../types'
import type { AdmissionAttributes } from './types'

/**
 * admission.NewForbidden: names the object by its name, else its generateName, else "Unknown", since name
 * generation has not happened yet during admission.
 */
export function admissionForbidden(attrs: AdmissionAttributes, reason: string): Status {
  const meta = attrs.object?.metadata
  const name = attrs.name || meta?.name || meta?.generateName || 'Unknown'
  return forbidden({ group: attrs.resource.group, resource: attrs.resource.resource }, name, reason)
}

export function isPodCreate(attrs: AdmissionAttributes): boolean {
  return attrs.resource.group === '' && attrs.resource.resource === 'pods' && attrs.subresource === '' && attrs.operation === 'CREATE'
}
