// Server-side apply and the status subresource over HTTP: exact bodies, managedFields and messages.
import { describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../controllers/harness'
import type { KubeObject, ManagedFieldsEntry, Status } from '../types'

const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments'
const APPLY = 'application/apply-patch+yaml'
const T0 = '2026-01-15T10:00:00Z'

const deployment = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
    ...spec,
  },
})

function apply(h: Harness, body: unknown, manager: string, force = false, path = `${DEPLOYS}/web`) {
  return h.send('PATCH', `${path}?fieldManager=${manager}${force ? '&force=true' : ''}`, body, APPLY)
}

const fields = (o: unknown) => (o as KubeObject).metadata?.managedFields as ManagedFieldsEntry[]
const status = (o: unknown) => o as Status

describe('server-side apply', () => {
  it('creates the object (201) and records an Apply entry with exactly the applied fields', () => {
    const h = createHarness()
    const res = apply(h, deployment({ replicas: 2 }), 'ci')
    expect(res.response.code).toBe(201)
    const body = res.response.body as KubeObject
    expect((body.spec as { replicas: number }).replicas).toBe(2)
    // Defaults are set, but belong to nobody.
    expect((body.spec as { revisionHistoryLimit: number }).revisionHistoryLimit).toBe(10)
    expect(fields(body)).toEqual([
      {
        manager: 'ci',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
              },
            },
          },
        },
      },
    ])
  })

  it('answers 200 and stores nothing when the same configuration is applied again', () => {
    const h = createHarness()
    const first = apply(h, deployment(), 'ci').response.body as KubeObject
    const again = apply(h, deployment(), 'ci')
    expect(again.response.code).toBe(200)
    expect((again.response.body as KubeObject).metadata?.resourceVersion).toBe(
      first.metadata?.resourceVersion,
    )
    expect(again.trace.find((e) => e.step === 'etcd3 update')?.outcome).toBe('skipped')
  })

  it('refuses with 409 to change a field another manager owns, naming the manager and the path', () => {
    const h = createHarness()
    h.send('POST', `${DEPLOYS}?fieldManager=kubectl-create`, deployment({ replicas: 1 }))
    const res = apply(
      h,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5 } },
      'ops',
    )
    expect(res.response.code).toBe(409)
    expect(res.response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-create" using apps/v1',
            field: '.spec.replicas',
          },
        ],
      },
      code: 409,
    })
    expect((h.get('deployments', 'default', 'web')?.spec as { replicas: number }).replicas).toBe(1)
  })

  it('lists several conflicts grouped by manager', () => {
    const h = createHarness()
    h.send('POST', `${DEPLOYS}?fieldManager=kubectl-create`, deployment({ replicas: 1 }))
    const config = deployment({ replicas: 4 })
    config.spec.template.spec.containers[0]!.image = 'nginx:1.28'
    const res = apply(h, config, 'ops')
    expect(status(res.response.body).message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:\n' +
        '- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="nginx"].image',
    )
  })

  it('co-owns a field applied with the value it already has', () => {
    const h = createHarness()
    h.send('POST', `${DEPLOYS}?fieldManager=kubectl-create`, deployment({ replicas: 1 }))
    const res = apply(h, deployment({ replicas: 1 }), 'ops')
    expect(res.response.code).toBe(200)
    const managers = fields(res.response.body).map((m) => [
      m.manager,
      m.operation,
      'f:replicas' in (m.fieldsV1['f:spec'] as object),
    ])
    expect(managers).toEqual([
      ['ops', 'Apply', true],
      ['kubectl-create', 'Update', true],
    ])
  })

  it('takes the fields with force=true, and they leave the other manager', () => {
    const h = createHarness()
    h.send('POST', `${DEPLOYS}?fieldManager=kubectl-create`, deployment({ replicas: 1 }))
    h.clock.advance(60)
    const res = apply(
      h,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5 } },
      'ops',
      true,
    )
    expect(res.response.code).toBe(200)
    const body = res.response.body as KubeObject
    expect((body.spec as { replicas: number }).replicas).toBe(5)
    const [ops, create] = fields(body)
    expect(ops).toMatchObject({
      manager: 'ops',
      operation: 'Apply',
      time: '2026-01-15T10:01:00Z',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    })
    expect(create!.manager).toBe('kubectl-create')
    expect(create!.fieldsV1['f:spec']).not.toHaveProperty('f:replicas')
    expect(res.trace.find((e) => e.step === 'field manager')?.details).toContain(
      'forced: took .spec.replicas from "kubectl-create" using apps/v1',
    )
  })

  it('removes a field the manager stops applying when no one else owns it', () => {
    const h = createHarness()
    apply(
      h,
      { ...deployment({ replicas: 3 }), metadata: { name: 'web', labels: { tier: 'front', team: 'a' } } },
      'ci',
    )
    const res = apply(h, { ...deployment(), metadata: { name: 'web', labels: { team: 'a' } } }, 'ci')
    const body = res.response.body as KubeObject
    expect(body.metadata?.labels).toEqual({ team: 'a' })
    // replicas goes too, and defaulting brings it back as 1.
    expect((body.spec as { replicas: number }).replicas).toBe(1)
    expect(res.trace.find((e) => e.step === 'field manager')?.details).toEqual([
      'removed .metadata.labels.tier: applied last time, not this time, and no other manager owns it',
      'removed .spec.replicas: applied last time, not this time, and no other manager owns it',
    ])
  })

  it('lets kubectl take over from its client-side apply the fields the last-applied annotation lists', () => {
    const h = createHarness()
    const annotated = deployment({ replicas: 1 }) as KubeObject
    annotated.metadata!.annotations = {
      'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(deployment({ replicas: 1 }))}\n`,
    }
    h.send('POST', `${DEPLOYS}?fieldManager=kubectl-client-side-apply`, annotated)
    const res = apply(h, deployment({ replicas: 2 }), 'kubectl')
    expect(res.response.code).toBe(200)
    const body = res.response.body as KubeObject
    expect((body.spec as { replicas: number }).replicas).toBe(2)
    expect(
      JSON.parse(body.metadata!.annotations!['kubectl.kubernetes.io/last-applied-configuration']!),
    ).toMatchObject({
      spec: { replicas: 2 },
    })
    // Another manager name gets no such pass.
    expect(apply(h, deployment({ replicas: 3 }), 'someone').response.code).toBe(409)
  })

  it('gives an object without managedFields to before-first-apply', () => {
    const h = createHarness()
    // Bootstrap objects are stored directly, without managedFields.
    const res = apply(
      h,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' }, data: { extra: 'x' } },
      'ci',
      false,
      '/api/v1/namespaces/default/configmaps/kube-root-ca.crt',
    )
    expect(res.response.code).toBe(200)
    expect(fields(res.response.body).map((m) => [m.manager, m.operation])).toEqual([
      ['ci', 'Apply'],
      ['before-first-apply', 'Update'],
    ])
  })

  it.each([
    [
      'no fieldManager',
      `${DEPLOYS}/web`,
      deployment(),
      422,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    ],
    // versionCheckManager, the outermost of the field managers, compares group, version and kind at once,
    // so structuredMergeManager's "Incorrect version specified" is never reached for a built-in kind.
    [
      'a version other than the endpoint',
      `${DEPLOYS}/web?fieldManager=ci`,
      { ...deployment(), apiVersion: 'apps/v1beta1' },
      400,
      'invalid object type: apps/v1beta1, Kind=Deployment',
    ],
    [
      'a kind other than the endpoint',
      `${DEPLOYS}/web?fieldManager=ci`,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' }, data: { a: '1' } },
      400,
      'invalid object type: /v1, Kind=ConfigMap',
    ],
    [
      'no apiVersion and no kind',
      `${DEPLOYS}/web?fieldManager=ci`,
      { metadata: { name: 'web' } },
      400,
      'invalid object type: /, Kind=',
    ],
    [
      'an apiVersion that does not parse',
      `${DEPLOYS}/web?fieldManager=ci`,
      { ...deployment(), apiVersion: 'apps/v1/x' },
      400,
      'invalid object type: /, Kind=Deployment',
    ],
    // ValidatePatchOptions runs before the body is read: a missing manager first, then its length.
    [
      'a fieldManager longer than 128 bytes',
      `${DEPLOYS}/web?fieldManager=${'m'.repeat(129)}`,
      { apiVersion: 'v1', kind: 'ConfigMap' },
      422,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes',
    ],
    [
      'a fieldManager with a control character',
      `${DEPLOYS}/web?fieldManager=a%09b`,
      deployment(),
      422,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\tb": invalid character U+0009 (at position 1)',
    ],
    [
      'a dryRun other than All',
      `${DEPLOYS}/web?fieldManager=ci&dryRun=Some`,
      deployment(),
      422,
      'PatchOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Some"]: supported values: "All"',
    ],
    [
      'managedFields in the configuration',
      `${DEPLOYS}/web?fieldManager=ci`,
      { ...deployment(), metadata: { name: 'web', managedFields: [] } },
      400,
      'metadata.managedFields must be nil',
    ],
    [
      'a field the schema does not declare',
      `${DEPLOYS}/web?fieldManager=ci`,
      deployment({ replica: 3 }),
      500,
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.replica: field not declared in schema',
    ],
    [
      'a name other than the URL',
      `${DEPLOYS}/api?fieldManager=ci`,
      deployment(),
      400,
      'the name of the object (web) does not match the name on the URL (api)',
    ],
    ['YAML that does not parse', `${DEPLOYS}/web?fieldManager=ci`, 'kind: [', 400, undefined],
  ])('refuses %s', (_, path, body, code, message) => {
    const h = createHarness()
    const res = h.send('PATCH', path, body, APPLY)
    expect(res.response.code).toBe(code)
    if (message) expect(status(res.response.body).message).toBe(message)
    else expect(status(res.response.body).message).toMatch(/^error decoding YAML: yaml: /)
    expect(h.get('deployments', 'default', 'web')).toBeUndefined()
  })

  it('names the list item in an unknown-field error by its key', () => {
    const h = createHarness()
    const config = deployment()
    ;(config.spec.template.spec.containers[0] as Record<string, unknown>).imagee = 'x'
    const res = apply(h, config, 'ci')
    expect(status(res.response.body).message).toBe(
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers[name="nginx"].imagee: field not declared in schema',
    )
    expect(res.response.body).not.toHaveProperty('reason')
  })

  it('refuses force on a patch that is not an apply', () => {
    const h = createHarness()
    h.send('POST', DEPLOYS, deployment())
    const res = h.send(
      'PATCH',
      `${DEPLOYS}/web?force=true`,
      { spec: { replicas: 2 } },
      'application/merge-patch+json',
    )
    expect(res.response.code).toBe(422)
    expect(status(res.response.body).message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    )
  })
})

describe('managedFields of updates', () => {
  it('records a create as an Update with a "." on maps and on list items, none on structs', () => {
    const h = createHarness()
    const body = h.send('POST', `${DEPLOYS}?fieldManager=kubectl-create`, deployment()).response
      .body as KubeObject
    const [entry] = fields(body)
    expect(entry).toMatchObject({
      manager: 'kubectl-create',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T0,
    })
    const spec = entry!.fieldsV1['f:spec'] as Record<string, unknown>
    expect(spec['f:selector']).toEqual({})
    expect(spec['f:strategy']).toEqual({
      'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} },
      'f:type': {},
    })
    expect((spec['f:template'] as Record<string, unknown>)['f:metadata']).toEqual({
      'f:labels': { '.': {}, 'f:app': {} },
    })
  })

  it('moves a changed field to the manager that changed it', () => {
    const h = createHarness()
    h.send('POST', `${DEPLOYS}?fieldManager=kubectl-create`, deployment())
    const res = h.send(
      'PATCH',
      `${DEPLOYS}/web?fieldManager=kubectl-scale`,
      { spec: { replicas: 4 } },
      'application/merge-patch+json',
    )
    const managers = fields(res.response.body)
    expect(managers.map((m) => m.manager)).toEqual(['kubectl-create', 'kubectl-scale'])
    expect(managers[1]!.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } })
    expect(managers[0]!.fieldsV1['f:spec']).not.toHaveProperty('f:replicas')
  })
})

describe('the status subresource', () => {
  const STATUS = `${DEPLOYS}/web/status`

  it('writes status only, and records a manager for the status subresource', () => {
    const h = createHarness()
    h.send('POST', DEPLOYS, deployment())
    const current = h.send('GET', STATUS).response.body as KubeObject
    const res = h.send('PUT', `${STATUS}?fieldManager=kube-controller-manager`, {
      ...current,
      spec: { ...(current.spec as object), replicas: 9 },
      status: { replicas: 1, observedGeneration: 1 },
    })
    expect(res.response.code).toBe(200)
    const body = res.response.body as KubeObject
    expect(body.status).toEqual({ replicas: 1, observedGeneration: 1 })
    expect((body.spec as { replicas: number }).replicas).toBe(1)
    expect(fields(body).find((m) => m.subresource)).toMatchObject({
      manager: 'kube-controller-manager',
      operation: 'Update',
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:observedGeneration': {}, 'f:replicas': {} } },
    })
  })

  it('keeps status when the main resource is updated', () => {
    const h = createHarness()
    h.send('POST', DEPLOYS, deployment())
    h.send('PATCH', STATUS, { status: { replicas: 1 } }, 'application/merge-patch+json')
    const res = h.send(
      'PATCH',
      `${DEPLOYS}/web`,
      { spec: { replicas: 3 }, status: { replicas: 7 } },
      'application/merge-patch+json',
    )
    expect((res.response.body as KubeObject).status).toEqual({ replicas: 1 })
  })

  it('cannot create the object by an apply to /status: 404', () => {
    const h = createHarness()
    const res = apply(h, { ...deployment(), status: { replicas: 1 } }, 'ci', false, STATUS)
    expect(res.response.code).toBe(404)
    expect(status(res.response.body).message).toBe('deployments.apps "web" not found')
  })

  it('applies status through /status, owned by a status manager', () => {
    const h = createHarness()
    h.send('POST', DEPLOYS, deployment())
    const res = apply(
      h,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, status: { replicas: 1 } },
      'controller',
      false,
      STATUS,
    )
    expect(res.response.code).toBe(200)
    expect((res.response.body as KubeObject).status).toEqual({ replicas: 1 })
    expect(fields(res.response.body).find((m) => m.manager === 'controller')).toMatchObject({
      operation: 'Apply',
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:replicas': {} } },
    })
  })

  it('has no create route: 405', () => {
    const h = createHarness()
    h.send('POST', DEPLOYS, deployment())
    expect(h.send('POST', STATUS, deployment()).response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server does not allow this method on the requested resource',
      reason: 'MethodNotAllowed',
      details: {},
      code: 405,
    })
  })

  it('is not served for kinds without one: 404', () => {
    const h = createHarness()
    const res = h.send('GET', '/api/v1/namespaces/default/configmaps/kube-root-ca.crt/status')
    expect(res.response.code).toBe(404)
    expect(status(res.response.body).message).toBe('the server could not find the requested resource')
  })
})
