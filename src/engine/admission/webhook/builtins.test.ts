import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../types'
import type { AdmissionContext } from '../types'
import { defaultWebhookConfiguration, validateWebhookConfiguration } from './configuration'
import { gatekeeperAnswer } from './gatekeeper'
import { injectionSkipReason } from './istio'
import { verifyResponse } from './review'
import type { AdmissionRequest, GatekeeperConstraint } from './types'

const ctx = { cluster: { get: () => undefined, list: () => [] } } as unknown as AdmissionContext

function review(object: KubeObject): AdmissionRequest {
  return {
    uid: 'u',
    kind: { group: '', version: 'v1', kind: object.kind! },
    resource: { group: '', version: 'v1', resource: `${object.kind!.toLowerCase()}s` },
    requestKind: { group: '', version: 'v1', kind: object.kind! },
    requestResource: { group: '', version: 'v1', resource: `${object.kind!.toLowerCase()}s` },
    name: object.metadata?.name,
    namespace: 'dev',
    operation: 'CREATE',
    userInfo: { username: 'u' },
    object,
    oldObject: null,
    dryRun: false,
  }
}

const pod = (containers: unknown[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers },
})

describe('gatekeeper library templates', () => {
  const deny = (c: GatekeeperConstraint, obj: KubeObject) => gatekeeperAnswer(review(obj), [c], ctx).message

  it('K8sContainerLimits', () => {
    const c: GatekeeperConstraint = {
      kind: 'K8sContainerLimits',
      name: 'limits',
      parameters: { cpu: '200m', memory: '1Gi' },
    }
    expect(deny(c, pod([{ name: 'a', image: 'x' }]))).toBe('[limits] container <a> has no resource limits')
    expect(
      deny(c, pod([{ name: 'a', image: 'x', resources: { limits: { cpu: '1', memory: '512Mi' } } }])),
    ).toBe('[limits] container <a> cpu limit <1> is higher than the maximum allowed of <200m>')
    expect(
      deny(c, pod([{ name: 'a', image: 'x', resources: { limits: { cpu: '100m', memory: '512Mi' } } }])),
    ).toBeUndefined()
  })

  it('K8sBlockNodePort', () => {
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { type: 'NodePort' },
    }
    expect(deny({ kind: 'K8sBlockNodePort', name: 'block-node-port' }, svc)).toBe(
      '[block-node-port] User is not allowed to create service of type NodePort',
    )
  })

  it('K8sRequiredLabels with allowedRegex and a custom message', () => {
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'n', labels: { owner: 'bob' } },
    }
    const c: GatekeeperConstraint = {
      kind: 'K8sRequiredLabels',
      name: 'all-must-have-owner',
      parameters: { labels: [{ key: 'owner', allowedRegex: '^[a-z]+\\.agilebank\\.demo$' }] },
    }
    expect(deny(c, obj)).toBe(
      '[all-must-have-owner] Label <owner: bob> does not satisfy allowed regex: ^[a-z]+\\.agilebank\\.demo$',
    )
    expect(deny({ ...c, parameters: { ...c.parameters, message: 'needs an owner' } }, obj)).toBe(
      '[all-must-have-owner] needs an owner',
    )
  })

  it('match.excludedNamespaces and dryrun', () => {
    const c: GatekeeperConstraint = {
      kind: 'K8sBlockNodePort',
      name: 'b',
      match: { excludedNamespaces: ['de*'] },
    }
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { type: 'NodePort' },
    }
    expect(gatekeeperAnswer(review(svc), [c], ctx).allowed).toBe(true)
    const dry = gatekeeperAnswer(
      review(svc),
      [{ kind: 'K8sBlockNodePort', name: 'b', enforcementAction: 'dryrun' }],
      ctx,
    )
    expect(dry).toEqual({
      allowed: true,
      warnings: [],
      dryRun: ['[b] User is not allowed to create service of type NodePort'],
    })
  })
})

describe('istio opt-out', () => {
  it.each([
    [{ labels: { 'sidecar.istio.io/inject': 'false' } }, 'sidecar.istio.io/inject is "false"'],
    [{ annotations: { 'sidecar.istio.io/inject': 'false' } }, 'sidecar.istio.io/inject is "false"'],
    [
      { labels: { 'sidecar.istio.io/inject': 'true' }, annotations: { 'sidecar.istio.io/inject': 'false' } },
      undefined,
    ],
  ])('%j', (metadata, reason) => {
    expect(injectionSkipReason({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...metadata } })).toBe(
      reason,
    )
  })
})

describe('responses', () => {
  it('a validating webhook may not return a patch', () => {
    expect(
      verifyResponse('u', { uid: 'u', allowed: true, patch: 'W10=', patchType: 'JSONPatch' }, false),
    ).toBe('validating webhook may not return response.patch or response.patchType')
    expect(verifyResponse('u', { uid: 'x', allowed: true }, true)).toBe('expected response.uid="u", got "x"')
  })
})

describe('configuration defaults and validation', () => {
  it('defaults as admissionregistration/v1 does', () => {
    const obj = {
      webhooks: [
        {
          name: 'a.b.c',
          clientConfig: { service: { namespace: 'n', name: 's' } },
          rules: [{ operations: ['CREATE'] }],
        },
      ],
    }
    defaultWebhookConfiguration('mutating')(obj)
    expect(obj.webhooks[0]).toEqual({
      name: 'a.b.c',
      clientConfig: { service: { namespace: 'n', name: 's', port: 443 } },
      rules: [{ operations: ['CREATE'], scope: '*' }],
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      namespaceSelector: {},
      objectSelector: {},
      timeoutSeconds: 10,
      reinvocationPolicy: 'Never',
    })
  })

  it('refuses what v1 refuses', () => {
    const errs = validateWebhookConfiguration('validating')({
      webhooks: [{ name: 'checker', clientConfig: {}, sideEffects: 'Unknown', timeoutSeconds: 60 }],
    })
    expect(errs).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'webhooks[0].name',
        badValue: 'checker',
        detail: 'should be a domain with at least three segments separated by dots',
      },
      {
        type: 'FieldValueNotSupported',
        field: 'webhooks[0].sideEffects',
        badValue: 'Unknown',
        detail: 'supported values: "None", "NoneOnDryRun"',
      },
      {
        type: 'FieldValueInvalid',
        field: 'webhooks[0].timeoutSeconds',
        badValue: 60,
        detail: 'the timeout value must be between 1 and 30 seconds',
      },
      {
        type: 'FieldValueRequired',
        field: 'webhooks[0].clientConfig',
        detail: 'exactly one of url or service is required',
      },
      {
        type: 'FieldValueRequired',
        field: 'webhooks[0].admissionReviewVersions',
        detail: 'must specify one of v1, v1beta1',
      },
    ])
  })

  it('compiles matchConditions when the configuration is written', () => {
    const errs = validateWebhookConfiguration('validating')({
      webhooks: [
        {
          name: 'checker.example.com',
          clientConfig: { url: 'https://checker.example.com' },
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
          matchConditions: [
            { name: 'typo', expression: 'object.metadata.name == params.name' },
            { name: 'not-bool', expression: "'yes'" },
            { name: '', expression: '' },
          ],
        },
      ],
    })
    expect(errs).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'webhooks[0].matchConditions[0].expression',
        badValue: 'object.metadata.name == params.name',
        detail: expect.stringMatching(/^compilation failed: ERROR: <input>:1:25: undeclared reference to 'params'/),
      },
      {
        type: 'FieldValueInvalid',
        field: 'webhooks[0].matchConditions[1].expression',
        badValue: "'yes'",
        detail: 'must evaluate to bool but got string',
      },
      { type: 'FieldValueRequired', field: 'webhooks[0].matchConditions[2].name' },
      { type: 'FieldValueRequired', field: 'webhooks[0].matchConditions[2].expression' },
    ])
  })
})
