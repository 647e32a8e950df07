import { describe, expect, it } from 'vitest'
import { conflict } from '../../status'
import { namespaceAutoProvision } from './namespaceAutoProvision'
import { namespaceExists } from './namespaceExists'
import { attrs, context, namespace, pod } from './testkit'

describe('NamespaceExists', () => {
  it.each([
    { name: 'a Pod in a missing namespace', a: attrs('pods', 'CREATE', pod('web', {}, 'nosuch')), want: 404 },
    {
      name: 'a delete in a missing namespace',
      a: attrs('pods', 'DELETE', undefined, { name: 'web', namespace: 'nosuch' }),
      want: 404,
    },
    { name: 'a Pod in an existing namespace', a: attrs('pods', 'CREATE', pod('web')), want: 0 },
    {
      name: 'a Namespace itself',
      a: attrs('namespaces', 'CREATE', namespace('nosuch'), { namespace: 'nosuch' }),
      want: 0,
    },
  ])('$name', ({ a, want }) => {
    const verdict = namespaceExists.validate!(a, context([namespace('default')]))
    if (!want) expect(verdict.allowed).toBe(true)
    else
      expect(verdict).toMatchObject({
        allowed: false,
        status: {
          code: 404,
          reason: 'NotFound',
          message: 'namespaces "nosuch" not found',
          details: { name: 'nosuch', kind: 'namespaces' },
        },
      })
  })
})

describe('NamespaceAutoProvision', () => {
  it('creates the missing namespace through the context', () => {
    const created: string[] = []
    const ctx = context([], { createNamespace: (name) => void created.push(name) })
    const verdict = namespaceAutoProvision.admit!(attrs('pods', 'CREATE', pod('web', {}, 'team-a')), ctx)
    expect(verdict.allowed).toBe(true)
    expect(created).toEqual(['team-a'])
  })

  it.each([
    { name: 'a dry run', a: attrs('pods', 'CREATE', pod('web', {}, 'team-a'), { dryRun: true }) },
    { name: 'a namespace that exists', a: attrs('pods', 'CREATE', pod('web')) },
    { name: 'an update', a: attrs('pods', 'UPDATE', pod('web', {}, 'team-a')) },
  ])('creates nothing for $name', ({ a }) => {
    const created: string[] = []
    namespaceAutoProvision.admit!(
      a,
      context([namespace('default')], { createNamespace: (name) => void created.push(name) }),
    )
    expect(created).toEqual([])
  })

  it('ignores AlreadyExists from a race and forbids other failures', () => {
    const a = attrs('pods', 'CREATE', pod('web', {}, 'team-a'))
    const raced = context([], {
      createNamespace: () => ({
        ...conflict({ group: '', resource: 'namespaces' }, 'team-a', 'x'),
        reason: 'AlreadyExists',
      }),
    })
    expect(namespaceAutoProvision.admit!(a, raced).allowed).toBe(true)
    const failing = context([], {
      createNamespace: () => conflict({ group: '', resource: 'namespaces' }, 'team-a', 'boom'),
    })
    expect(namespaceAutoProvision.admit!(a, failing)).toMatchObject({
      allowed: false,
      status: {
        code: 403,
        message: 'pods "web" is forbidden: Operation cannot be fulfilled on namespaces "team-a": boom',
      },
    })
  })
})
