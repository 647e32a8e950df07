import { admissionForbidden, isPodCreate } from '../forbidden'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, PluginVerdict } from '../types'
import type { KubeObject } from '../../types'

const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount'
const VOLUME_PREFIX = 'kube-api-access-'

interface Container {
  name?: string
  volumeMounts?: { name: string; readOnly?: boolean; mountPath: string }[]
}
interface PodSpec {
  serviceAccountName?: string
  automountServiceAccountToken?: boolean
  imagePullSecrets?: { name: string }[]
  volumes?: { name: string; [k: string]: unknown }[]
  containers?: Container[]
  initContainers?: Container[]
}

function lookup(attrs: AdmissionAttributes, ctx: AdmissionContext, name: string): KubeObject | PluginVerdict {
  const account = ctx.cluster.get('serviceaccounts', attrs.namespace, name)
  if (account) return account
  return {
    allowed: false,
    status: admissionForbidden(
      attrs,
      `error looking up service account ${attrs.namespace}/${name}: serviceaccount "${name}" not found`,
    ),
    summary: `service account "${name}" does not exist in namespace "${attrs.namespace}"`,
  }
}

function isVerdict(x: KubeObject | PluginVerdict): x is PluginVerdict {
  return 'allowed' in x
}

/** The projected volume that carries a bound token, the cluster CA and the namespace (TokenVolumeSource). */
function tokenVolume(name: string) {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  }
}

/**
 * Gives every Pod a service account (default: "default"), mounts its token as the kube-api-access-<suffix>
 * projected volume into each container, and copies the account's imagePullSecrets.
 */
export const serviceAccount: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(attrs, ctx) {
    if (!isPodCreate(attrs)) return { allowed: true, skipped: true, summary: 'acts only on Pod creation' }
    const pod = attrs.object!
    if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined)
      return { allowed: true, skipped: true, summary: 'mirror pods are left unchanged' }
    const spec = ((pod.spec as PodSpec | undefined) ?? (pod.spec = {})) as PodSpec
    const details: string[] = []
    if (!spec.serviceAccountName) {
      spec.serviceAccountName = 'default'
      details.push('No serviceAccountName was given, so the Pod runs as the namespace\'s "default" service account.')
    }
    const account = lookup(attrs, ctx, spec.serviceAccountName)
    if (isVerdict(account)) return account
    const automount = spec.automountServiceAccountToken ?? (account.automountServiceAccountToken as boolean | undefined) ?? true
    if (automount) {
      let volumeName = spec.volumes?.find((v) => v.name.startsWith(VOLUME_PREFIX))?.name
      const hasVolume = volumeName !== undefined
      volumeName ??= VOLUME_PREFIX + ctx.ids.randomSuffix(5)
      let mounted = 0
      for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        if (container.volumeMounts?.some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue
        ;(container.volumeMounts ??= []).push({ name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH })
        mounted++
      }
      if (!hasVolume && mounted > 0) {
        ;(spec.volumes ??= []).push(tokenVolume(volumeName))
        details.push(
          `Added the projected volume ${volumeName}: a bound token for the service account (expires in about an hour and is refreshed by the kubelet), the cluster CA from the kube-root-ca.crt ConfigMap, and the namespace.`,
        )
      }
      if (mounted > 0) details.push(`Mounted it read-only at ${TOKEN_MOUNT_PATH} in ${mounted} container${mounted === 1 ? '' : 's'}.`)
    } else {
      details.push('automountServiceAccountToken is false, so no token is mounted.')
    }
    const pullSecrets = (account.imagePullSecrets as { name: string }[] | undefined) ?? []
    if (!spec.imagePullSecrets?.length && pullSecrets.length) {
      spec.imagePullSecrets = pullSecrets.map((s) => ({ name: s.name }))
      details.push(`Copied ${pullSecrets.length} imagePullSecrets from the service account.`)
    }
    return { allowed: true, summary: `Pod runs as service account "${spec.serviceAccountName}"`, details }
  },
  validate(attrs, ctx) {
    if (!isPodCreate(attrs)) return { allowed: true, skipped: true, summary: 'acts only on Pod creation' }
    const spec = (attrs.object!.spec ?? {}) as PodSpec
    if (!spec.serviceAccountName) {
      return {
        allowed: false,
        status: admissionForbidden(
          attrs,
          `no service account specified for pod ${attrs.namespace}/${attrs.object!.metadata?.name ?? ''}`,
        ),
        summary: 'the Pod has no service account',
      }
    }
    const account = lookup(attrs, ctx, spec.serviceAccountName)
    if (isVerdict(account)) return account
    return { allowed: true, summary: `service account "${spec.serviceAccountName}" exists` }
  },
}
