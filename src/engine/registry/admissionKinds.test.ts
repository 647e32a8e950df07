// The new kinds through the whole pipeline: their defaults, their 422s, and the admission plugins that read them.
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import type { KubeObject } from '../types'

const MASTERS_CSR =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIbU1JR05BZ0VBTUNzeEVEQU9CZ05WQkFNTUIyMWhiR3h2Y25reEZ6QVZCZ05WQkFvTURuTjVjM1JsYlRwdApZWE4wWlhKek1Ga3dFd1lIS29aSXpqMENBUVlJS29aSXpqMERBUWNEUWdBRUVqY1pBeS9YRU9hMmxRbnhsNmVyCitDbmszZGxPMko5Y0hhekdYd3BVS3M1WENma3pxQU45bHliRHBTMVZoVklUVHlMdG5RdEhucm8za09CdW9DNXUKaEtBQU1Bb0dDQ3FHU000OUJBTUNBMGdBTUVVQ0lEUEVGWW92NkZJcmR0N3ZjSldhbWFJbjJhbFRQZXlncno3awpFaFVEUGt3QUFpRUFwalY4SWJOUzRKSnl3cmErbzJ3TXN3Wmp2aGZ6MXFPaitDdytNQmJaRnZ3PQotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K'
const JANE_CSR =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIZU1JR0dBZ0VBTUNReERUQUxCZ05WQkFNTUJHcGhibVV4RXpBUkJnTlZCQW9NQ21SbGRtVnNiM0JsY25NdwpXVEFUQmdjcWhrak9QUUlCQmdncWhrak9QUU1CQndOQ0FBUTh4aHc4RngwMEJSN1dZdWMrZ3JpWjNRcWJxT1h2Clk0aVQzZ0xqaVBoQlpyQWZiUnIwY2pWaVo2U3EzcVo2cVpWemRyQjV3SzhxNmQ5SVlPMFFmcjd2b0FBd0NnWUkKS29aSXpqMEVBd0lEUndBd1JBSWdCNVRIUDNUb1dWQ1hPaGs4cXlyZUYrcjY0dXZ3blgxeXFNSkRGakNiTnp3QwpJQlpFSnlrbkp0ZjkwWGZwSGxRQUJJb2U4NmMvRWZGU2orS01sT2puaElZWAotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K'

function create(object: KubeObject) {
  const simulator = createSimulator({ name: 'kinds' })
  const [result] = simulator.run({ name: 'create', verb: 'create', object })
  return result!
}

const message = (object: KubeObject) => (create(object).response.body as { message?: string }).message

describe('PriorityClass', () => {
  const pc = (name: string, extra: Record<string, unknown>): KubeObject => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    ...extra,
  })
  it.each([
    {
      obj: pc('system-mine', { value: 10 }),
      want: `PriorityClass.scheduling.k8s.io "system-mine" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class`,
    },
    {
      obj: pc('system-node-critical', { value: 10 }),
      want: `PriorityClass.scheduling.k8s.io "system-node-critical" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000`,
    },
    {
      obj: pc('huge', { value: 1000000001 }),
      want: 'PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    },
    {
      obj: pc('odd', { value: 1, preemptionPolicy: 'Sometimes' }),
      want: 'PriorityClass.scheduling.k8s.io "odd" is invalid: preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"',
    },
  ])('refuses $obj.metadata.name', ({ obj, want }) => {
    expect(create(obj).response.code).toBe(422)
    expect(message(obj)).toBe(want)
  })

  it('defaults preemptionPolicy; an omitted value is 0', () => {
    const result = create(pc('plain', {}))
    expect(result.response.code).toBe(201)
    expect(result.response.body).toMatchObject({ preemptionPolicy: 'PreemptLowerPriority' })
  })
})

describe('StorageClass, RuntimeClass, IngressClass, PersistentVolumeClaim', () => {
  it.each([
    {
      obj: {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'sc' },
        provisioner: 'x',
        reclaimPolicy: 'Keep',
      },
      want: 'StorageClass.storage.k8s.io "sc" is invalid: reclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Retain"',
    },
    {
      obj: { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'rc' } },
      want: `RuntimeClass.node.k8s.io "rc" is invalid: handler: Invalid value: "": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    },
    {
      obj: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'ic' }, spec: {} },
      want: 'IngressClass.networking.k8s.io "ic" is invalid: spec.controller: Required value',
    },
    {
      obj: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: { name: 'ic' },
        spec: { controller: 'nginx' },
      },
      want: 'IngressClass.networking.k8s.io "ic" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
    },
    {
      obj: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'c' },
        spec: { resources: { requests: { storage: '1Gi' } } },
      },
      want: 'PersistentVolumeClaim "c" is invalid: spec.accessModes: Required value: at least 1 access mode is required',
    },
  ])('$obj.kind: $want', ({ obj, want }) => {
    expect(create(obj).response.code).toBe(422)
    expect(message(obj)).toBe(want)
  })

  it("defaults a StorageClass and orders a claim's spec", () => {
    const sc = create({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'sc' },
      provisioner: 'example.com/disk',
    })
    expect(sc.response.body).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' })
    const pvc = create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c' },
      spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'] },
    })
    expect(pvc.response.code).toBe(201)
    const body = pvc.response.body as KubeObject
    expect(Object.keys(body.spec as object)).toEqual(['accessModes', 'resources', 'volumeMode'])
    expect(body.metadata?.finalizers).toEqual(['kubernetes.io/pvc-protection'])
  })
})

describe('CertificateSigningRequest', () => {
  const csr = (request: string, spec: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name: 'jane' },
    spec: { request, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], ...spec },
  })

  it("is created with an empty status and the requester's identity, not the one the client wrote", () => {
    const result = create(csr(JANE_CSR, { username: 'someone-else', groups: ['system:masters'] }))
    expect(result.response.code).toBe(201)
    const body = result.response.body as KubeObject
    expect(body.status).toEqual({})
    expect(body.spec).toMatchObject({ username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] })
  })

  it('refuses system:masters for the kube-apiserver-client signer in validating admission', () => {
    const result = create(csr(MASTERS_CSR))
    expect(result.response.code).toBe(403)
    expect(result.stoppedAt).toBe('validating-admission')
    expect(message(csr(MASTERS_CSR))).toBe(
      'certificatesigningrequests.certificates.k8s.io "jane" is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed',
    )
  })

  it.each([
    {
      spec: { usages: [] },
      want: 'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: spec.usages: Required value',
    },
    {
      spec: { signerName: 'signer' },
      want: `CertificateSigningRequest.certificates.k8s.io "jane" is invalid: spec.signerName: Invalid value: "signer": must be a fully qualified domain and path of the form 'example.com/signer-name'`,
    },
    {
      spec: { signerName: '' },
      want: 'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: spec.signerName: Required value',
    },
    {
      spec: { expirationSeconds: 60 },
      want: 'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds (10 minutes)',
    },
    {
      spec: { request: btoa('not a csr') },
      want: `CertificateSigningRequest.certificates.k8s.io "jane" is invalid: spec.request: Invalid value: "${btoa('not a csr')}": PEM block type must be CERTIFICATE REQUEST`,
    },
  ])('422 for $spec', ({ spec, want }) => {
    expect(message(csr(JANE_CSR, spec))).toBe(want)
  })
})

describe('Node', () => {
  it('is created with the not-ready taint', () => {
    const result = create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-2' } })
    expect(result.response.code).toBe(201)
    expect((result.response.body as KubeObject).spec).toEqual({
      taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
    })
  })
})
