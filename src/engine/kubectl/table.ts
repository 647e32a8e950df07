// `kubectl get` output. kubectl asks the server for a Table and prints its columns; the simulation builds
// the same default columns from the objects for the kinds learners list most.
import type { ResourceInfo } from '../resources'
import type { KubeObject } from '../types'

function age(created: string | null | undefined, now: string): string {
  if (!created) return '<unknown>'
  const seconds = Math.max(0, Math.floor((Date.parse(now) - Date.parse(created)) / 1000))
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  return hours < 48 ? `${hours}h` : `${Math.floor(hours / 24)}d`
}

type Column = [string, (o: KubeObject) => string]

function columnsFor(info: ResourceInfo): Column[] {
  const spec = (o: KubeObject) => (o.spec ?? {}) as Record<string, unknown>
  switch (info.kind) {
    case 'Pod':
      return [
        ['READY', (o) => `0/${((spec(o).containers as unknown[]) ?? []).length}`],
        ['STATUS', (o) => (o.status as { phase?: string } | undefined)?.phase ?? 'Unknown'],
        ['RESTARTS', () => '0'],
      ]
    case 'Namespace':
      return [['STATUS', (o) => (o.status as { phase?: string } | undefined)?.phase ?? '']]
    case 'Service':
      return [
        ['TYPE', (o) => String(spec(o).type ?? '')],
        ['CLUSTER-IP', (o) => String(spec(o).clusterIP ?? '<none>')],
        ['EXTERNAL-IP', () => '<none>'],
        [
          'PORT(S)',
          (o) =>
            ((spec(o).ports as { port: number; protocol?: string }[]) ?? [])
              .map((p) => `${p.port}/${p.protocol ?? 'TCP'}`)
              .join(',') || '<none>',
        ],
      ]
    case 'Deployment':
      return [
        // kubectl's printer reads these from status; nothing here runs Pods, so they stay 0 unless set.
        ['READY', (o) => `${deploymentStatus(o).readyReplicas ?? 0}/${spec(o).replicas ?? 1}`],
        ['UP-TO-DATE', (o) => String(deploymentStatus(o).updatedReplicas ?? 0)],
        ['AVAILABLE', (o) => String(deploymentStatus(o).availableReplicas ?? 0)],
      ]
    case 'ConfigMap':
      return [
        ['DATA', (o) => String(Object.keys({ ...(o.data as object), ...(o.binaryData as object) }).length)],
      ]
    case 'Secret':
      return [
        ['TYPE', (o) => String(o.type ?? 'Opaque')],
        ['DATA', (o) => String(Object.keys({ ...(o.data as object) }).length)],
      ]
    case 'ServiceAccount':
      return [['SECRETS', (o) => String(((o.secrets as unknown[]) ?? []).length)]]
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return [
        [
          'ROLE',
          (o) => `${(o.roleRef as { kind?: string })?.kind}/${(o.roleRef as { name?: string })?.name}`,
        ],
      ]
    default:
      return []
  }
}

export function formatTable(
  info: ResourceInfo,
  objects: KubeObject[],
  now: string,
  allNamespaces = false,
): string {
  if (objects.length === 0) return ''
  const extra = columnsFor(info)
  const header = [...(allNamespaces ? ['NAMESPACE'] : []), 'NAME', ...extra.map(([h]) => h), 'AGE']
  const rows = objects.map((o) => [
    ...(allNamespaces ? [o.metadata?.namespace ?? ''] : []),
    o.metadata?.name ?? '',
    ...extra.map(([, f]) => f(o)),
    age(o.metadata?.creationTimestamp, now),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  return [header, ...rows]
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3)))
        .join('')
        .trimEnd(),
    )
    .join('\n')
}

function deploymentStatus(o: KubeObject): { readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number } {
  return (o.status ?? {}) as { readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number }
}
