// LimitRanger on single requests: the defaults and the annotation of the mutating half, and the exact
// texts of the validating half (plugin/pkg/admission/limitranger/admission.go), aggregated as
// utilerrors.NewAggregate prints them and wrapped by admission.NewForbidden.
import { describe, expect, it } from 'vitest'
import { cloneJson } from '../../clone'
import { resourceByName } from '../../resources'
import type { KubeObject } from '../../types'
import type { AdmissionAttributes, AdmissionContext, Operation, PluginVerdict } from '../types'
import { defaultLimitRangeItem, limitRanger, ratioString, type LimitRangeItem } from './plugin'
import { parseQuantityExact } from '../resourceQuota/quantity'

function context(limitRanges: KubeObject[]): AdmissionContext {
  return {
    cluster: {
      get: () => undefined,
      list: (resource) => (resource === 'limitranges' ? limitRanges : []),
    },
    ids: { uid: () => 'uid', randomSuffix: (n) => 'b'.repeat(n) },
    clock: { now: () => '2025-01-01T00:00:00Z' },
  }
}

const range = (limits: LimitRangeItem[], name = 'limits'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name, namespace: 'dev' },
  spec: { limits },
})

type Res = { requests?: Record<string, string>; limits?: Record<string, string> }
const pod = (containers: Res[], init: Res[] = [], name = 'web'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'dev' },
  spec: {
    containers: containers.map((resources, i) => ({ name: `c${i}`, image: 'nginx', resources })),
    ...(init.length
      ? { initContainers: init.map((resources, i) => ({ name: `i${i}`, image: 'busybox', resources })) }
      : {}),
  },
})

function attrs(
  object: KubeObject,
  r: { resource?: string; operation?: Operation; subresource?: string; oldObject?: KubeObject } = {},
): AdmissionAttributes {
  return {
    name: object.metadata?.name ?? '',
    namespace: 'dev',
    resource: resourceByName(r.resource ?? 'pods')!,
    subresource: r.subresource ?? '',
    operation: r.operation ?? 'CREATE',
    object,
    oldObject: r.oldObject,
    userInfo: { username: 'admin', groups: [] },
    dryRun: false,
  }
}

const message = (v: PluginVerdict) => (v.allowed ? undefined : v.status.message)

describe('LimitRanger admit: defaults', () => {
  it('fills what each container and init container lacks and writes the annotation', () => {
    const object = pod(
      [{}, { requests: { cpu: '1' }, limits: { cpu: '2' } }],
      [{ limits: { memory: '64Mi' }, requests: { memory: '64Mi' } }],
    )
    const lr = range([
      {
        type: 'Container',
        default: { cpu: '500m', memory: '0.5Gi' },
        defaultRequest: { cpu: '0.1', memory: '128Mi' },
      },
    ])
    const verdict = limitRanger.admit!(attrs(object), context([lr]))
    expect(verdict.allowed).toBe(true)
    expect(object.metadata?.annotations).toEqual({
      'kubernetes.io/limit-ranger':
        'LimitRanger plugin set: cpu, memory request for container c0; cpu, memory limit for container c0; memory request for container c1; memory limit for container c1; cpu request for init container i0; cpu limit for init container i0',
    })
    const spec = object.spec as { containers: { resources: Res }[]; initContainers: { resources: Res }[] }
    // Copied values are written in canonical form, as a real server stores the LimitRange's quantities.
    expect(spec.containers[0]!.resources).toEqual({
      limits: { cpu: '500m', memory: '512Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    })
    expect(spec.containers[1]!.resources).toEqual({
      requests: { cpu: '1', memory: '128Mi' },
      limits: { cpu: '2', memory: '512Mi' },
    })
    expect(spec.initContainers[0]!.resources).toEqual({
      limits: { cpu: '500m', memory: '64Mi' },
      requests: { memory: '64Mi', cpu: '100m' },
    })
  })

  it('requests default from default limits, then from min (SetDefaults_LimitRangeItem)', () => {
    expect(defaultLimitRangeItem({ type: 'Container', max: { cpu: '2' }, min: { memory: '1Mi' } })).toEqual({
      type: 'Container',
      max: { cpu: '2' },
      min: { memory: '1Mi' },
      default: { cpu: '2' },
      defaultRequest: { cpu: '2', memory: '1Mi' },
    })
    expect(defaultLimitRangeItem({ type: 'Pod', max: { cpu: '2' } })).toEqual({
      type: 'Pod',
      max: { cpu: '2' },
    })
  })

  it('leaves a Pod that sets everything alone', () => {
    const object = pod([{ requests: { cpu: '1' }, limits: { cpu: '1' } }])
    const before = cloneJson(object)
    limitRanger.admit!(attrs(object), context([range([{ type: 'Container', default: { cpu: '1' } }])]))
    expect(object).toEqual(before)
  })

  it.each([
    { what: 'Pod updates', r: { operation: 'UPDATE' as Operation } },
    { what: 'subresources', r: { subresource: 'status', operation: 'UPDATE' as Operation } },
    { what: 'deletes', r: { operation: 'DELETE' as Operation } },
    { what: 'other kinds', r: { resource: 'configmaps' } },
  ])('skips $what', ({ r }) => {
    const object = pod([{}])
    const verdict = limitRanger.admit!(
      attrs(object, r),
      context([range([{ type: 'Container', default: { cpu: '1' } }])]),
    )
    expect('skipped' in verdict && verdict.skipped).toBe(true)
    expect(object.metadata?.annotations).toBeUndefined()
  })
})

describe('LimitRanger validate: exact messages', () => {
  it.each([
    {
      what: 'min and max on one container, in that order',
      items: [{ type: 'Container', min: { cpu: '100m' }, max: { memory: '1Gi' } }],
      object: pod([{ requests: { cpu: '50m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } }]),
      message:
        'pods "web" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
    },
    {
      what: 'no request under a min',
      items: [{ type: 'Container', min: { memory: '64Mi' } }],
      object: pod([{ limits: {} }]),
      message:
        'pods "web" is forbidden: minimum memory usage per Container is 64Mi.  No request is specified',
    },
    {
      what: 'a limit under the min',
      items: [{ type: 'Container', min: { cpu: '100m' } }],
      object: pod([{ requests: { cpu: '100m' }, limits: { cpu: '0.05' } }]),
      message: 'pods "web" is forbidden: minimum cpu usage per Container is 100m, but limit is 50m',
    },
    {
      what: 'no limit under a max',
      items: [{ type: 'Container', max: { cpu: '1' } }],
      object: pod([{ requests: { cpu: '500m' } }]),
      message: 'pods "web" is forbidden: maximum cpu usage per Container is 1.  No limit is specified',
    },
    {
      what: 'a request over the max (limit within)',
      items: [{ type: 'Container', max: { cpu: '1' } }],
      object: pod([{ requests: { cpu: '1500m' }, limits: { cpu: '1' } }]),
      message: 'pods "web" is forbidden: maximum cpu usage per Container is 1, but request is 1500m',
    },
    {
      what: 'the limit/request ratio, to six decimals',
      items: [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }],
      object: pod([{ requests: { cpu: '300m' }, limits: { cpu: '1' } }]),
      message:
        'pods "web" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 3.333333',
    },
    {
      what: 'a ratio without a request',
      items: [{ type: 'Container', maxLimitRequestRatio: { memory: '1500m' } }],
      object: pod([{ limits: { memory: '1Gi' }, requests: { memory: '0' } }]),
      message:
        'pods "web" is forbidden: memory max limit to request ratio per Container is 1500m, but no request is specified or request is 0',
    },
    {
      what: 'init containers after containers; identical messages once',
      items: [{ type: 'Container', max: { cpu: '1' } }],
      object: pod([{ limits: { cpu: '2' } }, { limits: { cpu: '2' } }], [{ limits: { cpu: '3' } }]),
      message:
        'pods "web" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum cpu usage per Container is 1, but limit is 3]',
    },
    {
      what: 'Pod-type limits on the sums',
      items: [{ type: 'Pod', max: { memory: '1Gi' }, min: { cpu: '1' } }],
      object: pod([
        { requests: { cpu: '300m', memory: '512Mi' }, limits: { memory: '768Mi' } },
        { requests: { cpu: '200m' }, limits: { memory: '512Mi' } },
      ]),
      message:
        'pods "web" is forbidden: [minimum cpu usage per Pod is 1, but request is 500m, maximum memory usage per Pod is 1Gi, but limit is 1280Mi]',
    },
  ])('$what', ({ items, object, message: expected }) => {
    const verdict = limitRanger.validate!(attrs(object), context([range(items as LimitRangeItem[])]))
    expect(message(verdict)).toBe(expected)
    if (!verdict.allowed)
      expect(verdict.status).toMatchObject({
        code: 403,
        reason: 'Forbidden',
        details: { name: 'web', kind: 'pods' },
      })
  })

  it('the first LimitRange with violations decides', () => {
    const ranges = [
      range([{ type: 'Container', max: { cpu: '4' } }], 'a'),
      range([{ type: 'Container', max: { cpu: '1' } }], 'b'),
      range([{ type: 'Container', max: { cpu: '500m' } }], 'c'),
    ]
    expect(message(limitRanger.validate!(attrs(pod([{ limits: { cpu: '2' } }])), context(ranges)))).toBe(
      'pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2',
    )
  })

  it('PersistentVolumeClaims: min and max on the storage request', () => {
    const claim = (storage?: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'dev' },
      spec: { accessModes: ['ReadWriteOnce'], resources: storage ? { requests: { storage } } : {} },
    })
    const lr = range([{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } }])
    const check = (o: KubeObject) =>
      message(limitRanger.validate!(attrs(o, { resource: 'persistentvolumeclaims' }), context([lr])))
    expect(check(claim('500Mi'))).toBe(
      'persistentvolumeclaims "data" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
    )
    expect(check(claim('20Gi'))).toBe(
      'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi',
    )
    expect(check(claim())).toBe(
      'persistentvolumeclaims "data" is forbidden: [minimum storage usage per PersistentVolumeClaim is 1Gi.  No request is specified, maximum storage usage per PersistentVolumeClaim is 10Gi.  No request is specified]',
    )
    expect(check(claim('5Gi'))).toBeUndefined()
  })

  it('an object whose stored version is being deleted is not checked', () => {
    const old = pod([{}])
    old.metadata!.deletionTimestamp = '2025-01-01T00:00:00Z'
    const verdict = limitRanger.validate!(
      attrs(pod([{ limits: { cpu: '9' } }]), { subresource: 'resize', operation: 'UPDATE', oldObject: old }),
      context([range([{ type: 'Container', max: { cpu: '1' } }])]),
    )
    expect(verdict.allowed).toBe(true)
  })

  it('pods/resize updates are checked', () => {
    const verdict = limitRanger.validate!(
      attrs(pod([{ limits: { cpu: '9' } }]), {
        subresource: 'resize',
        operation: 'UPDATE',
        oldObject: pod([{}]),
      }),
      context([range([{ type: 'Container', max: { cpu: '1' } }])]),
    )
    expect(message(verdict)).toBe(
      'pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 9',
    )
  })

  it.each([
    ['1', '300m', '3.333333'],
    ['2', '1', '2.000000'],
    ['1', '3', '0.333333'],
    ['2', '3', '0.666667'],
    ['1Gi', '1000Mi', '1.024000'],
  ])('ratio %s / %s prints %s', (limit, request, text) => {
    expect(ratioString(parseQuantityExact(limit)!, parseQuantityExact(request)!)).toBe(text)
  })
})
