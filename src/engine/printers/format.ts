// The small formatters kube-apiserver's printers share: ages (apimachinery's duration.HumanDuration), label
// maps and label selectors as text, and container names and images as comma-separated cells.

/** duration.HumanDuration: the AGE column's text for a span of milliseconds. */
export function humanDuration(millis: number): string {
  const seconds = Math.trunc(millis / 1000)
  // Up to two seconds in the future is tolerated as clock skew.
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.trunc(seconds / 60)
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = Math.trunc(minutes / 60)
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8) return hours % 24 === 0 ? `${hours / 24}d` : `${Math.trunc(hours / 24)}d${hours % 24}h`
  const days = Math.trunc(hours / 24)
  if (hours < 24 * 365 * 2) return `${days}d`
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${days / 365}y` : `${Math.trunc(days / 365)}y${days % 365}d`
  return `${Math.trunc(days / 365)}y`
}

/** translateTimestampSince: `<unknown>` for a missing timestamp. */
export function age(timestamp: unknown, now: string): string {
  if (typeof timestamp !== 'string' || !timestamp) return '<unknown>'
  return humanDuration(Date.parse(now) - Date.parse(timestamp))
}

/** labels.FormatLabels: `k=v` pairs sorted by key, or `<none>`. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries((labels ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>'
}

interface Requirement {
  key: string
  operator: string
  values?: string[]
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/** metav1.FormatLabelSelector: the selector as labels.Selector prints it, or `<none>` when it selects all. */
export function formatLabelSelector(selector: unknown): string {
  if (!selector || typeof selector !== 'object') return '<none>'
  const { matchLabels, matchExpressions } = selector as { matchLabels?: Record<string, string>; matchExpressions?: Requirement[] }
  const parts: { key: string; text: string }[] = []
  for (const [key, value] of Object.entries(matchLabels ?? {})) parts.push({ key, text: `${key}=${value}` })
  for (const r of matchExpressions ?? []) {
    const values = [...(r.values ?? [])].sort().join(',')
    const text =
      r.operator === 'In' ? `${r.key} in (${values})`
        : r.operator === 'NotIn' ? `${r.key} notin (${values})`
          : r.operator === 'Exists' ? r.key
            : r.operator === 'DoesNotExist' ? `!${r.key}`
              : ''
    if (!text) return '<error>'
    parts.push({ key: r.key, text })
  }
  // A stable sort by key, as labels.Selector sorts its requirements.
  const text = parts.sort(byKey).map((p) => p.text).join(',')
  return text || '<none>'
}

/** layoutContainerCells: the names and the images of the containers, each joined with commas. */
export function containerCells(containers: unknown): [string, string] {
  const list = Array.isArray(containers) ? (containers as { name?: string; image?: string }[]) : []
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')]
}
