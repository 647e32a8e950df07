import { describe, expect, it } from 'vitest'
import { createWorkerState, dispatch } from './protocol'

const SCENARIO = `name: s
cluster:
  users: [{name: jane, token: t}]
`
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec: {containers: [{name: c, image: nginx}]}\n'

describe('the stage that decided a request', () => {
  it.each([
    ['a refused request: the stage that refused it', { verb: 'create', as: 'jane', manifest: POD }, 'authorization'],
    ['an unknown token: authentication', { verb: 'list', resource: 'pods', token: 'nope' }, 'authentication'],
    ['a created Pod: the stage that changed it most (defaulting)', { verb: 'create', manifest: POD }, 'decoding'],
    ['a read: storage, where the answer came from', { verb: 'list', resource: 'pods' }, 'storage'],
  ] as const)('%s', (_, request, stage) => {
    const state = createWorkerState()
    dispatch(state, { type: 'load', text: SCENARIO })
    expect(dispatch(state, { type: 'run', request: { ...request } }).decidedBy).toBe(stage)
  })
})
