// Sets of field paths, as server-side apply tracks ownership (sigs.k8s.io/structured-merge-diff fieldpath).
// A set is a tree keyed by path elements written the way FieldsV1 writes them: `f:<field>`, `k:<json of the
// key fields>` for an item of a list keyed by some of its fields, `v:<json>` for an item of a set, `i:<n>`
// for an index. A node that is itself in the set is a "member" (the `.` entry of FieldsV1).

export interface FieldSet {
  member: boolean
  children: Map<string, FieldSet>
}

export function emptySet(): FieldSet {
  return { member: false, children: new Map() }
}

export function isEmpty(set: FieldSet): boolean {
  return !set.member && set.children.size === 0
}

export function insert(set: FieldSet, path: readonly string[]): void {
  let node = set
  for (const element of path) {
    let child = node.children.get(element)
    if (!child) node.children.set(element, (child = emptySet()))
    node = child
  }
  node.member = true
}

export function has(set: FieldSet, path: readonly string[]): boolean {
  let node: FieldSet | undefined = set
  for (const element of path) {
    node = node.children.get(element)
    if (!node) return false
  }
  return node.member
}

function prune(set: FieldSet): FieldSet | undefined {
  return isEmpty(set) ? undefined : set
}

// Sets are values: the operations below share untouched subtrees with their inputs instead of copying
// them, and nothing changes a set once it has been built.
export function union(a: FieldSet, b: FieldSet): FieldSet {
  if (isEmpty(b)) return a
  if (isEmpty(a)) return b
  const out: FieldSet = { member: a.member || b.member, children: new Map(a.children) }
  for (const [key, y] of b.children) {
    const x = a.children.get(key)
    out.children.set(key, x ? union(x, y) : y)
  }
  return out
}

export function difference(a: FieldSet, b: FieldSet): FieldSet {
  if (isEmpty(b) || isEmpty(a)) return a
  const out: FieldSet = { member: a.member && !b.member, children: new Map() }
  for (const [key, x] of a.children) {
    const y = b.children.get(key)
    const child = y ? prune(difference(x, y)) : x
    if (child) out.children.set(key, child)
  }
  return out
}

export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { member: a.member && b.member, children: new Map() }
  for (const [key, x] of a.children) {
    const y = b.children.get(key)
    if (!y) continue
    const child = prune(intersection(x, y))
    if (child) out.children.set(key, child)
  }
  return out
}

export function equal(a: FieldSet, b: FieldSet): boolean {
  if (a.member !== b.member || a.children.size !== b.children.size) return false
  for (const [key, x] of a.children) {
    const y = b.children.get(key)
    if (!y || !equal(x, y)) return false
  }
  return true
}

// structured-merge-diff orders path elements by kind (field names, then keys, then values, then indexes),
// then by content; FieldsV1 and conflict lists follow that order.
const KIND_RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 }
export function compareElements(a: string, b: string): number {
  const rank = (KIND_RANK[a[0]!] ?? 4) - (KIND_RANK[b[0]!] ?? 4)
  if (rank !== 0) return rank
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2))
  return a < b ? -1 : a > b ? 1 : 0
}

function sortedChildren(set: FieldSet): [string, FieldSet][] {
  return [...set.children].sort(([a], [b]) => compareElements(a, b))
}

/** Every member path, in the order structured-merge-diff iterates a set: a node's leaves before its subtrees. */
export function paths(set: FieldSet, prefix: string[] = []): string[][] {
  const out: string[][] = []
  if (set.member && prefix.length) out.push(prefix)
  const children = sortedChildren(set)
  for (const [key, child] of children) if (child.member) out.push([...prefix, key])
  for (const [key, child] of children)
    if (child.children.size) out.push(...paths({ member: false, children: child.children }, [...prefix, key]))
  return out
}

/** FieldsV1: members are `{}` (or `".": {}` beside children), children are nested objects. */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (set.member && set.children.size) out['.'] = {}
  for (const [key, child] of sortedChildren(set)) out[key] = toFieldsV1(child)
  return out
}

export function fromFieldsV1(fields: unknown): FieldSet {
  const set = emptySet()
  if (!fields || typeof fields !== 'object') return set
  const entries = Object.entries(fields as Record<string, unknown>)
  for (const [key, value] of entries) {
    if (key === '.') {
      set.member = true
      continue
    }
    const child = fromFieldsV1(value)
    if (!value || typeof value !== 'object' || Object.keys(value).length === 0) child.member = true
    set.children.set(key, child)
  }
  return set
}

/** Go's %v of a scalar in a path: strings quoted as %q, numbers and booleans as they are. */
function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null) return 'null'
  return String(value)
}

/** A path as structured-merge-diff prints it in conflicts: `.spec.containers[name="nginx"].image`. */
export function pathString(path: readonly string[]): string {
  return path
    .map((element) => {
      const body = element.slice(2)
      switch (element[0]) {
        case 'f':
          return `.${body}`
        case 'k': {
          const key = JSON.parse(body) as Record<string, unknown>
          return `[${Object.entries(key)
            .map(([k, v]) => `${k}=${goValue(v)}`)
            .join(',')}]`
        }
        case 'v':
          return `[=${goValue(JSON.parse(body))}]`
        default:
          return `[${body}]`
      }
    })
    .join('')
}
