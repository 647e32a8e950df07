import { describe, expect, it } from 'vitest'
import type { HttpMethod } from '../types'
import { parseRequestInfo } from './requestInfo'

describe('parseRequestInfo', () => {
  it.each<[HttpMethod, string, Partial<ReturnType<typeof parseRequestInfo>>]>([
    ['POST', '/api/v1/namespaces/default/pods', { isResourceRequest: true, verb: 'create', apiGroup: '', apiVersion: 'v1', namespace: 'default', resource: 'pods', name: '' }],
    ['GET', '/api/v1/namespaces/default/pods', { verb: 'list', resource: 'pods', namespace: 'default' }],
    ['GET', '/api/v1/namespaces/default/pods/nginx', { verb: 'get', name: 'nginx' }],
    ['GET', '/api/v1/namespaces/default/pods/nginx/log', { verb: 'get', name: 'nginx', subresource: 'log' }],
    ['GET', '/api/v1/pods?watch=true', { verb: 'watch', namespace: '', resource: 'pods' }],
    ['GET', '/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb', { verb: 'list', name: 'web' }],
    ['DELETE', '/api/v1/namespaces/default/pods', { verb: 'deletecollection' }],
    ['DELETE', '/api/v1/namespaces/dev', { verb: 'delete', resource: 'namespaces', name: 'dev', namespace: 'dev' }],
    ['PUT', '/api/v1/namespaces/dev/finalize', { verb: 'update', resource: 'namespaces', name: 'dev', subresource: 'finalize' }],
    ['PATCH', '/apis/apps/v1/namespaces/dev/deployments/web/scale', { verb: 'patch', apiGroup: 'apps', resource: 'deployments', name: 'web', subresource: 'scale' }],
    ['GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles', { verb: 'list', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
    ['GET', '/api/v1/watch/namespaces/dev/pods', { verb: 'watch', namespace: 'dev', resource: 'pods' }],
  ])('%s %s', (method, path, expected) => {
    expect(parseRequestInfo(method, path)).toMatchObject(expected)
  })

  it.each(['/healthz', '/version', '/api', '/api/v1', '/apis/apps', '/apis/apps/v1', '/metrics'])(
    '%s is a non-resource request with the lowercased method as verb',
    (path) => {
      expect(parseRequestInfo('GET', path)).toMatchObject({ isResourceRequest: false, verb: 'get', path })
    },
  )
})
