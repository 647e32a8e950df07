import { compareQuantities, parseQuantity } from '../../registry/quantity'
import type { KubeObject } from '../../types'
import { admissionForbidden } from '../forbidden'
import type { AdmissionContext, AdmissionPlugin } from '../types'
import { isMain, skip } from './common'

interface Claim {
  metadata?: { annotations?: Record<string, string> }
  spec?: { storageClassName?: string | null; resources?: { requests?: Record<string, unknown> } }
  status?: { phase?: string }
}

/** GetPersistentVolumeClaimClass: the beta annotation wins over the field. */
function claimClass(pvc: Claim): string {
  const annotated = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class']
  if (annotated !== undefined) return annotated
  return pvc.spec?.storageClassName ?? ''
}

function allowResize(pvc: Claim, old: Claim, ctx: AdmissionContext): { ok: boolean; why: string } {
  const cls = claimClass(pvc)
  const oldCls = claimClass(old)
  if (!cls || !oldCls)
    return { ok: false, why: 'the claim has no StorageClass, so it was not dynamically provisioned' }
  if (cls !== oldCls) return { ok: false, why: `the update changes the class from "${oldCls}" to "${cls}"` }
  const sc = ctx.cluster.get('storageclasses', '', cls) as
    (KubeObject & { allowVolumeExpansion?: boolean }) | undefined
  if (!sc) return { ok: false, why: `StorageClass "${cls}" does not exist` }
  if (sc.allowVolumeExpansion !== true)
    return { ok: false, why: `StorageClass "${cls}" does not set allowVolumeExpansion: true` }
  return { ok: true, why: `StorageClass "${cls}" allows volume expansion` }
}

/** Lets a claim grow only when it is bound and its StorageClass allows expansion. Shrinking is validation's job. */
export const persistentVolumeClaimResize: AdmissionPlugin = {
  name: 'PersistentVolumeClaimResize',
  validate(attrs, ctx) {
    if (
      !isMain(attrs, '', 'persistentvolumeclaims') ||
      attrs.operation !== 'UPDATE' ||
      !attrs.object ||
      !attrs.oldObject
    )
      return skip('acts only on PersistentVolumeClaim updates')
    const pvc = attrs.object as Claim
    const old = attrs.oldObject as Claim
    const newSize = parseQuantity(pvc.spec?.resources?.requests?.storage ?? '0')
    const oldSize = parseQuantity(old.spec?.resources?.requests?.storage ?? '0')
    if (!(compareQuantities(newSize, oldSize) > 0))
      return { allowed: true, summary: 'the requested storage does not grow' }
    if (old.status?.phase !== 'Bound') {
      return {
        allowed: false,
        status: admissionForbidden(attrs, 'Only bound persistent volume claims can be expanded'),
        summary: `the claim is ${old.status?.phase ?? 'not bound'}, and only a bound claim can grow`,
      }
    }
    const verdict = allowResize(pvc, old, ctx)
    if (!verdict.ok) {
      return {
        allowed: false,
        status: admissionForbidden(
          attrs,
          'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
        ),
        summary: 'the claim cannot be expanded',
        details: [verdict.why],
      }
    }
    return { allowed: true, summary: `the claim may grow: ${verdict.why}` }
  },
}
