// Kubernetes' own Pod Security fixtures (pod-security-admission/test/fixtures_*.go), as data: for each check
// a minimal valid pod of the level and version is tweaked into pods that must pass and pods that must
// fail, and every policy version from the check's first one to latest is run, at baseline and restricted
// for baseline checks and at restricted for restricted checks.
import { describe, expect, it } from 'vitest'
import { evaluatePod, type Level, MAX_POLICY_MINOR } from './evaluate'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
type Tweak = (pod: Json) => void

interface Fixture {
  check: string
  level: 'baseline' | 'restricted'
  /** The first version these fixtures apply to; the next fixture of the same check takes over from its own. */
  since: number
  /** A substring of the failure message, as the fixtures' expectErrorSubstring (the check ID by default). */
  expect: string
  pass: Tweak[]
  fail: Tweak[]
  /** From this version the restricted level has its own fixtures for the field (capabilities_restricted). */
  baselineOnlyFrom?: number
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

// fixtures.go minimalValidPods: the smallest pods that pass every check of the level at the version.
function minimalValidPod(level: 'baseline' | 'restricted', minor: number): Json {
  const pod: Json = {
    metadata: { name: 'test-pod' },
    spec: {
      initContainers: [{ name: 'initcontainer1', image: 'k8s.gcr.io/pause' }],
      containers: [{ name: 'container1', image: 'k8s.gcr.io/pause' }],
    },
  }
  if (level === 'baseline') return pod
  pod.spec.securityContext = { runAsNonRoot: true }
  if (minor >= 8) {
    pod.spec.containers[0].securityContext = { allowPrivilegeEscalation: false }
    pod.spec.initContainers[0].securityContext = { allowPrivilegeEscalation: false }
  }
  if (minor >= 19) pod.spec.securityContext.seccompProfile = { type: 'RuntimeDefault' }
  if (minor >= 22) {
    pod.spec.containers[0].securityContext.capabilities = { drop: ['ALL'] }
    pod.spec.initContainers[0].securityContext.capabilities = { drop: ['ALL'] }
  }
  return pod
}

const sc = (c: Json): Json => (c.securityContext ??= {})
const podSC = (p: Json): Json => (p.spec.securityContext ??= {})
const c0 = (p: Json): Json => p.spec.containers[0]
const i0 = (p: Json): Json => p.spec.initContainers[0]
const ann = (p: Json): Json => (p.metadata.annotations ??= {})

const SAFE_SYSCTLS_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
]
const sysctls =
  (names: string[]): Tweak =>
  (p) => {
    podSC(p).sysctls = names.map((name) => ({ name, value: '0' }))
  }

const FIXTURES: Fixture[] = [
  {
    check: 'appArmorProfile',
    level: 'baseline',
    since: 0,
    expect: 'forbidden AppArmor profile',
    pass: [
      (p) => {
        ann(p)['container.apparmor.security.beta.kubernetes.io/container1'] = 'runtime/default'
        ann(p)['container.apparmor.security.beta.kubernetes.io/initcontainer1'] = 'localhost/foo'
      },
      (p) => (podSC(p).appArmorProfile = { type: 'RuntimeDefault' }),
      (p) => (sc(c0(p)).appArmorProfile = { type: 'Localhost', localhostProfile: 'foo' }),
    ],
    fail: [
      (p) => (ann(p)['container.apparmor.security.beta.kubernetes.io/container1'] = 'unconfined'),
      (p) => (ann(p)['container.apparmor.security.beta.kubernetes.io/initcontainer1'] = 'unconfined'),
      (p) => (podSC(p).appArmorProfile = { type: 'Unconfined' }),
      (p) => (sc(c0(p)).appArmorProfile = { type: 'Unconfined' }),
      (p) => (sc(i0(p)).appArmorProfile = { type: 'Unconfined' }),
    ],
  },
  {
    check: 'capabilities_baseline',
    level: 'baseline',
    since: 0,
    baselineOnlyFrom: 22,
    expect: 'non-default capabilities',
    pass: [
      (p) =>
        (sc(c0(p)).capabilities = {
          add: ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL'],
        }),
      (p) =>
        (sc(i0(p)).capabilities = {
          add: ['MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'],
        }),
    ],
    fail: [
      (p) => (sc(c0(p)).capabilities = { add: ['NET_RAW'] }),
      (p) => (sc(i0(p)).capabilities = { add: ['SYS_ADMIN'] }),
      (p) => (sc(c0(p)).capabilities = { add: ['chown'] }),
    ],
  },
  {
    check: 'hostNamespaces',
    level: 'baseline',
    since: 0,
    expect: 'host namespaces',
    pass: [(p) => Object.assign(p.spec, { hostNetwork: false, hostPID: false, hostIPC: false })],
    fail: [
      (p) => (p.spec.hostNetwork = true),
      (p) => (p.spec.hostPID = true),
      (p) => (p.spec.hostIPC = true),
    ],
  },
  {
    check: 'hostPathVolumes',
    level: 'baseline',
    since: 0,
    expect: 'hostPath volumes',
    pass: [(p) => (p.spec.volumes = [{ name: 'volume1', emptyDir: {} }])],
    // At restricted, restrictedVolumes replaces this check and reports the same pods under its own reason.
    fail: [(p) => (p.spec.volumes = [{ name: 'volume1', hostPath: { path: '/dev/null' } }])],
  },
  {
    check: 'hostPorts',
    level: 'baseline',
    since: 0,
    expect: 'hostPort',
    pass: [(p) => (c0(p).ports = [{ containerPort: 12345 }])],
    fail: [
      (p) => (c0(p).ports = [{ containerPort: 12345, hostPort: 12345 }]),
      (p) => (i0(p).ports = [{ containerPort: 12346, hostPort: 12346 }]),
    ],
  },
  {
    check: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    since: 34,
    expect: 'probe or lifecycle host',
    pass: [
      (p) => (c0(p).livenessProbe = { httpGet: { port: 8080 } }),
      (p) => (c0(p).readinessProbe = { tcpSocket: { port: 8080, host: '' } }),
      (p) =>
        (c0(p).lifecycle = { postStart: { httpGet: { port: 8080 } }, preStop: { exec: { command: ['x'] } } }),
    ],
    fail: [
      (p) => (c0(p).livenessProbe = { httpGet: { port: 8080, host: 'bad.host' } }),
      (p) => (c0(p).readinessProbe = { tcpSocket: { port: 8080, host: '8.8.8.8' } }),
      (p) => (c0(p).startupProbe = { httpGet: { port: 8080, host: 'bad.host' } }),
      (p) => (i0(p).lifecycle = { postStart: { httpGet: { port: 8080, host: 'bad.host' } } }),
      (p) => (c0(p).lifecycle = { preStop: { tcpSocket: { port: 8080, host: 'bad.host' } } }),
    ],
  },
  {
    check: 'privileged',
    level: 'baseline',
    since: 0,
    expect: 'privileged',
    pass: [(p) => (sc(c0(p)).privileged = false)],
    fail: [(p) => (sc(c0(p)).privileged = true), (p) => (sc(i0(p)).privileged = true)],
  },
  {
    check: 'procMount',
    level: 'baseline',
    since: 0,
    expect: 'procMount',
    pass: [(p) => (sc(c0(p)).procMount = 'Default')],
    fail: [(p) => (sc(c0(p)).procMount = 'Unmasked'), (p) => (sc(i0(p)).procMount = 'Unmasked')],
  },
  {
    check: 'seLinuxOptions',
    level: 'baseline',
    since: 0,
    expect: 'seLinuxOptions',
    pass: [
      (p) => (podSC(p).seLinuxOptions = { level: 's0:c1,c2' }),
      (p) => (sc(c0(p)).seLinuxOptions = { type: 'container_t' }),
      (p) => (sc(i0(p)).seLinuxOptions = { type: 'container_init_t' }),
      (p) => (sc(c0(p)).seLinuxOptions = { type: 'container_kvm_t' }),
    ],
    fail: [
      (p) => (podSC(p).seLinuxOptions = { type: 'somevalue' }),
      (p) => (sc(c0(p)).seLinuxOptions = { type: 'somevalue' }),
      (p) => (podSC(p).seLinuxOptions = { user: 'somevalue' }),
      (p) => (sc(i0(p)).seLinuxOptions = { role: 'somevalue' }),
      (p) => (sc(c0(p)).seLinuxOptions = { type: 'container_engine_t' }),
    ],
  },
  {
    check: 'seLinuxOptions',
    level: 'baseline',
    since: 31,
    expect: 'seLinuxOptions',
    pass: [(p) => (sc(c0(p)).seLinuxOptions = { type: 'container_engine_t' })],
    fail: [
      (p) => (podSC(p).seLinuxOptions = { type: 'somevalue' }),
      (p) => (sc(c0(p)).seLinuxOptions = { user: 'x' }),
    ],
  },
  {
    check: 'seccompProfile_baseline',
    level: 'baseline',
    since: 0,
    expect: 'seccompProfile',
    pass: [
      (p) => (ann(p)['seccomp.security.alpha.kubernetes.io/pod'] = 'runtime/default'),
      (p) => (ann(p)['container.seccomp.security.alpha.kubernetes.io/container1'] = 'docker/default'),
      (p) => (ann(p)['container.seccomp.security.alpha.kubernetes.io/initcontainer1'] = 'localhost/foo'),
    ],
    fail: [
      (p) => (ann(p)['seccomp.security.alpha.kubernetes.io/pod'] = 'unconfined'),
      (p) => (ann(p)['container.seccomp.security.alpha.kubernetes.io/container1'] = 'unconfined'),
      (p) => (ann(p)['container.seccomp.security.alpha.kubernetes.io/initcontainer1'] = 'unconfined'),
    ],
  },
  {
    check: 'seccompProfile_baseline',
    level: 'baseline',
    since: 19,
    expect: 'seccompProfile',
    pass: [
      (p) => (podSC(p).seccompProfile = { type: 'RuntimeDefault' }),
      (p) => (sc(c0(p)).seccompProfile = { type: 'Localhost', localhostProfile: 'testing' }),
      // The annotations are no longer checked from v1.19.
      (p) => (ann(p)['seccomp.security.alpha.kubernetes.io/pod'] = 'unconfined'),
    ],
    fail: [
      (p) => (podSC(p).seccompProfile = { type: 'Unconfined' }),
      (p) => (sc(c0(p)).seccompProfile = { type: 'Unconfined' }),
      (p) => (sc(i0(p)).seccompProfile = { type: 'Unconfined' }),
    ],
  },
  {
    check: 'sysctls',
    level: 'baseline',
    since: 0,
    expect: 'forbidden sysctl',
    pass: [sysctls([]), sysctls(SAFE_SYSCTLS_1_0)],
    fail: [sysctls(['othersysctl']), sysctls(['net.ipv4.ip_local_reserved_ports'])],
  },
  {
    check: 'sysctls',
    level: 'baseline',
    since: 27,
    expect: 'forbidden sysctl',
    pass: [sysctls([...SAFE_SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'])],
    fail: [sysctls(['othersysctl']), sysctls(['net.ipv4.tcp_keepalive_time'])],
  },
  {
    check: 'sysctls',
    level: 'baseline',
    since: 29,
    expect: 'forbidden sysctl',
    pass: [
      sysctls([
        ...SAFE_SYSCTLS_1_0,
        'net.ipv4.ip_local_reserved_ports',
        'net.ipv4.tcp_keepalive_time',
        'net.ipv4.tcp_fin_timeout',
        'net.ipv4.tcp_keepalive_intvl',
        'net.ipv4.tcp_keepalive_probes',
      ]),
    ],
    fail: [sysctls(['othersysctl']), sysctls(['net.ipv4.tcp_rmem'])],
  },
  {
    check: 'sysctls',
    level: 'baseline',
    since: 32,
    expect: 'forbidden sysctl',
    pass: [sysctls(['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem', 'net.ipv4.tcp_keepalive_probes'])],
    fail: [sysctls(['othersysctl']), sysctls(['net.ipv4.tcp_slow_start_after_idle'])],
  },
  {
    check: 'windowsHostProcess',
    level: 'baseline',
    since: 0,
    expect: 'hostProcess',
    pass: [(p) => (podSC(p).windowsOptions = { hostProcess: false })],
    fail: [
      (p) => (podSC(p).windowsOptions = { hostProcess: true }),
      (p) => (sc(c0(p)).windowsOptions = { hostProcess: true }),
      (p) => (sc(i0(p)).windowsOptions = { hostProcess: true }),
    ],
  },
  {
    check: 'allowPrivilegeEscalation',
    level: 'restricted',
    since: 8,
    expect: 'allowPrivilegeEscalation != false',
    pass: [],
    fail: [
      (p) => delete sc(c0(p)).allowPrivilegeEscalation,
      (p) => (sc(i0(p)).allowPrivilegeEscalation = true),
    ],
  },
  {
    check: 'capabilities_restricted',
    level: 'restricted',
    since: 22,
    expect: 'unrestricted capabilities',
    pass: [
      (p) => (sc(c0(p)).capabilities = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }),
      (p) => (sc(i0(p)).capabilities = { drop: ['ALL', 'NET_RAW'] }),
    ],
    fail: [
      (p) => (sc(c0(p)).capabilities = { drop: ['NET_RAW'] }),
      (p) => (sc(i0(p)).capabilities = null),
      (p) => (sc(c0(p)).capabilities = { drop: ['ALL'], add: ['CHOWN'] }),
      (p) => (sc(i0(p)).capabilities = { drop: ['ALL'], add: ['NET_RAW'] }),
      (p) => (sc(c0(p)).capabilities = { drop: ['all'] }),
    ],
  },
  {
    check: 'restrictedVolumes',
    level: 'restricted',
    since: 0,
    expect: 'restricted volume types',
    pass: [
      (p) =>
        (p.spec.volumes = [
          { name: 'volume1', emptyDir: {} },
          { name: 'volume2', secret: { secretName: 'test' } },
          { name: 'volume3', persistentVolumeClaim: { claimName: 'test' } },
          {
            name: 'volume4',
            downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] },
          },
          { name: 'volume5', configMap: { name: 'test' } },
          { name: 'volume6', projected: { sources: [] } },
          { name: 'volume7', csi: { driver: 'inline.storage.kubernetes.io' } },
          { name: 'volume8', ephemeral: { volumeClaimTemplate: { spec: {} } } },
          { name: 'volume9', image: { reference: 'registry.example/data:1' } },
        ]),
    ],
    fail: [
      { gcePersistentDisk: { pdName: 'test' } },
      { awsElasticBlockStore: { volumeID: 'test' } },
      { gitRepo: { repository: 'github.com/kubernetes/kubernetes' } },
      { nfs: { server: 'test', path: '/test' } },
      { iscsi: { targetPortal: 'test', iqn: 'iqn.2001-04.com.example:storage.kube.sys1.xyz', lun: 0 } },
      { glusterfs: { path: 'test', endpoints: 'test' } },
      { rbd: { monitors: ['test'], image: 'test' } },
      { flexVolume: { driver: 'test' } },
      { cinder: { volumeID: 'test' } },
      { cephfs: { monitors: ['test'] } },
      { flocker: { datasetName: 'test' } },
      { fc: { wwids: ['test'] } },
      { azureFile: { secretName: 'test', shareName: 'test' } },
      { vsphereVolume: { volumePath: 'test' } },
      { quobyte: { registry: 'localhost:1234', volume: 'test' } },
      { azureDisk: { diskName: 'test', diskURI: 'https://test.blob.core.windows.net/test/test.vhd' } },
      { portworxVolume: { volumeID: 'test', fsType: 'ext4' } },
      { scaleIO: { volumeName: 'test', gateway: 'localhost', system: 'test' } },
      { storageos: { volumeName: 'test' } },
      { hostPath: { path: '/dev/null' } },
    ].map((source) => (p: Json) => (p.spec.volumes = [{ name: 'volume1', ...source }])),
  },
  {
    check: 'runAsNonRoot',
    level: 'restricted',
    since: 0,
    expect: 'runAsNonRoot != true',
    pass: [(p) => (sc(c0(p)).runAsNonRoot = true), (p) => (sc(i0(p)).runAsNonRoot = true)],
    fail: [
      (p) => delete podSC(p).runAsNonRoot,
      (p) => (podSC(p).runAsNonRoot = false),
      (p) => (sc(c0(p)).runAsNonRoot = false),
      (p) => (sc(i0(p)).runAsNonRoot = false),
    ],
  },
  {
    check: 'runAsUser',
    level: 'restricted',
    since: 23,
    expect: 'runAsUser=0',
    pass: [
      (p) => {
        podSC(p).runAsUser = 1000
        sc(c0(p)).runAsUser = 1000
        sc(i0(p)).runAsUser = 1000
      },
    ],
    fail: [
      (p) => (podSC(p).runAsUser = 0),
      (p) => (sc(c0(p)).runAsUser = 0),
      (p) => (sc(i0(p)).runAsUser = 0),
    ],
  },
  {
    check: 'seccompProfile_restricted',
    level: 'restricted',
    since: 19,
    expect: 'seccompProfile',
    pass: [
      (p) => {
        delete podSC(p).seccompProfile
        sc(c0(p)).seccompProfile = { type: 'RuntimeDefault' }
        sc(i0(p)).seccompProfile = { type: 'Localhost', localhostProfile: 'testing' }
      },
    ],
    fail: [
      (p) => delete podSC(p).seccompProfile,
      (p) => (podSC(p).seccompProfile = { type: 'Unconfined' }),
      (p) => (sc(c0(p)).seccompProfile = { type: 'Unconfined' }),
      (p) => {
        delete podSC(p).seccompProfile
        sc(c0(p)).seccompProfile = { type: 'RuntimeDefault' }
      },
    ],
  },
]

const LEVELS_OF = { baseline: ['baseline', 'restricted'], restricted: ['restricted'] } as const

interface Case {
  name: string
  level: Level
  version: string
  pod: Json
  fails: boolean
  expect: string
}

// At restricted, a stricter restricted check replaces some baseline checks and reports the same pods under
// its own reason (OverrideCheckIDs), from the version the replacement exists.
const REPLACED_AT_RESTRICTED: Record<string, { since: number; reason: string }> = {
  'hostPath volumes': { since: 0, reason: 'restricted volume types' },
  'non-default capabilities': { since: 22, reason: 'unrestricted capabilities' },
}

function cases(): Case[] {
  const out: Case[] = []
  for (const f of FIXTURES) {
    const next = FIXTURES.find((g) => g.check === f.check && g.since > f.since)
    const until = next ? next.since - 1 : MAX_POLICY_MINOR
    for (const level of LEVELS_OF[f.level]) {
      for (let minor = f.since; minor <= until + 1; minor++) {
        const latest = minor > until
        if (latest && next) break
        if (
          level === 'restricted' &&
          f.baselineOnlyFrom !== undefined &&
          (latest || minor >= f.baselineOnlyFrom)
        )
          break
        const version = latest ? 'latest' : `v1.${minor}`
        const base = minimalValidPod(level, latest ? MAX_POLICY_MINOR : minor)
        const run = (tweaks: Tweak[], fails: boolean) =>
          tweaks.forEach((tweak, i) => {
            const pod = clone(base)
            tweak(pod)
            const replaced = level === 'restricted' ? REPLACED_AT_RESTRICTED[f.expect] : undefined
            const expect = replaced && (latest || minor >= replaced.since) ? replaced.reason : f.expect
            out.push({
              name: `${f.check} ${level}:${version} ${fails ? 'fail' : 'pass'} #${i}`,
              level,
              version,
              pod,
              fails,
              expect,
            })
          })
        run([() => {}, ...f.pass], false)
        run(f.fail, true)
      }
    }
  }
  return out
}

describe('Kubernetes Pod Security fixtures, every check at every version', () => {
  const all = cases()
  it('covers the whole table', () => {
    expect(all.length).toBeGreaterThan(2000)
  })

  it.each(all)('$name', ({ level, version, pod, fails, expect: substring }) => {
    const results = evaluatePod({ level, version }, pod.metadata, pod.spec)
    if (!fails) {
      expect(results).toEqual([])
      return
    }
    // The minimal pod passes, so the tweak is the only failure.
    expect(results).toHaveLength(1)
    expect(results[0]!.reason).toContain(substring)
  })
})
