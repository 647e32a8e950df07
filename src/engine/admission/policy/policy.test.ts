// ValidatingAdmissionPolicy and MutatingAdmissionPolicy on whole requests: exact denial bodies, Warn and
// Audit, messageExpression, params, failurePolicy, matching, creation-time type checking, the feature gate, and
// the result of every expression as the trace records it for the inspector.
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

  it.each<[string, string]>([
    ['[JSONPatch{op: "replace", path: "/kind", value: "StatefulSet"}]', 'Internal error occurred: converting (v1.StatefulSet) to (apps.Deployment): unknown conversion'],
    ['[JSONPatch{op: "add", path: "/spec/bogus", value: 1}]', 'Internal error occurred: strict decoding error: unknown field "spec.bogus"'],
  ])('a JSONPatch result is decoded strictly as the object type (json_patch.go): %s', (expression, error) => {
    const policy = structuredClone(map)
    ;(policy.spec as { mutations: unknown[] }).mutations = [{ patchType: 'JSONPatch', jsonPatch: { expression } }]
    const a = attrs(deployment(1, { app: 'web' }))
    const before = structuredClone(a.object)
    const v = mutatingAdmissionPolicy.admit!(a, context([policy, mapBinding], { MutatingAdmissionPolicy: true }))
    expect(v.allowed).toBe(false)
    expect(JSON.stringify(v)).toContain(JSON.stringify(error).slice(1, -1))
    expect(a.object).toEqual(before)
  })

  it('a JSONPatch whose test fails leaves the object as it was, without an error', () => {
    const policy = structuredClone(map)
    ;(policy.spec as { mutations: unknown[] }).mutations = [
      { patchType: 'JSONPatch', jsonPatch: { expression: '[JSONPatch{op: "test", path: "/spec/replicas", value: 7}, JSONPatch{op: "replace", path: "/spec/replicas", value: 9}]' } },
    ]
    const a = attrs(deployment(1, { app: 'web' }))
    const v = mutatingAdmissionPolicy.admit!(a, context([policy, mapBinding], { MutatingAdmissionPolicy: true }))
    expect(v.allowed).toBe(true)
    expect((a.object?.spec as { replicas: number }).replicas).toBe(1)
  })

  it('records each mutation: the value the expression built and the patch it made', () => {
    const a = attrs(deployment(1, { app: 'web' }))
    const v = mutatingAdmissionPolicy.admit!(a, context([map, mapBinding], { MutatingAdmissionPolicy: true }))
    expect('data' in v ? v.data : undefined).toEqual({
      policies: [
        {
          kind: 'MutatingAdmissionPolicy',
          policy: 'm',
          binding: 'mb',
          failurePolicy: 'Fail',
          decision: 'mutate',
          matchConditions: [],
          variables: [],
          mutations: [
            {
              patchType: 'ApplyConfiguration',
              expression: 'Object{metadata: Object.metadata{labels: {"owner": request.userInfo.username}}}',
              result: 'value',
              value: { metadata: { labels: { owner: 'jane' } } },
              cost: expect.any(Number) as number,
              patch: [{ op: 'add', path: '/metadata/labels/owner', value: 'jane' }],
            },
            {
              patchType: 'JSONPatch',
              expression:
                '[JSONPatch{op: "replace", path: "/spec/replicas", value: object.spec.replicas + 1}]',
              result: 'value',
              value: [{ op: 'replace', path: '/spec/replicas', value: 2 }],
              cost: expect.any(Number) as number,
              patch: [{ op: 'replace', path: '/spec/replicas', value: 2 }],
            },
          ],
          cost: expect.any(Number) as number,
        },
      ],
    })
  })

  it('a mutation that fails to evaluate is an error result and, under Fail, the denial', () => {
    const broken: KubeObject = {
      ...map,
      spec: {
        matchConstraints: { resourceRules: deployRules },
        mutations: [
          {
            patchType: 'JSONPatch',
            jsonPatch: { expression: '[JSONPatch{op: "add", path: "/x", value: object.nope}]' },
          },
        ],
      },
    }
    const v = mutatingAdmissionPolicy.admit!(
      attrs(deployment(1)),
      context([broken, mapBinding], { MutatingAdmissionPolicy: true }),
    )
    expect(v.allowed).toBe(false)
    const error =
      'expression \'[JSONPatch{op: "add", path: "/x", value: object.nope}]\' resulted in error: no such key: nope'
    expect('data' in v ? v.data?.policies : undefined).toMatchObject([
      {
        decision: 'deny',
        note: error,
        mutations: [{ patchType: 'JSONPatch', result: 'error', error }],
      },
    ])
  })

  it('the written policy is type-checked with the typed constructors', () => {
    expect(POLICY_KIND_VALIDATORS[`${G}/MutatingAdmissionPolicy`]!(map as never)).toEqual([])
  })
})

describe('per-expression results in the trace data', () => {
  const vapData = (objects: KubeObject[], object: KubeObject) => {
    const v = validatingAdmissionPolicy.validate!(attrs(object), context(objects))
    return 'data' in v ? v.data : undefined
  }

  it('a failing validation: false, the default message, reason Invalid and the Deny that acted', () => {
    expect(vapData([maxReplicas, binding('b', 'p')], deployment(10))).toEqual({
      policies: [
        {
          kind: 'ValidatingAdmissionPolicy',
          policy: 'p',
          binding: 'b',
          failurePolicy: 'Fail',
          validationActions: ['Deny'],
          decision: 'deny',
          matchConditions: [],
          variables: [],
          validations: [
            {
              expression: 'object.spec.replicas <= 5',
              result: 'false',
              cost: 4,
              message: 'failed expression: object.spec.replicas <= 5',
              messageFrom: 'expression',
              reason: 'Invalid',
              actions: ['Deny'],
            },
          ],
          auditAnnotations: [],
          cost: 4,
        },
      ],
    })
  })

  it('a passing validation has no message and no actions', () => {
    const data = vapData([maxReplicas, binding('b', 'p')], deployment(3))
    expect(data?.policies).toMatchObject([
      {
        decision: 'admit',
        validations: [{ expression: 'object.spec.replicas <= 5', result: 'true', cost: 4 }],
      },
    ])
    const [validation] = (data?.policies as { validations: object[] }[])[0]!.validations
    expect(validation).not.toHaveProperty('message')
    expect(validation).not.toHaveProperty('actions')
  })

  it('a messageExpression: its own result, the message it gave, Warn as the action', () => {
    const p = policy('p', {
      validations: [
        {
          expression: "has(object.metadata.labels) && 'team' in object.metadata.labels",
          messageExpression: "'Deployment ' + object.metadata.name + ' has no team label'",
        },
      ],
    })
    const data = vapData([p, binding('b', 'p', { validationActions: ['Warn'] })], deployment(1))
    expect(data).toEqual({
      policies: [
        {
          kind: 'ValidatingAdmissionPolicy',
          policy: 'p',
          binding: 'b',
          failurePolicy: 'Fail',
          validationActions: ['Warn'],
          decision: 'warn',
          matchConditions: [],
          variables: [],
          validations: [
            {
              expression: "has(object.metadata.labels) && 'team' in object.metadata.labels",
              result: 'false',
              cost: 7,
              message: 'Deployment web has no team label',
              messageFrom: 'messageExpression',
              messageExpression: {
                expression: "'Deployment ' + object.metadata.name + ' has no team label'",
                result: 'value',
                value: 'Deployment web has no team label',
                cost: 9,
              },
              reason: 'Invalid',
              actions: ['Warn'],
            },
          ],
          auditAnnotations: [],
          cost: 16,
        },
      ],
    })
  })

  it('a messageExpression that fails falls back to message, and says why', () => {
    const p = policy('p', {
      validations: [{ expression: 'false', message: 'static', messageExpression: 'object.spec.nothing' }],
    })
    const [e] = vapData([p, binding('b', 'p')], deployment(1))!.policies as { validations: object[] }[]
    expect(e!.validations).toEqual([
      {
        expression: 'false',
        result: 'false',
        cost: 0,
        message: 'static',
        messageFrom: 'message',
        messageExpression: {
          expression: 'object.spec.nothing',
          result: 'error',
          error: "expression 'object.spec.nothing' resulted in error: no such key: nothing",
          cost: 2,
        },
        reason: 'Invalid',
        actions: ['Deny'],
      },
    ])
  })

  it('an evaluation error: the error is the message under failurePolicy Fail, and nothing acts under Ignore', () => {
    const failing = (failurePolicy: string) =>
      policy('p', { failurePolicy, validations: [{ expression: 'object.spec.paused' }] })
    const error = "expression 'object.spec.paused' resulted in error: no such key: paused"
    const [fail] = vapData([failing('Fail'), binding('b', 'p')], deployment(1))!.policies as object[]
    expect(fail).toMatchObject({
      failurePolicy: 'Fail',
      decision: 'deny',
      validations: [
        {
          expression: 'object.spec.paused',
          result: 'error',
          error,
          cost: 2,
          message: error,
          messageFrom: 'error',
          actions: ['Deny'],
        },
      ],
    })
    const [ignore] = vapData([failing('Ignore'), binding('b', 'p')], deployment(1))!.policies as object[]
    expect(ignore).toMatchObject({
      failurePolicy: 'Ignore',
      decision: 'admit',
      validations: [{ expression: 'object.spec.paused', result: 'error', error, cost: 2 }],
    })
  })

  it('a false matchCondition: every condition is listed, the validations were not evaluated', () => {
    const p = policy('p', {
      matchConditions: [
        { name: 'big', expression: 'object.spec.replicas > 100' },
        { name: 'named', expression: "object.metadata.name != ''" },
      ],
      variables: [{ name: 'r', expression: 'object.spec.replicas' }],
      validations: [{ expression: 'variables.r < 200' }],
    })
    expect(vapData([p, binding('b', 'p')], deployment(3))).toEqual({
      policies: [
        {
          kind: 'ValidatingAdmissionPolicy',
          policy: 'p',
          binding: 'b',
          failurePolicy: 'Fail',
          validationActions: ['Deny'],
          decision: 'skip',
          matchConditions: [
            { name: 'big', expression: 'object.spec.replicas > 100', result: 'false', cost: 4 },
            { name: 'named', expression: "object.metadata.name != ''", result: 'true', cost: 4 },
          ],
          variables: [{ name: 'r', expression: 'object.spec.replicas', result: 'not evaluated' }],
          validations: [{ expression: 'variables.r < 200', result: 'not evaluated' }],
          auditAnnotations: [],
          cost: 8,
          note: "matchCondition 'big' is false",
        },
      ],
    })
  })

  it('a matchCondition error counts only when no condition is false', () => {
    const conditions = (second: string) =>
      policy('p', {
        matchConditions: [
          { name: 'broken', expression: 'object.spec.paused' },
          { name: 'second', expression: second },
        ],
        validations: [{ expression: 'true' }],
      })
    const skipped = validatingAdmissionPolicy.validate!(
      attrs(deployment(1)),
      context([conditions('false'), binding('b', 'p')]),
    )
    expect(skipped.allowed).toBe(true)
    const denied = validatingAdmissionPolicy.validate!(
      attrs(deployment(1)),
      context([conditions('true'), binding('b', 'p')]),
    )
    expect(denied.allowed).toBe(false)
    expect('data' in denied && denied.data?.policies).toMatchObject([
      {
        decision: 'deny',
        note: "failed to evaluate matchCondition 'broken': expression 'object.spec.paused' resulted in error: no such key: paused",
        matchConditions: [
          { name: 'broken', result: 'error' },
          { name: 'second', result: 'true' },
        ],
      },
    ])
  })

  it('variables, audit annotations and the param used', () => {
    const p = policy('p', {
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      variables: [
        { name: 'max', expression: 'int(params.data.max)' },
        { name: 'labels', expression: 'object.metadata.labels' },
      ],
      validations: [{ expression: 'object.spec.replicas <= variables.max', reason: 'Forbidden' }],
      auditAnnotations: [{ key: 'limit', valueExpression: "'max ' + string(variables.max)" }],
    })
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'limits', namespace: 'dev' },
      data: { max: '5' },
    }
    const b = binding('b', 'p', {
      validationActions: ['Audit'],
      paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' },
    })
    const [e] = vapData([p, b, cm], deployment(3, { app: 'web' }))!.policies as object[]
    expect(e).toEqual({
      kind: 'ValidatingAdmissionPolicy',
      policy: 'p',
      binding: 'b',
      failurePolicy: 'Fail',
      validationActions: ['Audit'],
      param: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'dev', name: 'limits' },
      decision: 'admit',
      matchConditions: [],
      variables: [
        { name: 'max', expression: 'int(params.data.max)', result: 'value', value: 5, cost: 4 },
        { name: 'labels', expression: 'object.metadata.labels', result: 'not evaluated' },
      ],
      validations: [{ expression: 'object.spec.replicas <= variables.max', result: 'true', cost: 6 }],
      auditAnnotations: [
        {
          key: 'limit',
          expression: "'max ' + string(variables.max)",
          result: 'value',
          value: 'max 5',
          cost: 4,
        },
      ],
      cost: 14,
    })
  })

  it('bindings and policies that do not match are listed with the reason', () => {
    const other = policy('q', {
      matchConstraints: { resourceRules: [{ ...deployRules[0], resources: ['statefulsets'] }] },
      validations: [{ expression: 'false' }],
    })
    const data = vapData(
      [
        maxReplicas,
        binding('b', 'p', { matchResources: { objectSelector: { matchLabels: { tier: 'x' } } } }),
        other,
        binding('c', 'q'),
      ],
      deployment(10),
    )
    expect(data?.policies).toEqual([
      {
        kind: 'ValidatingAdmissionPolicy',
        policy: 'p',
        binding: 'b',
        failurePolicy: 'Fail',
        validationActions: ['Deny'],
        decision: 'skip',
        note: 'matchResources do not match',
        matchConditions: [],
        variables: [],
        validations: [],
        auditAnnotations: [],
        cost: 0,
      },
      {
        kind: 'ValidatingAdmissionPolicy',
        policy: 'q',
        failurePolicy: 'Fail',
        decision: 'skip',
        note: 'matchConstraints do not match',
        matchConditions: [],
        variables: [],
        validations: [],
        auditAnnotations: [],
        cost: 0,
      },
    ])
  })

  it('survives a JSON round trip unchanged', () => {
    const data = vapData([maxReplicas, binding('b', 'p', { validationActions: ['Warn'] })], deployment(10))
    expect(JSON.parse(JSON.stringify(data))).toEqual(data)
  })
})
