import { describe, expect, it } from 'vitest'
import { createWorkerState, dispatch, handleMessage } from './protocol'

const SCENARIO = `name: test
title: A test cluster
cluster:
  users:
    - name: jane
      token: jane-token
requests:
  - verb: create
    as: jane
    object:
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers: [{ name: web, image: nginx }]
`

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx
`

describe('dispatch', () => {
  it('loads a scenario: its snapshot, and the first request with its object as YAML', () => {
    const state = createWorkerState()
    const loaded = dispatch(state, { type: 'load', text: SCENARIO })
    expect(loaded.scenario.title).toBe('A test cluster')
    expect(loaded.scenario.requests[0]?.manifestText).toContain('kind: Pod')
    expect(loaded.scenario.requests[0]?.as).toBe('jane')
    expect(loaded.snapshot.identities.map((i) => i.id)).toContain('jane')
    expect(loaded.snapshot.namespaces).toContain('default')
  })

  it('answers the kubectl command line of a request without a cluster, and runs nothing', () => {
    const state = createWorkerState()
    const line = dispatch(state, {
      type: 'commandLine',
      request: { verb: 'apply', manifest: '', namespace: 'dev', as: 'jane', dryRun: true },
    })
    expect(line).toBe('kubectl apply -f manifest.yaml -n dev --user=jane --dry-run=server')
    expect(state.simulator).toBeNull()
  })

  it('runs a request and answers with results and the new snapshot', () => {
    const state = createWorkerState()
    dispatch(state, { type: 'load', text: SCENARIO })
    const reply = dispatch(state, { type: 'run', request: { verb: 'create', as: 'admin', manifest: POD } })
    expect(reply.results).toHaveLength(1)
    expect(reply.results[0]!.response.code).toBe(201)
    expect(reply.snapshot.entries.some((e) => e.key === '/registry/pods/default/web')).toBe(true)
    expect(reply.markers).toEqual([])
  })

  it('places a 422 cause on the offending line', () => {
    const state = createWorkerState()
    dispatch(state, { type: 'load', text: SCENARIO })
    const bad = POD.replace('image: nginx', 'image: ""')
    const reply = dispatch(state, { type: 'run', request: { verb: 'create', manifest: bad } })
    expect(reply.results[0]!.response.code).toBe(422)
    expect(reply.markers.some((m) => m.startLine === 8)).toBe(true)
  })

  it('does not send a manifest that is not YAML, and marks the error', () => {
    const state = createWorkerState()
    dispatch(state, { type: 'load', text: SCENARIO })
    const reply = dispatch(state, { type: 'run', request: { verb: 'create', manifest: 'kind: [Pod' } })
    expect(reply.results).toEqual([])
    expect(reply.markers[0]?.severity).toBe('error')
  })

  it('resets the cluster to the scenario start', () => {
    const state = createWorkerState()
    const before = dispatch(state, { type: 'load', text: SCENARIO }).snapshot
    dispatch(state, { type: 'run', request: { verb: 'create', manifest: POD } })
    expect(dispatch(state, { type: 'reset' }).revision).toBe(before.revision)
  })

  it('restarts the cluster with new admission flags, and keeps them across a reset', () => {
    const state = createWorkerState()
    const before = dispatch(state, { type: 'load', text: SCENARIO }).snapshot
    dispatch(state, { type: 'run', request: { verb: 'create', manifest: POD } })
    const flags = { enable: ['AlwaysPullImages'], disable: ['DefaultTolerationSeconds'] }
    const snapshot = dispatch(state, { type: 'admission', flags })
    expect(snapshot.revision).toBe(before.revision)
    const enabled = (name: string) => snapshot.admission.find((p) => p.name === name)?.enabled
    expect(enabled('AlwaysPullImages')).toBe(true)
    expect(enabled('DefaultTolerationSeconds')).toBe(false)
    expect(enabled('NamespaceLifecycle')).toBe(true)
    const reset = dispatch(state, { type: 'reset' })
    expect(reset.admission.find((p) => p.name === 'AlwaysPullImages')?.enabled).toBe(true)
  })

  it('refuses an unknown admission plugin and keeps the running cluster', () => {
    const state = createWorkerState()
    dispatch(state, { type: 'load', text: SCENARIO })
    dispatch(state, { type: 'run', request: { verb: 'create', manifest: POD } })
    const reply = handleMessage(state, {
      id: 3,
      command: { type: 'admission', flags: { enable: ['NoSuchPlugin'], disable: [] } },
    })
    expect(reply).toEqual({ id: 3, ok: false, error: 'unknown admission plugin "NoSuchPlugin"' })
    const after = dispatch(state, { type: 'run', request: { verb: 'get', resource: 'pods', name: 'web' } })
    expect(after.results[0]!.response.code).toBe(200)
  })

  it('tells a scenario file from a manifest', () => {
    const state = createWorkerState()
    expect(dispatch(state, { type: 'open', text: SCENARIO }).kind).toBe('scenario')
    expect(dispatch(state, { type: 'open', text: POD })).toEqual({ kind: 'manifest', text: POD })
  })
})

describe('handleMessage', () => {
  it('turns a failure into an error reply instead of throwing', () => {
    const reply = handleMessage(createWorkerState(), {
      id: 7,
      command: { type: 'run', request: { verb: 'get' } },
    })
    expect(reply).toEqual({ id: 7, ok: false, error: 'No scenario is loaded yet.' })
  })

  it('refuses an encryption configuration kube-apiserver would not start with, naming the field', () => {
    const text = `name: t
cluster:
  encryption:
    resources:
      - resources: [secrets]
        providers: [{aescbc: {keys: [{name: key1, secret: c2hvcnQ=}]}}]
`
    expect(handleMessage(createWorkerState(), { id: 2, command: { type: 'load', text } })).toEqual({
      id: 2,
      ok: false,
      error:
        'cluster.encryption.resources[0].providers[0].aescbc.keys[0].secret: Invalid value: "REDACTED": secret is not of the expected length, got 5, expected one of [16 24 32]',
    })
  })

  it('keeps encryption at rest across a restart with new admission flags', () => {
    const text = `name: t
cluster:
  encryption:
    resources:
      - resources: [configmaps]
        providers: [{secretbox: {keys: [{name: box, secret: a3ViZS1hcGktbGFiIGRlbW8ga2V5LCBub3QgcmVhbCE=}]}}]
`
    const state = createWorkerState()
    dispatch(state, { type: 'load', text })
    dispatch(state, { type: 'admission', flags: { enable: ['AlwaysPullImages'], disable: [] } })
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n'
    dispatch(state, { type: 'run', request: { verb: 'create', as: 'admin', manifest: cm } })
    const [revision] = dispatch(state, { type: 'history', key: '/registry/configmaps/default/c' }).revisions
    expect(revision!.encryption).toMatchObject({ provider: 'secretbox', key: 'box' })
  })

  it('reports a broken scenario as an error', () => {
    const reply = handleMessage(createWorkerState(), {
      id: 1,
      command: { type: 'load', text: 'requests: 3' },
    })
    expect(reply.ok).toBe(false)
  })
})
