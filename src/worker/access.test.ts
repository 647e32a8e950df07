import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { subjectInfo } from './access'
import { createWorkerState, dispatch } from './protocol'

const RBAC_FORBIDDEN = readFileSync(new URL('../scenarios/02-rbac-forbidden.yaml', import.meta.url), 'utf8')

function loaded() {
  const state = createWorkerState()
  dispatch(state, { type: 'load', text: RBAC_FORBIDDEN })
  return state
}

describe('access commands', () => {
  it('draw subjects → bindings → roles → rules, without the bootstrap policy by default', () => {
    const state = loaded()
    const graph = dispatch(state, {
      type: 'accessGraph',
      filter: { namespace: 'dev', subjectKind: '', hideSystem: true, focus: null },
    })
    const labels = graph.nodes.map((n) => `${n.kind}:${n.label}`)
    expect(labels).toContain('subject:developers')
    expect(labels).toContain('binding:developers-read-pods')
    expect(labels).toContain('role:pod-reader')
    expect(labels).toContain('rule:get, list, watch on pods')
    expect(labels.some((l) => l.includes(':system:'))).toBe(false)
    expect(graph.edges).toContainEqual(
      expect.objectContaining({
        source: 'subject:Group:developers',
        target: 'binding:RoleBinding:dev/developers-read-pods',
      }),
    )
    const all = dispatch(state, {
      type: 'accessGraph',
      filter: { namespace: '', subjectKind: '', hideSystem: false, focus: null },
    })
    expect(all.bindings.total).toBeGreaterThan(graph.bindings.shown)
    expect(all.nodes.length).toBeGreaterThan(graph.nodes.length)
    const focused = dispatch(state, {
      type: 'accessGraph',
      filter: { namespace: '', subjectKind: '', hideSystem: false, focus: 'subject:Group:developers' },
    })
    expect(focused.nodes.filter((n) => n.kind === 'subject').map((n) => n.label)).toEqual(['developers'])
  })

  it('answer who can create and list pods in dev', () => {
    const state = loaded()
    const create = dispatch(state, {
      type: 'whoCan',
      query: { verb: 'create', resource: 'pods', namespace: 'dev' },
    })
    const names = create.allowed.map((e) => e.name)
    expect(create.asked).toBe('create pods in namespace dev')
    expect(names).toContain('kubeadm:cluster-admins')
    expect(names).toContain('kubernetes-admin')
    expect(names).not.toContain('jane')
    expect(names).not.toContain('developers')
    const list = dispatch(state, {
      type: 'whoCan',
      query: { verb: 'list', resource: 'pods', namespace: 'dev' },
    })
    const jane = list.allowed.find((e) => e.name === 'jane')
    expect(jane?.identity).toBe('jane')
    expect(jane?.reason).toContain('developers-read-pods')
    expect(list.allowed.map((e) => e.name)).toContain('developers')
  })

  it('fill the matrix of what jane may do in dev', () => {
    const state = loaded()
    const matrix = dispatch(state, {
      type: 'accessMatrix',
      target: { identity: 'jane' },
      namespace: 'dev',
    })
    const pods = matrix.rows.find((r) => r.resource === 'pods')!
    const at = (verb: string) => pods.cells[matrix.verbs.indexOf(verb)]
    expect(at('get')?.allowed).toBe(true)
    expect(at('list')?.allowed).toBe(true)
    expect(at('create')?.allowed).toBe(false)
    expect(matrix.rows.find((r) => r.resource === 'nodes')?.namespaced).toBe(false)
    expect(subjectInfo('ServiceAccount', 'ci', 'dev').user).toBe('system:serviceaccount:dev:ci')
  })

  it('apply the suggested fix as the admin', () => {
    const state = loaded()
    const denied = dispatch(state, {
      type: 'run',
      request: {
        verb: 'create',
        as: 'jane',
        namespace: 'dev',
        manifest:
          'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: a, image: nginx}]}\n',
      },
    })
    const entry = denied.results[0]!.calls.at(-1)!.trace.find(
      (e) => e.stage === 'authorization' && e.outcome === 'rejected',
    )
    const suggestion = entry?.data?.suggestion as { yaml: string } | undefined
    expect(suggestion?.yaml).toContain('RoleBinding')
    const fixed = dispatch(state, { type: 'applyFix', yaml: suggestion!.yaml })
    expect(fixed.results.every((r) => r.calls.at(-1)!.response.code < 300)).toBe(true)
  })
})
