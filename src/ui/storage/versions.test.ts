import { describe, expect, it } from 'vitest'
import type { RequestResult, TraceEntry } from '../../engine'
import { objectVersions } from './versions'

function call(storage: Partial<TraceEntry>): RequestResult {
  return {
    request: { method: 'POST', path: '/api/v1/namespaces/default/pods', body: '{"apiVersion":"v1","kind":"Pod"}' },
    user: null,
    response: { code: 201, body: {} },
    stoppedAt: null,
    trace: [{ stage: 'storage', step: 'etcd3 create', outcome: 'passed', summary: '', at: 0, ...storage }],
  } as RequestResult
}

describe('objectVersions: whether etcd kept the object', () => {
  it.each([
    ['a write', { data: { key: '/registry/pods/default/p', revision: 5 } }, null],
    [
      'a dry run',
      { summary: 'dry run: nothing is stored', data: { key: '/registry/pods/default/p', dryRun: true } },
      'dry run: nothing is stored',
    ],
    ['a review', { step: 'not stored', summary: 'computed on request and never written to etcd' }, 'computed on request and never written to etcd'],
  ] as const)('%s', (_, storage, notStored) => {
    expect(objectVersions(call(storage))?.notStored).toBe(notStored)
  })
})
