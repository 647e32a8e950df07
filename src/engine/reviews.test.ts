import { describe, expect, it } from 'vitest'
import { createAuthorizer } from './authorization'
import {
  clusterRole,
  clusterRoleBinding,
  group,
  role,
  roleBinding,
  store,
  user,
} from './authorization/testing'
import { handleReview, type ReviewKind } from './reviews'
import type { UserInfo } from './types'

const jane: UserInfo = { username: 'jane', groups: ['developers', 'system:authenticated'] }
const rbac = store([
  role('dev', 'pod-reader', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }]),
  roleBinding('dev', 'jane-pods', 'Role', 'pod-reader', [user('jane')]),
  roleBinding('dev', 'broken', 'ClusterRole', 'gone', [group('developers')]),
  clusterRole('basic', [
    {
      verbs: ['create'],
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
    },
    { verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] },
  ]),
  clusterRoleBinding('basic', 'basic', [group('system:authenticated')]),
])
const authorizer = createAuthorizer(rbac)
const ctx = (namespace = '', who: UserInfo = jane) => ({
  user: who,
  namespace,
  authorizer,
  rbac,
  now: '2025-01-01T00:00:00Z',
})

describe('handleReview: access reviews', () => {
  it.each<[string, ReviewKind, unknown, string, number, unknown]>([
    [
      'SelfSubjectAccessReview allowed',
      'SelfSubjectAccessReview',
      { spec: { resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'dev' } } },
      '',
      201,
      {
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: {},
        spec: { resourceAttributes: { namespace: 'dev', verb: 'get', resource: 'pods' } },
        status: {
          allowed: true,
          reason: 'RBAC: allowed by RoleBinding "jane-pods/dev" of Role "pod-reader" to User "jane"',
        },
      },
    ],
    [
      'SelfSubjectAccessReview denied with the RBAC reason',
      'SelfSubjectAccessReview',
      { spec: { resourceAttributes: { verb: 'delete', resource: 'pods', namespace: 'dev' } } },
      '',
      201,
      {
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: {},
        spec: { resourceAttributes: { namespace: 'dev', verb: 'delete', resource: 'pods' } },
        status: { allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found' },
      },
    ],
    [
      'non-resource review',
      'SelfSubjectAccessReview',
      { spec: { nonResourceAttributes: { verb: 'get', path: '/api/v1' } } },
      '',
      201,
      {
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: {},
        spec: { nonResourceAttributes: { path: '/api/v1', verb: 'get' } },
        status: {
          allowed: true,
          reason:
            'RBAC: allowed by ClusterRoleBinding "basic" of ClusterRole "basic" to Group "system:authenticated"',
        },
      },
    ],
    [
      'SubjectAccessReview for another user, denied without reason',
      'SubjectAccessReview',
      { spec: { user: 'bob', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'dev' } } },
      '',
      201,
      {
        kind: 'SubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: {},
        spec: { resourceAttributes: { namespace: 'dev', verb: 'get', resource: 'pods' }, user: 'bob' },
        status: { allowed: false },
      },
    ],
    [
      'LocalSubjectAccessReview takes its namespace from the URL',
      'LocalSubjectAccessReview',
      { spec: { user: 'jane', resourceAttributes: { verb: 'list', resource: 'pods', namespace: 'dev' } } },
      'dev',
      201,
      {
        kind: 'LocalSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: { namespace: 'dev' },
        spec: { resourceAttributes: { namespace: 'dev', verb: 'list', resource: 'pods' }, user: 'jane' },
        status: {
          allowed: true,
          reason: 'RBAC: allowed by RoleBinding "jane-pods/dev" of Role "pod-reader" to User "jane"',
        },
      },
    ],
  ])('%s', (_name, kind, body, namespace, code, expected) => {
    const result = handleReview(kind, body, ctx(namespace))
    expect(result.code).toBe(code)
    expect(JSON.stringify(result.body)).toBe(JSON.stringify(expected))
  })

  it.each<[string, ReviewKind, unknown, string, number, string]>([
    [
      'neither attributes',
      'SelfSubjectAccessReview',
      { spec: {} },
      '',
      422,
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
    ],
    [
      'SubjectAccessReview without subject',
      'SubjectAccessReview',
      { spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } },
      '',
      422,
      'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
    ],
    [
      'metadata must be empty',
      'SelfSubjectAccessReview',
      { metadata: { name: 'x' }, spec: { nonResourceAttributes: { verb: 'get', path: '/api' } } },
      '',
      422,
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: metadata: Invalid value: {"name":"x","creationTimestamp":null}: must be empty',
    ],
    [
      'LocalSubjectAccessReview in another namespace than its spec',
      'LocalSubjectAccessReview',
      { spec: { user: 'jane', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'prod' } } },
      'dev',
      422,
      'LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "prod": must match metadata.namespace',
    ],
    [
      'LocalSubjectAccessReview whose metadata says another namespace',
      'LocalSubjectAccessReview',
      {
        metadata: { namespace: 'prod' },
        spec: { user: 'jane', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'prod' } },
      },
      'dev',
      400,
      'the namespace of the provided object does not match the namespace sent on the request',
    ],
    [
      'selector with both raw and requirements',
      'SelfSubjectAccessReview',
      {
        spec: {
          resourceAttributes: {
            verb: 'list',
            resource: 'pods',
            labelSelector: {
              rawSelector: 'a=b',
              requirements: [{ key: 'a', operator: 'In', values: ['b'] }],
            },
          },
        },
      },
      '',
      422,
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.labelSelector.rawSelector: Invalid value: "a=b": may not specified at the same time as requirements',
    ],
  ])('%s', (_name, kind, body, namespace, code, message) => {
    const result = handleReview(kind, body, ctx(namespace))
    expect(result.code).toBe(code)
    expect((result.body as { message?: string }).message).toBe(message)
  })
})

describe('handleReview: SelfSubjectRulesReview and SelfSubjectReview', () => {
  it('lists the rules RBAC resolves, with the lookup errors as evaluationError', () => {
    const result = handleReview('SelfSubjectRulesReview', { spec: { namespace: 'dev' } }, ctx())
    expect(result.code).toBe(201)
    expect(JSON.stringify(result.body)).toBe(
      JSON.stringify({
        kind: 'SelfSubjectRulesReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: {},
        spec: {},
        status: {
          resourceRules: [
            {
              verbs: ['create'],
              apiGroups: ['authorization.k8s.io'],
              resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
            },
            { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
          ],
          nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] }],
          incomplete: false,
          evaluationError: 'clusterrole.rbac.authorization.k8s.io "gone" not found',
        },
      }),
    )
  })

  it('needs a namespace', () => {
    const result = handleReview('SelfSubjectRulesReview', { spec: {} }, ctx())
    expect(result.code).toBe(400)
    expect((result.body as { message: string }).message).toBe('no namespace on request')
  })

  it('is incomplete for a kubelet', () => {
    const node = { username: 'system:node:w1', groups: ['system:nodes', 'system:authenticated'] }
    const result = handleReview('SelfSubjectRulesReview', { spec: { namespace: 'dev' } }, ctx('', node))
    const status = (result.body as { status: { incomplete: boolean; evaluationError: string } }).status
    expect(status.incomplete).toBe(true)
    expect(status.evaluationError).toBe('node authorizer does not support user rule resolution')
  })

  it('SelfSubjectReview echoes the user', () => {
    const sa: UserInfo = {
      username: 'system:serviceaccount:dev:ci',
      uid: 'u-1',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'],
      extra: { 'authentication.kubernetes.io/credential-id': ['JTI=abc'] },
    }
    const result = handleReview('SelfSubjectReview', {}, ctx('', sa))
    expect(JSON.stringify(result.body)).toBe(
      JSON.stringify({
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: '2025-01-01T00:00:00Z' },
        status: { userInfo: { username: sa.username, uid: 'u-1', groups: sa.groups, extra: sa.extra } },
      }),
    )
  })
})
