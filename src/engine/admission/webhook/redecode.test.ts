// A mutating webhook whose patch changes what the object is: the dispatcher decodes the patched JSON and
// converts it back (mutating/dispatcher.go), and the handler's BeforeCreate checks the namespace.
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../../simulator'

function clusterWithPatch(patch: unknown[]) {
  return createSimulator({
    name: 'mover',
    cluster: {
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'hooks' } },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'elsewhere' } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'mover', namespace: 'hooks' }, spec: { ports: [{ port: 443 }] } },
        {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'MutatingWebhookConfiguration',
          metadata: { name: 'mover' },
          webhooks: [
            {
              name: 'mover.example.com',
              clientConfig: { service: { namespace: 'hooks', name: 'mover', path: '/mutate' } },
              rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'] }],
              sideEffects: 'None',
              admissionReviewVersions: ['v1'],
            },
          ],
        },
      ],
      webhookServers: [
        { service: { namespace: 'hooks', name: 'mover', path: '/mutate' }, responses: [{ allowed: true, patch }] },
      ],
    },
  } as never)
}

const create = { verb: 'create' as const, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' }, data: { a: '1' } } }

describe('a mutating webhook that changes what the object is', () => {
  it.each<[string, unknown[], number, string]>([
    [
      'another namespace',
      [{ op: 'replace', path: '/metadata/namespace', value: 'elsewhere' }],
      400,
      'the namespace of the provided object does not match the namespace sent on the request',
    ],
    [
      'another kind',
      [{ op: 'replace', path: '/kind', value: 'Secret' }],
      500,
      'converting (v1.Secret) to (core.ConfigMap): unknown conversion',
    ],
    [
      'a kind that is not a string',
      [{ op: 'replace', path: '/kind', value: [] }],
      500,
      "Internal error occurred: couldn't get version/kind; json parse error: json: cannot unmarshal array into Go struct field .kind of type string",
    ],
    [
      'an unregistered version',
      [{ op: 'replace', path: '/apiVersion', value: 'v2' }],
      500,
      'Internal error occurred: no kind "ConfigMap" is registered for version "v2" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    ],
  ])('%s: kube-apiserver refuses it and stores nothing', (_name, patch, code, message) => {
    const sim = clusterWithPatch(patch)
    const before = sim.snapshot().entries
    const [r] = sim.run(create)
    expect(r!.response.code).toBe(code)
    expect((r!.response.body as { message: string }).message).toBe(message)
    expect(sim.snapshot().entries).toEqual(before)
  })

  it('a field ConfigMap does not have is dropped by the decoder', () => {
    const sim = clusterWithPatch([{ op: 'add', path: '/spec', value: { replicas: 3 } }])
    const [r] = sim.run(create)
    expect(r!.response.code).toBe(201)
    expect(r!.response.body).not.toHaveProperty('spec')
  })
})
