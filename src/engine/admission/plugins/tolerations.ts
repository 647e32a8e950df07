// pkg/util/tolerations: how tolerations are merged (a toleration another one covers is dropped) and checked
// against a whitelist. RuntimeClass and PodTolerationRestriction both use these.

export interface Toleration {
  key?: string
  operator?: string
  value?: string
  effect?: string
  tolerationSeconds?: number | null
}

/** Semantic.DeepEqual on two tolerations: unset and empty strings are the same Go zero value. */
function same(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '') &&
    (a.tolerationSeconds ?? null) === (b.tolerationSeconds ?? null)
  )
}

/** Whether `ss` tolerates everything `t` tolerates. */
export function isSuperset(ss: Toleration, t: Toleration): boolean {
  if (same(ss, t)) return true
  const ssKey = ss.key ?? ''
  // An empty key with operator Exists matches every key.
  if ((t.key ?? '') !== ssKey && (ssKey !== '' || ss.operator !== 'Exists')) return false
  // An empty effect matches every effect.
  if ((t.effect ?? '') !== (ss.effect ?? '') && (ss.effect ?? '') !== '') return false
  if (ss.effect === 'NoExecute' && ss.tolerationSeconds != null) {
    if (t.tolerationSeconds == null || t.tolerationSeconds > ss.tolerationSeconds) return false
  }
  switch (ss.operator ?? '') {
    case 'Equal':
    case '':
      return t.operator === 'Equal' && (t.value ?? '') === (ss.value ?? '')
    case 'Exists':
      return true
    default:
      return false
  }
}

/** MergeTolerations: first then second, keeping only tolerations no other one covers (the first of equals). */
export function mergeTolerations(first: readonly Toleration[], second: readonly Toleration[]): Toleration[] {
  const all = [...first, ...second]
  const merged: Toleration[] = []
  all.forEach((t, i) => {
    if (merged.some((m) => isSuperset(m, t))) return
    if (all.slice(i + 1).some((later) => !same(t, later) && isSuperset(later, t))) return
    merged.push(t)
  })
  return merged
}

/** VerifyAgainstWhitelist: every toleration must be covered by some whitelisted one. */
export function verifyAgainstWhitelist(
  tolerations: readonly Toleration[],
  whitelist: readonly Toleration[],
): boolean {
  if (whitelist.length === 0 || tolerations.length === 0) return true
  return tolerations.every((t) => whitelist.some((w) => isSuperset(w, t)))
}

export function describeToleration(t: Toleration): string {
  const key = t.key || '*'
  const what = t.operator === 'Exists' ? `${key} (any value)` : `${key}=${t.value ?? ''}`
  return `${what}:${t.effect || 'any effect'}`
}
