import { describe, expect, it } from 'vitest'
import { createResourceRegistry } from './resourceRegistry'
import { BUILTIN_RESOURCES, type ResourceInfo } from './resources'
import { createSimulator } from './simulator'

const widget = (version: string): ResourceInfo => ({
  group: 'example.com',
  version,
  kind: 'Widget',
  resource: 'widgets',
  singular: 'widget',
  shortNames: ['wd'],
  categories: ['all'],
  namespaced: true,
  etcdPrefix: 'example.com/widgets',
  subresources: ['status'],
  modelled: false,
  computed: false,
  encoding: 'json',
})

describe('the resource registry', () => {
  it('starts from the built-in rows and resolves what kubectl types', () => {
    const registry = createResourceRegistry()
    expect(registry.all()).toHaveLength(BUILTIN_RESOURCES.length)
    expect(registry.resolveResourceArg('hpa')).toMatchObject({ group: 'autoscaling', version: 'v2' })
    expect(registry.resolveResourceArg('deployments.apps')).toMatchObject({ kind: 'Deployment' })
    expect(registry.resolveResourceArg('Pod')).toMatchObject({ resource: 'pods' })
    expect(registry.versionsOf('autoscaling', 'horizontalpodautoscalers')).toEqual({ served: ['v2', 'v1'], storage: 'v2', preferred: 'v2' })
  })

  it('registers and removes resources while it runs', () => {
    const registry = createResourceRegistry()
    registry.register(widget('v1beta1'))
    registry.register(widget('v1'))
    expect(registry.servesGroupVersion('example.com', 'v1')).toBe(true)
    expect(registry.versionsOf('example.com', 'widgets')).toEqual({ served: ['v1beta1', 'v1'], storage: 'v1beta1', preferred: 'v1' })
    expect(registry.resolveResourceArg('wd')).toMatchObject({ version: 'v1' })
    expect(registry.resourceForKind({ group: 'example.com', version: 'v1beta1', kind: 'Widget' })).toMatchObject({ version: 'v1beta1' })
    registry.register({ ...widget('v1'), shortNames: [] })
    expect(registry.all().filter((r) => r.resource === 'widgets')).toHaveLength(2)
    registry.remove({ group: 'example.com', version: 'v1beta1', resource: 'widgets' })
    registry.remove({ group: 'example.com', version: 'v1', resource: 'widgets' })
    expect(registry.servesGroupVersion('example.com', 'v1')).toBe(false)
    expect(registry.resolveResourceArg('widgets')).toBeUndefined()
  })

  it('discovery and routing follow what is registered', () => {
    const sim = createSimulator()
    const get = (raw: string, accept?: string) => sim.run({ verb: 'get', raw, accept })[0]!.response
    const resources = sim.resources
    expect(get('/apis/example.com/v1').body).toBe('404 page not found\n')
    resources.register(widget('v1'))
    const groups = (get('/apis').body as { groups: { name: string }[] }).groups.map((g) => g.name)
    // A group without an APIService priority of its own sorts last, as a CRD's (group priority 1000) does.
    expect(groups.at(-1)).toBe('example.com')
    expect(get('/apis/example.com/v1').body).toMatchObject({
      groupVersion: 'example.com/v1',
      resources: [
        { name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['wd'], categories: ['all'] },
        { name: 'widgets/status', singularName: '', namespaced: true, kind: 'Widget', verbs: ['get', 'patch', 'update'] },
      ],
    })
    const aggregated = get('/apis', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList').body as { items: { metadata: { name: string } }[] }
    expect(aggregated.items.at(-1)!.metadata).toEqual({ name: 'example.com' })
    expect(get('/apis/example.com/v1/namespaces/default/widgets/w').code).toBe(404)
    resources.remove({ group: 'example.com', version: 'v1', resource: 'widgets' })
    expect(get('/apis/example.com/v1/namespaces/default/widgets/w').body).toBe('404 page not found\n')
  })
})
