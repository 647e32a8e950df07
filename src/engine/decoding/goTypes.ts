// What the JSON Schema cannot say about the Go types behind it: named string types (v1.Protocol), int64 versus
// int32, the metav1.Time and []byte fields, and which string-or-number fields are IntOrString rather than Quantity.
// Also the exact error texts of the Go code that runs for those types (UnmarshalJSON of Quantity and Time,
// encoding/base64), so the engine words a failure as kube-apiserver does.

/**
 * Go named types whose underlying kind is string, keyed `Definition.property`. reflect prints their name
 * (`v1.Protocol`), so a number given for `protocol` fails "of type v1.Protocol", not "of type string". For arrays
 * the entry is the element type. Fields not listed are plain `string`; the list covers the served kinds' enums.
 */
const NAMED_STRINGS: Record<string, string> = {
  'Container.imagePullPolicy': 'v1.PullPolicy',
  'Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'Container.restartPolicy': 'v1.ContainerRestartPolicy',
  'EphemeralContainer.imagePullPolicy': 'v1.PullPolicy',
  'EphemeralContainer.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'EphemeralContainer.restartPolicy': 'v1.ContainerRestartPolicy',
  'ContainerPort.protocol': 'v1.Protocol',
  'ServicePort.protocol': 'v1.Protocol',
  'EndpointPort.protocol': 'v1.Protocol',
  'NetworkPolicyPort.protocol': 'v1.Protocol',
  'PodSpec.restartPolicy': 'v1.RestartPolicy',
  'PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'PriorityClass.preemptionPolicy': 'v1.PreemptionPolicy',
  'ServiceSpec.type': 'v1.ServiceType',
  'ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'ServiceSpec.externalTrafficPolicy': 'v1.ServiceExternalTrafficPolicy',
  'ServiceSpec.internalTrafficPolicy': 'v1.ServiceInternalTrafficPolicy',
  'ServiceSpec.ipFamilies': 'v1.IPFamily',
  'ServiceSpec.ipFamilyPolicy': 'v1.IPFamilyPolicy',
  'Secret.type': 'v1.SecretType',
  'Toleration.operator': 'v1.TolerationOperator',
  'Toleration.effect': 'v1.TaintEffect',
  'Taint.effect': 'v1.TaintEffect',
  'HTTPGetAction.scheme': 'v1.URIScheme',
  'VolumeMount.mountPropagation': 'v1.MountPropagationMode',
  'VolumeMount.recursiveReadOnly': 'v1.RecursiveReadOnlyMode',
  'HostPathVolumeSource.type': 'v1.HostPathType',
  'EmptyDirVolumeSource.medium': 'v1.StorageMedium',
  'PersistentVolumeClaimSpec.accessModes': 'v1.PersistentVolumeAccessMode',
  'PersistentVolumeClaimSpec.volumeMode': 'v1.PersistentVolumeMode',
  'PersistentVolumeSpec.accessModes': 'v1.PersistentVolumeAccessMode',
  'PersistentVolumeSpec.volumeMode': 'v1.PersistentVolumeMode',
  'PersistentVolumeSpec.persistentVolumeReclaimPolicy': 'v1.PersistentVolumeReclaimPolicy',
  'StorageClass.reclaimPolicy': 'v1.PersistentVolumeReclaimPolicy',
  'StorageClass.volumeBindingMode': 'v1.VolumeBindingMode',
  'NodeSelectorRequirement.operator': 'v1.NodeSelectorOperator',
  'LabelSelectorRequirement.operator': 'v1.LabelSelectorOperator',
  'TopologySpreadConstraint.whenUnsatisfiable': 'v1.UnsatisfiableConstraintAction',
  'TopologySpreadConstraint.nodeAffinityPolicy': 'v1.NodeInclusionPolicy',
  'TopologySpreadConstraint.nodeTaintsPolicy': 'v1.NodeInclusionPolicy',
  'Capabilities.add': 'v1.Capability',
  'Capabilities.drop': 'v1.Capability',
  'SeccompProfile.type': 'v1.SeccompProfileType',
  'AppArmorProfile.type': 'v1.AppArmorProfileType',
  'SecurityContext.procMount': 'v1.ProcMountType',
  'PodSecurityContext.fsGroupChangePolicy': 'v1.PodFSGroupChangePolicy',
  'PodSecurityContext.supplementalGroupsPolicy': 'v1.SupplementalGroupsPolicy',
  'PodSecurityContext.seLinuxChangePolicy': 'v1.PodSELinuxChangePolicy',
  'PodOS.name': 'v1.OSName',
  'ContainerResizePolicy.resourceName': 'v1.ResourceName',
  'ContainerResizePolicy.restartPolicy': 'v1.ResourceResizeRestartPolicy',
  'LimitRangeItem.type': 'v1.LimitType',
  'ResourceQuotaSpec.scopes': 'v1.ResourceQuotaScope',
  'ScopedResourceSelectorRequirement.scopeName': 'v1.ResourceQuotaScope',
  'ScopedResourceSelectorRequirement.operator': 'v1.ScopeSelectorOperator',
  'NamespaceSpec.finalizers': 'v1.FinalizerName',
  'ObjectMeta.uid': 'types.UID',
  'OwnerReference.uid': 'types.UID',
  'ObjectReference.uid': 'types.UID',
  'ManagedFieldsEntry.operation': 'v1.ManagedFieldsOperationType',
  'DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'DaemonSetUpdateStrategy.type': 'v1.DaemonSetUpdateStrategyType',
  'StatefulSetSpec.podManagementPolicy': 'v1.PodManagementPolicyType',
  'StatefulSetUpdateStrategy.type': 'v1.StatefulSetUpdateStrategyType',
  'StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted':
    'v1.PersistentVolumeClaimRetentionPolicyType',
  'StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled': 'v1.PersistentVolumeClaimRetentionPolicyType',
  'CronJobSpec.concurrencyPolicy': 'v1.ConcurrencyPolicy',
  'JobSpec.completionMode': 'v1.CompletionMode',
  'JobSpec.podReplacementPolicy': 'v1.PodReplacementPolicy',
  'PodFailurePolicyRule.action': 'v1.PodFailurePolicyAction',
  'PodFailurePolicyOnExitCodesRequirement.operator': 'v1.PodFailurePolicyOnExitCodesOperator',
  'PodFailurePolicyOnPodConditionsPattern.type': 'v1.PodConditionType',
  'PodFailurePolicyOnPodConditionsPattern.status': 'v1.ConditionStatus',
  'PodReadinessGate.conditionType': 'v1.PodConditionType',
  'HTTPIngressPath.pathType': 'v1.PathType',
  'NetworkPolicySpec.policyTypes': 'v1.PolicyType',
}

/** Named map types: `map[ResourceName]resource.Quantity` is declared as `ResourceList`. */
const NAMED_MAPS: Record<string, string> = {
  'ResourceRequirements.limits': 'v1.ResourceList',
  'ResourceRequirements.requests': 'v1.ResourceList',
  'VolumeResourceRequirements.limits': 'v1.ResourceList',
  'VolumeResourceRequirements.requests': 'v1.ResourceList',
  'LimitRangeItem.max': 'v1.ResourceList',
  'LimitRangeItem.min': 'v1.ResourceList',
  'LimitRangeItem.default': 'v1.ResourceList',
  'LimitRangeItem.defaultRequest': 'v1.ResourceList',
  'LimitRangeItem.maxLimitRequestRatio': 'v1.ResourceList',
  'ResourceQuotaSpec.hard': 'v1.ResourceList',
  'PodSpec.overhead': 'v1.ResourceList',
  'PersistentVolumeSpec.capacity': 'v1.ResourceList',
}

/** `map[string][]byte`: values are base64 in JSON and decoded by encoding/base64. */
const BYTE_MAPS = new Set(['Secret.data', 'ConfigMap.binaryData'])

/** The integer fields declared int64 in Go (`*int64`, `[]int64`); every other integer field is int32. */
const INT64_FIELDS = new Set([
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
  'supplementalGroups',
  'generation',
  'deletionGracePeriodSeconds',
  'startingDeadlineSeconds',
  'expirationSeconds',
  'tolerationSeconds',
  'SleepAction.seconds',
])

/** metav1.Time fields, a plain `string` in the schema, parsed with time.RFC3339 by Time.UnmarshalJSON. */
const TIME_FIELDS = new Set([
  'ObjectMeta.creationTimestamp',
  'ObjectMeta.deletionTimestamp',
  'ManagedFieldsEntry.time',
  'Taint.timeAdded',
  'Event.firstTimestamp',
  'Event.lastTimestamp',
])

/** metav1.MicroTime fields (RFC3339 with microseconds): only their JSON type is checked. */
const MICROTIME_FIELDS = new Set(['Event.eventTime', 'EventSeries.lastObservedTime'])

/**
 * The schema inlines IntOrString as `["string", "number"]` in these places, just as it inlines Quantity
 * (`sizeLimit`, `divisor`); the property name tells them apart.
 */
const INLINE_INT_OR_STRING = new Set([
  'NetworkPolicyPort.port',
  'RollingUpdateDaemonSet.maxSurge',
  'RollingUpdateDaemonSet.maxUnavailable',
  'RollingUpdateDeployment.maxSurge',
  'RollingUpdateDeployment.maxUnavailable',
  'RollingUpdateStatefulSetStrategy.maxUnavailable',
  'ServicePort.targetPort',
])

/** Go struct names of object schemas the generator inlined instead of naming. */
const INLINE_STRUCTS: Record<string, string> = {
  'StatefulSetSpec.volumeClaimTemplates': 'PersistentVolumeClaim',
}

/**
 * Fields kube-apiserver v1.35 knows that the schema (kubernetes-models, v1.33 types) lacks. Without them a valid
 * v1.34/v1.35 manifest would be rejected as having unknown fields; their contents are not checked.
 */
export const FIELDS_ADDED_AFTER_SCHEMA: Record<string, readonly string[]> = {
  PodSpec: ['hostnameOverride'],
  Container: ['restartPolicyRules'],
  EphemeralContainer: ['restartPolicyRules'],
  EnvVarSource: ['fileKeyRef'],
  VolumeProjection: ['podCertificate'],
}

export function namedString(def: string, prop: string): string {
  return NAMED_STRINGS[`${def}.${prop}`] ?? 'string'
}
export function namedMap(def: string, prop: string): string | undefined {
  return NAMED_MAPS[`${def}.${prop}`]
}
export function isByteMap(def: string, prop: string): boolean {
  return BYTE_MAPS.has(`${def}.${prop}`)
}
export function intBits(def: string, prop: string): 32 | 64 {
  return INT64_FIELDS.has(prop) || INT64_FIELDS.has(`${def}.${prop}`) ? 64 : 32
}
export function timeKind(def: string, prop: string): 'time' | 'microtime' | undefined {
  const key = `${def}.${prop}`
  return TIME_FIELDS.has(key) ? 'time' : MICROTIME_FIELDS.has(key) ? 'microtime' : undefined
}
export function isInlineIntOrString(def: string, prop: string): boolean {
  return INLINE_INT_OR_STRING.has(`${def}.${prop}`)
}
export function inlineStructName(def: string, prop: string): string | undefined {
  return INLINE_STRUCTS[`${def}.${prop}`]
}

/** strconv.ParseInt(s, 10, 64) then the OverflowInt check for the field's width. */
export function fitsGoInt(text: string, bits: 32 | 64): boolean {
  if (!/^[+-]?\d+$/.test(text)) return false
  const n = BigInt(text)
  const max = bits === 32 ? 2147483647n : 9223372036854775807n
  return n <= max && n >= -max - 1n
}

// resource.ParseQuantity's error values (apimachinery pkg/api/resource/quantity.go).
export const QUANTITY_FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
export const QUANTITY_SUFFIX = "unable to parse quantity's suffix"

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'
const QUANTITY_SUFFIXES = new Set([
  '',
  'n',
  'u',
  'm',
  'k',
  'M',
  'G',
  'T',
  'P',
  'E',
  'Ki',
  'Mi',
  'Gi',
  'Ti',
  'Pi',
  'Ei',
])

/**
 * The error Quantity.UnmarshalJSON returns for the raw JSON value, or undefined when it parses. It strips one
 * pair of quotes, trims spaces and scans sign, digits, fraction and suffix the way parseQuantityString does.
 */
export function quantityError(raw: string): string | undefined {
  if (raw === 'null') return undefined
  let s = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw
  s = s.trim()
  if (s === '') return QUANTITY_FORMAT_WRONG
  let pos = 0
  const end = s.length
  if (s[0] === '-' || s[0] === '+') pos++
  while (pos < end && s[pos] === '0') pos++
  if (pos >= end) return undefined
  while (pos < end && isDigit(s[pos])) pos++
  if (pos >= end) return undefined
  if (s[pos] === '.') {
    pos++
    while (pos < end && isDigit(s[pos])) pos++
    if (pos >= end) return undefined
  }
  const suffixStart = pos
  while (pos < end && 'eEinumkKMGTP'.includes(s[pos]!)) pos++
  if (pos < end && (s[pos] === '-' || s[pos] === '+')) pos++
  while (pos < end && isDigit(s[pos])) pos++
  // A character the scan cannot place: the whole value is malformed, not just its suffix.
  if (pos < end) return QUANTITY_FORMAT_WRONG
  const suffix = s.slice(suffixStart)
  if (QUANTITY_SUFFIXES.has(suffix)) return undefined
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && fitsGoInt(suffix.slice(1), 64))
    return undefined
  return QUANTITY_SUFFIX
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * encoding/base64 StdEncoding.Decode's CorruptInputError for a []byte field's string, or undefined. Offsets are
 * byte offsets; CR and LF are skipped, as Go does.
 */
export function base64Error(value: string): string | undefined {
  const src = new TextEncoder().encode(value)
  const fail = (at: number) => `illegal base64 data at input byte ${at}`
  const isNewline = (b: number) => b === 10 || b === 13
  let si = 0
  while (si < src.length) {
    // One 4-character quantum, as decodeQuantum reads it.
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined
        return fail(si - j)
      }
      const b = src[si]!
      si++
      if (b < 128 && BASE64_ALPHABET.includes(String.fromCharCode(b))) continue
      if (isNewline(b)) {
        j--
        continue
      }
      if (b !== 61 /* = */) return fail(si - 1)
      if (j === 0 || j === 1) return fail(si - 1)
      if (j === 2) {
        while (si < src.length && isNewline(src[si]!)) si++
        if (si === src.length) return fail(src.length)
        if (src[si] !== 61) return fail(si - 1)
        si++
      }
      while (si < src.length && isNewline(src[si]!)) si++
      return si < src.length ? fail(si) : undefined
    }
  }
  return undefined
}

const RFC3339 = '2006-01-02T15:04:05Z07:00'

/** time's quote(): double quotes with `"` and `\` escaped. */
function timeQuote(s: string): string {
  return '"' + s.replace(/["\\]/g, (c) => '\\' + c) + '"'
}

/** Two-digit (or, unless fixed, one-digit) number at the start of s: getnum in package time. */
function getnum(s: string, fixed: boolean): { n: number; rest: string } | undefined {
  if (!isDigit(s[0])) return undefined
  if (!isDigit(s[1])) return fixed ? undefined : { n: Number(s[0]), rest: s.slice(1) }
  return { n: Number(s.slice(0, 2)), rest: s.slice(2) }
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/**
 * The error of time.Parse(time.RFC3339, value) as metav1.Time.UnmarshalJSON returns it, or undefined. Follows
 * the layout walk of package time: literal separators, then year, month, day, hour, minute, second, fraction,
 * zone; range errors name the element; trailing text and the day-of-month are checked last.
 */
export function rfc3339Error(value: string): string | undefined {
  const cannot = (valueElem: string, layoutElem: string) =>
    `parsing time ${timeQuote(value)} as ${timeQuote(RFC3339)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`
  const outOfRange = (what: string) => `parsing time ${timeQuote(value)}: ${what} out of range`
  let rest = value
  const literal = (sep: string) => {
    if (!rest.startsWith(sep)) return cannot(rest, sep)
    rest = rest.slice(sep.length)
    return undefined
  }
  if (rest.length < 4 || !/^[+-]?\d+$/.test(rest.slice(0, 4))) return cannot(rest, '2006')
  const year = Number(rest.slice(0, 4))
  rest = rest.slice(4)
  const fields: [string, string, boolean, (n: number) => string | undefined][] = [
    ['-', '01', true, (n) => (n < 1 || n > 12 ? 'month' : undefined)],
    ['-', '02', true, () => undefined],
    ['T', '15', false, (n) => (n >= 24 ? 'hour' : undefined)],
    [':', '04', true, (n) => (n >= 60 ? 'minute' : undefined)],
    [':', '05', true, (n) => (n >= 60 ? 'second' : undefined)],
  ]
  const got: number[] = []
  for (const [sep, elem, fixed, range] of fields) {
    const err = literal(sep)
    if (err) return err
    const num = getnum(rest, fixed)
    if (!num) return cannot(rest, elem)
    const bad = range(num.n)
    if (bad) return outOfRange(bad)
    got.push(num.n)
    rest = num.rest
  }
  // Fractional seconds are accepted after the seconds even though the layout has none.
  if (rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigit(rest[1])) {
    let n = 2
    while (n < rest.length && isDigit(rest[n])) n++
    rest = rest.slice(n)
  }
  if (rest.startsWith('Z')) rest = rest.slice(1)
  else {
    const hold = rest
    const hh = getnum(rest.slice(1, 3), true)
    const mm = getnum(rest.slice(4, 6), true)
    if (rest.length < 6 || rest[3] !== ':' || !hh || !mm || (rest[0] !== '+' && rest[0] !== '-'))
      return cannot(hold, 'Z07:00')
    if (hh.n > 24) return outOfRange('time zone offset hour')
    if (mm.n > 60) return outOfRange('time zone offset minute')
    rest = rest.slice(6)
  }
  if (rest.length > 0) return `parsing time ${timeQuote(value)}: extra text: ${timeQuote(rest)}`
  const [month, day] = got as [number, number]
  if (day < 1 || day > daysIn(month, year)) return outOfRange('day')
  return undefined
}
