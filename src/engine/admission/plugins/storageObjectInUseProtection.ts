import type { AdmissionPlugin } from '../types'
import { isMain, skip } from './common'

const PVC_PROTECTION = 'kubernetes.io/pvc-protection'
const PV_PROTECTION = 'kubernetes.io/pv-protection'

/**
 * Adds a finalizer to every new PersistentVolumeClaim and PersistentVolume, so deleting one that is still in
 * use only marks it; the pvc-protection / pv-protection controllers remove the finalizer once nothing uses it.
 */
export const storageObjectInUseProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  admit(attrs) {
    if (attrs.operation !== 'CREATE')
      return skip('acts only on creation of PersistentVolumeClaims and PersistentVolumes')
    const isClaim = isMain(attrs, '', 'persistentvolumeclaims')
    if (!isClaim && !isMain(attrs, '', 'persistentvolumes'))
      return skip('acts only on PersistentVolumeClaims and PersistentVolumes')
    const finalizer = isClaim ? PVC_PROTECTION : PV_PROTECTION
    const meta = (attrs.object!.metadata ??= {})
    if (meta.finalizers?.includes(finalizer))
      return { allowed: true, summary: `the finalizer ${finalizer} is already there` }
    ;(meta.finalizers ??= []).push(finalizer)
    return {
      allowed: true,
      summary: `added the finalizer ${finalizer}`,
      details: [
        isClaim
          ? 'Deleting the claim while a Pod still mounts it will only set deletionTimestamp; the claim goes once no Pod uses it.'
          : 'Deleting the volume while a claim is bound to it will only set deletionTimestamp; it goes once it is released.',
      ],
    }
  },
}
