import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../types'
import { runtimeClass } from './runtimeClass'
import { attrs, context, pod } from './testkit'

const gvisor: KubeObject = {
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name: 'gvisor' },
  handler: 'runsc',
  overhead: { podFixed: { cpu: '250m', memory: '120Mi' } },
  scheduling: {
    nodeSelector: { 'runtime/gvisor': 'true' },
    tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }],
  },
}
const plain: KubeObject = {
  apiVersion: 'node.k8s.io/v1',
  kind: 'RuntimeClass',
  metadata: { name: 'runc' },
  handler: 'runc',
}

describe('RuntimeClass: admit', () => {
  it('copies overhead, nodeSelector and tolerations', () => {
    const a = attrs('pods', 'CREATE', pod('web', { runtimeClassName: 'gvisor', nodeSelector: { zone: 'a' } }))
    expect(runtimeClass.admit!(a, context([gvisor])).allowed).toBe(true)
    expect(a.object!.spec).toMatchObject({
      overhead: { cpu: '250m', memory: '120Mi' },
      nodeSelector: { 'runtime/gvisor': 'true', zone: 'a' },
      tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }],
    })
  })

  it('drops a pod toleration the class covers', () => {
    const a = attrs(
      'pods',
      'CREATE',
      pod('web', {
        runtimeClassName: 'gvisor',
        tolerations: [{ key: 'sandbox', operator: 'Equal', value: 'x', effect: 'NoSchedule' }],
      }),
    )
    runtimeClass.admit!(a, context([gvisor]))
    expect((a.object!.spec as { tolerations: unknown[] }).tolerations).toEqual([
      { key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' },
    ])
  })

  it.each([
    {
      name: 'a missing class',
      spec: { runtimeClassName: 'kata' },
      message: 'pods "web" is forbidden: pod rejected: RuntimeClass "kata" not found',
    },
    {
      name: 'an overhead of its own',
      spec: { runtimeClassName: 'gvisor', overhead: { cpu: '1' } },
      message:
        "pods \"web\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
    },
    {
      name: 'a conflicting nodeSelector',
      spec: { runtimeClassName: 'gvisor', nodeSelector: { 'runtime/gvisor': 'false' } },
      message:
        'pods "web" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[runtime/gvisor] = true; pod.spec.nodeSelector[runtime/gvisor] = false',
    },
  ])('refuses $name', ({ spec, message }) => {
    const verdict = runtimeClass.admit!(attrs('pods', 'CREATE', pod('web', spec)), context([gvisor]))
    expect(verdict.allowed).toBe(false)
    if (!verdict.allowed) {
      expect(verdict.status.message).toBe(message)
      expect(verdict.status.code).toBe(403)
    }
  })

  it("accepts an overhead equal to the class's in other units", () => {
    const a = attrs(
      'pods',
      'CREATE',
      pod('web', { runtimeClassName: 'gvisor', overhead: { cpu: '0.25', memory: '120Mi' } }),
    )
    expect(runtimeClass.admit!(a, context([gvisor])).allowed).toBe(true)
  })

  it('passes Pods without a runtimeClassName untouched', () => {
    const a = attrs('pods', 'CREATE', pod('web'))
    expect(runtimeClass.admit!(a, context()).allowed).toBe(true)
    expect(a.object!.spec).not.toHaveProperty('overhead')
  })
})

describe('RuntimeClass: validate', () => {
  it.each([
    {
      name: 'overhead without a class',
      spec: { overhead: { cpu: '1' } },
      classes: [],
      message:
        'pods "web" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
    },
    {
      name: 'overhead with a class that has none',
      spec: { runtimeClassName: 'runc', overhead: { cpu: '1' } },
      classes: [plain],
      message:
        'pods "web" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
    },
    {
      name: 'overhead that differs',
      spec: { runtimeClassName: 'gvisor', overhead: { cpu: '1' } },
      classes: [gvisor],
      message:
        "pods \"web\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
    },
    {
      name: 'a missing class',
      spec: { runtimeClassName: 'kata' },
      classes: [],
      message: 'pods "web" is forbidden: pod rejected: RuntimeClass "kata" not found',
    },
    {
      name: 'the copied overhead',
      spec: { runtimeClassName: 'gvisor', overhead: { cpu: '250m', memory: '120Mi' } },
      classes: [gvisor],
      message: undefined,
    },
    { name: 'no overhead at all', spec: { runtimeClassName: 'runc' }, classes: [plain], message: undefined },
  ])('$name', ({ spec, classes, message }) => {
    const verdict = runtimeClass.validate!(attrs('pods', 'CREATE', pod('web', spec)), context(classes))
    if (message === undefined) expect(verdict.allowed).toBe(true)
    else {
      expect(verdict.allowed).toBe(false)
      if (!verdict.allowed) expect(verdict.status.message).toBe(message)
    }
  })
})
