// The check registry (pod-security-admission/policy/registry.go): for every policy version v1.0 up to the
// newest version any check mentions, the ordered list of check revisions that apply at baseline and at
// restricted. Built once at load, so evaluating a Pod is only running the listed functions.
import { BASELINE_CHECKS } from './checks/baseline'
import { RESTRICTED_CHECKS } from './checks/restricted'
import type { Check, CheckPodFn, CheckResult, PodMetadata, PodSpec, VersionedCheck } from './checks/types'
import { type Level, type ParsedLevelVersion, parseVersion } from './levels'

export type { Level } from './levels'

export interface LevelVersion {
  level: Level
  /** `latest` or `v1.0` … `v1.35` (later minors evaluate as the newest known version). */
  version: string
}

export const ALL_CHECKS: readonly Check[] = [...BASELINE_CHECKS, ...RESTRICTED_CHECKS]

/** The newest policy version any check has a revision for; `latest` and later minors evaluate as this. */
export const MAX_POLICY_MINOR = Math.max(
  ...ALL_CHECKS.map((c) => c.versions[c.versions.length - 1]!.minimumVersion),
)

// Failed checks are reported baseline IDs first, then restricted IDs, each group in Go's byte-wise sort.
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const ORDERED_IDS = [
  ...BASELINE_CHECKS.map((c) => c.id).sort(byteOrder),
  ...RESTRICTED_CHECKS.map((c) => c.id).sort(byteOrder),
]

/** The revision of a check in force at a minor version, if the check exists yet. */
function revisionAt(check: Check, minor: number): VersionedCheck | undefined {
  let found: VersionedCheck | undefined
  for (const v of check.versions) if (v.minimumVersion <= minor) found = v
  return found
}

interface VersionTable {
  baseline: CheckPodFn[]
  restricted: CheckPodFn[]
}

function buildTable(minor: number): VersionTable {
  const baseline = new Map<string, CheckPodFn>()
  const restricted = new Map<string, CheckPodFn>()
  const overridden = new Set<string>()
  for (const check of ALL_CHECKS) {
    const rev = revisionAt(check, minor)
    if (!rev) continue
    if (check.level === 'baseline') baseline.set(check.id, rev.checkPod)
    else {
      restricted.set(check.id, rev.checkPod)
      for (const id of rev.overrides ?? []) overridden.add(id)
    }
  }
  const inOrder = (fns: Map<string, CheckPodFn>) =>
    ORDERED_IDS.flatMap((id) => {
      const fn = fns.get(id)
      return fn ? [fn] : []
    })
  // Restricted is every baseline check not replaced by a stricter restricted revision, plus its own.
  for (const [id, fn] of baseline) if (!overridden.has(id)) restricted.set(id, fn)
  return { baseline: inOrder(baseline), restricted: inOrder(restricted) }
}

const TABLES: readonly VersionTable[] = Array.from({ length: MAX_POLICY_MINOR + 1 }, (_, minor) =>
  buildTable(minor),
)

/** Runs the checks of a parsed level-version; the failures, in the order the real plugin reports them. */
export function evaluateParsed(lv: ParsedLevelVersion, meta: PodMetadata, spec: PodSpec): CheckResult[] {
  if (lv.level === 'privileged') return []
  const minor = lv.version.latest ? MAX_POLICY_MINOR : Math.min(lv.version.minor, MAX_POLICY_MINOR)
  const table = TABLES[minor]!
  const results: CheckResult[] = []
  for (const check of lv.level === 'baseline' ? table.baseline : table.restricted) {
    const result = check(meta, spec)
    if (result) results.push(result)
  }
  return results
}

/** Evaluate a PodSpec + pod metadata against a level/version: the failed checks, each {reason, detail}, in the real plugin's order. */
export function evaluatePod(lv: LevelVersion, podMetadata: object, podSpec: object): CheckResult[] {
  // An unparseable version evaluates as latest, as the namespace labels do.
  const version = parseVersion(lv.version) ?? { latest: true }
  return evaluateParsed({ level: lv.level, version }, podMetadata as PodMetadata, podSpec as PodSpec)
}

/** AggregateCheckResult.ForbiddenDetail(): `reason (detail), reason (detail)`; an empty detail adds nothing. */
export function forbiddenDetail(results: readonly CheckResult[]): string {
  return results.map((r) => (r.detail ? `${r.reason} (${r.detail})` : r.reason)).join(', ')
}

/** AggregateCheckResult.ForbiddenReason(): the reasons alone, as namespace label changes report them. */
export function forbiddenReason(results: readonly CheckResult[]): string {
  return results.map((r) => r.reason).join(', ')
}
