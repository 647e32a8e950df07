import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../types'
import { priority } from './priority'
import { attrs, context, pod } from './testkit'

const pc = (
  name: string,
  value: number,
  globalDefault = false,
  preemptionPolicy = 'PreemptLowerPriority',
): KubeObject => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  globalDefault,
  preemptionPolicy,
})

describe('Priority: validating PriorityClass writes', () => {
  it.each([
    {
      name: 'a second global default',
      op: 'CREATE' as const,
      obj: pc('second', 10, true),
      stored: [pc('first', 5, true)],
      message:
        'priorityclasses.scheduling.k8s.io "second" is forbidden: PriorityClass first is already marked as default. Only one default can exist',
    },
    {
      name: 'marking another class default by update',
      op: 'UPDATE' as const,
      obj: pc('second', 10, true),
      stored: [pc('first', 5, true), pc('second', 10)],
      message:
        'priorityclasses.scheduling.k8s.io "second" is forbidden: PriorityClass first is already marked as default. Only one default can exist',
    },
    {
      name: 'the lowest-valued default is named when several exist',
      op: 'CREATE' as const,
      obj: pc('third', 1, true),
      stored: [pc('b', 50, true), pc('a', 7, true)],
      message:
        'priorityclasses.scheduling.k8s.io "third" is forbidden: PriorityClass a is already marked as default. Only one default can exist',
    },
    {
      name: 'the first default',
      op: 'CREATE' as const,
      obj: pc('first', 5, true),
      stored: [],
      message: undefined,
    },
    {
      name: 're-saving the default itself',
      op: 'UPDATE' as const,
      obj: pc('first', 5, true),
      stored: [pc('first', 5, true)],
      message: undefined,
    },
    {
      name: 'a non-default class',
      op: 'CREATE' as const,
      obj: pc('low', 5),
      stored: [pc('first', 5, true)],
      message: undefined,
    },
  ])('$name', ({ op, obj, stored, message }) => {
    const verdict = priority.validate!(attrs('priorityclasses', op, obj), context(stored))
    if (message === undefined) expect(verdict.allowed).toBe(true)
    else {
      expect(verdict.allowed).toBe(false)
      if (!verdict.allowed) {
        expect(verdict.status.message).toBe(message)
        expect(verdict.status.code).toBe(403)
        expect(verdict.status.details).toEqual({
          name: obj.metadata!.name,
          group: 'scheduling.k8s.io',
          kind: 'priorityclasses',
        })
      }
    }
  })

  it('leaves Pods to the mutating half', () => {
    expect(priority.validate!(attrs('pods', 'CREATE', pod('web')), context())).toMatchObject({
      skipped: true,
    })
  })
})

describe('Priority: resolving a Pod', () => {
  it.each([
    {
      name: 'no class, no default',
      spec: {},
      stored: [],
      want: { priority: 0, preemptionPolicy: 'PreemptLowerPriority' },
    },
    {
      name: 'the global default',
      spec: {},
      stored: [pc('normal', 100, true, 'Never')],
      want: { priorityClassName: 'normal', priority: 100, preemptionPolicy: 'Never' },
    },
    {
      name: 'a named class',
      spec: { priorityClassName: 'high' },
      stored: [pc('high', 100000)],
      want: { priorityClassName: 'high', priority: 100000, preemptionPolicy: 'PreemptLowerPriority' },
    },
  ])('$name', ({ spec, stored, want }) => {
    const a = attrs('pods', 'CREATE', pod('web', spec))
    expect(priority.admit!(a, context(stored)).allowed).toBe(true)
    expect(a.object!.spec).toMatchObject(want)
  })

  it.each([
    {
      spec: { priorityClassName: 'nope' },
      message: 'pods "web" is forbidden: no PriorityClass with name nope was found',
    },
    {
      spec: { priority: 5 },
      message:
        'pods "web" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    },
    {
      spec: { preemptionPolicy: 'Never' },
      message:
        'pods "web" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    },
  ])('refuses $spec', ({ spec, message }) => {
    const verdict = priority.admit!(attrs('pods', 'CREATE', pod('web', spec)), context())
    expect(verdict.allowed).toBe(false)
    if (!verdict.allowed) expect(verdict.status.message).toBe(message)
  })

  it('keeps the stored priority on an update that leaves it out', () => {
    const old = pod('web', { priority: 7, preemptionPolicy: 'Never' })
    const a = attrs('pods', 'UPDATE', pod('web'), { oldObject: old })
    priority.admit!(a, context())
    expect(a.object!.spec).toMatchObject({ priority: 7, preemptionPolicy: 'Never' })
  })
})
