// Fixtures for `npm run bench` (bench/engine.bench.ts times them; the engine never reads a clock).
import type { KubeObject } from '../types'
import { createEtcd, type Etcd } from './etcd'

/** A store holding `count` Pods over 10 namespaces; every 100th is labelled app=web, all tier=fe. */
export function storeWithPods(count = 10_000): Etcd {
  const etcd = createEtcd()
  for (let i = 0; i < count; i++) {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `pod-${i}`,
        namespace: `ns${i % 10}`,
        labels: { app: i % 100 === 0 ? 'web' : 'other', tier: 'fe' },
      },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    }
    etcd.create(`/registry/pods/ns${i % 10}/pod-${i}`, pod)
  }
  return etcd
}
