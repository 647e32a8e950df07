// Realistic manifest mistakes and the exact words kube-apiserver v1.35 uses for them. Expected strings come from
// kubernetes test/integration/apiserver/field_validation_test.go (strict error paths and order), issue reports of
// real 400 responses, and the sigs.k8s.io/json decoder source (type error context).
import { describe, expect, it } from 'vitest'
import { resourceByName, type ResourceInfo } from '../resources'
import { decodeBody } from '../decoding'
import { checkFields, strictDecodingMessage, type CheckOptions } from './strict'

function info(resource: string): ResourceInfo {
  const found = resourceByName(resource)
  if (!found) throw new Error(`no resource ${resource}`)
  return found
}

const pod = (spec: unknown, metadata: unknown = { name: 'web' }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec,
})
const container = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'nginx:1.27', ...extra })
const deployment = (spec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container()] } },
    ...spec,
  },
})
const service = (ports: unknown[]) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { selector: { app: 'web' }, ports },
})

interface Case {
  name: string
  resource: string
  body: unknown
  /** Walk this JSON text instead of `body` (duplicates, number literals). */
  text?: string
  options?: CheckOptions
  typeError?: string
  unknown?: string[]
}

const cases: Case[] = [
  { name: 'a valid pod', resource: 'pods', body: pod({ containers: [container()] }), unknown: [] },
  {
    name: 'imagee typo in a container',
    resource: 'pods',
    body: pod({ containers: [{ name: 'app', imagee: 'nginx' }] }),
    unknown: ['unknown field "spec.containers[0].imagee"'],
  },
  {
    name: 'field names are case-sensitive',
    resource: 'pods',
    body: pod({ containers: [{ Name: 'app', image: 'nginx' }] }),
    unknown: ['unknown field "spec.containers[0].Name"'],
  },
  {
    name: 'unknown top-level field',
    resource: 'pods',
    body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, specs: { containers: [] } },
    unknown: ['unknown field "specs"'],
  },
  {
    name: 'unknown field in metadata (ObjectMeta is a struct)',
    resource: 'pods',
    body: pod({ containers: [container()] }, { name: 'web', labelz: { app: 'web' } }),
    unknown: ['unknown field "metadata.labelz"'],
  },
  {
    name: 'metadata.label, as in a real report',
    resource: 'pods',
    body: pod({ containers: [container()] }, { name: 'redis', label: { app: 'redis' } }),
    unknown: ['unknown field "metadata.label"'],
  },
  {
    name: 'any label key is fine: labels are a map[string]string',
    resource: 'pods',
    body: pod({ containers: [container()] }, { name: 'web', labels: { 'whatever/key': 'x' } }),
    unknown: [],
  },
  {
    name: 'several unknown fields, in document order, nothing reported inside an unknown field',
    resource: 'deployments',
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', unknownMeta: 'x' },
      spec: {
        unknown1: 'v',
        replica: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [container({ unknownNested: 'v', ports: [{ containerPort: 80, hostPot: 1 }] })],
          },
        },
        strategi: { nested: { deeper: 1 } },
      },
    },
    unknown: [
      'unknown field "metadata.unknownMeta"',
      'unknown field "spec.unknown1"',
      'unknown field "spec.replica"',
      'unknown field "spec.template.spec.containers[0].unknownNested"',
      'unknown field "spec.template.spec.containers[0].ports[0].hostPot"',
      'unknown field "spec.strategi"',
    ],
  },
  {
    name: 'YAML bodies reach the decoder with sorted keys',
    resource: 'deployments',
    body: deployment({ zeta: 1, alpha: 2 }),
    options: { yaml: true },
    unknown: ['unknown field "spec.alpha"', 'unknown field "spec.zeta"'],
  },
  {
    name: 'status is decoded too but its fields are not modelled',
    resource: 'pods',
    body: { ...pod({ containers: [container()] }), status: { phase: 'Running' } },
    unknown: [],
  },
  {
    name: 'containers as a map instead of a list',
    resource: 'pods',
    body: pod({ containers: { name: 'app', image: 'nginx' } }),
    typeError:
      'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
  },
  {
    name: 'a container as a bare string',
    resource: 'pods',
    body: pod({ containers: ['nginx'] }),
    typeError:
      'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container',
  },
  {
    name: 'replicas as a string',
    resource: 'deployments',
    body: deployment({ replicas: '3' }),
    typeError:
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  },
  {
    name: 'replicas 1.5',
    resource: 'deployments',
    body: deployment({ replicas: 1.5 }),
    typeError:
      'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
  },
  {
    name: 'replicas 1.0 in JSON text: ParseInt sees the literal',
    resource: 'deployments',
    body: undefined,
    text: JSON.stringify(deployment({ replicas: 7 })).replace('"replicas":7', '"replicas":1.0'),
    typeError:
      'json: cannot unmarshal number 1.0 into Go struct field DeploymentSpec.spec.replicas of type int32',
  },
  {
    name: 'int32 overflow',
    resource: 'deployments',
    body: deployment({ replicas: 3000000000 }),
    typeError:
      'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
  },
  {
    name: 'an int64 field takes what an int32 cannot',
    resource: 'pods',
    body: pod({ terminationGracePeriodSeconds: 3000000000, containers: [container()] }),
    unknown: [],
  },
  {
    name: 'containerPort as a string (int32, path without indexes)',
    resource: 'pods',
    body: pod({ containers: [container({ ports: [{ containerPort: '80' }] })] }),
    typeError:
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
  },
  {
    name: 'image as a number',
    resource: 'pods',
    body: pod({ containers: [{ name: 'app', image: 1.27 }] }),
    typeError:
      'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string',
  },
  {
    name: 'env value as a number',
    resource: 'deployments',
    body: deployment({
      template: { spec: { containers: [container({ env: [{ name: 'PORT', value: 8080 }] })] } },
    }),
    typeError:
      'json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
  },
  {
    name: 'command as a string instead of a list',
    resource: 'pods',
    body: pod({ containers: [container({ command: 'sleep 3600' })] }),
    typeError:
      'json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string',
  },
  {
    name: 'a named string type prints its Go name',
    resource: 'pods',
    body: pod({ containers: [container({ ports: [{ containerPort: 80, protocol: 6 }] })] }),
    typeError:
      'json: cannot unmarshal number into Go struct field ContainerPort.spec.containers.ports.protocol of type v1.Protocol',
  },
  {
    name: 'label value as a number (consistent with decoding.ts)',
    resource: 'pods',
    body: pod({ containers: [container()] }, { name: 'web', labels: { version: 1.2 } }),
    typeError: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
  },
  {
    name: 'bool field given a string',
    resource: 'pods',
    body: pod({ hostNetwork: 'true', containers: [container()] }),
    typeError: 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool',
  },
  {
    name: 'limits as a string: ResourceList is a named map type',
    resource: 'pods',
    body: pod({ containers: [container({ resources: { limits: '1' } })] }),
    typeError:
      'json: cannot unmarshal string into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList',
  },
  {
    name: 'spec as a string',
    resource: 'pods',
    body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: 'x' },
    typeError: 'json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec',
  },
  {
    name: 'status as a string',
    resource: 'pods',
    body: { ...pod({ containers: [container()] }), status: 'Running' },
    typeError: 'json: cannot unmarshal string into Go struct field Pod.status of type v1.PodStatus',
  },
  {
    name: 'the first type error wins, unknown fields are then not reported',
    resource: 'deployments',
    body: deployment({ replicaz: 1, replicas: '3', minReadySeconds: 'x' }),
    typeError:
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  },
  {
    name: 'Service targetPort as a name (IntOrString)',
    resource: 'services',
    body: service([{ port: 80, targetPort: 'http' }]),
    unknown: [],
  },
  {
    name: 'Service port as a string (int32)',
    resource: 'services',
    body: service([{ port: '80', targetPort: 8080 }]),
    typeError: 'json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32',
  },
  {
    name: 'targetPort 80.5: IntOrString unmarshals into int32, the decoder adds the context',
    resource: 'services',
    body: service([{ port: 80, targetPort: 80.5 }]),
    typeError:
      'json: cannot unmarshal number 80.5 into Go struct field ServicePort.spec.ports.targetPort of type int32',
  },
  {
    name: 'maxSurge as a percentage string or a number',
    resource: 'deployments',
    body: deployment({ strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } } }),
    unknown: [],
  },
  {
    name: 'an IntOrString error stops the decoder and beats an earlier type error',
    resource: 'deployments',
    body: deployment({ replicas: '3', strategy: { rollingUpdate: { maxSurge: true } } }),
    typeError:
      'json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
  },
  {
    name: 'memory 1Gb',
    resource: 'pods',
    body: pod({ containers: [container({ resources: { limits: { memory: '1Gb' } } })] }),
    typeError: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  },
  {
    name: 'memory 192i',
    resource: 'deployments',
    body: deployment({
      template: { spec: { containers: [container({ resources: { requests: { memory: '192i' } } })] } },
    }),
    typeError: "unable to parse quantity's suffix",
  },
  {
    name: 'quantities as numbers and strings',
    resource: 'pods',
    body: pod({
      containers: [
        container({ resources: { limits: { cpu: 0.5, memory: '128Mi' }, requests: { cpu: '100m' } } }),
      ],
    }),
    unknown: [],
  },
  {
    name: 'Secret data that is not base64',
    resource: 'secrets',
    body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'my password' } },
    typeError: 'illegal base64 data at input byte 2',
  },
  {
    name: 'Secret data without padding',
    resource: 'secrets',
    body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'hello' } },
    typeError: 'illegal base64 data at input byte 4',
  },
  {
    name: 'Secret data in base64 and stringData in plain text',
    resource: 'secrets',
    body: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { a: 'aGVsbG8=' },
      stringData: { b: 'plain text' },
    },
    unknown: [],
  },
  {
    name: 'creationTimestamp from kubectl get -o yaml, and null',
    resource: 'configmaps',
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', creationTimestamp: '2024-05-01T10:00:00Z', deletionTimestamp: null },
      data: { k: 'v' },
    },
    unknown: [],
  },
  {
    name: 'creationTimestamp that is not RFC 3339',
    resource: 'configmaps',
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', creationTimestamp: '2024-05-01 10:00' },
    },
    typeError: 'parsing time "2024-05-01 10:00" as "2006-01-02T15:04:05Z07:00": cannot parse " 10:00" as "T"',
  },
  {
    name: 'duplicate fields in JSON text, interleaved with unknown ones in document order',
    resource: 'deployments',
    body: undefined,
    text: `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"dupename","name":"web","unknownMeta":"x"},
      "spec":{"unknown1":"v","unknownDupe":"a","unknownDupe":"b","paused":true,"paused":false,
      "selector":{"matchLabels":{"app":"nginx"}},
      "template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx:latest",
      "unknownNested":"v","imagePullPolicy":"Always","imagePullPolicy":"Never"}]}}}}`,
    unknown: [
      'duplicate field "metadata.name"',
      'unknown field "metadata.unknownMeta"',
      'unknown field "spec.unknown1"',
      'unknown field "spec.unknownDupe"',
      'duplicate field "spec.paused"',
      'unknown field "spec.template.spec.containers[0].unknownNested"',
      'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
    ],
  },
  {
    name: 'a duplicate map key is named by its key',
    resource: 'pods',
    body: undefined,
    text: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"app":"a","app":"b"}},"spec":{"containers":[]}}',
    unknown: ['duplicate field "metadata.labels.app"'],
  },
  {
    name: 'a type error in a value later overwritten by a duplicate still fails',
    resource: 'deployments',
    body: undefined,
    text: JSON.stringify(deployment({ replicas: 2 })).replace('"replicas":2', '"replicas":"2","replicas":2'),
    typeError:
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  },
  {
    name: 'quotes in a key are escaped as Go %q does',
    resource: 'configmaps',
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, 'da"ta': {} },
    unknown: ['unknown field "da\\"ta"'],
  },
  {
    name: 'fields kube-apiserver v1.35 knows that the v1.33 schema lacks',
    resource: 'pods',
    body: pod({ hostnameOverride: 'x', containers: [container()] }),
    unknown: [],
  },
]

describe('checkFields', () => {
  it.each(cases)('$name', ({ resource, body, text, options, typeError, unknown }) => {
    const result = checkFields(body, info(resource), { ...options, jsonText: text })
    expect(result.typeError).toBe(typeError)
    expect(result.unknownFields).toEqual(unknown ?? [])
  })

  it('words the Strict failure as kube-apiserver does', () => {
    const { unknownFields } = checkFields(
      pod({ containers: [{ name: 'app', imagee: 'nginx', imagePullPolicyy: 'Always' }] }),
      info('pods'),
    )
    expect(strictDecodingMessage(unknownFields)).toBe(
      'strict decoding error: unknown field "spec.containers[0].imagee", unknown field "spec.containers[0].imagePullPolicyy"',
    )
  })

  it('reports each message once and at most 100', () => {
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x${i}`, i]))
    const { unknownFields } = checkFields(
      { ...pod({ containers: [] }), spec: { containers: [], ...many } },
      info('pods'),
    )
    expect(unknownFields).toHaveLength(100)
    const text = '{"apiVersion":"v1","kind":"Pod","spec":{"containers":[],"dup":1,"dup":2}}'
    expect(checkFields(undefined, info('pods'), { jsonText: text }).unknownFields).toEqual([
      'unknown field "spec.dup"',
    ])
  })

  it('accepts every served kind in its simplest valid form', () => {
    for (const resource of [
      'configmaps',
      'namespaces',
      'serviceaccounts',
      'roles',
      'clusterrolebindings',
      'jobs',
    ]) {
      const r = info(resource)
      const apiVersion = r.group ? `${r.group}/${r.version}` : r.version
      expect(checkFields({ apiVersion, kind: r.kind, metadata: { name: 'x' } }, r)).toEqual({
        unknownFields: [],
      })
    }
  })
})

describe('YAML bodies as YAMLToJSON and the strict decoder read them', () => {
  const cm = (extra: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n${extra}`
  it.each<[string, string, string]>([
    [
      'duplicate keys under Strict (go-yaml UnmarshalStrict, then the JSON strict errors)',
      cm('  name: b\ndata: {x: "1", x: "2"}\nbogus: 1\n'),
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: yaml: unmarshal errors:\n  line 5: key "name" already set in map\n  line 6: key "x" already set in map, unknown field "bogus"',
    ],
    [
      '.nan, which json.Marshal refuses',
      cm('data: {x: .nan}\n'),
      'the object provided is unrecognized (must be of type ConfigMap): json: unsupported value: NaN (61706956657273696f6e3a2076310a6b696e643a20436f6e6669674d6170 ...)',
    ],
    [
      '-.inf',
      cm('data: {x: -.inf}\n'),
      'the object provided is unrecognized (must be of type ConfigMap): json: unsupported value: -Inf (61706956657273696f6e3a2076310a6b696e643a20436f6e6669674d6170 ...)',
    ],
  ])('%s', (_name, body, message) => {
    const r = decodeBody(body, 'application/yaml', resourceByName('configmaps')!, 'Strict')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.status).toMatchObject({ code: 400, reason: 'BadRequest', message })
  })

  it('duplicate keys are a warning under Warn, and the last value wins', () => {
    const r = decodeBody(cm('  name: b\n'), 'application/yaml', resourceByName('configmaps')!, 'Warn')
    expect(r).toMatchObject({ ok: true, warnings: ['yaml: unmarshal errors:\n  line 5: key "name" already set in map'] })
    if (r.ok) expect(r.object.metadata?.name).toBe('b')
    expect(decodeBody(cm('  name: b\n'), 'application/yaml', resourceByName('configmaps')!, 'Ignore')).toMatchObject({ ok: true, warnings: [] })
  })

  it('nesting past the limit is the JSON scanner error, for JSON and YAML alike', () => {
    const json = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"x":${'['.repeat(10_001)}${']'.repeat(10_001)}}`
    const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nx: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`
    for (const [body, type] of [[json, 'application/json'], [yaml, 'application/yaml']] as const) {
      const r = decodeBody(body, type, resourceByName('configmaps')!, 'Strict')
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.status.message).toMatch(/^the object provided is unrecognized \(must be of type ConfigMap\): couldn't get version\/kind; json parse error: invalid character '\[' exceeded max depth \(/)
    }
  })
})
