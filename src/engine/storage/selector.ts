// Label selection over stored objects, as the storage layer's list filter (SelectionPredicate) applies it
// after the range read: etcd cannot filter by label, so kube-apiserver reads the whole prefix and keeps the
// objects whose labels match.
import type { KubeObject } from '../types'
import type { KeyValue } from './etcd'

export type Requirement =
  { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | '!' }

/**
 * Parses the string form (`app=web,tier!=db,env in (a,b),!legacy,track`). `=` and `==` are `in` with one
 * value and `!=` is `notin`, as labels.Parse reads them. Throws on text it cannot read.
 */
export function parseLabelSelector(selector: string): Requirement[] {
  const out: Requirement[] = []
  let i = 0
  const s = selector
  const skip = () => {
    while (s[i] === ' ') i++
  }
  const word = () => {
    skip()
    const start = i
    while (i < s.length && !' ,=!()'.includes(s[i]!)) i++
    return s.slice(start, i)
  }
  while (i < s.length) {
    skip()
    if (s[i] === '!') {
      i++
      out.push({ key: word(), op: '!' })
    } else {
      const key = word()
      skip()
      if (s.startsWith('!=', i)) {
        i += 2
        out.push({ key, op: 'notin', values: [word()] })
      } else if (s.startsWith('==', i) || s[i] === '=') {
        i += s[i + 1] === '=' ? 2 : 1
        out.push({ key, op: 'in', values: [word()] })
      } else if (s.startsWith('in', i) || s.startsWith('notin', i)) {
        const op = s.startsWith('in', i) ? 'in' : 'notin'
        i += op.length
        skip()
        if (s[i] !== '(') throw new Error(`unable to parse requirement: found '${s[i] ?? ''}', expected: '('`)
        i++
        const values: string[] = []
        for (;;) {
          values.push(word())
          skip()
          if (s[i] === ',') i++
          else if (s[i] === ')') {
            i++
            break
          } else throw new Error(`unable to parse requirement: found '${s[i] ?? ''}', expected: ',' or ')'`)
        }
        out.push({ key, op, values })
      } else if (key) out.push({ key, op: 'exists' })
      else throw new Error(`unable to parse requirement: unexpected '${s[i]}'`)
    }
    skip()
    if (s[i] === ',') i++
    else if (i < s.length) throw new Error(`unable to parse requirement: found '${s[i]}', expected: ','`)
  }
  return out
}

export function matchesLabels(
  labels: Record<string, string> | undefined,
  requirements: Requirement[],
): boolean {
  for (const r of requirements) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key)
    switch (r.op) {
      case 'exists':
        if (!has) return false
        break
      case '!':
        if (has) return false
        break
      case 'in':
        if (!has || !r.values.includes(labels[r.key]!)) return false
        break
      case 'notin':
        if (has && r.values.includes(labels[r.key]!)) return false
        break
    }
  }
  return true
}

/** The key-values whose object labels match the selector (string form, or parsed requirements). */
export function selectByLabels<V extends KubeObject>(
  kvs: KeyValue<V>[],
  selector: string | Requirement[],
): KeyValue<V>[] {
  const requirements = typeof selector === 'string' ? parseLabelSelector(selector) : selector
  if (!requirements.length) return kvs
  return kvs.filter((kv) => matchesLabels(kv.value.metadata?.labels, requirements))
}
