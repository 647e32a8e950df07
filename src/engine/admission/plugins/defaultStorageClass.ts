import type { KubeObject } from '../../types'
import type { AdmissionPlugin } from '../types'
import { isMain, newestDefault, skip } from './common'

const IS_DEFAULT = 'storageclass.kubernetes.io/is-default-class'
const BETA_IS_DEFAULT = 'storageclass.beta.kubernetes.io/is-default-class'
const BETA_CLAIM_CLASS = 'volume.beta.kubernetes.io/storage-class'

const isDefaultClass = (sc: KubeObject) => {
  const a = sc.metadata?.annotations ?? {}
  return a[IS_DEFAULT] === 'true' || a[BETA_IS_DEFAULT] === 'true'
}

/**
 * Gives a new PersistentVolumeClaim that names no class the default StorageClass. An explicit
 * storageClassName: "" is a choice (no class, bind only to class-less volumes) and is left alone.
 */
export const defaultStorageClass: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  admit(attrs, ctx) {
    if (!isMain(attrs, '', 'persistentvolumeclaims') || attrs.operation !== 'CREATE')
      return skip('acts only on PersistentVolumeClaim creation')
    const pvc = attrs.object!
    const spec = (pvc.spec ??= {}) as { storageClassName?: string | null }
    if (pvc.metadata?.annotations?.[BETA_CLAIM_CLASS] !== undefined)
      return { allowed: true, summary: `the claim names its class in the ${BETA_CLAIM_CLASS} annotation` }
    if (spec.storageClassName != null) {
      return {
        allowed: true,
        summary:
          spec.storageClassName === ''
            ? 'storageClassName is "": the claim asks for no class, so no default is applied'
            : `the claim asks for StorageClass "${spec.storageClassName}"`,
      }
    }
    const { chosen, candidates } = newestDefault(ctx.cluster.list('storageclasses', ''), isDefaultClass)
    if (!chosen) {
      return {
        allowed: true,
        summary: 'no StorageClass is marked as the default: the claim keeps no storageClassName',
        details: [
          `Mark one with the annotation ${IS_DEFAULT}: "true".`,
          'Without a class the claim can only bind to a PersistentVolume without a class (or get one later, when a default appears).',
        ],
      }
    }
    const name = chosen.metadata?.name ?? ''
    spec.storageClassName = name
    const details = [`StorageClass "${name}" carries ${IS_DEFAULT}: "true".`]
    if (candidates.length > 1) {
      details.push(
        `${candidates.length} StorageClasses claim to be the default; the newest wins (ties go to the name first in order): ${candidates.map((c) => c.metadata?.name).join(', ')}.`,
      )
    }
    return { allowed: true, summary: `set storageClassName to the default StorageClass "${name}"`, details }
  },
}
