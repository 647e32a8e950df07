import { describe, expect, it } from 'vitest'
import { resourceFor } from '../resources'
import { invalid } from '../status'
import type { KubeObject } from '../types'
import {
  convertFromStorageVersion,
  convertToStorageVersion,
  HPA_BEHAVIOR_ANNOTATION,
  HPA_METRICS_ANNOTATION,
} from './conversion/hpa'
import { applyDefaults, createStrategyFor, type RegistryContext } from './strategy'
import { cronScheduleError } from './validation/cron'

const UID = '00000000-0000-4000-8000-000000000000'
let nextNodePort = 30000
const ctx: RegistryContext = {
  clock: { now: () => '2025-01-01T00:00:00Z' },
  ids: { uid: () => UID, randomSuffix: (n) => 'b'.repeat(n) },
  allocateClusterIP: () => '10.96.0.42',
  allocateNodePort: () => nextNodePort++,
}

type Obj = Record<string, unknown>

/** Defaulting, system fields, PrepareForCreate and Validate as the pipeline runs them; the 422 text if any. */
function create(
  group: string,
  version: string,
  resource: string,
  obj: Obj,
): { obj: KubeObject; message?: string } {
  const info = resourceFor(group, version, resource)!
  const o = obj as KubeObject
  applyDefaults(o, info)
  o.metadata = { namespace: 'default', ...o.metadata, uid: UID }
  const strategy = createStrategyFor(info)
  strategy.prepareForCreate(o, ctx)
  const errs = strategy.validate(o)
  return {
    obj: o,
    message: errs.length ? invalid(info.group, info.kind, o.metadata.name ?? '', errs).message : undefined,
  }
}

const container = { name: 'app', image: 'busybox:1.36' }
const podTemplate = (labels: Obj | undefined, extra: Obj = {}): Obj => ({
  metadata: labels ? { labels } : {},
  spec: { containers: [container], ...extra },
})
// What a pod template's spec looks like once defaulted (no Pod-only fields).
const defaultedTemplateSpec = (extra: Obj = {}): Obj => ({
  containers: [
    {
      ...container,
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    },
  ],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  securityContext: {},
  schedulerName: 'default-scheduler',
  ...extra,
})

describe('Job', () => {
  const job = (spec: Obj, name = 'pi'): Obj => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec,
  })

  it('defaults the spec and generates the selector and labels like kubectl get job -o yaml shows', () => {
    const { obj, message } = create(
      'batch',
      'v1',
      'jobs',
      job({ template: podTemplate(undefined, { restartPolicy: 'Never' }) }),
    )
    expect(message).toBeUndefined()
    const labels = {
      'batch.kubernetes.io/controller-uid': UID,
      'controller-uid': UID,
      'batch.kubernetes.io/job-name': 'pi',
      'job-name': 'pi',
    }
    expect(obj.metadata).toEqual({ name: 'pi', namespace: 'default', uid: UID, generation: 1, labels })
    expect(obj.spec).toEqual({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
      template: { metadata: { labels }, spec: defaultedTemplateSpec({ restartPolicy: 'Never' }) },
    })
    expect(obj.status).toEqual({})
  })

  it('keeps its own labels and uses Failed replacement with a podFailurePolicy', () => {
    const { obj } = create('batch', 'v1', 'jobs', {
      ...job({
        podFailurePolicy: { rules: [] },
        parallelism: 3,
        template: podTemplate({ app: 'x' }, { restartPolicy: 'Never' }),
      }),
      metadata: { name: 'pi', labels: { team: 'a' } },
    })
    const spec = obj.spec as Obj
    expect(spec.completions).toBeUndefined()
    expect(spec.parallelism).toBe(3)
    expect(spec.podReplacementPolicy).toBe('Failed')
    expect(obj.metadata?.labels).toEqual({ team: 'a' })
  })

  it.each([
    [
      'restartPolicy left to default (Always)',
      job({ template: podTemplate(undefined) }),
      // validateJobSpec: Always (the template's default) and "" are both a Required error.
      'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
    [
      'restartPolicy Sometimes',
      job({ template: podTemplate(undefined, { restartPolicy: 'Sometimes' }) }),
      'Job.batch "pi" is invalid: [spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never", spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"]',
    ],
    [
      'negative backoffLimit and parallelism',
      job({
        backoffLimit: -1,
        parallelism: -2,
        template: podTemplate(undefined, { restartPolicy: 'Never' }),
      }),
      'Job.batch "pi" is invalid: [spec.parallelism: Invalid value: -2: must be greater than or equal to 0, spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0]',
    ],
    [
      'a selector written without manualSelector',
      job({
        selector: { matchLabels: { app: 'x' } },
        template: podTemplate({ app: 'x' }, { restartPolicy: 'Never' }),
      }),
      `Job.batch "pi" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"x","batch.kubernetes.io/controller-uid":"${UID}"}}: \`selector\` not auto-generated`,
    ],
    [
      'Indexed without completions',
      job({
        completionMode: 'Indexed',
        parallelism: 2,
        template: podTemplate(undefined, { restartPolicy: 'Never' }),
      }),
      'Job.batch "pi" is invalid: spec.completions: Required value: when completion mode is Indexed',
    ],
  ])('%s', (_name, obj, expected) => {
    expect(create('batch', 'v1', 'jobs', obj).message).toBe(expected)
  })
})

describe('CronJob', () => {
  const cron = (spec: Obj, name = 'hello'): Obj => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec,
  })
  const jobTemplate = { spec: { template: podTemplate(undefined, { restartPolicy: 'OnFailure' }) } }

  it('defaults the CronJob but leaves the job template spec to the Jobs', () => {
    const { obj, message } = create('batch', 'v1', 'cronjobs', cron({ schedule: '*/1 * * * *', jobTemplate }))
    expect(message).toBeUndefined()
    expect(obj.spec).toEqual({
      schedule: '*/1 * * * *',
      jobTemplate: {
        spec: { template: { metadata: {}, spec: defaultedTemplateSpec({ restartPolicy: 'OnFailure' }) } },
      },
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    })
  })

  it.each([
    ['* * *', 'spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]'],
    ['60 * * * *', 'spec.schedule: Invalid value: "60 * * * *": end of range (60) above maximum (59): 60'],
    [
      '*/5 * * * mon-xyz',
      'spec.schedule: Invalid value: "*/5 * * * mon-xyz": failed to parse int from xyz: strconv.Atoi: parsing "xyz": invalid syntax',
    ],
    ['@fortnightly', 'spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly'],
  ])('schedule %j', (schedule, expected) => {
    expect(create('batch', 'v1', 'cronjobs', cron({ schedule, jobTemplate })).message).toBe(
      `CronJob.batch "hello" is invalid: ${expected}`,
    )
  })

  it.each(['@hourly', '0 0 1 jan-jun mon-fri', '*/15 9-17 * * 1-5', '@every 1h30m', '0 12 * * ?'])(
    'accepts %j',
    (s) => {
      expect(cronScheduleError(s)).toBeUndefined()
    },
  )

  it.each([
    [
      'TZ in the schedule',
      cron({ schedule: 'TZ=UTC 0 * * * *', jobTemplate }),
      'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ],
    [
      'an unknown time zone',
      cron({ schedule: '0 * * * *', timeZone: 'Mars/Olympus', jobTemplate }),
      'CronJob.batch "hello" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ],
    [
      'Always in the job template',
      cron({ schedule: '0 * * * *', jobTemplate: { spec: { template: podTemplate(undefined) } } }),
      'CronJob.batch "hello" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
    [
      'a name over 52 characters',
      cron({ schedule: '0 * * * *', jobTemplate }, 'a'.repeat(53)),
      `CronJob.batch "${'a'.repeat(53)}" is invalid: metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`,
    ],
    [
      'a bad concurrencyPolicy',
      cron({ schedule: '0 * * * *', concurrencyPolicy: 'Never', jobTemplate }),
      'CronJob.batch "hello" is invalid: spec.concurrencyPolicy: Unsupported value: "Never": supported values: "Allow", "Forbid", "Replace"',
    ],
  ])('%s', (_name, obj, expected) => {
    expect(create('batch', 'v1', 'cronjobs', obj).message).toBe(expected)
  })
})

describe('StatefulSet, DaemonSet, ReplicaSet', () => {
  const sts = (spec: Obj): Obj => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec,
  })

  it('defaults a StatefulSet and its claim templates', () => {
    const { obj, message } = create(
      'apps',
      'v1',
      'statefulsets',
      sts({
        selector: { matchLabels: { app: 'web' } },
        serviceName: 'web',
        template: podTemplate({ app: 'web' }),
        volumeClaimTemplates: [
          {
            metadata: { name: 'www' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      }),
    )
    expect(message).toBeUndefined()
    const spec = obj.spec as Obj
    expect(spec.volumeClaimTemplates).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'www' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Pending' },
      },
    ])
    expect(spec.podManagementPolicy).toBe('OrderedReady')
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } })
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' })
    expect(spec.replicas).toBe(1)
    expect(spec.revisionHistoryLimit).toBe(10)
    expect(obj.status).toEqual({ replicas: 0, availableReplicas: 0 })
  })

  it.each([
    [
      'statefulsets',
      sts({ selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'db' }) }),
      'StatefulSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"db"}: `selector` does not match template `labels`',
    ],
    [
      'statefulsets',
      sts({
        selector: { matchLabels: { app: 'web' } },
        podManagementPolicy: 'Random',
        template: podTemplate({ app: 'web' }),
      }),
      `StatefulSet.apps "web" is invalid: spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'`,
    ],
    [
      'daemonsets',
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: podTemplate({ app: 'agent' }, { restartPolicy: 'OnFailure' }),
        },
      },
      'DaemonSet.apps "agent" is invalid: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ],
    [
      'daemonsets',
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          updateStrategy: { rollingUpdate: { maxUnavailable: 0 } },
          template: podTemplate({ app: 'agent' }),
        },
      },
      'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ],
    [
      'replicasets',
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'rs' },
        spec: { replicas: -1, template: podTemplate({ app: 'x' }) },
      },
      'ReplicaSet.apps "rs" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.selector: Required value, spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`]',
    ],
  ])('%s: rejects with the exact message', (resource, obj, expected) => {
    expect(create('apps', 'v1', resource, obj).message).toBe(expected)
  })

  it('daemonset defaults', () => {
    const { obj } = create('apps', 'v1', 'daemonsets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'a' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: podTemplate({ a: 'b' }) },
    })
    expect((obj.spec as Obj).updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    })
  })
})

describe('Pod defaults that depend on the Pod', () => {
  it('copies containerPort into hostPort with hostNetwork on a Pod, not on a template', () => {
    const spec = { hostNetwork: true, containers: [{ ...container, ports: [{ containerPort: 8080 }] }] }
    const pod = create('', 'v1', 'pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: structuredClone(spec),
    })
    expect(pod.message).toBeUndefined()
    expect((pod.obj.spec as { containers: { ports: unknown[] }[] }).containers[0]!.ports).toEqual([
      { hostPort: 8080, containerPort: 8080, protocol: 'TCP' },
    ])
    const rs = create('apps', 'v1', 'replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'r' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: structuredClone(spec) },
      },
    })
    const tspec = ((rs.obj.spec as Obj).template as { spec: { containers: { ports: unknown[] }[] } }).spec
    expect(tspec.containers[0]!.ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }])
  })

  it('defaults pod-level requests from the containers, else from the pod-level limits', () => {
    const { obj } = create('', 'v1', 'pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        resources: { limits: { cpu: '2', memory: '1Gi' } },
        containers: [
          { ...container, name: 'a', resources: { requests: { memory: '100Mi' } } },
          { ...container, name: 'b', resources: { requests: { memory: '200Mi' } } },
        ],
      },
    })
    expect((obj.spec as Obj).resources).toEqual({
      limits: { cpu: '2', memory: '1Gi' },
      requests: { memory: '300Mi', cpu: '2' },
    })
  })
})

describe('Service node ports', () => {
  it('rejects a nodePort outside the range before validation runs', () => {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] },
    }
    expect(create('', 'v1', 'services', svc).message).toBe(
      'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    )
  })

  it('allocates node ports for NodePort services', () => {
    nextNodePort = 31000
    const { obj, message } = create('', 'v1', 'services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] },
    })
    expect(message).toBeUndefined()
    expect((obj.spec as Obj).ports).toEqual([{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 31000 }])
    expect((obj.spec as Obj).externalTrafficPolicy).toBe('Cluster')
  })
})

describe('networking', () => {
  it('defaults policyTypes and port protocols of a NetworkPolicy', () => {
    const { obj, message } = create('networking.k8s.io', 'v1', 'networkpolicies', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np' },
      spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] },
    })
    expect(message).toBeUndefined()
    expect(obj.spec).toEqual({
      podSelector: {},
      egress: [{ ports: [{ port: 53, protocol: 'TCP' }] }],
      policyTypes: ['Ingress', 'Egress'],
    })
  })

  const ingress = (spec: Obj): Obj => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec,
  })
  const backend = { service: { name: 'web', port: { number: 80 } } }
  it.each([
    [
      ingress({}),
      'Ingress.networking.k8s.io "web" is invalid: spec: Invalid value: null: either `defaultBackend` or `rules` must be specified',
    ],
    [
      ingress({ rules: [{ http: { paths: [{ path: '/', backend }] } }] }),
      'Ingress.networking.k8s.io "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    ],
    [
      ingress({ rules: [{ http: { paths: [{ path: '/', pathType: 'Regex', backend }] } }] }),
      'Ingress.networking.k8s.io "web" is invalid: spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    ],
    [
      ingress({
        rules: [{ host: 'foo.*.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }],
      }),
      `Ingress.networking.k8s.io "web" is invalid: spec.rules[0].host: Invalid value: "foo.*.com": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
    [
      ingress({
        rules: [
          { http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web' } } }] } },
        ],
      }),
      'Ingress.networking.k8s.io "web" is invalid: spec.rules[0].http.paths[0].backend: Required value: port name or number is required',
    ],
  ])('ingress %#', (obj, expected) => {
    expect(create('networking.k8s.io', 'v1', 'ingresses', obj).message).toBe(expected)
  })
})

describe('HorizontalPodAutoscaler', () => {
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }

  it('v2: defaults minReplicas, the CPU metric and a partial behavior', () => {
    const { obj, message } = create('autoscaling', 'v2', 'horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: ref,
        maxReplicas: 5,
        behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
      },
    })
    expect(message).toBeUndefined()
    expect(obj.spec).toEqual({
      scaleTargetRef: ref,
      maxReplicas: 5,
      minReplicas: 1,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: {
          stabilizationWindowSeconds: 60,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        },
      },
    })
    expect(obj.status).toEqual({ desiredReplicas: 0 })
  })

  it('v1: targetCPUUtilizationPercentage 0 is reported at its v2 path', () => {
    const { message } = create('autoscaling', 'v1', 'horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: ref, minReplicas: 3, maxReplicas: 2, targetCPUUtilizationPercentage: 0 },
    })
    expect(message).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: [spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`, spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0]',
    )
  })

  it('v2: minReplicas 0 and a policy without a value', () => {
    const { message } = create('autoscaling', 'v2', 'horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: ref,
        minReplicas: 0,
        maxReplicas: 2,
        behavior: { scaleUp: { policies: [{ type: 'Pods', periodSeconds: 60 }] } },
      },
    })
    expect(message).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: [spec.minReplicas: Invalid value: 0: must be greater than or equal to 1, spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero]',
    )
  })

  it('converts v1 to the v2 storage version and back, keeping other metrics in the annotation', () => {
    const v1: KubeObject = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'web',
        namespace: 'default',
        annotations: {
          [HPA_METRICS_ANNOTATION]:
            '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]',
        },
      },
      spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    }
    const stored = convertToStorageVersion(v1)
    expect(stored).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        scaleTargetRef: ref,
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } },
          },
        ],
      },
      status: { desiredReplicas: 0 },
    })
    expect(convertFromStorageVersion(stored, 'v2')).toEqual(stored)
    expect(convertFromStorageVersion(stored, 'v1')).toEqual(v1)
    expect(v1.apiVersion).toBe('autoscaling/v1')
  })

  it('a v1 HPA without a target gets the explicit 80% CPU metric in storage', () => {
    const stored = convertToStorageVersion({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'a' },
      spec: { scaleTargetRef: ref, maxReplicas: 3 },
    })
    expect((stored.spec as Obj).metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ])
    expect((convertFromStorageVersion(stored, 'v1').spec as Obj).targetCPUUtilizationPercentage).toBe(80)
  })

  it('a v2 behavior reads back as v1 in the internal-type annotation and round-trips', () => {
    const stored: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'a' },
      spec: {
        scaleTargetRef: ref,
        minReplicas: 1,
        maxReplicas: 3,
        metrics: [],
        behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
      },
    }
    const v1 = convertFromStorageVersion(stored, 'v1')
    expect(v1.metadata?.annotations?.[HPA_BEHAVIOR_ANNOTATION]).toBe(
      '{"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15},{"Type":"Percent","Value":100,"PeriodSeconds":15}],"Tolerance":null},"ScaleDown":{"StabilizationWindowSeconds":60,"SelectPolicy":"Max","Policies":[{"Type":"Percent","Value":100,"PeriodSeconds":15}],"Tolerance":null}}',
    )
    const back = convertToStorageVersion(v1)
    expect((back.spec as Obj).behavior).toEqual(
      (convertFromStorageVersion(stored, 'v2').spec as Obj).behavior,
    )
    expect(back.metadata?.annotations).toBeUndefined()
  })
})

describe('PersistentVolumeClaim', () => {
  it('defaults volumeMode and starts Pending', () => {
    const { obj } = create('', 'v1', 'persistentvolumeclaims', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    })
    expect((obj.spec as Obj).volumeMode).toBe('Filesystem')
    expect(obj.status).toEqual({ phase: 'Pending' })
  })
})
