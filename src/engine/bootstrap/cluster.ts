// What a fresh kubeadm v1.35 cluster holds before anyone sends a request: the four system namespaces with
// their default service accounts and CA bundles, the kubernetes and kube-dns Services, the system
// PriorityClasses, kubeadm's ConfigMaps and the bootstrap RBAC policy.
import type { KubeObject } from '../types'
import { bootstrapRbacObjects } from './rbacPolicy'

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const

/** A stand-in for the cluster CA certificate; the simulation has no real keys. */
export const CLUSTER_CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIKubeApiLabMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMT',
  'Ckt1YmVybmV0ZXMwHhcNMjYwMTE1MTAwMDAwWhcNMzYwMTEzMTAwMDAwWjAVMRMw',
  'EQYDVQQDEwprdWJlcm5ldGVzMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKC',
  '-----END CERTIFICATE-----',
  '',
].join('\n')

export function namespaceObject(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }
}

/** What the service-account and root-CA-publisher controllers put into every namespace. */
export function namespaceDefaults(namespace: string): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-root-ca.crt', namespace },
      data: { 'ca.crt': CLUSTER_CA_PEM },
    },
  ]
}

function service(
  namespace: string,
  name: string,
  clusterIP: string,
  labels: Record<string, string>,
  ports: object[],
  selector?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: {
      ports,
      ...(selector ? { selector } : {}),
      clusterIP,
      clusterIPs: [clusterIP],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  }
}

export function bootstrapObjects(): KubeObject[] {
  const objects: KubeObject[] = []
  for (const ns of SYSTEM_NAMESPACES) objects.push(namespaceObject(ns), ...namespaceDefaults(ns))
  objects.push(
    service('default', 'kubernetes', '10.96.0.1', { component: 'apiserver', provider: 'kubernetes' }, [
      { name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 },
    ]),
    service(
      'kube-system',
      'kube-dns',
      '10.96.0.10',
      { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      [
        { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 },
        { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
        { name: 'metrics', protocol: 'TCP', port: 9153, targetPort: 9153 },
      ],
      { 'k8s-app': 'kube-dns' },
    ),
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cluster-info', namespace: 'kube-public' },
      data: {
        kubeconfig:
          'apiVersion: v1\nclusters:\n- cluster:\n    server: https://172.18.0.2:6443\n  name: ""\nkind: Config\n',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kubeadm-config', namespace: 'kube-system' },
      data: {
        ClusterConfiguration:
          'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.35.0\nnetworking:\n  serviceSubnet: 10.96.0.0/12\n  podSubnet: 10.244.0.0/16\n',
      },
    },
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'system-cluster-critical' },
      value: 2000000000,
      globalDefault: false,
      description:
        'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
      preemptionPolicy: 'PreemptLowerPriority',
    },
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'system-node-critical' },
      value: 2000001000,
      globalDefault: false,
      description: 'Used for system critical pods that must not be moved from their current node.',
      preemptionPolicy: 'PreemptLowerPriority',
    },
  )
  objects.push(...bootstrapRbacObjects())
  return objects
}
