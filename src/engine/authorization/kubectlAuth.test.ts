import { describe, expect, it } from 'vitest'
import { canIListOutput, canIOutput, whoamiOutput } from './kubectlAuth'

describe('canIOutput', () => {
  it.each<[string, object, string]>([
    ['allowed', { status: { allowed: true, reason: 'RBAC: allowed by ...' } }, 'yes\n'],
    ['denied, no reason', { status: { allowed: false } }, 'no\n'],
    [
      'denied with reason',
      { status: { allowed: false, reason: 'RBAC: x not found' } },
      'no - RBAC: x not found\n',
    ],
    ['denied with evaluation error', { status: { allowed: false, evaluationError: 'boom' } }, 'no - boom\n'],
  ])('%s', (_name, review, expected) => {
    expect(canIOutput(review)).toBe(expected)
  })
})

describe('canIListOutput', () => {
  it('breaks down, compacts, sorts by Go String() and pads like kubectl', () => {
    const { output, warnings } = canIListOutput({
      status: {
        resourceRules: [
          { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods', 'pods/log'] },
          { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews'] },
          { verbs: ['*'], apiGroups: ['apps'], resources: ['deployments'] },
          { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'] },
        ],
        nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api', '/healthz'] }],
        incomplete: false,
      },
    })
    expect(warnings).toEqual([])
    expect(output).toBe(
      [
        'Resources                                       Non-Resource URLs   Resource Names   Verbs',
        'deployments.apps                                []                  []               [*]',
        'selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]',
        'pods/log                                        []                  []               [get list]',
        'pods                                            []                  []               [get list]',
        '                                                [/api]              []               [get]',
        '                                                [/healthz]          []               [get]',
        'configmaps                                      []                  [app-config]     [get]',
        '',
      ].join('\n'),
    )
  })

  it('warns when the list is incomplete', () => {
    const { warnings } = canIListOutput({
      status: { incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' },
    })
    expect(warnings).toEqual([
      'Warning: the list may be incomplete: node authorizer does not support user rule resolution',
    ])
  })
})

describe('whoamiOutput', () => {
  it('prints username, uid, groups and sorted extras', () => {
    expect(
      whoamiOutput({
        status: {
          userInfo: {
            username: 'system:serviceaccount:dev:ci',
            uid: 'abc',
            groups: ['system:serviceaccounts', 'system:authenticated'],
            extra: { 'b.io/x': ['1'], 'a.io/y': ['2', '3'] },
          },
        },
      }),
    ).toBe(
      [
        'ATTRIBUTE       VALUE',
        'Username        system:serviceaccount:dev:ci',
        'UID             abc',
        'Groups          [system:serviceaccounts system:authenticated]',
        'Extra: a.io/y   [2 3]',
        'Extra: b.io/x   [1]',
        '',
      ].join('\n'),
    )
  })
})
