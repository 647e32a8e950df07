import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import type { ScenarioRequest } from '../scenario/types'
import { kubectlCommandLine } from './client'

const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: demo\n'

describe('kubectlCommandLine', () => {
  it.each<[string, ScenarioRequest, string]>([
    ['client-side apply', { verb: 'apply', manifest }, 'kubectl apply -f manifest.yaml'],
    ['an update is kubectl replace', { verb: 'update', manifest }, 'kubectl replace -f manifest.yaml'],
    [
      'a list with selectors is kubectl get',
      { verb: 'list', resource: 'configmaps', labelSelector: 'app in (web,db)', fieldSelector: 'metadata.name=a' },
      "kubectl get configmaps -l 'app in (web,db)' --field-selector=metadata.name=a",
    ],
    ['a watch is kubectl get --watch', { verb: 'watch', resource: 'pods' }, 'kubectl get pods --watch'],
    [
      'a delete with a cascade and a grace period',
      { verb: 'delete', resource: 'deployments', name: 'web', propagationPolicy: 'Foreground', gracePeriodSeconds: 0 },
      'kubectl delete deployments web --cascade=foreground --grace-period=0',
    ],
    [
      'create from an inline object',
      { verb: 'create', object: { kind: 'Pod' } },
      'kubectl create -f manifest.yaml',
    ],
    [
      'a namespace and another user',
      { verb: 'create', manifest, namespace: 'dev', as: 'jane' },
      'kubectl create -f manifest.yaml -n dev --user=jane',
    ],
    ['the admin needs no --user', { verb: 'apply', manifest, as: 'admin' }, 'kubectl apply -f manifest.yaml'],
    [
      'a bearer token instead of a user',
      { verb: 'get', resource: 'pods', token: 'abc.def', as: 'jane' },
      'kubectl get pods --token=abc.def',
    ],
    [
      'server-side apply',
      { verb: 'apply', manifest, serverSide: true },
      'kubectl apply -f manifest.yaml --server-side',
    ],
    [
      'server-side apply with a field manager and force',
      { verb: 'apply', manifest, serverSide: true, fieldManager: 'platform-ci', force: true },
      'kubectl apply -f manifest.yaml --server-side --field-manager=platform-ci --force-conflicts',
    ],
    [
      'dry run before the server-side flags, and a field manager with a space',
      { verb: 'apply', manifest, dryRun: true, serverSide: true, fieldManager: 'platform ci', force: true },
      "kubectl apply -f manifest.yaml --dry-run=server --server-side --field-manager='platform ci' --force-conflicts",
    ],
    [
      'dry run',
      { verb: 'delete', manifest, dryRun: true },
      'kubectl delete -f manifest.yaml --dry-run=server',
    ],
    [
      'impersonation after the credential',
      { verb: 'apply', manifest, as: 'anonymous', impersonate: { user: 'bob' }, dryRun: true },
      'kubectl apply -f manifest.yaml --user=anonymous --as=bob --dry-run=server',
    ],
    [
      'impersonated groups, one flag each, quoted when needed',
      {
        verb: 'create',
        manifest,
        impersonate: { user: 'system:serviceaccount:dev:ci', groups: ['system:masters', "ops team's"] },
      },
      "kubectl create -f manifest.yaml --as=system:serviceaccount:dev:ci --as-group=system:masters --as-group='ops team'\\''s'",
    ],
    [
      'a subresource and a patch type',
      {
        verb: 'patch',
        resource: 'deployments',
        name: 'web',
        subresource: 'scale',
        patchType: 'merge',
        patch: {},
      },
      'kubectl patch deployments web --subresource=scale --type=merge',
    ],
    [
      'the default patch type is not spelled out',
      { verb: 'patch', resource: 'pods', name: 'web', patchType: 'strategic' },
      'kubectl patch pods web',
    ],
    [
      'a get by name',
      { verb: 'get', resource: 'pods', name: 'web', namespace: 'dev' },
      'kubectl get pods web -n dev',
    ],
    [
      'can-i',
      { verb: 'can-i', canI: { verb: 'list', resource: 'pods' }, namespace: 'dev', as: 'jane' },
      'kubectl auth can-i list pods -n dev --user=jane',
    ],
    [
      'can-i for a named object and a subresource',
      { verb: 'can-i', canI: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'web' } },
      'kubectl auth can-i create pods/web --subresource=exec',
    ],
    [
      'can-i for every verb',
      { verb: 'can-i', canI: { verb: '*', resource: 'secrets' } },
      "kubectl auth can-i '*' secrets",
    ],
    [
      'can-i for a path',
      { verb: 'can-i', canI: { verb: 'get', nonResourceURL: '/healthz' } },
      'kubectl auth can-i get /healthz',
    ],
    [
      'can-i --list',
      { verb: 'can-i', canI: { verb: 'get', list: true }, namespace: 'dev' },
      'kubectl auth can-i --list -n dev',
    ],
    [
      'can-i leaves out the write flags',
      {
        verb: 'can-i',
        canI: { verb: 'get', resource: 'pods' },
        dryRun: true,
        impersonate: { groups: ['devs'] },
      },
      'kubectl auth can-i get pods --as-group=devs',
    ],
    ['whoami', { verb: 'whoami' }, 'kubectl auth whoami'],
    [
      'whoami takes no namespace',
      { verb: 'whoami', namespace: 'dev', as: 'jane', impersonate: { user: 'bob' } },
      'kubectl auth whoami --user=jane --as=bob',
    ],
  ])('%s', (_, request, line) => {
    expect(kubectlCommandLine(request)).toBe(line)
  })

  it('is the line the results of running the request carry', () => {
    const simulator = createSimulator({ name: 'command-line' })
    const requests: ScenarioRequest[] = [
      {
        verb: 'apply',
        manifest,
        namespace: 'default',
        dryRun: true,
        serverSide: true,
        fieldManager: 'platform ci',
      },
      { verb: 'create', manifest, impersonate: { user: 'bob', groups: ['system:masters'] } },
      { verb: 'get', resource: 'configmaps', name: 'settings' },
      {
        verb: 'can-i',
        canI: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'web' },
        namespace: 'dev',
      },
      { verb: 'whoami', as: 'anonymous' },
    ]
    for (const request of requests)
      for (const result of simulator.run(request))
        expect(result.commandLine).toBe(kubectlCommandLine(request))
  })
})
