// ValidatingAdmissionPolicy and MutatingAdmissionPolicy on whole requests: exact denial bodies, Warn and
// Audit, messageExpression, params, failurePolicy, matching, creation-time type checking, and the feature gate.
import { describe, expect, it } from 'vitest'
import { resourceByName } from '../../resources'
import type { KubeObject } from '../../types'
import type { AdmissionAttributes, AdmissionContext } from '../types'
import { mutatingAdmissionPolicy } from './mutating'
import { POLICY_KIND_VALIDATORS } from './registry'
import { validatingAdmissionPolicy } from './validating'

const G = 'admissionregistration.k8s.io'
const RESOURCE_OF: Record<string, string> = {
  ValidatingAdmissionPolicy: 'validatingadmissionpolicies',
  ValidatingAdmissionPolicyBinding: 'validatingadmissionpolicybindings',
  MutatingAdmissionPolicy: 'mutatingadmissionpolicies',
  MutatingAdmissionPolicyBinding: 'mutatingadmissionpolicybindings',
  ConfigMap: 'configmaps',
  Namespace: 'namespaces',
}

function context(objects: KubeObject[], featureGates?: Record<string, boolean>): AdmissionContext {
  const of = (resource: string, ns: string) =>
    objects.filter(
      (o) => RESOURCE_OF[o.kind ?? ''] === resource && (!ns || (o.metadata?.namespace ?? '') === ns),
    )
  return {
    cluster: {
      get: (resource, ns, name) => of(resource, ns).find((o) => o.metadata?.name === name),
      list: (resource, ns) => of(resource, ns),
    },
    ids: { uid: () => 'uid', randomSuffix: (n) => 'b'.repeat(n) },
    clock: { now: () => '2025-01-01T00:00:00Z' },
    featureGates,
  }
}

const deployment = (replicas: number, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'dev', labels },
  spec: { replicas, template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
})

function attrs(object: KubeObject, resource = 'deployments'): AdmissionAttributes {
  return {
    name: object.metadata?.name ?? '',
    namespace: object.metadata?.namespace ?? '',
    resource: resourceByName(resource)!,
    subresource: '',
    operation: 'CREATE',
    object,
    userInfo: { username: 'jane', groups: ['system:authenticated'] },
    dryRun: false,
  }
}

const deployRules = [
  { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] },
]

function policy(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: `${G}/v1`,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: { matchConstraints: { resourceRules: deployRules }, ...spec },
  }
}
function binding(name: string, policyName: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: `${G}/v1`,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: { policyName, validationActions: ['Deny'], ...spec },
  }
}

const maxReplicas = policy('p', { validations: [{ expression: 'object.spec.replicas <= 5' }] })

describe('ValidatingAdmissionPolicy', () => {
  it('denies with the exact body: reason Invalid, code 422, the message as a cause', () => {
    const v = validatingAdmissionPolicy.validate!(
      attrs(deployment(10)),
      context([maxReplicas, binding('b', 'p')]),
    )
    const message =
      "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: failed expression: object.spec.replicas <= 5"
    expect(v.allowed).toBe(false)
    if (v.allowed) return
    expect(v.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `deployments.apps "web" is forbidden: ${message}`,
      reason: 'Invalid',
      details: { name: 'web', group: 'apps', kind: 'deployments', causes: [{ message }] },
      code: 422,
    })
  })

  type Row = [
    string,
    KubeObject[],
    KubeObject,
    { code?: number; message?: string; warnings?: string[]; details?: string },
  ]
  const cm = (data: Record<string, string>, ns = 'dev', name = 'limits'): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns },
    data,
  })
  const withParams = policy('p', {
    paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
    validations: [
      {
        expression: 'object.spec.replicas <= int(params.data.max)',
        messageExpression: "'max ' + params.data.max",
        reason: 'Forbidden',
      },
    ],
  })
  it.each<Row>([
    ['passes', [maxReplicas, binding('b', 'p')], deployment(3), {}],
    ['without a binding the policy does nothing', [maxReplicas], deployment(10), {}],
    [
      'message and reason',
      [
        policy('p', {
          validations: [
            { expression: 'object.spec.replicas <= 5', message: 'too many', reason: 'Forbidden' },
          ],
        }),
        binding('b', 'p'),
      ],
      deployment(10),
      {
        code: 403,
        message:
          "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: too many",
      },
    ],
    [
      'messageExpression wins; a multi-line one falls back to message',
      [
        policy('p', {
          validations: [{ expression: 'false', message: 'static', messageExpression: "'line1\\nline2'" }],
        }),
        binding('b', 'p'),
      ],
      deployment(1),
      {
        code: 422,
        message:
          "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: static",
      },
    ],
    [
      'Warn',
      [maxReplicas, binding('b', 'p', { validationActions: ['Warn'] })],
      deployment(10),
      {
        warnings: [
          "Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': failed expression: object.spec.replicas <= 5",
        ],
      },
    ],
    [
      'Audit',
      [maxReplicas, binding('b', 'p', { validationActions: ['Audit'] })],
      deployment(10),
      {
        details:
          'audit annotation validation.policy.admission.k8s.io/validation_failure: [{"message":"failed expression: object.spec.replicas <= 5","policy":"p","binding":"b","expressionIndex":0,"validationActions":["Audit"]}]',
      },
    ],
    [
      'an evaluation error with failurePolicy Fail',
      [policy('p', { validations: [{ expression: 'object.spec.paused' }] }), binding('b', 'p')],
      deployment(1),
      {
        code: 422,
        message:
          "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: expression 'object.spec.paused' resulted in error: no such key: paused",
      },
    ],
    [
      'an evaluation error with failurePolicy Ignore',
      [
        policy('p', { failurePolicy: 'Ignore', validations: [{ expression: 'object.spec.paused' }] }),
        binding('b', 'p'),
      ],
      deployment(1),
      {},
    ],
    [
      'params from a ConfigMap in the request namespace',
      [
        withParams,
        binding('b', 'p', { paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' } }),
        cm({ max: '2' }),
      ],
      deployment(3),
      {
        code: 403,
        message:
          "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: max 2",
      },
    ],
    [
      'params by selector, one evaluation each',
      [
        withParams,
        binding('b', 'p', { paramRef: { selector: {}, namespace: 'cfg', parameterNotFoundAction: 'Deny' } }),
        cm({ max: '9' }, 'cfg', 'x'),
        cm({ max: '1' }, 'cfg', 'y'),
      ],
      deployment(3),
      {
        code: 403,
        message:
          "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: max 1",
      },
    ],
    [
      'missing params with Deny',
      [withParams, binding('b', 'p', { paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' } })],
      deployment(3),
      {
        code: 422,
        message:
          "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction",
      },
    ],
    [
      'missing params with Allow',
      [withParams, binding('b', 'p', { paramRef: { name: 'limits', parameterNotFoundAction: 'Allow' } })],
      deployment(3),
      {},
    ],
    [
      'matchConditions false skip the validations',
      [
        policy('p', {
          matchConditions: [{ name: 'big', expression: 'object.spec.replicas > 100' }],
          validations: [{ expression: 'false' }],
        }),
        binding('b', 'p'),
      ],
      deployment(3),
      {},
    ],
    [
      'variables',
      [
        policy('p', {
          variables: [{ name: 'r', expression: 'object.spec.replicas' }],
          validations: [{ expression: 'variables.r < 2', messageExpression: "'r=' + string(variables.r)" }],
        }),
        binding('b', 'p'),
      ],
      deployment(3),
      {
        code: 422,
        message:
          "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: r=3",
      },
    ],
    [
      'objectSelector',
      [
        maxReplicas,
        binding('b', 'p', { matchResources: { objectSelector: { matchLabels: { tier: 'x' } } } }),
      ],
      deployment(10),
      {},
    ],
    [
      'excludeResourceRules',
      [
        policy('p', {
          matchConstraints: { resourceRules: deployRules, excludeResourceRules: deployRules },
          validations: [{ expression: 'false' }],
        }),
        binding('b', 'p'),
      ],
      deployment(10),
      {},
    ],
    [
      'the cost limit',
      [
        policy('p', {
          validations: [
            {
              expression:
                'cel.bind(l, [0,1,2,3,4,5,6,7,8,9], l.all(a, l.all(b, l.all(c, l.all(d, l.all(e, l.all(f, true)))))))',
            },
          ],
        }),
        binding('b', 'p'),
      ],
      deployment(1),
      {
        code: 422,
        message:
          "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: expression 'cel.bind(l, [0,1,2,3,4,5,6,7,8,9], l.all(a, l.all(b, l.all(c, l.all(d, l.all(e, l.all(f, true)))))))' resulted in error: operation cancelled: actual cost limit exceeded",
      },
    ],
  ])('%s', (_name, objects, object, want) => {
    const v = validatingAdmissionPolicy.validate!(attrs(object), context(objects))
    if (want.code) {
      expect(v.allowed).toBe(false)
      if (v.allowed) return
      expect(v.status.code).toBe(want.code)
      expect(v.status.message).toBe(want.message)
      return
    }
    expect(v.allowed).toBe(true)
    if (want.warnings) expect('warnings' in v ? v.warnings : undefined).toEqual(want.warnings)
    if (want.details) expect('details' in v ? v.details : []).toContain(want.details)
  })
})

describe('policy kinds are type-checked when written', () => {
  it.each<[string, KubeObject, string[]]>([
    ['a valid policy', maxReplicas, []],
    [
      'params without paramKind',
      policy('p', { validations: [{ expression: 'object.spec.replicas <= params.max' }] }),
      [
        "spec.validations[0].expression: Invalid value: \"object.spec.replicas <= params.max\": compilation failed: ERROR: <input>:1:25: undeclared reference to 'params' (in container '')\n | object.spec.replicas <= params.max\n | ........................^",
      ],
    ],
    [
      'a messageExpression that is not a string',
      policy('p', { validations: [{ expression: 'true', messageExpression: '1' }] }),
      ['spec.validations[0].messageExpression: Invalid value: "1": must evaluate to string but got int'],
    ],
    [
      'no validations',
      policy('p', {}),
      ['spec.validations: Required value: validations or auditAnnotations must contain at least one item'],
    ],
    [
      'Deny and Warn together',
      binding('b', 'p', { validationActions: ['Deny', 'Warn'] }),
      [
        'spec.validationActions: Invalid value: ["Deny","Warn"]: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
      ],
    ],
  ])('%s', async (_name, obj, want) => {
    const { fieldErrorString } = await import('../../status')
    const errs = POLICY_KIND_VALIDATORS[`${G}/${obj.kind}`]!(obj as never)
    expect(errs.map(fieldErrorString)).toEqual(want)
  })
})

describe('MutatingAdmissionPolicy', () => {
  const map: KubeObject = {
    apiVersion: `${G}/v1beta1`,
    kind: 'MutatingAdmissionPolicy',
    metadata: { name: 'm' },
    spec: {
      matchConstraints: { resourceRules: deployRules },
      mutations: [
        {
          patchType: 'ApplyConfiguration',
          applyConfiguration: {
            expression: 'Object{metadata: Object.metadata{labels: {"owner": request.userInfo.username}}}',
          },
        },
        {
          patchType: 'JSONPatch',
          jsonPatch: {
            expression: '[JSONPatch{op: "replace", path: "/spec/replicas", value: object.spec.replicas + 1}]',
          },
        },
      ],
    },
  }
  const mapBinding: KubeObject = {
    apiVersion: `${G}/v1beta1`,
    kind: 'MutatingAdmissionPolicyBinding',
    metadata: { name: 'mb' },
    spec: { policyName: 'm' },
  }

  it('does nothing while the feature gate is off', () => {
    const a = attrs(deployment(1))
    const v = mutatingAdmissionPolicy.admit!(a, context([map, mapBinding]))
    expect(v).toEqual({
      allowed: true,
      skipped: true,
      summary: 'acts only with the MutatingAdmissionPolicy feature gate (beta, off by default)',
    })
  })

  it('applies ApplyConfiguration then JSONPatch with the gate on', () => {
    const a = attrs(deployment(1, { app: 'web' }))
    const v = mutatingAdmissionPolicy.admit!(a, context([map, mapBinding], { MutatingAdmissionPolicy: true }))
    expect(v.allowed).toBe(true)
    expect(a.object?.metadata?.labels).toEqual({ app: 'web', owner: 'jane' })
    expect((a.object?.spec as { replicas: number }).replicas).toBe(2)
  })

  it('the written policy is type-checked with the typed constructors', () => {
    expect(POLICY_KIND_VALIDATORS[`${G}/MutatingAdmissionPolicy`]!(map as never)).toEqual([])
  })
})
