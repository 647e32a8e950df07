import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../types'
import { defaultStorageClass } from './defaultStorageClass'
import { persistentVolumeClaimResize } from './persistentVolumeClaimResize'
import { storageObjectInUseProtection } from './storageObjectInUseProtection'
import { attrs, context } from './testkit'

const sc = (
  name: string,
  isDefault: boolean,
  created = '2026-01-15T10:00:00Z',
  extra: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name,
    creationTimestamp: created,
    ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}),
  },
  provisioner: 'example.com/disk',
  ...extra,
})

const pvc = (spec: Record<string, unknown> = {}, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  ...extra,
})

describe('DefaultStorageClass', () => {
  it.each([
    {
      name: 'no class given, one default',
      spec: {},
      classes: [sc('fast', false), sc('standard', true)],
      want: 'standard',
    },
    {
      name: 'several defaults: the newest wins',
      spec: {},
      classes: [sc('old', true, '2026-01-15T09:00:00Z'), sc('new', true, '2026-01-15T10:00:00Z')],
      want: 'new',
    },
    {
      name: 'several defaults created the same second: the first name wins',
      spec: {},
      classes: [sc('zeta', true), sc('alpha', true)],
      want: 'alpha',
    },
    {
      name: 'the beta annotation counts too',
      spec: {},
      classes: [
        {
          ...sc('beta', false),
          metadata: {
            name: 'beta',
            annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' },
          },
        },
      ],
      want: 'beta',
    },
    { name: 'no default', spec: {}, classes: [sc('fast', false)], want: undefined },
    {
      name: 'an explicit class',
      spec: { storageClassName: 'fast' },
      classes: [sc('standard', true)],
      want: 'fast',
    },
    {
      name: 'an explicit empty class means none',
      spec: { storageClassName: '' },
      classes: [sc('standard', true)],
      want: '',
    },
  ])('$name', ({ spec, classes, want }) => {
    const a = attrs('persistentvolumeclaims', 'CREATE', pvc(spec))
    expect(defaultStorageClass.admit!(a, context(classes)).allowed).toBe(true)
    expect((a.object!.spec as { storageClassName?: string }).storageClassName).toBe(want)
  })

  it('leaves a claim that names its class in the beta annotation', () => {
    const a = attrs(
      'persistentvolumeclaims',
      'CREATE',
      pvc(
        {},
        { metadata: { name: 'data', annotations: { 'volume.beta.kubernetes.io/storage-class': 'x' } } },
      ),
    )
    defaultStorageClass.admit!(a, context([sc('standard', true)]))
    expect(a.object!.spec).not.toHaveProperty('storageClassName')
  })

  it('ignores updates', () => {
    expect(
      defaultStorageClass.admit!(attrs('persistentvolumeclaims', 'UPDATE', pvc()), context()),
    ).toMatchObject({ skipped: true })
  })
})

describe('StorageObjectInUseProtection', () => {
  it.each([
    { resource: 'persistentvolumeclaims', before: undefined, after: ['kubernetes.io/pvc-protection'] },
    {
      resource: 'persistentvolumeclaims',
      before: ['example.com/keep'],
      after: ['example.com/keep', 'kubernetes.io/pvc-protection'],
    },
    {
      resource: 'persistentvolumeclaims',
      before: ['kubernetes.io/pvc-protection'],
      after: ['kubernetes.io/pvc-protection'],
    },
    { resource: 'persistentvolumes', before: undefined, after: ['kubernetes.io/pv-protection'] },
  ])('$resource with finalizers $before', ({ resource, before, after }) => {
    const obj: KubeObject = { metadata: { name: 'x', ...(before ? { finalizers: [...before] } : {}) } }
    const a = attrs(resource, 'CREATE', obj)
    expect(storageObjectInUseProtection.admit!(a, context()).allowed).toBe(true)
    expect(a.object!.metadata!.finalizers).toEqual(after)
  })

  it('skips other kinds and other operations', () => {
    expect(
      storageObjectInUseProtection.admit!(
        attrs('configmaps', 'CREATE', { metadata: { name: 'x' } }),
        context(),
      ),
    ).toMatchObject({ skipped: true })
    expect(
      storageObjectInUseProtection.admit!(attrs('persistentvolumeclaims', 'UPDATE', pvc()), context()),
    ).toMatchObject({ skipped: true })
  })
})

describe('PersistentVolumeClaimResize (update only)', () => {
  const bound = (size: string, cls = 'standard') =>
    pvc({ storageClassName: cls, resources: { requests: { storage: size } } }, { status: { phase: 'Bound' } })
  const expandable = sc('standard', true, undefined, { allowVolumeExpansion: true })
  const fixed = sc('standard', true)
  const refused =
    'persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize'

  it.each([
    {
      name: 'growing with an expandable class',
      old: bound('1Gi'),
      next: bound('2Gi'),
      classes: [expandable],
      message: undefined,
    },
    {
      name: 'growing when the class does not allow it',
      old: bound('1Gi'),
      next: bound('2Gi'),
      classes: [fixed],
      message: refused,
    },
    {
      name: 'growing when the class is gone',
      old: bound('1Gi'),
      next: bound('2Gi'),
      classes: [],
      message: refused,
    },
    {
      name: 'growing a claim without a class',
      old: bound('1Gi', ''),
      next: bound('2Gi', ''),
      classes: [expandable],
      message: refused,
    },
    {
      name: 'growing an unbound claim',
      old: pvc({ storageClassName: 'standard' }, { status: { phase: 'Pending' } }),
      next: bound('2Gi'),
      classes: [expandable],
      message:
        'persistentvolumeclaims "data" is forbidden: Only bound persistent volume claims can be expanded',
    },
    {
      name: 'the same size in other units',
      old: bound('1Gi'),
      next: bound('1024Mi'),
      classes: [fixed],
      message: undefined,
    },
    {
      name: 'shrinking (left to validation)',
      old: bound('2Gi'),
      next: bound('1Gi'),
      classes: [fixed],
      message: undefined,
    },
  ])('$name', ({ old, next, classes, message }) => {
    const verdict = persistentVolumeClaimResize.validate!(
      attrs('persistentvolumeclaims', 'UPDATE', next, { oldObject: old }),
      context(classes),
    )
    if (message === undefined) expect(verdict.allowed).toBe(true)
    else {
      expect(verdict.allowed).toBe(false)
      if (!verdict.allowed) expect(verdict.status.message).toBe(message)
    }
  })

  it('has nothing to say about creates', () => {
    expect(
      persistentVolumeClaimResize.validate!(attrs('persistentvolumeclaims', 'CREATE', pvc()), context()),
    ).toMatchObject({ skipped: true })
  })
})
