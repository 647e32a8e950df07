// The name and format checks of k8s.io/apimachinery/pkg/util/validation (and its api/validate/content
// successor), returning the same explanation strings. Each check returns the list of problems; an empty
// list means the value is fine. Regexes are compiled once at module load: these run on every request.

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?'
const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'
const labelValueFmt = `(${labelKeyFmt})?`
const configMapKeyFmt = '[-._a-zA-Z0-9]+'
const percentFmt = '[0-9]+%'
const httpHeaderNameFmt = '[-A-Za-z0-9]+'

const dns1123LabelRe = new RegExp(`^${dns1123LabelFmt}$`)
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`)
const dns1035LabelRe = new RegExp(`^${dns1035LabelFmt}$`)
const labelKeyRe = new RegExp(`^${labelKeyFmt}$`)
const labelValueRe = new RegExp(`^${labelValueFmt}$`)
const configMapKeyRe = new RegExp(`^${configMapKeyFmt}$`)
const percentRe = new RegExp(`^${percentFmt}$`)
const httpHeaderNameRe = new RegExp(`^${httpHeaderNameFmt}$`)
const portNameCharsetRe = /^[-a-z0-9]+$/
const portNameLetterRe = /[a-z]/
// Printable ASCII (0x20-0x7e) without '='.
const relaxedEnvNameRe = /^[\x20-\x3c\x3e-\x7e]*$/

/** validation.RegexError: the examples are each followed by "', " and joined with " or ". */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`
  let out = `${msg} (e.g. `
  examples.forEach((example, i) => {
    if (i > 0) out += ' or '
    out += `'${example}', `
  })
  return `${out}regex used for validation is '${fmt}')`
}

/** util/validation.MaxLenError, used by the DNS name checks. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`
}

/** content.MaxLenError, used by the label key and value checks (v1.35 counts bytes and says so). */
function maxBytesError(length: number): string {
  return `must be no more than ${length} bytes`
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`
}

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0'

const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"
const labelKeyErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const configMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"

const byteLength = (s: string): number => {
  // Fast path: plain ASCII strings are by far the common case.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return new TextEncoder().encode(s).length
  return s.length
}

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > 63) errs.push(maxLenError(63))
  if (!dns1123LabelRe.test(value)) {
    // A valid subdomain that is not a valid label can only be failing on its dots.
    if (dns1123SubdomainRe.test(value)) errs.push('must not contain dots')
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'))
  }
  return errs
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > 253) errs.push(maxLenError(253))
  if (!dns1123SubdomainRe.test(value))
    errs.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, 'example.com'))
  return errs
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > 63) errs.push(maxLenError(63))
  if (!dns1035LabelRe.test(value))
    errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, 'my-name', 'abc-123'))
  return errs
}

/** IsQualifiedName / content.IsLabelKey: an optional DNS-subdomain prefix, a slash, and a name part. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = []
  const parts = value.split('/')
  let name: string
  if (parts.length === 1) {
    name = parts[0]!
  } else if (parts.length === 2) {
    const prefix = parts[0]!
    name = parts[1]!
    if (prefix.length === 0) errs.push('prefix part must be non-empty')
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`)
  } else {
    return [
      `a valid label key ${regexError(labelKeyErrMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]
  }
  if (name.length === 0) errs.push('name part must be non-empty')
  else if (byteLength(name) > 63) errs.push(`name part ${maxBytesError(63)}`)
  if (!labelKeyRe.test(name))
    errs.push(`name part ${regexError(labelKeyErrMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc')}`)
  return errs
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > 63) errs.push(maxBytesError(63))
  if (!labelValueRe.test(value))
    errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'))
  return errs
}

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return [`must not be '.'`]
  if (value === '..') return [`must not be '..'`]
  if (value.startsWith('..')) return [`must not start with '..'`]
  return []
}

export function isConfigMapKey(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > 253) errs.push(maxLenError(253))
  if (!configMapKeyRe.test(value))
    errs.push(regexError(configMapKeyErrMsg, configMapKeyFmt, 'key.name', 'KEY_NAME', 'key-name'))
  errs.push(...hasChDirPrefix(value))
  return errs
}

/** IsRelaxedEnvVarName: the RelaxedEnvironmentVariableValidation rules, GA and always on in v1.35. */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = []
  if (value.length === 0) errs.push('environment variable name must be non-empty')
  if (!relaxedEnvNameRe.test(value)) {
    errs.push(
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    )
  }
  return errs
}

export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)]
}

export function isValidPortName(port: string): string[] {
  const errs: string[] = []
  if (port.length > 15) errs.push(maxLenError(15))
  if (!portNameCharsetRe.test(port))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  if (!portNameLetterRe.test(port)) errs.push('must contain at least one letter (a-z)')
  if (port.includes('--')) errs.push('must not contain consecutive hyphens')
  if (port.length > 0 && (port[0] === '-' || port[port.length - 1] === '-'))
    errs.push('must not begin or end with a hyphen')
  return errs
}

export function isValidPercent(value: string): string[] {
  return percentRe.test(value)
    ? []
    : [
        regexError(
          "a valid percent string must be a numeric string followed by an ending '%'",
          percentFmt,
          '1%',
          '93%',
        ),
      ]
}

export function isHTTPHeaderName(value: string): string[] {
  return httpHeaderNameRe.test(value)
    ? []
    : [
        regexError(
          "a valid HTTP header must consist of alphanumeric characters or '-'",
          httpHeaderNameFmt,
          'X-Header-Name',
        ),
      ]
}

/** path.IsValidPathSegmentName: what RBAC names and the generic object-meta pass demand. */
export function isValidPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`]
  const errs: string[] = []
  if (name.includes('/')) errs.push(`may not contain '/'`)
  if (name.includes('%')) errs.push(`may not contain '%'`)
  return errs
}

/** A name validator as ValidateNameFunc: `prefix` is true for generateName, which may end in a dash. */
export type NameValidator = (name: string, prefix: boolean) => string[]

// A generateName may end in '-', since random characters follow it.
const maskTrailingDash = (name: string): string =>
  name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name

export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name)
export const nameIsDNSLabel: NameValidator = (name, prefix) =>
  isDNS1123Label(prefix ? maskTrailingDash(name) : name)
export const nameIsDNS1035Label: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name)
export const pathSegmentName: NameValidator = (name, prefix) => {
  if (!prefix) return isValidPathSegmentName(name)
  const errs: string[] = []
  if (name.includes('/')) errs.push(`may not contain '/'`)
  if (name.includes('%')) errs.push(`may not contain '%'`)
  return errs
}
