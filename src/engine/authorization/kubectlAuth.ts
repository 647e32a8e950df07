// What `kubectl auth can-i` and `kubectl auth whoami` print (staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go and
// whoami.go, the rule helpers of k8s.io/kubectl/pkg/util/rbac, and the tab writer of cli-runtime's printers).
// Outputs end with the newline kubectl prints.
import type { PolicyRule } from './types'

/** text/tabwriter as kubectl configures it: minwidth 6, tabwidth 4, padding 3, padded with spaces. */
export function tabwrite(lines: readonly string[][]): string {
  const widths: number[] = []
  for (const cells of lines) {
    // The text after the last tab is not a column cell: it is printed as is.
    for (let i = 0; i < cells.length - 1; i++) {
      const w = Math.max(6, [...cells[i]!].length + 3)
      if (w > (widths[i] ?? 0)) widths[i] = w
    }
  }
  let out = ''
  for (const cells of lines) {
    let line = ''
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!
      line += i < cells.length - 1 ? cell + ' '.repeat(widths[i]! - [...cell].length) : cell
    }
    out += `${line}\n`
  }
  return out
}

/** Go's %v of a []string: `[a b]`, `[]` when empty. */
function goList(values: readonly string[] | undefined): string {
  return `[${(values ?? []).join(' ')}]`
}

interface AccessReviewLike {
  status?: { allowed?: boolean; reason?: string; evaluationError?: string }
}

/** `kubectl auth can-i`: `yes`, or `no`, followed by ` - <reason>` and ` - <evaluationError>` when present. */
export function canIOutput(review: AccessReviewLike): string {
  const status = review.status ?? {}
  if (status.allowed) return 'yes\n'
  let out = 'no'
  if (status.reason) out += ` - ${status.reason}`
  if (status.evaluationError) out += ` - ${status.evaluationError}`
  return `${out}\n`
}

interface RulesReviewLike {
  status?: {
    resourceRules?: {
      verbs?: string[]
      apiGroups?: string[]
      resources?: string[]
      resourceNames?: string[]
    }[]
    nonResourceRules?: { verbs?: string[]; nonResourceURLs?: string[] }[]
    incomplete?: boolean
    evaluationError?: string
  }
}

// kubectl's own BreakdownRule (same as the server's).
function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = []
  for (const group of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? [])
      for (const verb of rule.verbs ?? []) {
        if (rule.resourceNames?.length)
          for (const name of rule.resourceNames)
            out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] })
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] })
      }
  for (const url of rule.nonResourceURLs ?? [])
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] })
  return out
}

// kubectl's CompactRules differs from the server's: a rule with one resource name is still simple, keyed by it.
function compact(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = []
  const simple = new Map<string, PolicyRule>()
  for (const rule of rules) {
    const isSimple =
      (rule.resourceNames?.length ?? 0) <= 1 &&
      !rule.nonResourceURLs?.length &&
      rule.apiGroups?.length === 1 &&
      rule.resources?.length === 1
    if (!isSimple) {
      compacted.push(rule)
      continue
    }
    const name = rule.resourceNames?.[0]
    const key = JSON.stringify([rule.apiGroups![0], rule.resources![0], name ?? null])
    const existing = simple.get(key)
    if (existing) existing.verbs = [...existing.verbs, ...(rule.verbs ?? [])]
    else simple.set(key, { ...rule, verbs: [...(rule.verbs ?? [])] })
  }
  return [...compacted, ...simple.values()]
}

/** The generated protobuf String() of rbac/v1 PolicyRule, which kubectl sorts the rows by. */
function protoString(rule: PolicyRule): string {
  return (
    `&PolicyRule{Verbs:${goList(rule.verbs)},APIGroups:${goList(rule.apiGroups)},Resources:${goList(rule.resources)},` +
    `ResourceNames:${goList(rule.resourceNames)},NonResourceURLs:${goList(rule.nonResourceURLs)},}`
  )
}

/** describe.CombineResourceGroup: `deployments.apps`, `pods/log`, `deployments.apps/scale`. */
function combineResourceGroup(
  resources: readonly string[] | undefined,
  groups: readonly string[] | undefined,
): string {
  if (!resources?.length) return ''
  const [resource, sub] = splitOnce(resources[0]!)
  let combined = resource
  if (groups?.length && groups[0] !== '') combined += `.${groups[0]}`
  if (sub !== undefined) combined += `/${sub}`
  return combined
}

function splitOnce(s: string): [string, string | undefined] {
  const i = s.indexOf('/')
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)]
}

/**
 * `kubectl auth can-i --list`: the review's rules broken down, compacted, sorted by their Go String() and
 * printed as a table. `warnings` holds what kubectl writes to stderr (`Warning: the list may be incomplete: ...`).
 */
export function canIListOutput(
  review: RulesReviewLike,
  noHeaders = false,
): { output: string; warnings: string[] } {
  const status = review.status ?? {}
  const warnings = status.incomplete
    ? [`Warning: the list may be incomplete: ${status.evaluationError ?? ''}`]
    : []
  const rules: PolicyRule[] = []
  for (const r of status.resourceRules ?? [])
    rules.push({
      verbs: r.verbs ?? [],
      apiGroups: r.apiGroups,
      resources: r.resources,
      resourceNames: r.resourceNames,
    })
  for (const r of status.nonResourceRules ?? [])
    rules.push({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs })
  const rows = compact(rules.flatMap(breakdown))
    .map((rule) => ({ rule, key: protoString(rule) }))
    // A stable sort on the String() text, compared byte-wise as Go's strings.Compare does.
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const lines: string[][] = []
  if (!noHeaders) lines.push(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'])
  for (const { rule } of rows)
    lines.push([
      combineResourceGroup(rule.resources, rule.apiGroups),
      goList(rule.nonResourceURLs),
      goList(rule.resourceNames),
      goList(rule.verbs),
    ])
  return { output: tabwrite(lines), warnings }
}

interface SelfSubjectReviewLike {
  status?: {
    userInfo?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> }
  }
}

/** `kubectl auth whoami`: ATTRIBUTE/VALUE rows for the username, uid, groups and each extra key (sorted). */
export function whoamiOutput(review: SelfSubjectReviewLike): string {
  const ui = review.status?.userInfo ?? {}
  const lines: string[][] = [['ATTRIBUTE', 'VALUE']]
  if (ui.username) lines.push(['Username', ui.username])
  if (ui.uid) lines.push(['UID', ui.uid])
  if (ui.groups?.length) lines.push(['Groups', goList(ui.groups)])
  const extra = ui.extra ?? {}
  for (const key of Object.keys(extra).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    lines.push([`Extra: ${key}`, goList(extra[key])])
  return tabwrite(lines)
}
