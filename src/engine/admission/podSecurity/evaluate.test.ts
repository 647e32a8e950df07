// Exact reasons and details, check by check (the cases of pod-security-admission/policy/check_*_test.go),
// the order failures are reported in, and which revision of a check applies at which policy version.
import { describe, expect, it } from 'vitest'
import { evaluatePod, forbiddenDetail, type LevelVersion, MAX_POLICY_MINOR } from './evaluate'

type Json = Record<string, unknown>
const spec = (s: Json) => s
const c = (name: string, securityContext?: Json, extra: Json = {}) => ({
  name,
  ...(securityContext ? { securityContext } : {}),
  ...extra,
})
const BASELINE: LevelVersion = { level: 'baseline', version: 'latest' }
const RESTRICTED: LevelVersion = { level: 'restricted', version: 'latest' }

describe('reason and detail of each check', () => {
  it.each([
    {
      name: 'host namespaces, in field order',
      lv: BASELINE,
      spec: spec({ hostIPC: true, hostPID: true, hostNetwork: true, containers: [c('a')] }),
      want: [['host namespaces', 'hostNetwork=true, hostPID=true, hostIPC=true']],
    },
    {
      name: 'privileged, containers in visiting order (init, regular, ephemeral)',
      lv: BASELINE,
      spec: spec({
        containers: [c('b', { privileged: true }), c('c', { privileged: false })],
        initContainers: [c('a', { privileged: true })],
        ephemeralContainers: [c('e', { privileged: true })],
      }),
      want: [['privileged', 'containers "a", "b", "e" must not set securityContext.privileged=true']],
    },
    {
      name: 'non-default capabilities, sorted and de-duplicated',
      lv: BASELINE,
      spec: spec({
        containers: [
          c('a', { capabilities: { add: ['FOO', 'BAR'] } }),
          c('b', { capabilities: { add: ['BAR', 'BAZ', 'CHOWN'] } }),
          c('c', { capabilities: { add: ['CHOWN'] } }),
        ],
      }),
      want: [
        [
          'non-default capabilities',
          'containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add',
        ],
      ],
    },
    {
      name: 'hostPath volumes',
      lv: BASELINE,
      spec: spec({
        containers: [c('a')],
        volumes: [
          { name: 'x', hostPath: {} },
          { name: 'y', emptyDir: {} },
          { name: 'z', hostPath: {} },
        ],
      }),
      want: [['hostPath volumes', 'volumes "x", "z"']],
    },
    {
      name: 'hostPort, ports sorted as strings',
      lv: BASELINE,
      spec: spec({
        containers: [
          c('a', undefined, { ports: [{ hostPort: 8080 }, { hostPort: 0 }] }),
          c('b', undefined, { ports: [{ hostPort: 80 }, { hostPort: 8080 }] }),
        ],
      }),
      want: [['hostPort', 'containers "a", "b" use hostPorts 80, 8080']],
    },
    {
      name: 'hostPort, one container one port',
      lv: BASELINE,
      spec: spec({ containers: [c('test', undefined, { ports: [{ containerPort: 80, hostPort: 8080 }] })] }),
      want: [['hostPort', 'container "test" uses hostPort 8080']],
    },
    {
      name: 'probe or lifecycle host, container names sorted',
      lv: BASELINE,
      spec: spec({
        containers: [
          c('b', undefined, {
            livenessProbe: { httpGet: { host: 'bad.host' } },
            readinessProbe: { tcpSocket: { host: '8.8.8.8' } },
          }),
          c('a', undefined, { lifecycle: { preStop: { httpGet: { host: 'bad.host' } } } }),
        ],
      }),
      want: [
        ['probe or lifecycle host', 'containers "a", "b" use probe or lifecycle hosts "8.8.8.8", "bad.host"'],
      ],
    },
    {
      name: 'procMount',
      lv: BASELINE,
      spec: spec({
        containers: [
          c('a'),
          c('b', {}),
          c('c', { procMount: 'Default' }),
          c('d', { procMount: 'Unmasked' }),
          c('e', { procMount: 'other' }),
        ],
      }),
      want: [
        ['procMount', 'containers "d", "e" must not set securityContext.procMount to "Unmasked", "other"'],
      ],
    },
    {
      name: 'seLinuxOptions on pod and containers',
      lv: BASELINE,
      spec: spec({
        securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } },
        containers: [
          c('a', { seLinuxOptions: { type: 'container_t' } }),
          c('d', { seLinuxOptions: { type: 'container_engine_t' } }),
          c('e', { seLinuxOptions: { type: 'bar' } }),
          c('f', { seLinuxOptions: { user: 'bar' } }),
          c('g', { seLinuxOptions: { role: 'baz' } }),
        ],
      }),
      want: [
        [
          'seLinuxOptions',
          'pod and containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set',
        ],
      ],
    },
    {
      name: 'seLinuxOptions, user alone',
      lv: BASELINE,
      spec: spec({ securityContext: { seLinuxOptions: { user: 'bad' } }, containers: [c('a')] }),
      want: [['seLinuxOptions', 'pod set forbidden securityContext.seLinuxOptions: user may not be set']],
    },
    {
      name: 'seccompProfile (baseline field)',
      lv: BASELINE,
      spec: spec({
        securityContext: { seccompProfile: { type: 'Unconfined' } },
        containers: [
          c('a', { seccompProfile: { type: 'Unconfined' } }),
          c('b', { seccompProfile: { type: 'RuntimeDefault' } }),
        ],
      }),
      want: [
        [
          'seccompProfile',
          'pod and container "a" must not set securityContext.seccompProfile.type to "Unconfined"',
        ],
      ],
    },
    {
      name: 'seccompProfile (baseline annotations, before v1.19)',
      lv: { level: 'baseline', version: 'v1.18' } as LevelVersion,
      meta: {
        annotations: {
          'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',
          'container.seccomp.security.alpha.kubernetes.io/a': 'runtime/default',
          'container.seccomp.security.alpha.kubernetes.io/b': 'bogus',
        },
      },
      spec: spec({ containers: [c('a'), c('b')] }),
      want: [
        [
          'seccompProfile',
          'forbidden annotations container.seccomp.security.alpha.kubernetes.io/b="bogus", seccomp.security.alpha.kubernetes.io/pod="unconfined"',
        ],
      ],
    },
    {
      name: 'forbidden sysctls, in the order given',
      lv: BASELINE,
      spec: spec({
        securityContext: { sysctls: [{ name: 'b' }, { name: 'kernel.shm_rmid_forced' }, { name: 'a' }] },
        containers: [c('a')],
      }),
      want: [['forbidden sysctls', 'b, a']],
    },
    {
      name: 'hostProcess',
      lv: BASELINE,
      spec: spec({
        securityContext: { windowsOptions: { hostProcess: true } },
        containers: [
          c('a', { windowsOptions: { hostProcess: true } }),
          c('b', { windowsOptions: { hostProcess: false } }),
        ],
      }),
      want: [
        ['hostProcess', 'pod and container "a" must not set securityContext.windowsOptions.hostProcess=true'],
      ],
    },
    {
      name: 'AppArmor field and annotation together',
      lv: BASELINE,
      meta: { annotations: { 'container.apparmor.security.beta.kubernetes.io/b': 'unconfined' } },
      spec: spec({
        securityContext: { appArmorProfile: { type: 'Unconfined' } },
        containers: [
          c('a', { appArmorProfile: { type: 'Unconfined' } }),
          c('b', { appArmorProfile: { type: 'RuntimeDefault' } }),
        ],
      }),
      want: [
        [
          'forbidden AppArmor profiles',
          'pod and container "a" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/b="unconfined""',
        ],
      ],
    },
    {
      name: 'AppArmor annotation alone',
      lv: BASELINE,
      meta: { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' } },
      spec: spec({ containers: [c('a')] }),
      want: [
        [
          'forbidden AppArmor profile',
          'annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/a="unconfined""',
        ],
      ],
    },
    {
      name: 'unrestricted capabilities, both halves',
      lv: RESTRICTED,
      spec: spec({
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          c('a', { allowPrivilegeEscalation: false, capabilities: { add: ['FOO', 'BAR'] } }),
          c('b', { allowPrivilegeEscalation: false, capabilities: { add: ['BAR', 'BAZ'] } }),
          c('c', {
            allowPrivilegeEscalation: false,
            capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'], drop: ['ALL', 'FOO'] },
          }),
        ],
      }),
      want: [
        [
          'unrestricted capabilities',
          'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add',
        ],
      ],
    },
    {
      name: 'restricted volume types, names in order, types sorted',
      lv: RESTRICTED,
      spec: spec({
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [c('a', { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } })],
        volumes: [
          { name: 'proc', hostPath: { path: '/proc' } },
          { name: 'ok', configMap: { name: 'x' } },
          { name: 'sys', hostPath: { path: '/sys' } },
          { name: 'data', nfs: { server: 's', path: '/' } },
          { name: 'odd' },
        ],
      }),
      want: [
        [
          'restricted volume types',
          'volumes "proc", "sys", "data", "odd" use restricted volume types "hostPath", "nfs", "unknown"',
        ],
      ],
    },
    {
      name: 'runAsNonRoot explicitly false beats implicit',
      lv: RESTRICTED,
      spec: spec({
        securityContext: { runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          c('a', { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: false }),
          c('b', { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }),
        ],
      }),
      want: [
        ['runAsNonRoot != true', 'pod and container "a" must not set securityContext.runAsNonRoot=false'],
      ],
    },
    {
      name: 'runAsUser=0',
      lv: RESTRICTED,
      spec: spec({
        securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          c('a', { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 0 }),
          c('b', { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 1000 }),
        ],
      }),
      want: [['runAsUser=0', 'pod and container "a" must not set runAsUser=0']],
    },
  ])('$name', ({ lv, meta, spec: s, want }) => {
    const got = evaluatePod(lv, meta ?? {}, s).map((r) => [r.reason, r.detail])
    expect(got).toEqual(want)
  })
})

describe('order of failures: baseline check IDs sorted, then restricted check IDs sorted', () => {
  it('reports the reference example (§2.10) in the real order', () => {
    const results = evaluatePod(
      RESTRICTED,
      { name: 'nginx' },
      { containers: [{ name: 'nginx', image: 'nginx' }] },
    )
    expect(forbiddenDetail(results)).toBe(
      'allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    )
  })

  it('puts every baseline failure before the restricted ones', () => {
    const results = evaluatePod(
      RESTRICTED,
      {},
      {
        hostNetwork: true,
        securityContext: { sysctls: [{ name: 'kernel.msgmax' }], seLinuxOptions: { type: 'spc_t' } },
        containers: [
          {
            name: 'x',
            ports: [{ hostPort: 80 }],
            securityContext: {
              privileged: true,
              procMount: 'Unmasked',
              runAsUser: 0,
              windowsOptions: { hostProcess: true },
            },
          },
        ],
        volumes: [{ name: 'h', hostPath: { path: '/' } }],
      },
    )
    expect(results.map((r) => r.reason)).toEqual([
      'host namespaces',
      'hostPort',
      'privileged',
      'seLinuxOptions',
      'forbidden sysctls',
      'hostProcess',
      'allowPrivilegeEscalation != false',
      'unrestricted capabilities',
      // From v1.35 procMount_restricted replaces the baseline procMount check, so it sorts with restricted.
      'procMount',
      'restricted volume types',
      'runAsNonRoot != true',
      'runAsUser=0',
      'seccompProfile',
    ])
  })
})

const plainPod = { containers: [{ name: 'app', image: 'nginx' }] }
const reasonsAt = (level: 'baseline' | 'restricted', version: string, s: object, meta: object = {}) =>
  evaluatePod({ level, version }, meta, s).map((r) => r.reason)

describe('version pinning', () => {
  it.each([
    { version: 'v1.0', want: ['runAsNonRoot != true'] },
    { version: 'v1.7', want: ['runAsNonRoot != true'] },
    { version: 'v1.8', want: ['allowPrivilegeEscalation != false', 'runAsNonRoot != true'] },
    { version: 'v1.18', want: ['allowPrivilegeEscalation != false', 'runAsNonRoot != true'] },
    {
      version: 'v1.19',
      want: ['allowPrivilegeEscalation != false', 'runAsNonRoot != true', 'seccompProfile'],
    },
    {
      version: 'v1.21',
      want: ['allowPrivilegeEscalation != false', 'runAsNonRoot != true', 'seccompProfile'],
    },
    {
      version: 'v1.22',
      want: [
        'allowPrivilegeEscalation != false',
        'unrestricted capabilities',
        'runAsNonRoot != true',
        'seccompProfile',
      ],
    },
    {
      version: 'latest',
      want: [
        'allowPrivilegeEscalation != false',
        'unrestricted capabilities',
        'runAsNonRoot != true',
        'seccompProfile',
      ],
    },
    // Versions past the newest known one evaluate as it.
    {
      version: 'v1.99',
      want: [
        'allowPrivilegeEscalation != false',
        'unrestricted capabilities',
        'runAsNonRoot != true',
        'seccompProfile',
      ],
    },
  ])('a plain pod at restricted:$version', ({ version, want }) => {
    expect(reasonsAt('restricted', version, plainPod)).toEqual(want)
  })

  const root = {
    securityContext: { runAsUser: 0, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  }
  const hardened = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }
  it.each([
    { version: 'v1.22', want: [] },
    { version: 'v1.23', want: ['runAsUser=0'] },
  ])('runAsUser=0 is checked from v1.23 ($version)', ({ version, want }) => {
    expect(
      reasonsAt('restricted', version, { ...root, containers: [{ name: 'a', securityContext: hardened }] }),
    ).toEqual(want)
  })

  const probe = { containers: [{ name: 'a', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] }
  it.each([
    { version: 'v1.33', want: [] },
    { version: 'v1.34', want: ['probe or lifecycle host'] },
  ])('probe hosts are checked from v1.34 ($version)', ({ version, want }) => {
    expect(reasonsAt('baseline', version, probe)).toEqual(want)
  })

  it.each([
    { version: 'v1.26', names: ['net.ipv4.ip_local_reserved_ports'], want: ['forbidden sysctls'] },
    { version: 'v1.27', names: ['net.ipv4.ip_local_reserved_ports'], want: [] },
    { version: 'v1.28', names: ['net.ipv4.tcp_keepalive_time'], want: ['forbidden sysctls'] },
    { version: 'v1.29', names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout'], want: [] },
    { version: 'v1.31', names: ['net.ipv4.tcp_rmem'], want: ['forbidden sysctls'] },
    { version: 'v1.32', names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'], want: [] },
    { version: 'latest', names: ['net.ipv4.tcp_slow_start_after_idle'], want: ['forbidden sysctls'] },
  ])('the safe sysctls grow: $names at $version', ({ version, names, want }) => {
    const s = {
      securityContext: { sysctls: names.map((name) => ({ name, value: '1' })) },
      containers: [{ name: 'a' }],
    }
    expect(reasonsAt('baseline', version, s)).toEqual(want)
  })

  it.each([
    { version: 'v1.30', want: ['seLinuxOptions'] },
    { version: 'v1.31', want: [] },
  ])('SELinux type container_engine_t is allowed from v1.31 ($version)', ({ version, want }) => {
    const s = {
      containers: [{ name: 'a', securityContext: { seLinuxOptions: { type: 'container_engine_t' } } }],
    }
    expect(reasonsAt('baseline', version, s)).toEqual(want)
  })

  it.each([
    { version: 'v1.18', want: ['seccompProfile'] },
    { version: 'v1.19', want: [] },
  ])('seccomp annotations count until v1.18, the field from v1.19 ($version)', ({ version, want }) => {
    const meta = { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }
    expect(reasonsAt('baseline', version, plainPod, meta)).toEqual(want)
  })

  it('latest is the newest policy version, v1.35', () => {
    expect(MAX_POLICY_MINOR).toBe(35)
  })
})

describe('Windows pods (spec.os.name: windows) from v1.25', () => {
  const windows = {
    os: { name: 'windows' },
    securityContext: { runAsNonRoot: true },
    containers: [{ name: 'a' }],
  }
  it.each([
    {
      version: 'v1.24',
      want: ['allowPrivilegeEscalation != false', 'unrestricted capabilities', 'seccompProfile'],
    },
    { version: 'v1.25', want: [] },
    { version: 'latest', want: [] },
  ])('restricted:$version', ({ version, want }) => {
    expect(reasonsAt('restricted', version, windows)).toEqual(want)
  })

  it('still requires runAsNonRoot', () => {
    expect(
      reasonsAt('restricted', 'latest', { os: { name: 'windows' }, containers: [{ name: 'a' }] }),
    ).toEqual(['runAsNonRoot != true'])
  })

  it('a linux pod gets no exemption', () => {
    expect(reasonsAt('restricted', 'latest', { ...windows, os: { name: 'linux' } })).toEqual([
      'allowPrivilegeEscalation != false',
      'unrestricted capabilities',
      'seccompProfile',
    ])
  })
})

describe('user-namespace pods (spec.hostUsers: false) from v1.35', () => {
  const userns = (procMount?: string) => ({
    hostUsers: false,
    securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'a',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount },
      },
    ],
  })
  it.each([
    {
      level: 'restricted' as const,
      version: 'v1.34',
      s: userns(),
      want: ['runAsNonRoot != true', 'runAsUser=0'],
    },
    { level: 'restricted' as const, version: 'v1.35', s: userns(), want: [] },
    { level: 'baseline' as const, version: 'v1.34', s: userns('Unmasked'), want: ['procMount'] },
    { level: 'baseline' as const, version: 'v1.35', s: userns('Unmasked'), want: [] },
    // Restricted keeps forbidding an unmasked /proc through procMount_restricted.
    { level: 'restricted' as const, version: 'v1.35', s: userns('Unmasked'), want: ['procMount'] },
  ])('$level:$version', ({ level, version, s, want }) => {
    expect(reasonsAt(level, version, s)).toEqual(want)
  })
})

describe('levels', () => {
  it('privileged allows everything', () => {
    expect(
      evaluatePod({ level: 'privileged', version: 'latest' }, {}, { hostPID: true, containers: [] }),
    ).toEqual([])
  })

  it('baseline does not run restricted checks', () => {
    expect(reasonsAt('baseline', 'latest', plainPod)).toEqual([])
  })
})
