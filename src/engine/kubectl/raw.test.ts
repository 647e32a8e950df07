import { describe, expect, it } from 'vitest'
import { parseScenario } from '../scenario/parse'
import type { ScenarioRequest } from '../scenario/types'
import { createSimulator } from '../simulator'
import { rawCommandLine } from './raw'

describe('raw requests', () => {
  it('an unknown path answers the NotFound handler text, as a string body', () => {
    const [result] = createSimulator().run({ verb: 'get', raw: '/nope' })
    expect(result!.request).toMatchObject({ method: 'GET', path: '/nope' })
    expect(result!.response.code).toBe(404)
    expect(result!.response.headers['Content-Type']).toBe('text/plain; charset=utf-8')
    expect(result!.response.body).toBe('404 page not found\n')
    expect(result!.kubectl).toBe('Error from server (NotFound): the server could not find the requested resource')
    expect(result!.commandLine).toBe('kubectl get --raw /nope')
  })

  it('sends the object as JSON to exactly the path given, subresources included', () => {
    const sim = createSimulator()
    sim.run({ verb: 'create', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' } } })
    const [result] = sim.run({
      verb: 'patch',
      raw: '/api/v1/namespaces/default/configmaps/web?fieldManager=raw',
      patch: { data: { color: 'blue' } },
    })
    expect(result!.calls[0]!.request.headers).toMatchObject({ 'Content-Type': 'application/merge-patch+json' })
    expect(result!.calls[0]!.request.body).toBe('{"data":{"color":"blue"}}')
    expect(result!.response.code).toBe(200)
    expect((result!.response.body as { data: unknown }).data).toEqual({ color: 'blue' })
    expect(result!.kubectl).toBe(JSON.stringify(result!.response.body))
  })

  it('sends a manifest as the YAML text it is', () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n'
    const results = createSimulator().run({ verb: 'create', raw: '/api/v1/namespaces/default/configmaps', manifest })
    expect(results).toHaveLength(1)
    expect(results[0]!.calls[0]!.request).toMatchObject({ method: 'POST', body: manifest })
    expect(results[0]!.calls[0]!.request.headers).toMatchObject({ 'Content-Type': 'application/yaml' })
  })

  it('a subresource call reaches its handler: evicting a Pod that does not exist', () => {
    const [result] = createSimulator().run({
      verb: 'create',
      raw: '/api/v1/namespaces/default/pods/web/eviction',
      object: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web' } },
    })
    expect(result!.response.code).toBe(404)
    expect((result!.response.body as { message: string }).message).toBe('pods "web" not found')
  })

  it.each<[string, ScenarioRequest, string]>([
    ['get', { verb: 'get', raw: '/apis' }, 'kubectl get --raw /apis'],
    ['as a user', { verb: 'get', raw: '/api', as: 'jane' }, 'kubectl get --raw /api --user=jane'],
    ['create', { verb: 'create', raw: '/api/v1/namespaces', object: {} }, 'kubectl create --raw /api/v1/namespaces -f manifest.yaml'],
    ['replace', { verb: 'update', raw: '/api/v1/namespaces/x', object: {} }, 'kubectl replace --raw /api/v1/namespaces/x -f manifest.yaml'],
    ['delete', { verb: 'delete', raw: '/api/v1/namespaces/x' }, 'kubectl delete --raw /api/v1/namespaces/x'],
    [
      'an Accept header needs curl',
      { verb: 'get', raw: '/apis', accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' },
      "curl -H 'Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' https://kubernetes/apis",
    ],
    [
      'so does a patch',
      { verb: 'patch', raw: '/api/v1/namespaces/x?dryRun=All', patch: {}, patchType: 'json' },
      "curl -X PATCH -H 'Content-Type: application/json-patch+json' --data-binary @body 'https://kubernetes/api/v1/namespaces/x?dryRun=All'",
    ],
  ])('command line: %s', (_, request, expected) => {
    expect(rawCommandLine(request)).toBe(expected)
  })

  it.each([
    ['verb: apply\n    raw: /api', 'requests[0].verb: a raw request is one of get, create, update, patch, delete'],
    ['verb: get\n    raw: api', 'requests[0].raw: must match pattern "^/"'],
    ['verb: create\n    raw: /api\n    object: {}\n    patch: {}', 'requests[0]: a raw request has one body: object, manifest or patch'],
    ['verb: get\n    resource: pods\n    accept: application/json', 'requests[0]: accept and contentType are for raw requests only'],
  ])('the parser refuses %j', (request, error) => {
    expect(parseScenario(`name: x\nrequests:\n  - ${request}\n`)).toEqual({ ok: false, error })
  })
})
