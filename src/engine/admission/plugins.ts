// Every admission plugin kube-apiserver v1.35 knows, in its recommended order (AllOrderedPlugins in
// pkg/kubeapiserver/options/plugins.go). --enable/--disable-admission-plugins switch plugins on and off but
// never change this order.
import type { AdmissionAttributes, AdmissionPlugin } from './types'
import { alwaysPullImages } from './plugins/alwaysPullImages'
import { certificateApproval } from './plugins/certificateApproval'
import { certificateSigning } from './plugins/certificateSigning'
import { certificateSubjectRestriction } from './plugins/certificateSubjectRestriction'
import { defaultIngressClass } from './plugins/defaultIngressClass'
import { defaultStorageClass } from './plugins/defaultStorageClass'
import { defaultTolerationSeconds } from './plugins/defaultTolerationSeconds'
import { denyServiceExternalIPs } from './plugins/denyServiceExternalIPs'
import { namespaceAutoProvision } from './plugins/namespaceAutoProvision'
import { namespaceExists } from './plugins/namespaceExists'
import { namespaceLifecycle } from './plugins/namespaceLifecycle'
import { limitRanger } from './limitRanger/plugin'
import { resourceQuota } from './resourceQuota/plugin'
import { ownerReferencesPermissionEnforcement } from './plugins/ownerReferencesPermissionEnforcement'
import { persistentVolumeClaimResize } from './plugins/persistentVolumeClaimResize'
import { podNodeSelector } from './plugins/podNodeSelector'
import { podTolerationRestriction } from './plugins/podTolerationRestriction'
import { podSecurity } from './podSecurity/plugin'
import { priority } from './plugins/priority'
import { runtimeClass } from './plugins/runtimeClass'
import { serviceAccount } from './plugins/serviceAccount'
import { storageObjectInUseProtection } from './plugins/storageObjectInUseProtection'
import { taintNodesByCondition } from './plugins/taintNodesByCondition'
import { mutatingAdmissionPolicy } from './policy/mutating'
import { validatingAdmissionPolicy } from './policy/validating'
import { mutatingAdmissionWebhook, validatingAdmissionWebhook } from './webhook/dispatcher'

export interface PluginSpec {
  name: string
  mutating: boolean
  validating: boolean
  defaultOn: boolean
  /** The engine's model of the plugin; absent when the plugin is shown but not simulated. */
  plugin?: AdmissionPlugin
  /** For plugins without a model: which requests the real plugin acts on, and what it does then. */
  actsOn?: (attrs: AdmissionAttributes) => boolean
  does?: string
}

const isResource = (group: string, resource: string) => (a: AdmissionAttributes) =>
  a.resource.group === group && a.resource.resource === resource
const isPods = (a: AdmissionAttributes) => isResource('', 'pods')(a) && a.subresource === ''
const never = () => false

export const PLUGIN_SPECS: readonly PluginSpec[] = [
  { name: 'AlwaysAdmit', mutating: true, validating: true, defaultOn: false, actsOn: never, does: 'admits everything (deprecated)' },
  { name: 'NamespaceAutoProvision', mutating: true, validating: false, defaultOn: false, plugin: namespaceAutoProvision },
  { name: 'NamespaceLifecycle', mutating: true, validating: false, defaultOn: true, plugin: namespaceLifecycle },
  { name: 'NamespaceExists', mutating: false, validating: true, defaultOn: false, plugin: namespaceExists },
  { name: 'LimitPodHardAntiAffinityTopology', mutating: false, validating: true, defaultOn: false, actsOn: isPods, does: 'allows only kubernetes.io/hostname as a required anti-affinity topology key' },
  { name: 'LimitRanger', mutating: true, validating: true, defaultOn: true, plugin: limitRanger },
  { name: 'ServiceAccount', mutating: true, validating: true, defaultOn: true, plugin: serviceAccount },
  { name: 'NodeRestriction', mutating: true, validating: false, defaultOn: false, actsOn: (a) => a.userInfo.groups.includes('system:nodes'), does: 'limits kubelets to their own Node and its Pods' },
  { name: 'TaintNodesByCondition', mutating: true, validating: false, defaultOn: true, plugin: taintNodesByCondition },
  { name: 'AlwaysPullImages', mutating: true, validating: true, defaultOn: false, plugin: alwaysPullImages },
  { name: 'ImagePolicyWebhook', mutating: false, validating: true, defaultOn: false, actsOn: isPods, does: 'asks an external service whether the images are allowed' },
  { name: 'PodSecurity', mutating: false, validating: true, defaultOn: true, plugin: podSecurity },
  { name: 'PodNodeSelector', mutating: true, validating: true, defaultOn: false, plugin: podNodeSelector },
  { name: 'Priority', mutating: true, validating: true, defaultOn: true, plugin: priority },
  { name: 'DefaultTolerationSeconds', mutating: true, validating: false, defaultOn: true, plugin: defaultTolerationSeconds },
  { name: 'PodTolerationRestriction', mutating: true, validating: true, defaultOn: false, plugin: podTolerationRestriction },
  { name: 'EventRateLimit', mutating: false, validating: true, defaultOn: false, actsOn: isResource('', 'events'), does: 'limits the rate of Event writes' },
  { name: 'ExtendedResourceToleration', mutating: true, validating: false, defaultOn: false, actsOn: isPods, does: 'adds tolerations for extended resources the Pod requests' },
  { name: 'DefaultStorageClass', mutating: true, validating: false, defaultOn: true, plugin: defaultStorageClass },
  { name: 'StorageObjectInUseProtection', mutating: true, validating: false, defaultOn: true, plugin: storageObjectInUseProtection },
  { name: 'OwnerReferencesPermissionEnforcement', mutating: false, validating: true, defaultOn: false, plugin: ownerReferencesPermissionEnforcement },
  { name: 'PersistentVolumeClaimResize', mutating: false, validating: true, defaultOn: true, plugin: persistentVolumeClaimResize },
  { name: 'RuntimeClass', mutating: true, validating: true, defaultOn: true, plugin: runtimeClass },
  { name: 'CertificateApproval', mutating: false, validating: true, defaultOn: true, plugin: certificateApproval },
  { name: 'CertificateSigning', mutating: false, validating: true, defaultOn: true, plugin: certificateSigning },
  { name: 'ClusterTrustBundleAttest', mutating: false, validating: true, defaultOn: true, actsOn: (a) => a.resource.resource === 'clustertrustbundles', does: 'requires attest permission on the signer' },
  { name: 'CertificateSubjectRestriction', mutating: false, validating: true, defaultOn: true, plugin: certificateSubjectRestriction },
  { name: 'DefaultIngressClass', mutating: true, validating: false, defaultOn: true, plugin: defaultIngressClass },
  { name: 'DenyServiceExternalIPs', mutating: false, validating: true, defaultOn: false, plugin: denyServiceExternalIPs },
  { name: 'PodTopologyLabels', mutating: true, validating: false, defaultOn: true, actsOn: (a) => isResource('', 'pods')(a) && a.subresource === 'binding', does: 'copies the node\'s topology labels onto a Pod when it is bound' },
  { name: 'NodeDeclaredFeatureValidator', mutating: false, validating: true, defaultOn: true, actsOn: never, does: 'acts only with the NodeDeclaredFeatures feature gate (alpha, off)' },
  // "Webhook, resourcequota, and deny plugins must go at the end."
  { name: 'MutatingAdmissionPolicy', mutating: true, validating: false, defaultOn: true, plugin: mutatingAdmissionPolicy },
  { name: 'MutatingAdmissionWebhook', mutating: true, validating: false, defaultOn: true, plugin: mutatingAdmissionWebhook },
  { name: 'ValidatingAdmissionPolicy', mutating: false, validating: true, defaultOn: true, plugin: validatingAdmissionPolicy },
  { name: 'ValidatingAdmissionWebhook', mutating: false, validating: true, defaultOn: true, plugin: validatingAdmissionWebhook },
  { name: 'ResourceQuota', mutating: false, validating: true, defaultOn: true, plugin: resourceQuota },
  { name: 'AlwaysDeny', mutating: true, validating: true, defaultOn: false, actsOn: () => true, does: 'rejects everything (deprecated)' },
]

/** The plugin list the app's admission panel and diagram show. */
export const ADMISSION_PLUGINS = PLUGIN_SPECS.map(({ name, mutating, validating, defaultOn, plugin }) => ({
  name,
  mutating,
  validating,
  defaultOn,
  implemented: plugin !== undefined,
}))

export interface AdmissionConfig {
  enable?: readonly string[]
  disable?: readonly string[]
}

/** The enabled plugins in order, as the default set plus --enable-admission-plugins minus --disable. */
export function enabledPlugins(config: AdmissionConfig = {}): PluginSpec[] {
  const enable = new Set(config.enable ?? [])
  const disable = new Set(config.disable ?? [])
  return PLUGIN_SPECS.filter((spec) => (spec.defaultOn || enable.has(spec.name)) && !disable.has(spec.name))
}

export function isKnownPlugin(name: string): boolean {
  return PLUGIN_SPECS.some((spec) => spec.name === name)
}
