import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../types'
import { applyConfiguration, updateManagedFields, type Writer } from './fieldManager'
import { difference, fromFieldsV1, pathString, paths, toFieldsV1, union } from './fieldpath'
import { compare, merge, removeItems, toFieldSet } from './typed'

const writer = (manager: string, time = 'T1'): Writer => ({ manager, apiVersion: 'v1', time })

const pod = (containers: Record<string, unknown>[], extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', ...extra },
  spec: { containers },
})

describe('field paths', () => {
  it.each([
    [['f:spec', 'f:replicas'], '.spec.replicas'],
    [['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'], '.spec.containers[name="nginx"].image'],
    [['f:ports', 'k:{"containerPort":80,"protocol":"TCP"}'], '.ports[containerPort=80,protocol="TCP"]'],
    [['f:metadata', 'f:finalizers', 'v:"example.com/x"'], '.metadata.finalizers[="example.com/x"]'],
    [['f:args', 'i:2'], '.args[2]'],
  ])('%j prints as %s', (path, text) => {
    expect(pathString(path)).toBe(text)
  })

  it('reads and writes FieldsV1 unchanged, with "." for a node that is itself a member', () => {
    const fields = { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } }
    expect(toFieldsV1(fromFieldsV1(fields))).toEqual(fields)
  })

  it('iterates a node’s own members before its subtrees', () => {
    const set = fromFieldsV1({ 'f:spec': { 'f:template': { 'f:x': {} }, 'f:replicas': {} }, 'f:data': {} })
    expect(paths(set).map(pathString)).toEqual(['.data', '.spec.replicas', '.spec.template.x'])
  })

  it('subtracts and unites sets', () => {
    const a = fromFieldsV1({ 'f:a': {}, 'f:b': { 'f:c': {}, 'f:d': {} } })
    const b = fromFieldsV1({ 'f:b': { 'f:c': {} } })
    expect(toFieldsV1(difference(a, b))).toEqual({ 'f:a': {}, 'f:b': { 'f:d': {} } })
    expect(toFieldsV1(union(difference(a, b), b))).toEqual(toFieldsV1(a))
  })
})

describe('typed operations', () => {
  it('owns leaves, keyed items, sets by value, and atomic fields whole', () => {
    const set = toFieldSet(
      {
        metadata: { finalizers: ['a'], labels: { app: 'x' } },
        spec: { selector: { matchLabels: { app: 'x' } }, containers: [{ name: 'c', args: ['1', '2'] }] },
      },
      'Deployment',
    )
    expect(toFieldsV1(set)).toEqual({
      'f:metadata': { 'f:finalizers': { 'v:"a"': {} }, 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:args': {}, 'f:name': {} } },
        'f:selector': {},
      },
    })
  })

  it('compares leaves and notes containers that appear or go', () => {
    const diff = compare(
      { spec: { replicas: 1, containers: [{ name: 'a', image: 'x' }] } },
      { spec: { replicas: 2, containers: [{ name: 'b', image: 'x' }] } },
      'Pod',
    )
    expect(paths(diff.modified).map(pathString)).toEqual(['.spec.replicas'])
    expect(paths(diff.added).map(pathString)).toEqual([
      '.spec.containers[name="b"]',
      '.spec.containers[name="b"].image',
      '.spec.containers[name="b"].name',
    ])
    expect(paths(diff.removed).map(pathString)).toContain('.spec.containers[name="a"]')
  })

  it('merges keyed lists item by item and replaces atomic lists', () => {
    const merged = merge(
      {
        spec: {
          containers: [
            { name: 'a', image: 'x', args: ['1'] },
            { name: 'b', image: 'y' },
          ],
        },
      },
      {
        spec: {
          containers: [
            { name: 'c', image: 'z' },
            { name: 'a', image: 'x2', args: ['2'] },
          ],
        },
      },
      'Pod',
    )
    expect(merged).toEqual({
      spec: {
        containers: [
          { name: 'a', image: 'x2', args: ['2'] },
          { name: 'b', image: 'y' },
          { name: 'c', image: 'z' },
        ],
      },
    })
  })

  it('fills a defaulted key field when an item leaves it out', () => {
    const set = toFieldSet({ spec: { ports: [{ port: 80 }] } }, 'Service')
    expect(paths(set).map(pathString)).toContain('.spec.ports[port=80,protocol="TCP"]')
  })

  it('removes fields and list items named as members', () => {
    const out = removeItems(
      { metadata: { labels: { a: '1', b: '2' } }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      fromFieldsV1({
        'f:metadata': { 'f:labels': { 'f:a': {} } },
        'f:spec': { 'f:containers': { 'k:{"name":"b"}': {} } },
      }),
      'Pod',
    )
    expect(out).toEqual({ metadata: { labels: { b: '2' } }, spec: { containers: [{ name: 'a' }] } })
  })
})

describe('updateManagedFields', () => {
  it('leaves managedFields alone when an update changes nothing', () => {
    const created = pod([{ name: 'c', image: 'x' }])
    created.metadata!.managedFields = updateManagedFields(undefined, created, writer('kubectl-create'))
    expect(
      updateManagedFields(created, pod([{ name: 'c', image: 'x' }]), writer('kubectl-edit', 'T2')),
    ).toEqual(created.metadata!.managedFields)
  })

  it('drops a manager whose last field was taken', () => {
    const created = pod([{ name: 'c', image: 'x' }], { labels: { a: '1' } })
    created.metadata!.managedFields = updateManagedFields(undefined, created, writer('one'))
    const labelled = { ...created, metadata: { ...created.metadata, labels: { a: '2' } } }
    labelled.metadata.managedFields = updateManagedFields(created, labelled, writer('two', 'T2'))
    expect(labelled.metadata.managedFields.map((e) => e.manager)).toEqual(['one', 'two'])
    const next = pod([{ name: 'c', image: 'x' }], { labels: { a: '3' } })
    const entries = updateManagedFields(labelled, next, writer('one', 'T3'))
    expect(entries.map((e) => [e.manager, e.time])).toEqual([['one', 'T3']])
  })
})

describe('applyConfiguration', () => {
  it('owns nothing twice: two appliers of different fields keep their own', () => {
    const first = applyConfiguration(undefined, pod([{ name: 'c', image: 'x' }]), writer('a'), false)
    if (!first.ok) throw new Error('conflict')
    const live = {
      ...first.object!,
      metadata: { ...first.object!.metadata, managedFields: first.managedFields },
    }
    const second = applyConfiguration(
      live,
      pod([{ name: 'c', image: 'x' }], { labels: { team: 't' } }),
      writer('b', 'T2'),
      false,
    )
    if (!second.ok) throw new Error('conflict')
    expect(second.managedFields.map((e) => [e.manager, e.operation])).toEqual([
      ['a', 'Apply'],
      ['b', 'Apply'],
    ])
    expect(second.managedFields[1]!.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:team': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
    })
  })

  it('answers "no change" (no object) when the configuration matches the live object', () => {
    const first = applyConfiguration(undefined, pod([{ name: 'c', image: 'x' }]), writer('a'), false)
    if (!first.ok) throw new Error('conflict')
    const live = {
      ...first.object!,
      metadata: { ...first.object!.metadata, managedFields: first.managedFields },
    }
    const again = applyConfiguration(live, pod([{ name: 'c', image: 'x' }]), writer('a', 'T2'), false)
    expect(again).toMatchObject({ ok: true, object: undefined })
    if (again.ok) expect(again.managedFields[0]!.time).toBe('T1')
  })

  it('names an Apply manager without a version', () => {
    const created = pod([{ name: 'c', image: 'x' }])
    const applied = applyConfiguration(undefined, created, writer('ci'), false)
    if (!applied.ok) throw new Error('conflict')
    const live = {
      ...applied.object!,
      metadata: { ...applied.object!.metadata, managedFields: applied.managedFields },
    }
    const result = applyConfiguration(live, pod([{ name: 'c', image: 'y' }]), writer('other'), false)
    expect(result).toMatchObject({
      ok: false,
      conflicts: [{ managerText: '"ci"', path: '.spec.containers[name="c"].image' }],
    })
  })
})

describe('capping Update entries', () => {
  it('folds the oldest Update entries into ancient-changes once there are more than ten', () => {
    let live: KubeObject = pod([{ name: 'c', image: 'x' }])
    live.metadata!.managedFields = updateManagedFields(undefined, live, writer('creator', 'T00'))
    for (let i = 1; i <= 11; i++) {
      const next = {
        ...live,
        metadata: { ...live.metadata, labels: { ...(live.metadata?.labels ?? {}), [`k${i}`]: 'v' } },
      }
      next.metadata.managedFields = updateManagedFields(
        live,
        next,
        writer(`writer-${i}`, `T${String(i).padStart(2, '0')}`),
      )
      live = next
    }
    const entries = live.metadata!.managedFields!
    expect(entries).toHaveLength(10)
    const bucket = entries.find((e) => e.manager === 'ancient-changes')!
    // creator, writer-1 and writer-2 were the oldest three; the bucket has the time of the newest of them.
    expect(bucket).toMatchObject({ operation: 'Update', apiVersion: 'v1', time: 'T02' })
    expect(Object.keys((bucket.fieldsV1['f:metadata'] as { 'f:labels': object })['f:labels'])).toEqual([
      '.',
      'f:k1',
      'f:k2',
    ])
    expect(bucket.fieldsV1).toHaveProperty('f:spec')
    expect(entries.map((e) => e.manager)).not.toContain('writer-2')
    expect(entries.map((e) => e.manager)).toContain('writer-11')
  })
})
