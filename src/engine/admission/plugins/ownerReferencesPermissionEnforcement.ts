import type { AuthorizationAttributes } from '../../authorization/types'
import { parseApiVersion, RESOURCES } from '../../resources'
import { admissionForbidden } from '../forbidden'
import type { AdmissionAttributes, AdmissionPlugin } from '../types'
import { skip } from './common'

interface OwnerReference {
  apiVersion?: string
  kind?: string
  name?: string
  uid?: string
  blockOwnerDeletion?: boolean
}

const refsOf = (obj: unknown): OwnerReference[] =>
  (obj as { metadata?: { ownerReferences?: OwnerReference[] } } | undefined)?.metadata?.ownerReferences ?? []

function changesOwnerReferences(attrs: AdmissionAttributes): boolean {
  const next = refsOf(attrs.object)
  if (!attrs.oldObject) return next.length > 0
  return JSON.stringify(refsOf(attrs.oldObject)) !== JSON.stringify(next)
}

/** References that are new, or newly switched to blockOwnerDeletion: true (matched to the old ones by uid). */
function newBlockingRefs(attrs: AdmissionAttributes): OwnerReference[] {
  const blocking = refsOf(attrs.object).filter((r) => r.blockOwnerDeletion === true)
  if (!attrs.oldObject) return blocking
  const old = new Map(refsOf(attrs.oldObject).map((r) => [r.uid, r]))
  return blocking.filter((r) => old.get(r.uid)?.blockOwnerDeletion !== true)
}

/** Go's `%v, %v` of the authorizer's reason and error: the error is always nil here. */
const reasonText = (reason: string) => `${reason}, <nil>`

/**
 * Setting ownerReferences on an existing object needs delete on it; setting blockOwnerDeletion: true needs
 * update on the owner's finalizers subresource, because it lets you hold up the owner's foreground deletion.
 */
export const ownerReferencesPermissionEnforcement: AdmissionPlugin = {
  name: 'OwnerReferencesPermissionEnforcement',
  validate(attrs, ctx) {
    if (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE')
      return skip('acts only on creates and updates')
    // pods/status is exempt: the Pod status strategy already refuses ownerReference changes there.
    if (attrs.resource.group === '' && attrs.resource.resource === 'pods' && attrs.subresource === 'status')
      return skip('pods/status is exempt')
    if (!changesOwnerReferences(attrs))
      return { allowed: true, summary: 'the request does not change ownerReferences' }
    if (!ctx.authorize)
      return {
        allowed: true,
        summary: 'the authorizer is not connected to admission in this simulation: not checked',
      }
    const base = { user: attrs.userInfo, namespace: attrs.namespace, isResourceRequest: true, path: '' }
    // A creator could always have not created the object, so only updates need delete on it.
    if (attrs.operation !== 'CREATE') {
      const decision = ctx.authorize({
        ...base,
        verb: 'delete',
        apiGroup: attrs.resource.group,
        apiVersion: attrs.resource.version,
        resource: attrs.resource.resource,
        subresource: attrs.subresource,
        name: attrs.name,
      })
      if (decision.decision !== 'Allow') {
        return {
          allowed: false,
          status: admissionForbidden(
            attrs,
            `cannot set an ownerRef on a resource you can't delete: ${reasonText(decision.reason)}`,
          ),
          summary: `${attrs.userInfo.username} may not delete this object, so may not change its owners`,
        }
      }
    }
    const refs = newBlockingRefs(attrs)
    if (refs.length === 0)
      return { allowed: true, summary: 'no ownerReference newly sets blockOwnerDeletion' }
    const finalizeAnything: AuthorizationAttributes = {
      ...base,
      namespace: '',
      verb: 'update',
      apiGroup: '*',
      apiVersion: '*',
      resource: '*',
      subresource: 'finalizers',
      name: '*',
    }
    if (ctx.authorize(finalizeAnything).decision === 'Allow')
      return { allowed: true, summary: `${attrs.userInfo.username} may update the finalizers of anything` }
    for (const ref of refs) {
      const { group, version } = parseApiVersion(ref.apiVersion ?? '')
      const mappings = RESOURCES.filter(
        (r) => r.group === group && r.version === version && r.kind === ref.kind,
      )
      if (mappings.length === 0) {
        return {
          allowed: false,
          status: admissionForbidden(
            attrs,
            `cannot set blockOwnerDeletion in this case because cannot find RESTMapping for APIVersion ${ref.apiVersion} Kind ${ref.kind}: no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`,
          ),
          summary: `the owner kind ${ref.kind} (${ref.apiVersion}) is not served`,
        }
      }
      for (const mapping of mappings) {
        const decision = ctx.authorize({
          ...base,
          verb: 'update',
          apiGroup: group,
          apiVersion: version,
          resource: mapping.resource,
          subresource: 'finalizers',
          name: ref.name ?? '',
        })
        if (decision.decision !== 'Allow') {
          return {
            allowed: false,
            status: admissionForbidden(
              attrs,
              `cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on: ${reasonText(decision.reason)}`,
            ),
            summary: `${attrs.userInfo.username} may not update ${mapping.resource}/finalizers of "${ref.name}"`,
            details: [
              "blockOwnerDeletion: true makes the owner wait for this object during foreground deletion, so it needs the right to update the owner's finalizers.",
            ],
          }
        }
      }
    }
    return {
      allowed: true,
      summary: `${attrs.userInfo.username} may block the deletion of every owner it names`,
    }
  },
}
