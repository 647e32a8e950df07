// Levels, policy versions and the namespace labels that select them (pod-security-admission/api), with
// the real parsing rules: a bad enforce level fails closed to restricted, a bad audit or warn level fails
// open to privileged, a bad version means latest, and each bad label is also reported as a field error.
import type { FieldError } from '../../types'

export type Level = 'privileged' | 'baseline' | 'restricted'

/** A policy version: a minor of v1, or latest (newer than every numbered version). */
export type PolicyVersion = { latest: true } | { latest: false; minor: number }

export interface ParsedLevelVersion {
  level: Level
  version: PolicyVersion
}

export interface Policy {
  enforce: ParsedLevelVersion
  audit: ParsedLevelVersion
  warn: ParsedLevelVersion
}

export type Mode = keyof Policy

export const MODES: readonly Mode[] = ['enforce', 'audit', 'warn']

export const LATEST: PolicyVersion = { latest: true }

export const levelLabel = (mode: Mode) => `pod-security.kubernetes.io/${mode}`
export const versionLabel = (mode: Mode) => `pod-security.kubernetes.io/${mode}-version`

export function versionString(v: PolicyVersion): string {
  return v.latest ? 'latest' : `v1.${v.minor}`
}

/** LevelVersion.String(): `restricted:latest`. */
export function levelVersionString(lv: ParsedLevelVersion): string {
  return `${lv.level}:${versionString(lv.version)}`
}

export function sameLevelVersion(a: ParsedLevelVersion, b: ParsedLevelVersion): boolean {
  return a.level === b.level && sameVersion(a.version, b.version)
}

export function sameVersion(a: PolicyVersion, b: PolicyVersion): boolean {
  return a.latest ? b.latest : !b.latest && a.minor === b.minor
}

const isLevel = (s: string): s is Level => s === 'privileged' || s === 'baseline' || s === 'restricted'

/** `v1.<minor>` with no leading zeros (`^v1\.([0-9]|[1-9][0-9]*)$`), or latest; undefined when invalid. */
export function parseVersion(s: string): PolicyVersion | undefined {
  if (s === 'latest') return LATEST
  if (!s.startsWith('v1.') || s.length < 4) return undefined
  const digits = s.slice(3)
  if (digits.length > 1 && digits[0] === '0') return undefined
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i)
    if (c < 48 || c > 57) return undefined
  }
  const minor = Number(digits)
  // strconv.Atoi fails beyond int64; anything that large is rejected the same way.
  return Number.isSafeInteger(minor) ? { latest: false, minor } : undefined
}

/** How strict a level is, for CompareLevels. */
export const LEVEL_RANK: Record<Level, number> = { privileged: 0, baseline: 1, restricted: 2 }

export const DEFAULT_POLICY: Policy = {
  enforce: { level: 'privileged', version: LATEST },
  audit: { level: 'privileged', version: LATEST },
  warn: { level: 'privileged', version: LATEST },
}

const LEVEL_ERROR = 'must be one of privileged, baseline, restricted'
const VERSION_ERROR = 'must be "latest" or "v1.x"'

/**
 * PolicyToEvaluate: the namespace's policy from its labels over the defaults. A usable policy comes back
 * even with errors, so a namespace with a typo in a label is still enforced (restricted, fail closed).
 */
export function policyToEvaluate(
  labels: Record<string, string> | undefined,
  defaults: Policy,
): { policy: Policy; errors: FieldError[] } {
  const policy: Policy = {
    enforce: { ...defaults.enforce },
    audit: { ...defaults.audit },
    warn: { ...defaults.warn },
  }
  const errors: FieldError[] = []
  if (!labels) return { policy, errors }
  for (const mode of MODES) {
    const levelKey = levelLabel(mode)
    const level = labels[levelKey]
    if (level !== undefined) {
      if (isLevel(level)) policy[mode].level = level
      else {
        policy[mode].level = mode === 'enforce' ? 'restricted' : 'privileged'
        errors.push(labelError(levelKey, level, LEVEL_ERROR))
      }
    }
    const versionKey = versionLabel(mode)
    const version = labels[versionKey]
    if (version !== undefined) {
      const parsed = parseVersion(version)
      policy[mode].version = parsed ?? LATEST
      if (!parsed) errors.push(labelError(versionKey, version, VERSION_ERROR))
    }
  }
  return { policy, errors }
}

function labelError(key: string, value: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field: `metadata.labels[${key}]`, badValue: value, detail }
}

export const fullyPrivileged = (p: Policy) =>
  p.enforce.level === 'privileged' && p.audit.level === 'privileged' && p.warn.level === 'privileged'

/** Two level-versions behave the same when both are privileged (the version is moot) or both are equal. */
const equivalent = (a: ParsedLevelVersion, b: ParsedLevelVersion) =>
  (a.level === 'privileged' && b.level === 'privileged') || sameLevelVersion(a, b)

export const equivalentPolicies = (a: Policy, b: Policy) =>
  MODES.every((mode) => equivalent(a[mode], b[mode]))
