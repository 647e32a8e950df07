// Delete, list and watch end to end, on the harness that adds the routing the lead wires.
import { describe, expect, it } from 'vitest'
import { createHarness } from '../controllers/harness'
import type { KubeObject } from '../types'

const cm = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...extra },
  data: { a: '1' },
})
const CMS = '/api/v1/namespaces/default/configmaps'

describe('delete', () => {
  it('answers a Success Status for a ConfigMap and removes it', () => {
    const h = createHarness()
    const created = h.send('POST', CMS, cm('one')).response.body as KubeObject
    const res = h.send('DELETE', `${CMS}/one`)
    expect(res.response.code).toBe(200)
    expect(res.response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'one', kind: 'configmaps', uid: created.metadata?.uid },
    })
    expect(h.get('configmaps', 'default', 'one')).toBeUndefined()
  })

  it.each([
    [
      'an unknown propagationPolicy',
      { propagationPolicy: 'Sideways' },
      422,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"',
    ],
    [
      'orphanDependents with a propagationPolicy',
      { orphanDependents: true, propagationPolicy: 'Orphan' },
      422,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set',
    ],
    [
      'a stale UID precondition',
      { preconditions: { uid: 'nope' } },
      409,
      /^Operation cannot be fulfilled on ConfigMap "one": the UID in the precondition \(nope\) does not match the UID in record \([0-9a-f-]+\)\. The object might have been deleted and then recreated$/,
    ],
    [
      'a stale resourceVersion precondition',
      { preconditions: { resourceVersion: '1' } },
      409,
      /^Operation cannot be fulfilled on ConfigMap "one": the ResourceVersion in the precondition \(1\) does not match the ResourceVersion in record \(\d+\)\. The object might have been modified$/,
    ],
  ])('refuses %s', (_, options, code, message) => {
    const h = createHarness()
    h.send('POST', CMS, cm('one'))
    const res = h.send('DELETE', `${CMS}/one`, { kind: 'DeleteOptions', apiVersion: 'v1', ...options })
    expect(res.response.code).toBe(code)
    expect((res.response.body as { message: string }).message).toMatch(message)
    expect(h.get('configmaps', 'default', 'one')).toBeDefined()
  })

  it('holds an object with finalizers until an update removes the last one, which deletes it', () => {
    const h = createHarness()
    h.send('POST', CMS, cm('held', { finalizers: ['example.com/hold'] }))
    const res = h.send('DELETE', `${CMS}/held`)
    expect(res.response.code).toBe(200)
    const body = res.response.body as KubeObject
    expect(body.kind).toBe('ConfigMap')
    expect(body.metadata).toMatchObject({
      deletionTimestamp: '2026-01-15T10:00:00Z',
      deletionGracePeriodSeconds: 0,
      finalizers: ['example.com/hold'],
    })
    expect(h.get('configmaps', 'default', 'held')?.metadata?.deletionTimestamp).toBeDefined()
    // A second delete changes nothing.
    const again = h.send('DELETE', `${CMS}/held`)
    expect((again.response.body as KubeObject).metadata?.resourceVersion).toBe(body.metadata?.resourceVersion)
    const patched = h.send(
      'PATCH',
      `${CMS}/held`,
      { metadata: { finalizers: null } },
      'application/merge-patch+json',
    )
    expect(patched.response.code).toBe(200)
    expect(h.get('configmaps', 'default', 'held')).toBeUndefined()
  })

  it('gives an unscheduled Pod a deletionTimestamp and deletes it at once (two revisions), answering with the Pod', () => {
    const h = createHarness()
    h.send('POST', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    })
    const before = h.etcd.revision()
    const res = h.send('DELETE', '/api/v1/namespaces/default/pods/p')
    expect(res.response.code).toBe(200)
    expect((res.response.body as KubeObject).metadata).toMatchObject({
      deletionGracePeriodSeconds: 0,
      deletionTimestamp: '2026-01-15T10:00:00Z',
    })
    expect(h.etcd.revision()).toBe(before + 2)
    expect(h.get('pods', 'default', 'p')).toBeUndefined()
  })

  it('keeps a Pod on a node for its grace period, and only a shorter period moves it', () => {
    const h = createHarness()
    h.send('POST', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    })
    const res = h.send('DELETE', '/api/v1/namespaces/default/pods/p')
    expect((res.response.body as KubeObject).metadata).toMatchObject({
      deletionGracePeriodSeconds: 30,
      deletionTimestamp: '2026-01-15T10:00:30Z',
    })
    expect(h.get('pods', 'default', 'p')).toBeDefined()
    const now = h.send('DELETE', '/api/v1/namespaces/default/pods/p?gracePeriodSeconds=0')
    expect(now.response.code).toBe(200)
    expect(h.get('pods', 'default', 'p')).toBeUndefined()
  })

  it('answers 202 for the deprecated orphanDependents=false when the object stays', () => {
    const h = createHarness()
    h.send('POST', CMS, cm('held', { finalizers: ['example.com/hold'] }))
    expect(h.send('DELETE', `${CMS}/held?orphanDependents=false`).response.code).toBe(202)
  })

  it('deletecollection deletes what the selector matches and answers with the list', () => {
    const h = createHarness()
    h.send('POST', CMS, cm('a', { labels: { app: 'x' } }))
    h.send('POST', CMS, cm('b', { labels: { app: 'y' } }))
    const res = h.send('DELETE', `${CMS}?labelSelector=app%3Dx`)
    expect(res.response.code).toBe(200)
    expect(
      (res.response.body as { kind: string; items: KubeObject[] }).items.map((i) => i.metadata?.name),
    ).toEqual(['a'])
    expect(h.get('configmaps', 'default', 'a')).toBeUndefined()
    expect(h.get('configmaps', 'default', 'b')).toBeDefined()
  })
})

describe('list', () => {
  function threeConfigMaps() {
    const h = createHarness()
    for (const [name, app] of [
      ['a', 'web'],
      ['b', 'db'],
      ['c', 'web'],
      ['d', 'web'],
    ] as const)
      h.send('POST', CMS, cm(name, { labels: { app } }))
    return h
  }
  const names = (body: unknown) => (body as { items: KubeObject[] }).items.map((i) => i.metadata?.name)

  it('pages with limit and continue, with remainingItemCount when nothing is filtered', () => {
    const h = threeConfigMaps()
    const first = h.send('GET', `${CMS}?limit=3`).response.body as {
      metadata: { continue: string; remainingItemCount: number; resourceVersion: string }
    }
    expect(names(first)).toEqual(['a', 'b', 'c'])
    expect(first.metadata.remainingItemCount).toBe(2)
    const second = h.send('GET', `${CMS}?limit=3&continue=${first.metadata.continue}`).response.body as {
      metadata: Record<string, unknown>
    }
    expect(names(second)).toEqual(['d', 'kube-root-ca.crt'])
    expect(second.metadata).toEqual({ resourceVersion: first.metadata.resourceVersion })
  })

  it('keeps reading the first snapshot while objects change, and filters with a label selector', () => {
    const h = threeConfigMaps()
    const first = h.send('GET', `${CMS}?labelSelector=app%3Dweb&limit=1`).response.body as {
      metadata: Record<string, unknown>
    }
    expect(names(first)).toEqual(['a'])
    expect(first.metadata.remainingItemCount).toBeUndefined()
    h.send('DELETE', `${CMS}/c`)
    const second = h.send(
      'GET',
      `${CMS}?labelSelector=app%3Dweb&limit=5&continue=${first.metadata.continue as string}`,
    )
    expect(names(second.response.body)).toEqual(['c', 'd'])
  })

  it('answers 410 with a fresh token when the continue revision was compacted', () => {
    const h = threeConfigMaps()
    const first = h.send('GET', `${CMS}?limit=1`).response.body as { metadata: { continue: string } }
    h.send('DELETE', `${CMS}/c`)
    h.etcd.compact(h.etcd.revision())
    const res = h.send('GET', `${CMS}?limit=1&continue=${first.metadata.continue}`)
    expect(res.response.code).toBe(410)
    expect(res.response.body).toMatchObject({
      metadata: { continue: expect.any(String) },
      reason: 'Expired',
      message: expect.stringMatching(
        /^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter, or use the continue token in this response/,
      ),
    })
  })

  it.each([
    ['labelSelector=app%20in%20(a', 400, "unable to parse requirement: found '', expected: ',' or ')'"],
    [
      'fieldSelector=spec.foo%3D1',
      400,
      '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    [
      'resourceVersion=2&resourceVersionMatch=Exact',
      410,
      'The resourceVersion for the provided list is too old.',
    ],
    [
      'continue=abc!',
      400,
      'invalid continue token: continue key is not valid: illegal base64 data at input byte 3',
    ],
  ])('?%s answers %i', (q, code, message) => {
    const h = threeConfigMaps()
    h.etcd.compact(h.etcd.revision() - 1)
    const res = h.send('GET', `${CMS}?${q}`)
    expect(res.response.code).toBe(code)
    expect((res.response.body as { message: string }).message).toBe(message)
  })
})

describe('watch', () => {
  it('returns creates, an update and a delete since a resourceVersion, as the stream would have carried them', () => {
    const h = createHarness()
    const from = h.etcd.revision()
    h.send('POST', CMS, cm('a'))
    h.send('POST', CMS, cm('b'))
    h.send('PATCH', `${CMS}/a`, { data: { a: '2' } }, 'application/merge-patch+json')
    h.send('DELETE', `${CMS}/b`)
    const res = h.send('GET', `${CMS}?watch=true&resourceVersion=${from}`)
    expect(res.response.code).toBe(200)
    const events = res.response.body as { type: string; object: KubeObject }[]
    expect(
      events.map((e) => `${e.type} ${e.object.metadata?.name} ${e.object.metadata?.resourceVersion}`),
    ).toEqual([
      `ADDED a ${from + 1}`,
      `ADDED b ${from + 2}`,
      `MODIFIED a ${from + 3}`,
      `DELETED b ${from + 4}`,
    ])
    expect(events[0]!.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1' })
  })

  it('shows an object that stops matching the selector as DELETED', () => {
    const h = createHarness()
    h.send('POST', CMS, cm('a', { labels: { app: 'web' } }))
    const from = h.etcd.revision()
    h.send('PATCH', `${CMS}/a`, { metadata: { labels: { app: 'db' } } }, 'application/merge-patch+json')
    const events = h.send(
      'GET',
      `/api/v1/watch/namespaces/default/configmaps?labelSelector=app%3Dweb&resourceVersion=${from}`,
    ).response.body as { type: string; object: KubeObject }[]
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      type: 'DELETED',
      object: { metadata: { name: 'a', labels: { app: 'web' }, resourceVersion: String(from + 1) } },
    })
  })

  it('answers an ERROR event with 410 for a compacted resourceVersion, and ends with a BOOKMARK when asked', () => {
    const h = createHarness()
    h.send('POST', CMS, cm('a'))
    h.send('POST', CMS, cm('b'))
    h.etcd.compact(h.etcd.revision())
    const res = h.send('GET', `${CMS}?watch=1&resourceVersion=2`)
    expect(res.response.body).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: 2 (${h.etcd.revision()})`,
          reason: 'Expired',
          code: 410,
        },
      },
    ])
    const current = h.send('GET', `${CMS}?watch=1&allowWatchBookmarks=true`).response.body as {
      type: string
      object: KubeObject
    }[]
    expect(current.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'ADDED', 'BOOKMARK'])
    expect(current.at(-1)!.object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { resourceVersion: String(h.etcd.revision()), creationTimestamp: null },
    })
  })
})
